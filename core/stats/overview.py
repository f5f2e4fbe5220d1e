"""专利概况 (the big screen): indicator cards, type split, yearly trend, sub-region ranking, top
holders, operations this year and the watched regions. Every number is one indexed SQL aggregate.

Counting rule: a patent belongs to the region of its first holder's address (the patent's region
columns); stocks (valid, valid inventions) are as of the stored legal status; flows (filings,
grants) are counted on the scope's date range and basis.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from peewee import fn

from core.cubes.stats import Events
from core.db.models import Holder, HolderCube, ImportBatch, Patent, PatentCube, StreetCube
from core.db.sql import as_int, count_all, count_if
from core.regions import divisions, watch
from core.regions.custom import region_name
from core.regions.query import Scope
from core.regions.scope import child_column, region_filter
from core.stats.base import (
    cube_where,
    patents,
    published_by,
    sum_if,
    type_filter,
    use_cube,
    where,
    year_range,
)
from core.stats.indicators import param_for_year
from core.stats.operations import direction_conditions

VALID = Patent.status == "valid"
INVENTION = Patent.patent_type == "invention"


@dataclass(frozen=True)
class Cards:
    """The indicator cards. per_10k is None when the population parameter is missing.
    Filings/grants compare this year to the same period of last year (1 Jan → as_of)."""
    published: int
    valid: int
    valid_inventions: int
    domestic_valid_inventions: int
    population: float | None
    per_10k: float | None
    filings_this_year: int
    filings_last_year: int
    grants_this_year: int
    grants_last_year: int
    as_of: dt.date


def has_patents() -> bool:
    return Patent.select().exists()


def cards(scope: Scope, as_of: dt.date) -> Cards:
    """Stocks of the scope's region and types, and this year's flows vs last year's."""
    if use_cube(scope.undated()):  # the cards ignore the scope's dates
        row = _cube_cards(scope, as_of)
    else:
        row = _live_cards(scope, as_of)
    population = _population(scope.region, as_of.year)
    dvi = as_int(row["dvi"])
    return Cards(as_int(row["pub"]), as_int(row["valid"]), as_int(row["vi"]), dvi, population,
                 round(dvi / population, 2) if population else None,
                 as_int(row["f1"]), as_int(row["f0"]), as_int(row["g1"]), as_int(row["g0"]), as_of)


def _live_cards(scope: Scope, as_of: dt.date) -> dict:
    this_start, last_start = dt.date(as_of.year, 1, 1), dt.date(as_of.year - 1, 1, 1)
    last_end = _same_day(as_of, as_of.year - 1)
    flows = lambda col, a, b: count_if((col >= a) & (col <= b))
    return (patents(scope,
        count_if(published_by(as_of)).alias("pub"),
        count_if(VALID).alias("valid"), count_if(VALID & INVENTION).alias("vi"),
        count_if(VALID & INVENTION & (Patent.domestic == True)).alias("dvi"),  # noqa: E712
        flows(Patent.app_date, this_start, as_of).alias("f1"),
        flows(Patent.app_date, last_start, last_end).alias("f0"),
        flows(Patent.grant_date, this_start, as_of).alias("g1"),
        flows(Patent.grant_date, last_start, last_end).alias("g0"))
        .where(where(scope, dates=False)).dicts().get())


def _cube_cards(scope: Scope, as_of: dt.date) -> dict:
    """The cards from patent_cube: stocks directly; a year's flows up to a day as the whole
    year's count (cube) minus the few dated after that day in that year (live, date index)."""
    c, valid = PatentCube, PatentCube.status == "valid"
    vi = valid & (c.patent_type == "invention")
    y = as_of.year
    s = lambda cond, col=c.n: count_if(cond, col)
    row = (c.select(fn.SUM(c.n_public).alias("pub"), s(valid).alias("valid"),
                    s(vi).alias("vi"), s(vi & (c.domestic == True)).alias("dvi"),  # noqa: E712
                    s(c.app_year == y, c.n_app).alias("f1"),
                    s(c.app_year == y - 1, c.n_app).alias("f0"),
                    s(c.grant_year == y, c.n_grant).alias("g1"),
                    s(c.grant_year == y - 1, c.n_grant).alias("g0"))
           .where(cube_where(scope, c)).dicts().get())
    row["pub"] = as_int(row["pub"]) - _published_later(scope, as_of)
    last_end = _same_day(as_of, y - 1)
    for key, column, year, after in (("f1", Patent.app_date, y, as_of),
                                     ("f0", Patent.app_date, y - 1, last_end),
                                     ("g1", Patent.grant_date, y, as_of),
                                     ("g0", Patent.grant_date, y - 1, last_end)):
        row[key] = as_int(row[key]) - _later_in_year(scope, column, year, after)
    return row


def _published_later(scope: Scope, as_of: dt.date) -> int:
    """Patents the cube counts as 公开 (a publication or grant date) that were not yet public on
    `as_of` (every date they have after it): those published after it (granted after it or
    not yet) and those granted after it without a publication date. Each set is an id range of
    a date index: SQLite, without statistics, read a province's every patent for them through
    its region index (1.3 s of 专利概况 for 32 at 1,000,000 patents)."""
    published = Patent.select(Patent.id).where(Patent.pub_date > as_of)
    granted = Patent.select(Patent.id).where(Patent.grant_date > as_of)
    sets = (Patent.id.in_(published) & (Patent.grant_date.is_null() | (Patent.grant_date > as_of)),
            Patent.id.in_(granted) & Patent.pub_date.is_null())
    return sum(Patent.select(count_all()).where(where(scope, dates=False) & later).scalar() or 0
               for later in sets)


def _later_in_year(scope: Scope, column, year: int, after: dt.date) -> int:
    """Patents of the scope dated after `after` up to the end of `year` (an index range)."""
    end = dt.date(year, 12, 31)
    if after >= end:
        return 0
    return (Patent.select(count_all())
            .where(where(scope, dates=False) & (column > after) & (column <= end)).scalar() or 0)


def _same_day(day: dt.date, year: int) -> dt.date:
    return day.replace(year=year, day=28) if (day.month, day.day) == (2, 29) else \
        day.replace(year=year)


def _population(region: str, year: int) -> float | None:
    """Year-end resident population in 万人 (parameter 'population'), the latest earlier year
    when missing — the same look-up as core.indicators."""
    return param_for_year("population", region, year)[0] or None


def type_split(scope: Scope) -> pd.DataFrame:
    """Columns patent_type, applications, grants, valid. Applications/grants on the scope's
    dates (applications by filing date, grants by grant date); valid as of now.
    Sample: ("utility", 27000, 25000, 15000)."""
    if use_cube(scope, years=True):
        c = PatentCube
        rows = (c.select(c.patent_type,
                         sum_if(year_range(c.app_year, scope), c.n_app).alias("applications"),
                         sum_if(year_range(c.grant_year, scope), c.n_grant).alias("grants"),
                         count_if(c.status == "valid", c.n).alias("valid"))
                .where(cube_where(scope, c)).group_by(c.patent_type).order_by(c.patent_type)
                .tuples())
        return pd.DataFrame([(t, *(as_int(v) for v in r)) for t, *r in rows],
                            columns=["patent_type", "applications", "grants", "valid"])
    apps, grants = _flow_conditions(scope)
    rows = (patents(scope, Patent.patent_type, count_if(apps).alias("applications"),
                          count_if(grants).alias("grants"), count_if(VALID).alias("valid"))
            .where(where(scope, dates=False)).group_by(Patent.patent_type)
            .order_by(Patent.patent_type).dicts())
    return pd.DataFrame(list(rows), columns=["patent_type", "applications", "grants", "valid"])


def _flow_conditions(scope: Scope):
    """(filed in range, granted in range) conditions; True when the range is open."""
    conds = []
    for col in (Patent.app_date, Patent.grant_date):
        cond = col.is_null(False)
        if scope.date_from:
            cond &= col >= scope.date_from
        if scope.date_to:
            cond &= col <= scope.date_to
        conds.append(cond)
    return conds


def yearly(scope: Scope, first_year: int, last_year: int) -> pd.DataFrame:
    """Columns year, applications, grants (every year in range, zeros kept).
    Applications by app_year, grants by grant_year. Sample: (2024, 51000, 30000)."""
    if use_cube(scope.undated()):  # fixed years, whatever the scope's dates
        apps, grants = (_cube_by_year(scope, col, first_year, last_year)
                        for col in (PatentCube.app_year, PatentCube.grant_year))
        years = list(range(first_year, last_year + 1))
        return pd.DataFrame({"year": years, "applications": [as_int(apps.get(y)) for y in years],
                             "grants": [as_int(grants.get(y)) for y in years]})
    base = where(scope, dates=False)
    apps = dict(patents(scope, Patent.app_year, fn.COUNT(Patent.id))
                .where(base & Patent.app_year.between(first_year, last_year))
                .group_by(Patent.app_year).tuples())
    grants = dict(patents(scope, Patent.grant_year, fn.COUNT(Patent.id))
                  .where(base & Patent.grant_year.between(first_year, last_year))
                  .group_by(Patent.grant_year).tuples())
    years = list(range(first_year, last_year + 1))
    return pd.DataFrame({"year": years, "applications": [as_int(apps.get(y)) for y in years],
                         "grants": [as_int(grants.get(y)) for y in years]})


def _cube_by_year(scope: Scope, column, first_year: int, last_year: int) -> dict[int, int]:
    return dict(PatentCube.select(column, fn.SUM(PatentCube.n))
                .where(cube_where(scope, PatentCube) & column.between(first_year, last_year))
                .group_by(column).tuples())


def subregions(scope: Scope) -> pd.DataFrame:
    """Columns code, name, valid, valid_inventions, applications — one row per sub-region of
    the scope's region (counties of a city, streets of a county or of a custom region), largest
    valid first. Applications on the scope's date range (filing date). Sample:
    ("320506", "吴中区", 41000, 9000, 12000)."""
    rows = _cube_subregions(scope) if _cube_child(scope) else _live_subregions(scope)
    frame = pd.DataFrame(list(rows), columns=["code", "valid", "valid_inventions",
                                              "applications"])
    frame.insert(1, "name", frame["code"].map(divisions.names().get).fillna(frame["code"]))
    return frame.sort_values(["valid", "code"], ascending=[False, True]).reset_index(drop=True)


def _cube_child(scope: Scope) -> bool:
    """The child column is one the county cube has (province → city, city → county)."""
    return child_column(scope.region) in ("city_code", "county_code") and use_cube(scope,
                                                                                   years=True)


def _live_subregions(scope: Scope):
    column = getattr(Patent, child_column(scope.region))
    apps, _ = _flow_conditions(scope)
    return (patents(scope, column.alias("code"), count_if(VALID).alias("valid"),
                    count_if(VALID & INVENTION).alias("valid_inventions"),
                    count_if(apps).alias("applications"))
            .where(where(scope, dates=False) & column.is_null(False))
            .group_by(column).dicts())


def _cube_subregions(scope: Scope) -> list[dict]:
    c = PatentCube
    column, valid = getattr(c, child_column(scope.region)), c.status == "valid"
    s = lambda cond, col=c.n: count_if(cond, col)
    rows = (c.select(column.alias("code"), s(valid).alias("valid"),
                     s(valid & (c.patent_type == "invention")).alias("valid_inventions"),
                     sum_if(year_range(c.app_year, scope), c.n_app).alias("applications"))
            .where(cube_where(scope, c) & column.is_null(False)).group_by(column).dicts())
    return [{k: (v if k == "code" else as_int(v)) for k, v in r.items()} for r in rows]


def streets(scope: Scope, limit: int = 15) -> pd.DataFrame:
    """Columns code, name, valid, valid_inventions: the streets of the scope's region with the
    most valid patents. Sample: ("320506001", "长桥街道", 5200, 800)."""
    if use_cube(scope.undated(), street=True):  # valid as of now, whatever the dates
        c = StreetCube
        total = fn.SUM(c.n)
        rows = (c.select(c.street_code.alias("code"), total.alias("valid"),
                         count_if(c.patent_type == "invention", c.n)
                         .alias("valid_inventions"))
                .where(cube_where(scope, c) & (c.status == "valid"))
                .group_by(c.street_code).order_by(total.desc(), c.street_code).limit(limit)
                .dicts())
        rows = [{k: (v if k == "code" else as_int(v)) for k, v in r.items()} for r in rows]
    else:
        rows = (patents(scope, Patent.street_code.alias("code"),
                        fn.COUNT(Patent.id).alias("valid"),
                        count_if(INVENTION).alias("valid_inventions"))
                .where(where(scope, dates=False) & VALID & Patent.street_code.is_null(False))
                .group_by(Patent.street_code).order_by(fn.COUNT(Patent.id).desc(),
                                                       Patent.street_code).limit(limit).dicts())
    frame = pd.DataFrame(list(rows), columns=["code", "valid", "valid_inventions"])
    frame.insert(1, "name", frame["code"].map(divisions.names().get).fillna(frame["code"]))
    return frame


def top_holders(scope: Scope, inventions_only: bool = False, limit: int = 10) -> pd.DataFrame:
    """Columns holder_id, name, valid: first holders with the most valid patents (or valid
    inventions) in the scope. Sample: (17, "苏州大学", 3100)."""
    if use_cube(scope.undated()):  # valid as of now, whatever the dates
        rows = _cube_top_holders(scope, inventions_only, limit)
    else:
        cond = where(scope, dates=False) & VALID & Patent.first_holder.is_null(False)
        if inventions_only:
            cond &= INVENTION
        rows = (patents(scope, Patent.first_holder.alias("holder_id"),
                        fn.COUNT(Patent.id).alias("n"))
                .where(cond).group_by(Patent.first_holder)
                .order_by(fn.COUNT(Patent.id).desc(), Patent.first_holder).limit(limit).tuples())
    frame = pd.DataFrame(list(rows), columns=["holder_id", "valid"])
    names = dict(Holder.select(Holder.id, Holder.name)
                 .where(Holder.id.in_(frame["holder_id"].tolist() or [0])).tuples())
    frame.insert(1, "name", frame["holder_id"].map(names))
    return frame


def _cube_top_holders(scope: Scope, inventions_only: bool, limit: int) -> list[tuple]:
    c = HolderCube
    cond = cube_where(scope, c)
    if inventions_only:
        cond = cond & (c.patent_type == "invention")
    total = fn.SUM(c.n)
    rows = (c.select(c.holder_id, total).where(cond).group_by(c.holder_id)
            .order_by(total.desc(), c.holder_id).limit(limit).tuples())
    return [(h, int(n)) for h, n in rows]


OPERATION_KINDS = ("transfer_in", "transfer_out", "license", "pledge")


def operations(scope: Scope, start: dt.date, end: dt.date) -> dict[str, int]:
    """Counts of operations registered from `start` to `end` (event date):
    transfer_in / transfer_out (a transfer whose holder region after / before is in the region
    and the other side is not — or unknown: core.stats.operations.direction_conditions), license
    and pledge (on patents now in the region).
    Sample: {"transfer_in": 120, "transfer_out": 95, "license": 40, "pledge": 66}."""
    ev = Events.for_stats()
    when, kind = ev.event("date").between(start, end), ev.event("kind")
    # the rule of 专利运营统计: a side whose region is unknown (NULL) is outside
    dirs = direction_conditions(scope.region, ev.model)
    types = ev.types(scope.patent_types)
    moves = (ev.select(ev.count_if(dirs["in"]).alias("tin"), ev.count_if(dirs["out"]).alias("tout"))
             .where(when & (kind == "transfer") & types).dicts().get())
    other = dict(ev.select(kind, ev.count())
                 .where(when & kind.in_(["license", "pledge"]) & ev.region(scope.region) & types)
                 .group_by(kind).tuples())
    return {"transfer_in": as_int(moves["tin"]), "transfer_out": as_int(moves["tout"]),
            "license": as_int(other.get("license")), "pledge": as_int(other.get("pledge"))}


def watched(scope: Scope, username: str | None = None) -> pd.DataFrame:
    """Columns code, name, valid, valid_inventions, applications: the home region and each region
    on the watch list (the user's and the shared ones), one aggregate per region.
    Sample: ("320506", "吴中区", 41000, 9000, 12000)."""
    codes = [scope.region] + [c for c in watch.watched("region", username)
                            if c != scope.region]
    apps, _ = _flow_conditions(scope)
    rows = []
    for code in codes:
        if use_cube(scope.with_region(code), years=True):
            rows.append((code, region_name(code), *_cube_watched(scope.with_region(code))))
            continue
        row = (Patent.select(count_if(VALID).alias("valid"),
                             count_if(VALID & INVENTION).alias("vi"),
                             count_if(apps).alias("apps"))
               .where(region_filter(code) & type_filter(scope)).dicts().get())
        rows.append((code, region_name(code), as_int(row["valid"]), as_int(row["vi"]),
                     as_int(row["apps"])))
    return pd.DataFrame(rows, columns=["code", "name", "valid", "valid_inventions",
                                       "applications"])


def _cube_watched(scope: Scope) -> tuple[int, int, int]:
    """(valid, valid inventions, applications) of an undated division scope from patent_cube."""
    c = PatentCube
    valid = c.status == "valid"
    row = (c.select(count_if(valid, c.n),
                    count_if(valid & (c.patent_type == "invention"), c.n),
                    sum_if(year_range(c.app_year, scope), c.n_app))
           .where(cube_where(scope, c)).tuples().get())
    return tuple(as_int(v) for v in row)


def data_updated_at() -> dt.datetime | None:
    """When patent data last changed — the 数据更新于 stamp: the later of the last finished
    import and the newest patent row's update time (both index look-ups, no scan)."""
    stamps = [ImportBatch.select(fn.MAX(ImportBatch.finished_at)).scalar(),
              Patent.select(Patent.updated_at).order_by(Patent.id.desc()).limit(1).scalar()]
    stamps = [s for s in stamps if s]
    return max(stamps) if stamps else None
