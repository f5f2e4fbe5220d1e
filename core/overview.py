"""First overview of a region: totals, type split, filings per year, top holders, sub-regions.

All numbers come from indexed SQL aggregates over `patent`; counting rule: the region of the first
holder's address, current legal status as stored.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from peewee import fn

from core import divisions
from core.models import Holder, Patent
from core.scope import child_column, region_filter


@dataclass(frozen=True)
class Totals:
    published: int
    valid: int
    valid_inventions: int


def _published():
    return Patent.pub_date.is_null(False) | Patent.grant_date.is_null(False)


def totals(region: str | None) -> Totals:
    """Published, valid and valid-invention counts of a region, in one query."""
    valid = Patent.status == "valid"
    row = (Patent.select(
        fn.SUM(fn.CASE(None, [(_published(), 1)], 0)).alias("published"),
        fn.SUM(fn.CASE(None, [(valid, 1)], 0)).alias("valid"),
        fn.SUM(fn.CASE(None, [(valid & (Patent.patent_type == "invention"), 1)], 0)).alias("vi"))
        .where(region_filter(region)).dicts().get())
    return Totals(int(row["published"] or 0), int(row["valid"] or 0), int(row["vi"] or 0))


def has_patents() -> bool:
    return Patent.select().exists()


def type_split(region: str | None) -> pd.DataFrame:
    """Columns patent_type, published, valid. Sample: ("utility", 27000, 15000)."""
    valid = fn.SUM(fn.CASE(None, [(Patent.status == "valid", 1)], 0))
    rows = (Patent.select(Patent.patent_type, fn.COUNT(Patent.id).alias("published"),
                          valid.alias("valid"))
            .where(region_filter(region)).group_by(Patent.patent_type).dicts())
    return pd.DataFrame(list(rows), columns=["patent_type", "published", "valid"])


def filings_per_year(region: str | None, first_year: int | None = None) -> pd.DataFrame:
    """Columns app_year, patent_type, n. Sample: (2024, "invention", 5100)."""
    query = (Patent.select(Patent.app_year, Patent.patent_type, fn.COUNT(Patent.id).alias("n"))
             .where(region_filter(region) & Patent.app_year.is_null(False)))
    if first_year:
        query = query.where(Patent.app_year >= first_year)
    rows = query.group_by(Patent.app_year, Patent.patent_type).order_by(Patent.app_year).dicts()
    return pd.DataFrame(list(rows), columns=["app_year", "patent_type", "n"])


def top_holders(region: str | None, limit: int = 10) -> pd.DataFrame:
    """Columns holder_id, name, valid, valid_inventions; by valid patents held as first holder."""
    inv = fn.SUM(fn.CASE(None, [(Patent.patent_type == "invention", 1)], 0))
    rows = (Patent.select(Patent.first_holder.alias("holder_id"), fn.COUNT(Patent.id).alias("valid"),
                          inv.alias("valid_inventions"))
            .where(region_filter(region) & (Patent.status == "valid")
                   & Patent.first_holder.is_null(False))
            .group_by(Patent.first_holder).order_by(fn.COUNT(Patent.id).desc()).limit(limit).dicts())
    frame = pd.DataFrame(list(rows), columns=["holder_id", "valid", "valid_inventions"])
    names = dict(Holder.select(Holder.id, Holder.name)
                 .where(Holder.id.in_(frame["holder_id"].tolist())).tuples())
    frame.insert(1, "name", frame["holder_id"].map(names))
    return frame


def subregion_ranking(region: str | None) -> pd.DataFrame:
    """Columns code, name, valid, valid_inventions; one row per sub-region, largest first."""
    column = getattr(Patent, child_column(region))
    inv = fn.SUM(fn.CASE(None, [(Patent.patent_type == "invention", 1)], 0))
    rows = (Patent.select(column.alias("code"), fn.COUNT(Patent.id).alias("valid"),
                          inv.alias("valid_inventions"))
            .where(region_filter(region) & (Patent.status == "valid") & column.is_null(False))
            .group_by(column).order_by(fn.COUNT(Patent.id).desc()).dicts())
    frame = pd.DataFrame(list(rows), columns=["code", "valid", "valid_inventions"])
    frame.insert(1, "name", frame["code"].map(divisions.names()))
    return frame
