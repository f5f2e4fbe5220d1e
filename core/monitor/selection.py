"""The SQL of the monitoring pages (年费预警, 届满通知, 专利失效分析) for a Scope: of it they read the
region, the patent types and the holder filter (part of the first holder's name), on `patent`
(+ `holder` when needed).

Counting rule of every monitoring number: a patent belongs to the region of its first holder's
address (the denormalised region columns of `patent`).
"""
from __future__ import annotations

import peewee as pw

from core.db.models import PATENT_TYPES, Holder, Patent
from core.regions.query import Scope
from core.regions.scope import both, child_column, region_filter
from core.rules.counting import unindexed_region

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


def patent_where(scope: Scope, selective: bool = False) -> pw.Expression | bool:
    """Region and patent-type conditions on `patent` (the holder condition needs `with_holder`).
    `selective`: the caller's own condition is the selective part (a date window on a covering
    index), so a province, city or county column is read unindexed — else SQLite may walk the
    whole city through the region index."""
    expr = unindexed_region(scope.region) if selective else region_filter(scope.region)
    if scope.patent_types and set(scope.patent_types) < set(PATENT_TYPES):
        expr = both(expr, Patent.patent_type.in_(list(scope.patent_types)))
    return expr


def with_holder(query: pw.ModelSelect, scope: Scope, joined: bool = False) -> pw.ModelSelect:
    """Narrow `query` (on patent) to first holders whose name contains `scope.holder`."""
    if not scope.holder:
        return query
    if not joined:
        query = query.join(Holder, on=(Patent.first_holder == Holder.id))
    return query.where(Holder.name.contains(scope.holder))


def child_field(scope: Scope) -> pw.Field:
    """The patent column splitting the selection's region into sub-regions."""
    return getattr(Patent, child_column(scope.region))


def page_slice(page: int, size: int = PAGE_SIZE) -> tuple[int, int]:
    """(offset, limit) for a 1-based page number."""
    page = max(1, int(page))
    return (page - 1) * size, size
