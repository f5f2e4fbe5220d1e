"""The selection shared by the monitoring pages (年费预警, 届满通知, 专利失效分析): region, patent
types and part of the first holder's name, turned into SQL on `patent` (+ `holder` when needed).

Counting rule of every monitoring number: a patent belongs to the region of its first holder's
address (the denormalised region columns of `patent`).
"""
from __future__ import annotations

from dataclasses import dataclass

import peewee as pw
from peewee import fn

from core.db.models import PATENT_TYPES, Holder, Patent
from core.regions import divisions
from core.regions.scope import both, child_column, region_filter
from core.rules.counting import unindexed_region

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class Selection:
    """region: division or custom-region code; patent_types: empty = all; holder: name part."""
    region: str
    patent_types: tuple[str, ...] = ()
    holder: str = ""


def count_all() -> pw.Function:
    """COUNT(*): unlike COUNT(id) it lets PostgreSQL answer from a covering index alone (the
    primary key is not in a btree index there; SQLite's rowid is)."""
    return fn.COUNT(pw.SQL("*"))


def count_if(condition: pw.Expression) -> pw.Function:
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END), portable across SQLite and PostgreSQL."""
    return fn.SUM(pw.Case(None, [(condition, 1)], 0))


def patent_where(sel: Selection, selective: bool = False) -> pw.Expression | bool:
    """Region and patent-type conditions on `patent` (the holder condition needs `with_holder`).
    `selective`: the caller's own condition is the selective part (a date window on a covering
    index), so a province, city or county column is read unindexed — else SQLite may walk the
    whole city through the region index."""
    expr = unindexed_region(sel.region) if selective else region_filter(sel.region)
    if sel.patent_types and set(sel.patent_types) < set(PATENT_TYPES):
        expr = both(expr, Patent.patent_type.in_(list(sel.patent_types)))
    return expr


def with_holder(query: pw.ModelSelect, sel: Selection, joined: bool = False) -> pw.ModelSelect:
    """Narrow `query` (on patent) to first holders whose name contains `sel.holder`."""
    text = sel.holder.strip()
    if not text:
        return query
    if not joined:
        query = query.join(Holder, on=(Patent.first_holder == Holder.id))
    return query.where(Holder.name.contains(text))


def child_field(sel: Selection) -> pw.Field:
    """The patent column splitting the selection's region into sub-regions."""
    return getattr(Patent, child_column(sel.region))


def region_name(code: str | None) -> str:
    if not code:
        return ""
    return divisions.names().get(code, code)


def page_slice(page: int, size: int = PAGE_SIZE) -> tuple[int, int]:
    """(offset, limit) for a 1-based page number."""
    page = max(1, int(page))
    return (page - 1) * size, size
