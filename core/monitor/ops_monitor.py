"""运营监控: a period's transfers in and out, licences and pledges of a region, the biggest players
on each side (运营大户) and the flows between the region and the other regions.

Of the Scope it reads the region and the date range (the event's effective date); a scope
without dates means this year up to today (Scope.or_this_year, done by the page). Counting rules are 专利运营统计's
(core.stats.operations): a transfer leaves the region when the holder address before lies in it
and the one after does not (unknown after = outside), enters it the other way round; licences
and pledges count for the patent's region (first holder's address).

Players are named by the first party of the event (parties_before: the transferor, licensor or
pledgor; parties_after: the transferee) — legal events carry names, not holder ids — and are
matched to holders by their exact name. The flows name the other side of each transfer out and in
at the finest useful level: a street of the region's own county (street regions), a county of
the region's own city, else a city (a municipality under its province's name).
"""
from __future__ import annotations

import pandas as pd
import peewee as pw
from peewee import fn

from core.cubes.stats import Events
from core.db.models import Holder, LegalEvent, Patent
from core.db.sql import first_item
from core.regions import divisions
from core.regions.query import Scope
from core.regions.scope import canonical, is_custom, members, region_filter
from core.stats import operations

SIDES = ("out", "in", "license", "pledge")
TOTAL_KEYS = ("transfer_in", "transfer_out", "transfer_within", "license", "pledge",
              "pledge_amount")
PLAYER_COLUMNS = ["name", "holder_id", "kind", "events", "patents", "amount", "last_date",
                  "county"]
FLOW_COLUMNS = ["direction", "code", "name", "n"]
MUNICIPAL_NAMES = ("市辖区", "县")  # the one "city" of a municipality (北京、上海 …)


def totals(q: Scope) -> dict[str, float]:
    """Transfers in, out and within, licences, pledges and the pledged amount (yuan) in the
    period: the sums of 专利运营统计's yearly rows."""
    years = operations.per_year(q)
    out = {key: int(years[key].sum()) for key in TOTAL_KEYS[:-1]}
    out["pledge_amount"] = float(years["pledge_amount"].sum())
    return out


def _side(q: Scope, side: str) -> tuple[pw.Node, pw.Node, list]:
    """(the party, the county it sits in, the event conditions) of one side."""
    if side in ("out", "in"):
        party = LegalEvent.parties_before if side == "out" else LegalEvent.parties_after
        county = LegalEvent.county_before if side == "out" else LegalEvent.county_after
        return party, county, [LegalEvent.kind == "transfer",
                               operations.direction_conditions(q.region)[side]]
    region = [region_filter(canonical(q.region))] if q.region else []
    return LegalEvent.parties_before, Patent.county_code, [LegalEvent.kind == side, *region]


def players(q: Scope, side: str, limit: int | None = 20, at_least: int = 1) -> pd.DataFrame:
    """The biggest players of one side in the period, most events first: 'out' transferors of
    transfers out of the region, 'in' transferees of transfers into it, 'license' licensors and
    'pledge' pledgors of the region's patents (with the pledged amount). Columns PLAYER_COLUMNS
    (holder_id and kind when a holder has the name; county: the lowest county code of the
    player's side of its events). `at_least`: only players with that many events.
    Sample: ("苏州某某科技有限公司", 12, "enterprise", 14, 13, 0.0, date(2025, 6, 3), "320506")."""
    party, county, conditions = _side(q, side)
    name = first_item(party)
    query = (LegalEvent.select(name.alias("name"), fn.COUNT(LegalEvent.id).alias("events"),
                               fn.COUNT(LegalEvent.patent.distinct()).alias("patents"),
                               fn.SUM(LegalEvent.amount).alias("amount"),
                               fn.MAX(LegalEvent.date).alias("last_date"),
                               fn.MIN(county).alias("county"))
             .where(party.is_null(False), name != "", *conditions, *operations.event_dates(q, LegalEvent)))
    if side in ("license", "pledge"):
        query = query.join(Patent, on=(LegalEvent.patent == Patent.id))
    query = (query.group_by(name).having(fn.COUNT(LegalEvent.id) >= at_least)
             .order_by(fn.COUNT(LegalEvent.id).desc(), fn.SUM(LegalEvent.amount).desc(nulls="last"),
                       name))
    rows = list((query.limit(limit) if limit else query).dicts())
    frame = pd.DataFrame(rows, columns=["name", "events", "patents", "amount", "last_date",
                                        "county"])
    holders = _holders(frame["name"].tolist())
    for i, column in enumerate(("holder_id", "kind")):
        frame[column] = pd.Series([holders.get(n, (None, None))[i] for n in frame["name"]],
                                  index=frame.index, dtype=object)
    frame["events"] = frame["events"].astype(int)
    frame["patents"] = frame["patents"].astype(int)
    frame["amount"] = frame["amount"].fillna(0).astype(float)
    frame = frame.sort_values(["events", "amount", "name"], ascending=[False, False, True])
    return frame[PLAYER_COLUMNS].reset_index(drop=True)


def _holders(names: list[str]) -> dict[str, tuple[int, str]]:
    """Name → (holder id, kind) of the holders bearing exactly these names (lowest id)."""
    if not names:
        return {}
    rows = (Holder.select(Holder.name, Holder.id, Holder.kind).where(Holder.name.in_(names))
            .order_by(Holder.id.desc()).tuples())
    return {name: (pk, kind) for name, pk, kind in rows}


def flows(q: Scope) -> pd.DataFrame:
    """Transfers out of the region by where they went and into it by where they came from, in
    the period. Columns FLOW_COLUMNS: direction 'out'/'in', the other side's code ("" unknown),
    its name, the number of transfers; largest first. Reads ops_cube when fresh."""
    if not q.region:
        return pd.DataFrame(columns=FLOW_COLUMNS)
    ev = Events.for_stats()
    m = ev.model
    dirs = operations.direction_conditions(q.region, m)
    frames = []
    for direction, side in (("out", "after"), ("in", "before")):
        county, street = getattr(m, f"county_{side}"), getattr(m, f"street_{side}")
        rows = (ev.select(county, street, ev.count(), join=False)
                .where(ev.event("kind") == "transfer", dirs[direction],
                       *operations.event_dates(q, m)).group_by(county, street).tuples())
        frames += [(direction, flow_unit(q.region, c, s), int(n)) for c, s, n in rows]
    frame = pd.DataFrame(frames, columns=["direction", "code", "n"])
    frame = frame.groupby(["direction", "code"], as_index=False)["n"].sum()
    frame["name"] = frame["code"].map(unit_name)
    frame = frame.sort_values(["n", "direction", "code"], ascending=[False, False, True])
    return frame[FLOW_COLUMNS].reset_index(drop=True)


def _anchor(region: str) -> str:
    """The division a region is seen from: itself, or a custom region's first member."""
    code = canonical(region)
    if not is_custom(code):
        return code
    parts = sorted(members(code))
    return parts[0] if parts else ""


def flow_unit(region: str, county: str | None, street: str | None) -> str:
    """The other side of a transfer of `region`, named at the finest useful level: a street of
    the region's county (street regions only), a county of its city, else a city."""
    if not county:
        return ""
    anchor = _anchor(region)
    if len(anchor) == 9 and county == anchor[:6]:
        return street or county
    if len(anchor) >= 4 and county[:4] == anchor[:4]:
        return county
    return county[:4]


def unit_name(code: str) -> str:
    """The name of a flow unit ("" when unknown): a municipality's city by its province."""
    if not code:
        return ""
    names = divisions.names()
    name = names.get(code, code)
    if len(code) == 4 and name in MUNICIPAL_NAMES:
        return names.get(code[:2], name)
    return name
