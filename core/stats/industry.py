"""产业统计: the nine strategic emerging industries (kind 'sei', IPC concordance 2021) and the
local key industries (kind 'local') — per-industry applications, grants and valid patents,
recent-year trend, industry × sub-region matrix, emerging vs traditional shares.

Reads the summary table patent_industry (patent → industry code, kept by core.industries) and
rolls every code up to its top-level industry (parent_code empty), counting each patent once per
top-level industry. Counting rule: the first holder's region; applications by filing date,
grants by grant date within the scope's range; valid as of the stored legal status.
"""
from __future__ import annotations

import pandas as pd
import peewee as pw
from peewee import fn

from core.cubes import freshness
from core.cubes.industry import ANY_SEI
from core.db.models import PATENT_TYPES, Industry, IndustryCube, Patent, PatentCube, PatentIndustry
from core.db.sql import as_int, count_if
from core.regions import divisions
from core.regions.query import Scope
from core.regions.scope import both, child_column, region_filter
from core.rules.industries import top_level_expr
from core.stats.base import (
    cube_where,
    in_range,
    patents,
    use_cube,
    where,
    year_range,
)
from core.stats.overview import INVENTION, VALID

KINDS = ("sei", "local")


def tops(kinds: tuple[str, ...] = KINDS) -> pd.DataFrame:
    """Columns code, name, kind: top-level industries of `kinds`, SEIs first, by code.
    Sample: ("sei1", "新一代信息技术产业", "sei")."""
    rows = (Industry.select(Industry.code, Industry.name, Industry.kind)
            .where(Industry.kind.in_(list(kinds))
                   & (Industry.parent_code.is_null() | (Industry.parent_code == "")))
            .tuples())
    frame = pd.DataFrame(list(rows), columns=["code", "name", "kind"])
    frame["order"] = frame["kind"].map({k: i for i, k in enumerate(KINDS)})
    return frame.sort_values(["order", "code"]).drop(columns="order").reset_index(drop=True)


def _joined(scope: Scope, kinds, *columns):
    key, codes = top_level_expr(kinds)
    query = (PatentIndustry.select(key.alias("industry"), *columns)
             .join(Patent, pw.JOIN.CROSS)  # links first, then the patent by key (SQLite order)
             .where((PatentIndustry.patent == Patent.id) & where(scope, dates=False)
                    & PatentIndustry.industry_code.in_(codes or [""])))
    return key, query


def _count_distinct_if(condition) -> pw.Node:
    return fn.COUNT(pw.Case(None, [(condition, Patent.id)], None).distinct())


def _cube_ok(scope: Scope) -> bool:
    """The industry cube answers: undated or whole-year scopes, any region (its rows carry the
    street), once the cubes are fresh."""
    return (not scope.has_dates or scope.whole_years) and freshness.usable()


def _cube_where(scope: Scope) -> pw.Expression:
    c = IndustryCube
    expr = both(region_filter(scope.region, model=c), True)
    if scope.patent_types and set(scope.patent_types) < set(PATENT_TYPES):
        expr = both(expr, c.patent_type.in_(list(scope.patent_types)))
    return expr


def summary(scope: Scope, kinds: tuple[str, ...] = KINDS) -> pd.DataFrame:
    """Columns code, name, kind, applications, grants, valid, valid_inventions — one row per
    top-level industry (zeros kept). Sample: ("sei1", "新一代信息技术产业", "sei", 9000, 5000,
    21000, 7000)."""
    frame = tops(kinds)
    if _cube_ok(scope):
        c = IndustryCube
        valid = c.status == "valid"
        applied = c.app_year.is_null(False) & year_range(c.app_year, scope)
        granted = c.grant_year.is_null(False) & year_range(c.grant_year, scope)
        inventions = valid & (c.patent_type == "invention")
        rows = (c.select(c.industry, *[count_if(cond, c.n)
                                       for cond in (applied, granted, valid, inventions)])
                .where(both(_cube_where(scope), c.industry.in_(list(frame["code"]) or [""])))
                .group_by(c.industry).tuples())
        got = {code: values for code, *values in rows}
        for i, col in enumerate(("applications", "grants", "valid", "valid_inventions")):
            frame[col] = [as_int(got.get(code, [None] * 4)[i]) for code in frame["code"]]
        return frame
    if scope.has_dates and freshness.usable():
        return _period_summary(scope, frame, kinds)
    key, query = _joined(scope, kinds,
                         _count_distinct_if(in_range(Patent.app_date, scope)).alias("a"),
                         _count_distinct_if(in_range(Patent.grant_date, scope)).alias("g"),
                         _count_distinct_if(VALID).alias("v"),
                         _count_distinct_if(VALID & INVENTION).alias("vi"))
    got = {r["industry"]: r for r in query.group_by(key).dicts()}
    for col, src in (("applications", "a"), ("grants", "g"), ("valid", "v"),
                     ("valid_inventions", "vi")):
        frame[col] = [as_int(got.get(c, {}).get(src)) for c in frame["code"]]
    return frame


def _period_summary(scope: Scope, frame: pd.DataFrame, kinds) -> pd.DataFrame:
    """summary() of a period that is not whole years: the stocks (valid now) from the cube,
    the period's filings and grants from the patents filed or granted in it — read through the
    date indexes, then their industry links — instead of every link of the region."""
    stocks = summary(scope.undated(), kinds).set_index("code")
    key, codes = top_level_expr(kinds)
    for col, date in (("applications", Patent.app_date), ("grants", Patent.grant_date)):
        rows = (Patent.select(key, fn.COUNT(Patent.id.distinct()))
                .join(PatentIndustry, pw.JOIN.CROSS)  # the dated patents first, then their links
                .where((PatentIndustry.patent == Patent.id) & in_range(date, scope)
                       & where(scope, dates=False)
                       & PatentIndustry.industry_code.in_(codes or [""]))
                .group_by(key).tuples())
        got = dict(rows)
        frame[col] = [as_int(got.get(code)) for code in frame["code"]]
    for col in ("valid", "valid_inventions"):
        frame[col] = [int(stocks[col].get(code, 0)) for code in frame["code"]]
    return frame


def trend(scope: Scope, first_year: int, last_year: int,
          kinds: tuple[str, ...] = KINDS) -> pd.DataFrame:
    """Columns year, code, name, applications: filings per top-level industry per year (by
    filing year; every year × industry, zeros kept). Sample: (2024, "sei1", "新一代…", 2100)."""
    top = tops(kinds)
    if _cube_ok(scope.undated()):  # fixed years, whatever the scope's dates
        c = IndustryCube
        rows = (c.select(c.industry, c.app_year, fn.SUM(c.n))
                .where(both(_cube_where(scope), c.industry.in_(list(top["code"]) or [""])
                            & c.app_year.between(first_year, last_year)))
                .group_by(c.industry, c.app_year).tuples())
    else:
        key, query = _joined(scope, kinds, Patent.app_year.alias("year"),
                             fn.COUNT(Patent.id.distinct()).alias("n"))
        rows = (query.where(Patent.app_year.between(first_year, last_year))
                .group_by(key, Patent.app_year).tuples())
    got = {(c, int(y)): int(n) for c, y, n in rows}
    out = [(y, c, name, as_int(got.get((c, y))))
           for y in range(first_year, last_year + 1) for c, name in zip(top["code"], top["name"])]
    return pd.DataFrame(out, columns=["year", "code", "name", "applications"])


def matrix(scope: Scope, kinds: tuple[str, ...] = KINDS) -> pd.DataFrame:
    """Columns code, name, region_code, region_name, valid: valid patents per top-level industry
    and sub-region of the scope's region (only non-zero cells).
    Sample: ("sei1", "新一代信息技术产业", "320506", "吴中区", 4200)."""
    if _cube_ok(scope.undated()):  # valid as of the stored status, whatever the dates
        c = IndustryCube
        column = getattr(c, child_column(scope.region))
        rows = (c.select(c.industry, column, fn.SUM(c.n))
                .where(both(_cube_where(scope), (c.status == "valid") & column.is_null(False)))
                .group_by(c.industry, column).tuples())
    else:
        column = getattr(Patent, child_column(scope.region))
        key, query = _joined(scope, kinds, column.alias("region"),
                             fn.COUNT(Patent.id.distinct()).alias("n"))
        rows = (query.where(VALID & column.is_null(False)).group_by(key, column).tuples())
    names, regions = dict(zip(*tops(kinds)[["code", "name"]].T.values)), divisions.names()
    out = [(c, names.get(c, c), r, regions.get(r, r), int(n)) for c, r, n in rows
           if c in names]
    frame = pd.DataFrame(out, columns=["code", "name", "region_code", "region_name", "valid"])
    return frame.sort_values(["code", "region_code"]).reset_index(drop=True)


def emerging_share(scope: Scope, first_year: int, last_year: int) -> pd.DataFrame:
    """Columns year, total, emerging, traditional, emerging_share: filings per year, those in at
    least one strategic emerging industry, the rest, and the emerging share (None if no filing).
    Sample: (2024, 51000, 17000, 34000, 0.3333)."""
    years = Patent.app_year.between(first_year, last_year)
    totals = _filings_by_year(scope, first_year, last_year)
    if _cube_ok(scope.undated()):
        c = IndustryCube
        emerging = dict(c.select(c.app_year, fn.SUM(c.n))
                        .where(both(_cube_where(scope), (c.industry == ANY_SEI)
                                    & c.app_year.between(first_year, last_year)))
                        .group_by(c.app_year).tuples())
    else:
        _, codes = top_level_expr(("sei",))
        emerging = dict(PatentIndustry.select(Patent.app_year, fn.COUNT(Patent.id.distinct()))
                        .join(Patent, pw.JOIN.CROSS)
                        .where((PatentIndustry.patent == Patent.id) & where(scope, dates=False)
                               & years & PatentIndustry.industry_code.in_(codes or [""]))
                        .group_by(Patent.app_year).tuples())
    rows = []
    for y in range(first_year, last_year + 1):
        t, e = as_int(totals.get(y)), as_int(emerging.get(y))
        rows.append((y, t, e, t - e, round(e / t, 4) if t else None))
    return pd.DataFrame(rows, columns=["year", "total", "emerging", "traditional",
                                       "emerging_share"])


def _filings_by_year(scope: Scope, first_year: int, last_year: int) -> dict[int, int]:
    """Patents per filing year (app_year) in the years given: patent_cube for division scopes,
    else the patent table."""
    if use_cube(scope.undated()):  # fixed years, whatever the scope's dates
        c = PatentCube
        rows = (c.select(c.app_year, fn.SUM(c.n))
                .where(cube_where(scope, c) & c.app_year.between(first_year, last_year))
                .group_by(c.app_year).tuples())
        return {y: int(n) for y, n in rows}
    return dict(patents(scope, Patent.app_year, fn.COUNT(Patent.id))
                .where(where(scope, dates=False) & Patent.app_year.between(first_year, last_year))
                .group_by(Patent.app_year).tuples())
