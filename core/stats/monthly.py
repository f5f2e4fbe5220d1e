"""Monthly filings and grants by patent type from the indicator cube (core.indicator_cube, the
default placement): whole months from its rows; the partial months at the ends of a date range
from the patent table. Exact — the same counts as grouping the patents by month."""
from __future__ import annotations

import datetime as dt

from peewee import fn

from core.cubes import indicator as indicator_cube
from core.cubes.indicator.months import is_month_end, month_end, month_index, month_start
from core.cubes.indicator.read import cube_where
from core.db.models import PATENT_TYPES, IndicatorCube, Patent
from core.db.sql import period
from core.regions.query import Scope
from core.stats.base import patents, where

KIND_COLUMN = {"app": "app_date", "grant": "grant_date"}


def by_type(scope: Scope, kind: str) -> list[tuple[str, str, int]] | None:
    """(month 'YYYY-MM', patent type, count) of filings (kind "app") or grants ("grant") in the
    scope, or None when the cube cannot be read."""
    if not indicator_cube.usable():
        return None
    whole, partial = _split(scope.date_from, scope.date_to)
    rows = _cube_rows(scope, kind, whole) if whole else []
    for first, last in partial:
        rows += _live_rows(scope, kind, first, last)
    return rows


def _split(start: dt.date | None, end: dt.date | None):
    """(whole months (first, last index) or None, partial day ranges read live)."""
    lo = None if start is None else month_index(start) + (start.day != 1)
    hi = None if end is None else month_index(end) - (not is_month_end(end))
    if start and end and month_index(start) == month_index(end) and (lo > hi):
        return None, [(start, end)]
    partial = []
    if start and start.day != 1:
        partial.append((start, month_end(month_index(start))))
    if end and not is_month_end(end):
        partial.append((month_start(month_index(end)), end))
    if lo is not None and hi is not None and lo > hi:
        return None, partial
    return (lo, hi), partial


def _cube_rows(scope: Scope, kind: str, months: tuple[int | None, int | None]):
    c = IndicatorCube
    lo, hi = months
    cond = cube_where(indicator_cube.FAST, scope.region) & (c.kind == kind) & (c.month > 0)
    if lo is not None:
        cond &= c.month >= lo
    if hi is not None:
        cond &= c.month <= hi
    if scope.patent_types and set(scope.patent_types) < set(PATENT_TYPES):
        cond &= c.patent_type.in_(list(scope.patent_types))
    query = (c.select(c.month, c.patent_type, fn.SUM(c.n))
             .where(cond)
             .group_by(c.month, c.patent_type).having(fn.SUM(c.n) > 0).tuples())
    return [(month_start(m).strftime("%Y-%m"), t, int(n)) for m, t, n in query]


def _live_rows(scope: Scope, kind: str, first: dt.date, last: dt.date):
    column = getattr(Patent, KIND_COLUMN[kind])
    key = period(column, "month")
    query = (patents(scope, key, Patent.patent_type, fn.COUNT(Patent.id))
             .where(where(scope, dates=False) & column.between(first, last))
             .group_by(key, Patent.patent_type).tuples())
    return [(str(m), t, int(n)) for m, t, n in query]
