"""When the demo city files: growth per year, type mix per year, seasonality (December peak,
Spring Festival dip, quiet weekends and National Day) and day-to-day noise. `daily_counts` spreads
exactly `total` filings over the days from 2005-01-01 to `today`."""
from __future__ import annotations

import datetime as dt
import random

FIRST_DAY = dt.date(2005, 1, 1)
# Relative filing volume per full year (growth, the 2020 peak, the post-2021 clean-up).
YEAR_WEIGHT = {2005: 1.0, 2006: 1.4, 2007: 1.9, 2008: 2.6, 2009: 3.4, 2010: 4.3, 2011: 5.6,
               2012: 6.8, 2013: 7.6, 2014: 7.0, 2015: 7.8, 2016: 8.6, 2017: 9.2, 2018: 10.5,
               2019: 11.0, 2020: 13.0, 2021: 12.4, 2022: 11.0, 2023: 10.6, 2024: 10.8,
               2025: 11.0, 2026: 11.2}
MONTH_WEIGHT = (0.95, 0.9, 1.0, 0.95, 0.95, 1.05, 0.95, 0.95, 1.0, 0.85, 1.05, 1.45)
SPRING_FESTIVAL = {2005: "02-09", 2006: "01-29", 2007: "02-18", 2008: "02-07", 2009: "01-26",
                   2010: "02-14", 2011: "02-03", 2012: "01-23", 2013: "02-10", 2014: "01-31",
                   2015: "02-19", 2016: "02-08", 2017: "01-28", 2018: "02-16", 2019: "02-05",
                   2020: "01-25", 2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10",
                   2025: "01-29", 2026: "02-17", 2027: "02-06"}
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.0, 1.05, 0.25, 0.15)


def type_mix(year: int) -> tuple[float, float, float]:
    """(invention, utility, design) shares: inventions grow from 20 % to 30 %, designs shrink."""
    t = min(max(year - 2005, 0), 18) / 18
    invention = 0.20 + 0.10 * t
    design = 0.24 - 0.12 * t
    return invention, 1 - invention - design, design


def day_weight(day: dt.date) -> float:
    weight = MONTH_WEIGHT[day.month - 1] * WEEKDAY_WEIGHT[day.weekday()]
    festival = SPRING_FESTIVAL.get(day.year)
    if festival:
        offset = (day - dt.date.fromisoformat(f"{day.year}-{festival}")).days
        if -3 <= offset <= 6:
            weight *= 0.08
    if day.month == 10 and day.day <= 7:
        weight *= 0.15
    if day.month == 12 and day.day >= 20:
        weight *= 1.35
    return weight * YEAR_WEIGHT.get(day.year, YEAR_WEIGHT[2026])


def daily_counts(rng: random.Random, total: int, today: dt.date) -> list[tuple[dt.date, int]]:
    """(day, filings) for every day with filings; the counts add up to `total` exactly."""
    days, weights = [], []
    day = FIRST_DAY
    while day <= today:
        days.append(day)
        weights.append(day_weight(day) * rng.lognormvariate(0, 0.25))
        day += dt.timedelta(days=1)
    scale = total / sum(weights)
    out, running, given = [], 0.0, 0
    for day, weight in zip(days, weights):
        running += weight * scale
        count = int(running + 1e-9) - given
        if count:
            out.append((day, count))
            given += count
    if given < total:  # float rounding at the very end
        last_day, last_count = out.pop() if out else (today, 0)
        out.append((last_day, last_count + total - given))
    return out
