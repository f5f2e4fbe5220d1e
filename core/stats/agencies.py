"""代理机构统计: the patent agencies serving the region's holders.

Counting rule: patents whose first holder's address lies in the region (Patent region columns),
filed in the period (application date, whatever the Scope's date basis), of the Scope's patent
types, grouped by Patent.agency. "valid" counts those patents that are valid now. Client mix
uses the first holder's kind. An agency is local when its own address (Agency.county_code /
city_code) lies in the region. Volumes come from the covering
index AGENCY_INDEX alone; the client mix (a join to holder) and the main fields are computed for
the first DETAIL_TOP agencies of the ranking, the ones the page charts and lists first.

Abnormal volume (parameter `agency_abnormal`, core.params, default DEFAULT_ABNORMAL): an agency
is flagged when its filings in the period are at least `min_filings` AND at least
`volume_ratio` times the median filings of the agencies serving the region, OR when at least
`min_filings` filings have a withdrawn/rejected share of `withdrawn_share` or more
(domain-facts §6.2: "agencies whose volume, share of utility models or withdrawal rate is far
above their peers" — a signal, never a verdict).
"""
from __future__ import annotations

import pandas as pd
import peewee as pw
from peewee import fn

from core.config import defaults
from core.config import rules as ruleparams
from core.cubes import freshness
from core.db.models import Agency, AgencyCube, AgencyFieldCube, Holder, Patent
from core.db.sql import count_all, count_if
from core.regions.query import Scope
from core.regions.scope import canonical, is_custom, members, region_filter

DEFAULT_ABNORMAL = defaults.AGENCY_ABNORMAL
DETAIL_TOP = 30  # agencies that get the client mix and main fields (the ones charted/listed first)
CLIENT_KINDS = ("enterprise", "university", "institute", "individual")
RANK_COLUMNS = ["agency_id", "name", "local", "filings", "valid", "valid_invention",
                "agent_count", "enterprise", "university", "institute", "individual", "other",
                "withdrawn", "share", "top_fields", "abnormal", "abnormal_reason"]


def _conditions(q: Scope) -> list:
    out = [Patent.agency.is_null(False)]
    if q.region:
        out.append(region_filter(canonical(q.region)))
    if q.date_from:
        out.append(Patent.app_date >= q.date_from)
    if q.date_to:
        out.append(Patent.app_date <= q.date_to)
    if q.patent_types:
        out.append(Patent.patent_type.in_(list(q.patent_types)))
    return out


def abnormal_rule(region: str | None = None) -> dict:
    """The rule in force (parameter `agency_abnormal`, else DEFAULT_ABNORMAL)."""
    return ruleparams.value("agency_abnormal", region or "")


def _use_cube(q: Scope) -> bool:
    """agency_cube answers a province, city or county (or no region) without a date range or
    with whole calendar years (filing date in range ⟺ filing year in range)."""
    code = canonical(q.region) if q.region else ""
    if not q.whole_years or (code and (not code.isdigit() or len(code) not in (2, 4, 6))):
        return False
    return freshness.usable()


def _cube_where(q: Scope) -> list:
    c = AgencyCube
    out = [region_filter(canonical(q.region), model=c) if q.region else True]
    if q.date_from:
        out.append(c.app_year >= q.date_from.year)
    if q.date_to:
        out.append(c.app_year <= q.date_to.year)
    if q.patent_types:
        out.append(c.patent_type.in_(list(q.patent_types)))
    return out


def _volume_query(q: Scope) -> pw.Select:
    """Per agency: filings, valid, valid inventions, withdrawn/rejected (agency_cube, else
    index-only)."""
    if _use_cube(q):
        c = AgencyCube
        return (c.select(c.agency_id.alias("agency_id"), fn.SUM(c.n).alias("filings"),
                         fn.SUM(c.n_valid).alias("valid"),
                         count_if(c.patent_type == "invention", c.n_valid)
                         .alias("valid_invention"), fn.SUM(c.n_withdrawn).alias("withdrawn"))
                .where(*_cube_where(q)).group_by(c.agency_id))
    withdrawn = Patent.status_reason.in_(["withdrawn", "rejected"])
    return (Patent.select(
        Patent.agency.alias("agency_id"), count_all().alias("filings"),
        count_if(Patent.status == "valid").alias("valid"),
        count_if((Patent.status == "valid") & (Patent.patent_type == "invention"))
        .alias("valid_invention"), count_if(withdrawn).alias("withdrawn"))
        .where(*_conditions(q)).group_by(Patent.agency))


def client_mix(q: Scope, agency_ids: list[int]) -> pd.DataFrame:
    """Columns agency_id, enterprise, university, institute, individual, other: filings of
    `agency_ids` by the first holder's kind (other: government, other, unknown)."""
    columns = ["agency_id", *CLIENT_KINDS, "other"]
    if not agency_ids:
        return pd.DataFrame(columns=columns)
    if _use_cube(q):
        return _cube_client_mix(q, agency_ids, columns)
    kind = Holder.kind
    other = kind.not_in(list(CLIENT_KINDS)) | kind.is_null()
    rows = (Patent.select(Patent.agency.alias("agency_id"),
                          *[count_if(kind == k).alias(k) for k in CLIENT_KINDS],
                          count_if(other).alias("other"))
            .join(Holder, pw.JOIN.LEFT_OUTER, on=(Patent.first_holder == Holder.id))
            .where(*_conditions(q), Patent.agency.in_(agency_ids))
            .group_by(Patent.agency).dicts())
    return pd.DataFrame(list(rows), columns=columns)


def _cube_client_mix(q: Scope, agency_ids: list[int], columns) -> pd.DataFrame:
    c = AgencyCube
    kind = c.holder_kind
    other = kind.not_in(list(CLIENT_KINDS)) | kind.is_null()
    sums = [count_if(kind == k, c.n).alias(k) for k in CLIENT_KINDS]
    rows = (c.select(c.agency_id.alias("agency_id"), *sums,
                     count_if(other, c.n).alias("other"))
            .where(*_cube_where(q), c.agency_id.in_(agency_ids)).group_by(c.agency_id).dicts())
    return pd.DataFrame(list(rows), columns=columns)


def top_fields(q: Scope, agency_ids: list[int], per_agency: int = 3) -> dict[int, list]:
    """Agency id → its main IPC subclasses [(subclass, n), …] among the region's patents (from
    agency_field_cube when it answers the scope, _fields_cube)."""
    if not agency_ids:
        return {}
    if _fields_cube(q):
        c = AgencyFieldCube
        conds = [c.agency_id.in_(agency_ids)]
        if q.region:
            conds.append(region_filter(canonical(q.region), model=c))
        if q.patent_types:
            conds.append(c.patent_type.in_(list(q.patent_types)))
        rows = (c.select(c.agency_id, c.ipc_subclass, fn.SUM(c.n)).where(*conds)
                .group_by(c.agency_id, c.ipc_subclass).tuples())
    else:
        rows = (Patent.select(Patent.agency, Patent.ipc_subclass, count_all().alias("n"))
                .where(*_conditions(q), Patent.agency.in_(agency_ids),
                       Patent.ipc_subclass.is_null(False))
                .group_by(Patent.agency, Patent.ipc_subclass).tuples())
    frame = pd.DataFrame(list(rows), columns=["agency_id", "ipc", "n"])
    frame = frame.sort_values(["agency_id", "n", "ipc"], ascending=[True, False, True])
    return {int(a): list(zip(g["ipc"].head(per_agency), g["n"].head(per_agency).astype(int)))
            for a, g in frame.groupby("agency_id")}


def _fields_cube(q: Scope) -> bool:
    """agency_field_cube (all time, per city) answers a province or city (or no region)
    without a date range."""
    code = canonical(q.region) if q.region else ""
    if q.has_dates or (code and (not code.isdigit() or len(code) not in (2, 4))):
        return False
    return freshness.usable()


def local_condition(region: str | None) -> pw.Expression | bool:
    """Agencies whose own address lies in `region` (city or county level; custom: members)."""
    if not region:
        return True
    code = canonical(region)
    codes = members(code) if is_custom(code) else [code]
    parts = []
    for c in codes:
        if len(c) == 4:
            parts.append(Agency.city_code == c)
        elif len(c) >= 6:
            parts.append(Agency.county_code == c[:6])
        elif len(c) == 2:
            parts.append(Agency.province_code == c)
    if not parts:
        return False
    expr = parts[0]
    for p in parts[1:]:
        expr = expr | p
    return expr


def ranking(q: Scope, limit: int | None = 100, detail: int = DETAIL_TOP) -> pd.DataFrame:
    """Agencies by filings for the region's holders, largest first. Columns RANK_COLUMNS;
    share = filings / all agency-handled filings of the region; client mix (enterprise …
    other) and top_fields "H01M(12) G06F(8)" for the first `detail` agencies (others: 0 / "")."""
    frame = pd.DataFrame(list(_volume_query(q).dicts()),
                         columns=["agency_id", "filings", "valid", "valid_invention", "withdrawn"])
    frame = frame.fillna(0).astype(int)
    total = int(frame["filings"].sum())
    frame["share"] = frame["filings"] / total if total else 0.0
    frame = _flag_abnormal(frame, abnormal_rule(q.region))
    frame = frame.sort_values(["filings", "agency_id"], ascending=[False, True])
    if limit:
        frame = frame.head(limit)
    frame = frame.reset_index(drop=True)
    mix = client_mix(q, [int(i) for i in frame["agency_id"].head(detail)])
    frame = frame.merge(mix, on="agency_id", how="left")
    for col in (*CLIENT_KINDS, "other"):
        frame[col] = frame[col].fillna(0).astype(int)
    return _with_details(frame, q, detail)


def _flag_abnormal(frame: pd.DataFrame, rule: dict) -> pd.DataFrame:
    median = float(frame["filings"].median()) if len(frame) else 0.0
    big = (frame["filings"] >= rule["min_filings"]) & (
        frame["filings"] >= rule["volume_ratio"] * median)
    ratio = frame["withdrawn"] / frame["filings"].where(frame["filings"] > 0, 1)
    drop = (frame["filings"] >= rule["min_filings"]) & (ratio >= rule["withdrawn_share"])
    frame["abnormal"] = big | drop
    frame["abnormal_reason"] = [
        ",".join(r for r, on in (("volume", b), ("withdrawn", d)) if on)
        for b, d in zip(big, drop)]
    return frame


def _with_details(frame: pd.DataFrame, q: Scope, detail: int) -> pd.DataFrame:
    ids = [int(i) for i in frame["agency_id"].tolist()]
    local = local_condition(q.region)
    info = {a["id"]: a for a in Agency.select(
        Agency.id, Agency.name, Agency.agent_count,
        pw.Case(None, [(local, 1)], 0).alias("local")).where(Agency.id.in_(ids)).dicts()} \
        if ids else {}
    fields = top_fields(q, ids[:detail])
    frame["name"] = [info[i]["name"] for i in ids]
    frame["agent_count"] = [int(info[i]["agent_count"] or 0) for i in ids]
    frame["local"] = [bool(info[i]["local"]) for i in ids]
    frame["top_fields"] = [" ".join(f"{c}({n})" for c, n in fields.get(i, [])) for i in ids]
    return frame[RANK_COLUMNS]


def summary(q: Scope, ranked: pd.DataFrame | None = None) -> dict:
    """{'agencies', 'filings' (agency-handled), 'local_filings', 'local_share', 'unagented'}:
    local_share = 本地代理量占比 = filings handled by agencies located in the region ÷ all
    agency-handled filings of the region. `ranked`: the full ranking(q, limit=None), if known."""
    ranked = ranking(q, limit=None) if ranked is None else ranked
    filings = int(ranked["filings"].sum())
    local_n = int(ranked.loc[ranked["local"], "filings"].sum()) if len(ranked) else 0
    unagented = Patent.select().where(*_conditions(q)[1:], Patent.agency.is_null()).count()
    return {"agencies": len(ranked), "filings": filings, "local_filings": local_n,
            "local_share": local_n / filings if filings else 0.0, "unagented": unagented}
