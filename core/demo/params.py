"""Demo parameters (演示数据, editable by an admin): year-end resident population (万人) and GDP
(亿元) per county-level unit of 苏州市 and year, and yearly indicator targets for the city.

Orders of magnitude are Suzhou's published ones (2023: about 1,296万 residents, GDP about
24,650亿 yuan). Below FULL_SCALE demo patents both are scaled down with the demo size, so the
per-population and per-GDP indicators of a small demo still land in a realistic range; the note
of every row says so."""
from __future__ import annotations

import datetime as dt
from itertools import pairwise

from core.config import params
from core.db import db
from core.demo.region import CITY

SOURCE = "演示数据"
FULL_SCALE = 1_000_000
# County share of population (万人, 2023) and GDP (亿元, 2023).
POPULATION_2023 = {"320583": 212, "320581": 168, "320582": 144, "320509": 155, "320506": 141,
                   "320507": 92, "320508": 93, "320505": 85, "320576": 115, "320585": 91}
GDP_2023 = {"320583": 5140, "320576": 3686, "320582": 3300, "320581": 2900, "320509": 2400,
            "320505": 1800, "320585": 1760, "320506": 1600, "320507": 1100, "320508": 1000}
CITY_POPULATION = {2005: 810, 2010: 1047, 2015: 1062, 2020: 1275, 2023: 1296, 2026: 1310}
CITY_GDP = {2005: 4027, 2010: 9229, 2015: 14504, 2020: 20171, 2023: 24653, 2026: 28900}
# City targets per year (per-population targets assume the full-scale demo).
TARGETS = {"inventions_per_10k": {2021: 60, 2022: 66, 2023: 72, 2024: 78, 2025: 84, 2026: 90},
           "hv_inventions_per_10k": {2021: 20, 2022: 23, 2023: 26, 2024: 29, 2025: 32, 2026: 35},
           "applications_growth_pct": {y: 3 for y in range(2021, 2027)},
           "invention_applications_share_pct": {y: 28 + (y - 2021) for y in range(2021, 2027)}}


def _curve(points: dict[int, float], year: int) -> float:
    years = sorted(points)
    if year <= years[0]:
        return points[years[0]]
    for low, high in pairwise(years):
        if year <= high:
            return points[low] + (points[high] - points[low]) * (year - low) / (high - low)
    return points[years[-1]]


def scale(n: int) -> float:
    return min(1.0, n / FULL_SCALE)


def rows(n: int, last_year: int) -> list[tuple[str, str, int, float]]:
    """(key, region, year, value) of population and GDP for the city and each county."""
    factor = scale(n)
    out = []
    for year in range(2005, last_year + 1):
        pop = _curve(CITY_POPULATION, year) * factor
        gdp = _curve(CITY_GDP, year) * factor
        out.append(("population", CITY, year, round(pop, 2)))
        out.append(("gdp", CITY, year, round(gdp, 1)))
        for county, share in POPULATION_2023.items():
            out.append(("population", county, year, round(pop * share / 1296, 2)))
        for county, share in GDP_2023.items():
            out.append(("gdp", county, year, round(gdp * share / 24686, 1)))
    return out


def write(n: int, today: dt.date | None = None) -> int:
    """Store the demo parameters (once per key, region and year). Returns rows written."""
    last = (today or dt.date.today()).year
    note = (f"演示数据：按苏州市公开数量级（2023年常住人口约1296万人，GDP约2.47万亿元）"
            f"乘以演示规模系数 {scale(n):.4g}（{n} 件 / {FULL_SCALE} 件）")
    with db.atomic():  # one transaction for the few hundred rows
        return _write(n, last, note)


def _write(n: int, last: int, note: str) -> int:
    written = 0
    for key, code, year, value in rows(n, last):
        if params.current_row(key, code, year) is None:
            params.set_value(key, value, code, year, source=SOURCE, note=note, is_demo=True)
            written += 1
    for year in range(2021, last + 1):
        if params.current_row("target", CITY, year) is None:
            value = {k: v[year] for k, v in TARGETS.items() if year in v}
            params.set_value("target", value, CITY, year, source=SOURCE,
                             note="演示数据：目标值为示例，请按本地规划修改", is_demo=True)
            written += 1
    return written
