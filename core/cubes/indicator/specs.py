"""What an indicator-cube read asks for — stocks on a day, flows over whole days — and which days
of it are read live (the unfinished month)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.cubes.indicator.months import is_month_end, month_index, month_start


@dataclass(frozen=True)
class Stock:
    """Patents in the valid stock on `day` (types None: every type); high_value: high-value on
    that day (core.rules.highvalue, judged as of the day); long: maintained over N years on it."""
    name: str
    day: dt.date
    types: tuple[str, ...] | None = None
    domestic: bool = False
    high_value: bool = False
    long: bool = False


@dataclass(frozen=True)
class Flow:
    """Filings (kind app or pub) or grants (grant) from `start` (a month's first day) to `end`."""
    name: str
    kind: str
    start: dt.date
    end: dt.date
    types: tuple[str, ...] | None = None


def live_window(spec, rule) -> tuple[dt.date, dt.date] | None:
    """(first, last) day read live, or None when whole months cover the spec (or, on the
    status basis, nothing in it depends on the day)."""
    last = spec.day if isinstance(spec, Stock) else spec.end
    if is_month_end(last):
        return None
    dated = isinstance(spec, Stock) and (spec.long or spec.high_value)
    if isinstance(spec, Stock) and rule.stock_basis == "status" and not dated:
        return None
    if isinstance(spec, Flow) and spec.start > month_start(month_index(last)):
        return spec.start, last
    return month_start(month_index(last)), last
