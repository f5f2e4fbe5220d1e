"""Working days and the holiday rule (domain-facts §1.3): a deadline falling on a rest day moves to
the next working day. Rest days are Saturdays, Sundays and the State Council's statutory holidays;
make-up working days (调休) on weekends are working days.

Data: data/calendar/cn_official.csv (2004 – 2026, see its README) plus the parameter
`holiday_calendar` = {"holidays": [ISO dates], "workdays": [ISO dates]} which adds or overrides
dates (later years, corrections). Outside the covered years only weekends are rest days.
"""
from __future__ import annotations

import csv
import datetime as dt

from core.config import rules as ruleparams
from core.config.once import once
from core.config.settings import ROOT

DATA = ROOT / "data" / "calendar" / "cn_official.csv"
PARAM_KEY = "holiday_calendar"


@once
def _official() -> tuple[frozenset, frozenset]:
    holidays, workdays = set(), set()
    with open(DATA, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = dt.date.fromisoformat(row["date"])
            (holidays if row["kind"] == "holiday" else workdays).add(day)
    return frozenset(holidays), frozenset(workdays)


def calendar_sets() -> tuple[frozenset, frozenset]:
    """(holidays, make-up workdays): the official file overridden by the parameter."""
    holidays, workdays = _official()
    extra = ruleparams.value(PARAM_KEY)
    if not extra.get("holidays") and not extra.get("workdays"):
        return holidays, workdays
    added_h = {dt.date.fromisoformat(d) for d in extra.get("holidays", [])}
    added_w = {dt.date.fromisoformat(d) for d in extra.get("workdays", [])}
    return frozenset((holidays - added_w) | added_h), frozenset((workdays - added_h) | added_w)


def is_working_day(day: dt.date, sets: tuple[frozenset, frozenset] | None = None) -> bool:
    holidays, workdays = sets or calendar_sets()
    if day in workdays:
        return True
    return day not in holidays and day.weekday() < 5


def next_working_day(day: dt.date, sets: tuple[frozenset, frozenset] | None = None) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it."""
    sets = sets or calendar_sets()
    while not is_working_day(day, sets):
        day += dt.timedelta(days=1)
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the last day of the month when that day does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _month_length(year, month)))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
