"""趋势统计: by year or month for any region down to streets — applications, grants and valid
stock by type; applicant / inventor / agency counts; year-on-year growth; the invention
pipeline (filing → publication → examination → grant); transfers in and out of the region,
transfers, licences and pledges over time.

Counting rule: the region of the first holder's address. Applications are counted by filing
date, grants by grant date, events by their effective date; the scope's date range limits each
on its own date, and the scope's patent types apply throughout.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
from peewee import fn

from core.cubes import actors as actor_cube
from core.cubes import indicator as indicator_cube
from core.cubes.stats import Events
from core.db.models import PATENT_TYPES, ActorCube, EventCube, Patent, PatentCube
from core.db.sql import as_int, count_if, period
from core.regions.query import Scope
from core.regions.scope import canonical
from core.rules.counting import CountingRule, known_granted, valid_on
from core.stats import monthly
from core.stats.base import (
    cube_where,
    in_range,
    patents,
    use_cube,
    where,
    year_range,
)
from core.stats.operations import direction_conditions
from core.stats.overview import INVENTION

EVENT_KINDS = ("transfer", "license", "pledge")
OPERATION_COLUMNS = ["period", "transfer_in", "transfer_out", *EVENT_KINDS]
# The valid stock's rule: the patent's own region columns, as of the day (not the stored status)
STOCK_RULE = CountingRule(domestic_only=False)


def _bucket(column, unit: str):
    """Indexed year columns where they exist, else a computed year/month."""
    if unit == "year" and column is Patent.app_date:
        return Patent.app_year
    if unit == "year" and column is Patent.grant_date:
        return Patent.grant_year
    return period(column, unit)


def _by_type(scope: Scope, column, unit: str) -> pd.DataFrame:
    if unit == "year" and use_cube(scope, years=True):
        c = PatentCube
        by_app = column is Patent.app_date
        key, n = (c.app_year, c.n_app) if by_app else (c.grant_year, c.n_grant)
        rows = (c.select(key, c.patent_type, fn.SUM(n))
                .where(cube_where(scope, c) & key.is_null(False) & year_range(key, scope))
                .group_by(key, c.patent_type).having(fn.SUM(n) > 0).tuples())
        return _wide([(y, t, int(k)) for y, t, k in rows])
    if unit == "month":
        rows = monthly.by_type(scope, "app" if column is Patent.app_date else "grant")
        if rows is not None:
            return _wide(rows)
    key = _bucket(column, unit)
    rows = (patents(scope, key.alias("period"), Patent.patent_type, fn.COUNT(Patent.id))
            .where(where(scope, dates=False) & in_range(column, scope))
            .group_by(key, Patent.patent_type).tuples())
    return _wide(rows)


def _wide(rows) -> pd.DataFrame:
    """(period, type, n) rows → columns period, invention, utility, design, total."""
    frame = pd.DataFrame(list(rows), columns=["period", "patent_type", "n"])
    table = frame.pivot_table(index="period", columns="patent_type", values="n",
                              aggfunc="sum", fill_value=0)
    table = table.reindex(columns=list(PATENT_TYPES), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index().rename_axis(None, axis=1).astype(
        {t: "int64" for t in (*PATENT_TYPES, "total")})


def applications(scope: Scope, unit: str = "year") -> pd.DataFrame:
    """Columns period, invention, utility, design, total, yoy — filings per year (int) or month
    ('YYYY-MM'); yoy = growth of total against the previous period one year earlier (None
    when unknown). Sample: (2024, 21000, 27000, 3000, 51000, 0.062)."""
    return with_yoy(_by_type(scope, Patent.app_date, unit), unit)


def grants(scope: Scope, unit: str = "year") -> pd.DataFrame:
    """Same columns as applications(), counted by grant date."""
    return with_yoy(_by_type(scope, Patent.grant_date, unit), unit)


def with_yoy(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Add column yoy: total / total of the same period a year before − 1 (rounded to 4)."""
    totals = dict(zip(frame["period"], frame["total"]))
    def prior(p):
        return p - 1 if unit == "year" else f"{int(p[:4]) - 1}{p[4:]}"
    frame = frame.copy()
    frame["yoy"] = [round(t / totals[prior(p)] - 1, 4) if totals.get(prior(p)) else None
                    for p, t in zip(frame["period"], frame["total"])]
    return frame


def valid_stock(scope: Scope, first_year: int, last_year: int) -> pd.DataFrame:
    """Columns period, invention, utility, design, total: valid patents at each year end — the
    valid stock as of that day (core.rules.counting.valid_on: granted by then and in force on
    it), the same count as 专利创造指标分析's 有效专利 under the placement of this page (the
    patent's own region columns). Whole-year stocks from the indicator cube when it is usable,
    else one grouped scan. Sample: (2024, 30000, 60000, 8000, 98000)."""
    ends = {year: dt.date(year, 12, 31) for year in range(first_year, last_year + 1)}
    region = scope.region or None
    if indicator_cube.supports(STOCK_RULE, region) and indicator_cube.usable(STOCK_RULE):
        got = _cube_stocks(scope, ends)
    else:
        got = _live_stocks(scope, ends)
    return _wide([(y, t, round(got.get(f"{t}:{y}", 0))) for y in ends for t in PATENT_TYPES])


def _cube_stocks(scope: Scope, ends: dict[int, dt.date]) -> dict[str, float]:
    """{'<type>:<year>': …} as _live_stocks, from the indicator cube's monthly entries and
    exits (month 0, before any date, counts in every year)."""
    last = indicator_cube.month_index(max(ends.values()))
    by_year: dict[tuple[str, int], float] = {}
    for t, month, net in indicator_cube.stock_changes(scope.region or None, STOCK_RULE, last):
        by_year[t, month // 12] = by_year.get((t, month // 12), 0.0) + net
    return {f"{t}:{y}": sum(n for (k, year), n in by_year.items() if k == t and year <= y)
            for y in ends for t in scope.types}


def _live_stocks(scope: Scope, ends: dict[int, dt.date]) -> dict[str, int]:
    """{'<type>:<year>': valid patents of that type on the year end} from `patent`."""
    counts = [count_if(valid_on(day, STOCK_RULE)).alias(f"y{y}") for y, day in ends.items()]
    maybe = Patent.grant_date.is_null(False) | known_granted()
    rows = (patents(scope, Patent.patent_type, *counts)
            .where(where(scope, dates=False) & maybe).group_by(Patent.patent_type).dicts())
    return {f"{row['patent_type']}:{y}": as_int(row[f"y{y}"]) for row in rows for y in ends}


def actors(scope: Scope, unit: str = "year") -> pd.DataFrame:
    """Columns period, applicants, inventors, agencies — per filing period: distinct first
    holders, inventor person-times (sum of inventors per patent), distinct agencies.
    Sample: (2024, 8200, 120000, 310)."""
    if unit == "year" and scope.region and use_cube(scope, years=True):
        rows = actor_cube.actors(canonical(scope.region), scope.patent_types,
                                  year_range(ActorCube.year, scope))
        return pd.DataFrame(rows, columns=["period", "applicants", "inventors", "agencies"])
    key = _bucket(Patent.app_date, unit)
    rows = (patents(scope, key.alias("period"), fn.COUNT(Patent.first_holder.distinct()),
                          fn.SUM(Patent.inventor_count), fn.COUNT(Patent.agency.distinct()))
            .where(where(scope, dates=False) & in_range(Patent.app_date, scope))
            .group_by(key).order_by(key).tuples())
    return pd.DataFrame([(p, as_int(a), as_int(i), as_int(g)) for p, a, i, g in rows],
                        columns=["period", "applicants", "inventors", "agencies"])


def pipeline(scope: Scope) -> pd.DataFrame:
    """Columns period, filed, published, examined, granted — invention applications by filing
    year and how far each cohort has gone: published (publication date), examined (in or past
    substantive examination: status examining/rejected or granted), granted (grant date).
    Sample: (2022, 21000, 20500, 15000, 9000)."""
    if use_cube(scope, years=True):
        return _cube_pipeline(scope)
    examined = (Patent.status_reason.in_(["examining", "rejected"])
                | Patent.grant_date.is_null(False))
    rows = (patents(scope, Patent.app_year, fn.COUNT(Patent.id),
                          count_if(Patent.pub_date.is_null(False)), count_if(examined),
                          count_if(Patent.grant_date.is_null(False)))
            .where(where(scope, dates=False) & INVENTION & in_range(Patent.app_date, scope))
            .group_by(Patent.app_year).order_by(Patent.app_year).tuples())
    return pd.DataFrame([tuple(as_int(v) for v in r) for r in rows],
                        columns=["period", "filed", "published", "examined", "granted"])


def _cube_pipeline(scope: Scope) -> pd.DataFrame:
    c = PatentCube
    rows = (c.select(c.app_year, fn.SUM(c.n_app), fn.SUM(c.n_app_pub), fn.SUM(c.n_app_examined),
                     fn.SUM(c.n_app_grant))
            .where(cube_where(scope, c) & (c.patent_type == "invention") & (c.n_app > 0)
                   & year_range(c.app_year, scope))
            .group_by(c.app_year).order_by(c.app_year).tuples())
    return pd.DataFrame([tuple(as_int(v) for v in r) for r in rows],
                        columns=["period", "filed", "published", "examined", "granted"])


def operations(scope: Scope, unit: str = "year") -> pd.DataFrame:
    """Columns OPERATION_COLUMNS — per year or month by event date: transfers into and out of
    the region (专利运营统计's rule: the holder addresses before and after the transfer, whatever
    the patent's place now), and every registered transfer, licence and pledge of the patents
    now in the region. Sample: (2024, 60, 75, 900, 120, 300)."""
    if unit == "year" and use_cube(scope):
        c = EventCube
        rows = (c.select(c.year, c.kind, fn.SUM(c.n)).where(cube_where(scope, c))
                .group_by(c.year, c.kind).tuples())
        rows = [(y, k, int(n)) for y, k, n in rows]
    else:
        rows = _live_operations(scope, unit)
    frame = pd.DataFrame(list(rows), columns=["period", "kind", "n"])
    table = frame.pivot_table(index="period", columns="kind", values="n", aggfunc="sum",
                              fill_value=0).reindex(columns=list(EVENT_KINDS), fill_value=0)
    table = table.reset_index().rename_axis(None, axis=1)
    moves = pd.DataFrame(list(_transfer_moves(scope, unit)),
                         columns=["period", "transfer_in", "transfer_out"])
    merged = pd.merge(moves, table, on="period", how="outer").fillna(0)
    merged = merged.sort_values("period").reset_index(drop=True)
    return merged.astype({k: "int64" for k in OPERATION_COLUMNS[1:]})[OPERATION_COLUMNS]


def _transfer_moves(scope: Scope, unit: str):
    """(period, into the region, out of it) of the transfers moving a patent across its edge."""
    ev = Events.for_stats()
    key = period(ev.event("date"), unit)
    dirs = direction_conditions(scope.region, ev.model)
    return (ev.select(key.alias("period"), ev.count_if(dirs["in"]), ev.count_if(dirs["out"]))
            .where((ev.event("kind") == "transfer") & (dirs["in"] | dirs["out"])
                   & ev.types(scope.patent_types) & in_range(ev.event("date"), scope))
            .group_by(key).tuples())


def _live_operations(scope: Scope, unit: str):
    """By month, or for a dated scope: from ops_cube when fresh, else legal_event ⋈ patent."""
    ev = Events.for_stats()
    key, kind = period(ev.event("date"), unit), ev.event("kind")
    return (ev.select(key.alias("period"), kind, ev.count())
            .where(ev.region(scope.region) & ev.types(scope.patent_types)
                   & kind.in_(EVENT_KINDS) & in_range(ev.event("date"), scope))
            .group_by(key, kind).tuples())
