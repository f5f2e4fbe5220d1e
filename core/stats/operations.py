"""专利运营统计: transfers (in / out of the region), licences and pledges.

Counting rules (by the event's effective date, LegalEvent.date; of the Scope only the region
and the date range apply):
- transfer out: the holder address before the transfer lies in the region and the one after does
  not (unknown after = outside); transfer in: the reverse; within: both inside. Region membership
  of a transfer uses LegalEvent.county_before/after (street_before/after for street regions).
- licences (kind 'license') and pledges (kind 'pledge', amount in yuan) count for the patent's
  region (first holder's address, Patent region columns).
"""
from __future__ import annotations

import datetime as dt
from functools import reduce

import pandas as pd
import peewee as pw
from peewee import fn

from core.cubes.stats import Events
from core.db import is_postgres
from core.db.models import LegalEvent, Patent
from core.db.sql import as_date
from core.regions import divisions
from core.regions.query import Scope
from core.regions.scope import canonical, child_column, is_custom, members, region_filter
from core.rules import numbers

DIRECTIONS = ("in", "out", "within")
YEAR_COLUMNS = ["year", "transfer_in", "transfer_out", "transfer_within", "license", "pledge",
                "pledge_amount"]
LIST_COLUMNS = ["event_id", "date", "kind", "direction", "app_no", "title", "patent_type",
                "parties_before", "parties_after", "county_before", "county_after", "amount",
                "license_type"]


def year_of(column) -> pw.Node:
    """The year of a date column in SQL: EXTRACT on PostgreSQL; on SQLite the first four
    characters of the stored ISO date (peewee's date_part there is a Python function per row)."""
    if is_postgres():
        return fn.EXTRACT(pw.NodeList((pw.SQL("YEAR FROM"), column))).cast("INTEGER")
    return fn.SUBSTR(column, 1, 4).cast("INTEGER")


def _inside(code: str | None, side: str, model=LegalEvent) -> pw.Expression | bool:
    """Transfer side ('before'/'after') inside region `code` (columns of legal_event or of
    ops_cube)."""
    if not code:
        return True
    code = canonical(code)
    county = getattr(model, f"county_{side}")
    street = getattr(model, f"street_{side}")
    codes = members(code) if is_custom(code) else [code]
    parts = [_one_inside(c, county, street) for c in codes]
    return reduce(lambda a, b: a | b, parts) if parts else False


def _one_inside(code: str, county, street) -> pw.Expression:
    if len(code) == 9:
        return street == code
    if len(code) == 6:
        return county == code
    return county.startswith(code)


def direction_conditions(region: str | None, model=LegalEvent) -> dict[str, pw.Expression]:
    """'in' / 'out' / 'within' conditions on transfer events for `region` (NULL = outside)."""
    before, after = _inside(region, "before", model), _inside(region, "after", model)
    if before is True:
        return {"in": pw.SQL("1 = 0"), "out": pw.SQL("1 = 0"), "within": pw.SQL("1 = 1")}
    b_in = pw.Case(None, [(before, 1)], 0) == 1
    a_in = pw.Case(None, [(after, 1)], 0) == 1
    return {"in": a_in & ~b_in, "out": b_in & ~a_in, "within": b_in & a_in}


def event_dates(q: Scope, model=LegalEvent) -> list:
    """Conditions: the event is dated, within the scope's date range."""
    out = [model.date.is_null(False)]
    if q.date_from:
        out.append(model.date >= q.date_from)
    if q.date_to:
        out.append(model.date <= q.date_to)
    return out


def _transfer_scope(q: Scope, model=LegalEvent):
    if not q.region:
        return True
    return _inside(q.region, "before", model) | _inside(q.region, "after", model)


def per_year(q: Scope) -> pd.DataFrame:
    """Columns YEAR_COLUMNS, one row per year with any event. Sample: (2024, 12, 30, 5, 8, 3,
    4500000.0). Reads ops_cube when fresh (core.stats_cubes), else legal_event."""
    ev = Events.for_stats()
    m, kind = ev.model, ev.event("kind")
    year = year_of(ev.event("date"))
    dirs = direction_conditions(q.region, m)
    transfers = (ev.select(
        year.alias("year"), *[ev.count_if(dirs[d]).alias(f"transfer_{d}") for d in DIRECTIONS],
        join=False)
        .where(kind == "transfer", _transfer_scope(q, m), *event_dates(q, m))
        .group_by(year).dicts())
    local = (ev.select(
        year.alias("year"), ev.count_if(kind == "license").alias("license"),
        ev.count_if(kind == "pledge").alias("pledge"),
        ev.amount_if(kind == "pledge").alias("pledge_amount"))
        .where(kind.in_(["license", "pledge"]), ev.region(q.region), *event_dates(q, m))
        .group_by(year).dicts())
    frame = pd.merge(pd.DataFrame(list(transfers), columns=YEAR_COLUMNS[:4]),
                     pd.DataFrame(list(local), columns=["year", *YEAR_COLUMNS[4:]]),
                     on="year", how="outer").fillna(0)
    frame["year"] = frame["year"].astype(int)
    for col in YEAR_COLUMNS[1:-1]:
        frame[col] = frame[col].astype(int)
    frame["pledge_amount"] = frame["pledge_amount"].astype(float)
    return frame.sort_values("year").reset_index(drop=True)[YEAR_COLUMNS]


FIRST_WINDOW_DAYS = 7  # a week: the 5M province records about 5,000 transfers in its last month


def _date_windows(q: Scope, kind: str) -> list[list]:
    """Conditions on LegalEvent.date cutting the scope's dated events of `kind` into windows,
    newest first: FIRST_WINDOW_DAYS back from the latest event, then windows twice as long each, the
    last one open below (from the earliest event on). [[]] when there is no such event."""
    dated = LegalEvent.select(fn.MIN(LegalEvent.date), fn.MAX(LegalEvent.date)).where(
        LegalEvent.kind == kind, *event_dates(q))
    earliest, latest = dated.tuples().get()
    if latest is None:
        return [[]]
    earliest, latest = as_date(earliest), as_date(latest)
    windows, upper, days = [], None, FIRST_WINDOW_DAYS
    while True:
        lower = latest - dt.timedelta(days=days)
        below = [LegalEvent.date < upper] if upper else []
        if lower <= earliest:
            return windows + [below]
        windows.append([LegalEvent.date >= lower, *below])
        upper, days = lower, days * 2


def _event_child(region: str | None, side: str, model=LegalEvent):
    column = child_column(region)
    prefix = "street" if column == "street_code" else "county"
    if column not in ("county_code", "street_code"):
        return None
    return getattr(model, f"{prefix}_{side}")


def per_subregion(q: Scope) -> pd.DataFrame:
    """Columns code, name, transfer_in, transfer_out, license, pledge, pledge_amount: one row per
    sub-region (transfers by the side inside the sub-region, the rest by the patent's region)."""
    ev = Events.for_stats()
    frames = [_transfers_by_child(q, "out", "before", ev),
              _transfers_by_child(q, "in", "after", ev), _local_by_child(q, ev)]
    frame = reduce(lambda a, b: pd.merge(a, b, on="code", how="outer"), frames).fillna(0)
    for col in ("transfer_in", "transfer_out", "license", "pledge"):
        frame[col] = frame[col].astype(int)
    frame["pledge_amount"] = frame["pledge_amount"].astype(float)
    frame.insert(1, "name", frame["code"].map(divisions.names().get))
    frame["total"] = frame[["transfer_in", "transfer_out", "license", "pledge"]].sum(axis=1)
    frame = frame.sort_values(["total", "code"], ascending=[False, True])
    return frame.drop(columns="total").reset_index(drop=True)


def _transfers_by_child(q: Scope, direction: str, side: str, ev: Events) -> pd.DataFrame:
    column = _event_child(q.region, side, ev.model)
    name = f"transfer_{direction}"
    if column is None:
        return pd.DataFrame(columns=["code", name])
    cond = direction_conditions(q.region, ev.model)[direction]
    rows = (ev.select(column.alias("code"), ev.count().alias(name), join=False)
            .where(ev.event("kind") == "transfer", cond, column.is_null(False),
                   *event_dates(q, ev.model))
            .group_by(column).dicts())
    return pd.DataFrame(list(rows), columns=["code", name])


def _local_by_child(q: Scope, ev: Events) -> pd.DataFrame:
    column, kind = ev.patent(child_column(q.region)), ev.event("kind")
    rows = (ev.select(
        column.alias("code"), ev.count_if(kind == "license").alias("license"),
        ev.count_if(kind == "pledge").alias("pledge"),
        ev.amount_if(kind == "pledge").alias("pledge_amount"))
        .where(kind.in_(["license", "pledge"]), column.is_null(False), ev.region(q.region),
               *event_dates(q, ev.model))
        .group_by(column).dicts())
    frame = pd.DataFrame(list(rows), columns=["code", "license", "pledge", "pledge_amount"])
    frame["pledge_amount"] = frame["pledge_amount"].astype(float)
    return frame


def events(q: Scope, kind: str, direction: str | None = None,
           limit: int = 500) -> pd.DataFrame:
    """The latest events of `kind` ('transfer', 'license', 'pledge'), newest first. Columns
    LIST_COLUMNS (app_no in the printed form); direction is in/out/within for transfers
    (restricted to `direction` if given). Read in date windows back from the latest event
    (_date_windows) until `limit` rows are found: one query over every dated event of the kind
    was planned at 5M as a scan of all of them and a sort of the region's (PostgreSQL estimates
    a city's share of the transfers at 3 %)."""
    query = (LegalEvent.select(
        LegalEvent.id.alias("event_id"), LegalEvent.date, LegalEvent.kind, Patent.app_no,
        Patent.title, Patent.patent_type, LegalEvent.parties_before, LegalEvent.parties_after,
        LegalEvent.county_before, LegalEvent.county_after, LegalEvent.amount,
        LegalEvent.license_type).join(Patent).where(LegalEvent.kind == kind, *event_dates(q)))
    dirs = direction_conditions(q.region)
    if kind == "transfer":
        query = query.where(dirs[direction] if direction else _transfer_scope(q))
        query = query.select_extend(pw.Case(None, [(dirs["in"], "in"), (dirs["out"], "out")],
                                            "within").alias("direction"))
    elif q.region:
        query = query.where(region_filter(canonical(q.region)))
    rows = []
    for window in _date_windows(q, kind):
        rows.extend(query.where(*window)
                    .order_by(LegalEvent.date.desc(), LegalEvent.id.desc())
                    .limit(limit - len(rows)).dicts())
        if len(rows) >= limit:
            break
    frame = pd.DataFrame(rows, columns=LIST_COLUMNS)
    frame["app_no"] = frame["app_no"].map(numbers.display)
    if kind != "transfer":
        frame["direction"] = None
    frame["amount"] = frame["amount"].astype(float)
    return frame
