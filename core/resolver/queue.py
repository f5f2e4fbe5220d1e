"""The verification queue (read side): queued addresses by affected patents, their raw variants,
holders, candidate streets with evidence, and queue statistics."""
from __future__ import annotations

import json
import re
from collections import Counter

import peewee as pw

from core.db.models import Address, AuditLog, Holder, Patent
from core.regions import divisions
from core.regions.scope import canonical, is_custom, region_filter
from core.resolver.gazetteer import name_of
from core.resolver.matcher import find_matches

ROAD = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:大道|大街|路|街(?!道)|巷|弄))")
DECISION_ACTIONS = ("address_resolve", "holder_region", "holder_region_clear", "queue_import")


def queue_filter(county: str | None = None, within: str | None = None):
    """Queued addresses of a county, or of a region plus those not placed deep enough to tell."""
    cond = Address.status == "queued"
    if county:
        cond &= Address.county_code == county
    elif within:
        unknown = Address.city_code.is_null()
        if len(within) >= 6:
            unknown |= (Address.county_code.is_null() & (Address.city_code == within[:4]))
        cond &= (region_filter(within, Address) | unknown)
    return cond


def queue_count(county: str | None = None, within: str | None = None) -> dict:
    """{addresses, patents} waiting in the queue."""
    row = (Address.select(pw.fn.COUNT(Address.id), pw.fn.COALESCE(pw.fn.SUM(Address.patent_count), 0))
           .where(queue_filter(county, within)).tuples().first())
    return {"addresses": row[0], "patents": int(row[1] or 0)}


def queue_page(county: str | None = None, within: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict]:
    """Queued addresses, most patents first. Keys: id, normalized, sample_raw, postcode,
    province_code, city_code, county_code, county_name, confidence, method, patent_count,
    candidates (list)."""
    query = (Address.select().where(queue_filter(county, within))
             .order_by(Address.patent_count.desc(), Address.id).limit(limit).offset(offset))
    return [_address_dict(a) for a in query]


def _address_dict(a: Address) -> dict:
    return {"id": a.id, "normalized": a.normalized, "sample_raw": a.sample_raw,
            "postcode": a.postcode, "province_code": a.province_code, "city_code": a.city_code,
            "county_code": a.county_code, "street_code": a.street_code,
            "county_name": name_of(a.county_code), "street_name": name_of(a.street_code),
            "confidence": a.confidence, "method": a.method, "status": a.status,
            "patent_count": a.patent_count, "decided_by": a.decided_by,
            "candidates": json.loads(a.candidates) if a.candidates else []}


def address(address_id: int) -> dict | None:
    row = Address.get_or_none(Address.id == address_id)
    return _address_dict(row) if row else None


def variants(address_id: int, limit: int = 10) -> list[str]:
    """Raw address texts (as filed) that normalise to this address."""
    query = (Patent.select(Patent.address).where(Patent.address_ref == address_id)
             .distinct().limit(limit))
    found = [r for (r,) in query.tuples() if r]
    holders = (Holder.select(Holder.address).where(Holder.address_ref == address_id)
               .distinct().limit(limit))
    for (text,) in holders.tuples():
        if text and text not in found:
            found.append(text)
    return found[:limit]


def holders(address_id: int, limit: int = 20) -> list[dict]:
    """First holders of the patents with this address. Keys: id, name, patents, county_code,
    street_code, street_name, region_override."""
    count = pw.fn.COUNT(Patent.id)
    query = (Holder.select(Holder.id, Holder.name, Holder.county_code, Holder.street_code,
                           Holder.region_override, count.alias("patents"))
             .join(Patent, on=(Patent.first_holder == Holder.id))
             .where(Patent.address_ref == address_id)
             .group_by(Holder.id, Holder.name, Holder.county_code, Holder.street_code,
                       Holder.region_override)
             .order_by(count.desc(), Holder.id).limit(limit))
    return [{**r, "street_name": name_of(r["street_code"])} for r in query.dicts()]


def roads(text: str) -> list[str]:
    """Road names in an address text after its division names ("金枫路", "星湖街")."""
    text = text or ""
    cut = max((m.end for m in find_matches(text)), default=0)
    return list(dict.fromkeys(m.group(1) for m in ROAD.finditer(text[cut:])))


def road_evidence(address_row: dict, limit: int = 5) -> list[dict]:
    """Streets of other resolved addresses in the same county on the same road. Keys: code,
    name, level, evidence, score."""
    county = address_row.get("county_code")
    if not county:
        return []
    counts: Counter = Counter()
    hits: dict[str, str] = {}
    for road in roads(address_row["normalized"]):
        query = (Address.select(Address.street_code, pw.fn.COUNT(Address.id))
                 .where(Address.county_code == county, Address.street_code.is_null(False),
                        Address.status.in_(("auto", "manual")),
                        Address.normalized.contains(road))
                 .group_by(Address.street_code))
        for street, n in query.tuples():
            counts[street] += n
            hits.setdefault(street, road)
    total = sum(counts.values())
    return [{"code": code, "name": name_of(code), "level": "street", "score": round(n / total, 2),
             "evidence": [f"同一道路「{hits[code]}」已有 {n} 个地址核定在此"]}
            for code, n in counts.most_common(limit)]


def candidates(address_id: int) -> list[dict]:
    """Candidate streets: resolver candidates first, then road evidence, de-duplicated."""
    row = address(address_id)
    if row is None:
        return []
    out: dict[str, dict] = {}
    for cand in row["candidates"] + road_evidence(row):
        out.setdefault(cand["code"], cand)
    return list(out.values())


def counties(home: str) -> list[tuple[str, str]]:
    """(code, name) of the counties of the home region (or the home county itself)."""
    if len(home) >= 6:
        return [(home[:6], name_of(home[:6]))]
    return list(divisions.children(home)) if len(home) == 4 else [
        c for city, _ in divisions.children(home) for c in divisions.children(city)]


def streets(county: str) -> list[tuple[str, str]]:
    return list(divisions.children(county))


def stats(home: str) -> dict:
    """Placement of patents: {street, county, city} = patents of the home region placed at street
    level, at county level only, at city level only; unplaced = patents with no region at all;
    queue_addresses / queue_patents = what waits in the queue."""
    levels = dict(Patent.select(Patent.region_level, pw.fn.COUNT(pw.SQL("*")))
                  .where(placed_within(home)).group_by(Patent.region_level).tuples())
    unplaced = (Patent.select(pw.fn.COUNT(pw.SQL("*")))
                .where(Patent.province_code.is_null()).scalar())
    queued = queue_count(within=home)
    return {"street": levels.get("street", 0), "county": levels.get("county", 0),
            "city": levels.get("city", 0), "unplaced": unplaced,
            "queue_addresses": queued["addresses"], "queue_patents": queued["patents"]}


def placed_within(home: str | None):
    """region_filter(home) written on every level above the home's own (a county's patents
    carry its city and province codes), so that the placement index (province, city, county,
    level) counts them without reading the table."""
    if not home or is_custom(canonical(home)):
        return region_filter(home)
    code = canonical(home)
    cond = Patent.province_code == code[:2]
    for column, size in (("city_code", 4), ("county_code", 6), ("street_code", 9)):
        if len(code) >= size:
            cond &= getattr(Patent, column) == code[:size]
    return cond


def decisions_per_user() -> list[dict]:
    """Decisions per checker. Keys: username, decisions, last_at."""
    query = (AuditLog.select(AuditLog.username, pw.fn.COUNT(AuditLog.id).alias("decisions"),
                             pw.fn.MAX(AuditLog.at).alias("last_at"))
             .where(AuditLog.action.in_(DECISION_ACTIONS))
             .group_by(AuditLog.username).order_by(pw.fn.COUNT(AuditLog.id).desc()))
    return list(query.dicts())
