"""An independent reference for the stock indicators, written from the definitions alone
(domain-facts §3; issue 12): plain Python over the raw rows, one patent and one day at a time, no
SQL aggregate and nothing shared with core.

Definitions:
- valid on a day = granted on or before it and in force on it. In force: the stored status is
  valid, or lapsed with a lapse date after the day. Granted: the grant date is on or before the
  day. Without a grant date, a patent known to have been granted (status valid, or lapsed for a
  reason only a granted patent lapses for: unpaid fee, expiry, invalidation, surrender, double
  patenting) counts as granted from its filing date (always, without one); any other patent
  without a grant date (a rejected or withdrawn application, a lapse of unknown reason) never.
- on the "status" stock basis: the stored status is valid, whatever the day.
- long-maintained on a day: more than N years since filing (or grant), i.e. the N-th anniversary
  (29 February → 28 February) falls before the day.
- high-value on a day (domain-facts §3.2, issue 12): a valid invention meeting any of: in a
  strategic emerging industry (linked to an industry of kind "sei"), an overseas family member, an
  award, long-maintained on that day, a pledge registered on or before that day for at least the
  threshold (10,000,000 yuan; a pledge without a date is on no day).
- placement: the holders of the set — current holders, or for basis "original" the holders
  before the first transfer (the non-current rows; the current ones when there are none) — each
  at a place: the first holder of record (current, first in order) at the address on the patent
  record (the patent's own region columns, its domestic flag), any other holder at its own
  region (holder table, its domestic flag); a patent without current holders has one, of record
  (in the original set too when it has no earlier holders).
  "first": the set's first holder places the patent; "any", whole: the patent counts once in a
  region where any holder of the set sits (domestic when one of those is); fractional: each
  holder there counts 1/n (n = holders in the set). A custom region holds its member streets and
  counties.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.db.models import (
    Holder,
    Industry,
    LegalEvent,
    Patent,
    PatentHolder,
    PatentIndustry,
    Region,
    RegionMember,
)

GRANTED_REASONS = {"unpaid_fee", "expired", "invalidated", "surrendered", "double_patenting"}
PLEDGE_THRESHOLD = 10_000_000


@dataclass(frozen=True)
class Place:
    """Where one holder of a patent sits: (province, city, county, street) and domestic."""
    codes: tuple
    domestic: bool
    current: bool
    seq: int


@dataclass(frozen=True)
class Row:
    type_: str
    app: dt.date | None
    grant: dt.date | None
    status: str
    reason: str | None
    lapse: dt.date | None
    domestic: bool
    city: str | None
    county: str | None
    street: str | None
    province: str | None = None
    dateless_high_value: bool = False  # SEI class, overseas family or award
    pledges: tuple = ()  # (date or None, amount)
    holders: tuple = ()  # Place of every holder link, in the stored order
    pid: int = 0  # the patent's id (tests/reference_highvalue.py joins its own facts on it)


def load() -> list[Row]:
    sei_codes = {i.code for i in Industry.select() if i.kind == "sei"}
    sei = {pi.patent_id for pi in PatentIndustry.select() if pi.industry_code in sei_codes}
    pledges: dict[int, list] = {}
    for e in LegalEvent.select():
        if e.kind == "pledge":
            pledges.setdefault(e.patent_id, []).append((e.date, float(e.amount or 0)))
    holders = {h.id: h for h in Holder.select()}
    links: dict[int, list] = {}
    for link in PatentHolder.select().order_by(PatentHolder.seq, PatentHolder.id):
        links.setdefault(link.patent_id, []).append(link)
    rows = []
    for p in Patent.select():
        own = (p.province_code, p.city_code, p.county_code, p.street_code)
        places = tuple(_place(link, holders[link.holder_id], own, bool(p.domestic))
                       for link in links.get(p.id, []))
        rows.append(Row(p.patent_type, p.app_date, p.grant_date, p.status, p.status_reason,
                        p.lapse_date, bool(p.domestic), p.city_code, p.county_code,
                        p.street_code, p.province_code,
                        p.id in sei or bool(p.overseas_family) or bool(p.award),
                        tuple(pledges.get(p.id, ())), places, p.id))
    return rows


def _place(link, holder, own: tuple, own_domestic: bool) -> Place:
    if link.current and link.seq == 1:  # the first holder of record: the patent's address
        return Place(own, own_domestic, True, 1)
    codes = (holder.province_code, holder.city_code, holder.county_code, holder.street_code)
    return Place(codes, bool(holder.domestic), bool(link.current), link.seq)


def members(code: str) -> set[str]:
    region = Region.get(Region.code == code)
    return {m.member_code for m in RegionMember.select().where(RegionMember.region == region)}


def anniversary(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def was_granted_on(p: Row, day: dt.date) -> bool:
    if p.grant is not None:
        return p.grant <= day
    known_granted = p.status == "valid" or (p.status == "lapsed" and p.reason in GRANTED_REASONS)
    if not known_granted:
        return False
    return p.app is None or p.app <= day


def in_force_on(p: Row, day: dt.date) -> bool:
    if p.status == "valid":
        return True
    return p.status == "lapsed" and p.lapse is not None and p.lapse > day


def valid_on(p: Row, day: dt.date, stock_basis: str = "as_of") -> bool:
    if stock_basis == "status":
        return p.status == "valid"
    return was_granted_on(p, day) and in_force_on(p, day)


def long_on(p: Row, day: dt.date, years: int = 10, since: str = "app") -> bool:
    start = p.grant if since == "grant" else p.app
    return start is not None and anniversary(start, years) < day


def high_value_on(p: Row, day: dt.date) -> bool:
    """The high-value categories judged on `day` (without the valid-invention part)."""
    pledged = any(when is not None and when <= day and amount >= PLEDGE_THRESHOLD
                  for when, amount in p.pledges)
    return p.dateless_high_value or long_on(p, day) or pledged


def in_region(codes: tuple, region: str | None, custom: set[str] | None = None) -> bool:
    province, city, county, street = codes
    if region is None:
        return True
    if custom is not None:
        return street in custom or county in custom
    return {2: province, 4: city, 6: county, 9: street}[len(region)] == region


def holder_set(p: Row, basis: str) -> list[Place]:
    """The holders counted (in order): current ones, or those before the first transfer."""
    own = Place((p.province, p.city, p.county, p.street), p.domestic, True, 1)
    before = [h for h in p.holders if not h.current]
    if basis == "original" and before:
        return before
    return [h for h in p.holders if h.current] or [own]


def weight(p: Row, region: str | None, holder: str, basis: str, fractional: bool,
           custom: set[str] | None = None) -> tuple[float, float]:
    """(how much of `p` counts in the region, how much of it through domestic holders)."""
    places = holder_set(p, basis)
    if holder == "first":
        places = places[:1]
    inside = [h for h in places if in_region(h.codes, region, custom)]
    if not inside:
        return 0.0, 0.0
    if fractional:
        return len(inside) / len(places), sum(h.domestic for h in inside) / len(places)
    return 1.0, float(any(h.domestic for h in inside))


def placed(p: Row, region: str | None, custom: set[str] | None = None) -> bool:
    return in_region((p.province, p.city, p.county, p.street), region, custom)


def stocks(rows: list[Row], region: str | None, day: dt.date, stock_basis: str = "as_of",
           domestic_only: bool = True, custom: set[str] | None = None, holder: str = "first",
           basis: str = "current", fractional: bool = False) -> dict[str, float]:
    """Counts on `day`: vi (valid inventions), vi_dom, hv, hv_dom (high-value on that day),
    long, long_dom (inventions maintained over ten years since filing) and valid (every type),
    under the counting rule (holder, basis, fractional, domestic_only)."""
    out = dict.fromkeys(("vi", "vi_dom", "hv", "hv_dom", "long", "long_dom", "valid"), 0.0)
    for p in rows:
        if not valid_on(p, day, stock_basis):
            continue
        share, domestic_share = weight(p, region, holder, basis, fractional, custom)
        if not share:
            continue
        out["valid"] += share
        if p.type_ != "invention":
            continue
        dom = share if not domestic_only else domestic_share
        for name, meets in (("vi", True), ("hv", high_value_on(p, day)),
                            ("long", long_on(p, day))):
            if meets:
                out[name] += share
                out[f"{name}_dom"] += dom
    return out
