"""The scope every statistics page shares (region, date range and basis, patent types) and the
SQL filter it stands for. Pure values: hashable, so pages can cache results keyed by scope."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import peewee as pw
from peewee import fn

from core.models import PATENT_TYPES, Patent
from core.scope import region_filter

DATE_BASES = ("app", "pub", "grant")  # 申请日, 公开日, 授权日
DATE_COLUMN = {"app": "app_date", "pub": "pub_date", "grant": "grant_date"}
YEAR_COLUMN = {"app": "app_year", "grant": "grant_year"}  # indexed year columns


@dataclass(frozen=True)
class Scope:
    """region: a division or custom-region code; date_from/date_to: inclusive, None = open;
    date_basis: app | pub | grant; patent_types: empty tuple = every type."""
    region: str
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    date_basis: str = "app"
    patent_types: tuple[str, ...] = ()

    def with_region(self, region: str) -> "Scope":
        return replace(self, region=region)

    @property
    def types(self) -> tuple[str, ...]:
        return self.patent_types or PATENT_TYPES

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None


def date_column(basis: str) -> pw.Field:
    return getattr(Patent, DATE_COLUMN[basis])


def date_filter(scope: Scope) -> pw.Expression | bool:
    """Rows whose date on the scope's basis falls in the scope's range (True when open)."""
    column, expr = date_column(scope.date_basis), True
    if scope.date_from is not None:
        expr = column >= scope.date_from
    if scope.date_to is not None:
        expr = (column <= scope.date_to) if expr is True else expr & (column <= scope.date_to)
    return expr


def type_filter(scope: Scope) -> pw.Expression | bool:
    if not scope.patent_types or set(scope.patent_types) >= set(PATENT_TYPES):
        return True
    return Patent.patent_type.in_(list(scope.patent_types))


def where(scope: Scope, dates: bool = True) -> pw.Expression:
    """Region + patent types (+ dates unless dates=False, for as-of stock counts)."""
    expr = _and(region_filter(scope.region), type_filter(scope))
    return _and(expr, date_filter(scope)) if dates else expr


def _and(a, b):
    if a is True:
        return b
    if b is True:
        return a
    return a & b


def count_if(condition: pw.Expression) -> pw.Function:
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END), portable across SQLite and PostgreSQL."""
    return fn.SUM(fn.CASE(None, [(condition, 1)], 0))


def as_int(value) -> int:
    return int(value or 0)
