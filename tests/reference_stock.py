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
- placement (first holder, current): the patent's own region columns; a custom region holds its
  member streets and counties; domestic = the patent's domestic flag.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.db.models import Patent, Region, RegionMember

GRANTED_REASONS = {"unpaid_fee", "expired", "invalidated", "surrendered", "double_patenting"}


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


def load() -> list[Row]:
    return [Row(p.patent_type, p.app_date, p.grant_date, p.status, p.status_reason,
                p.lapse_date, bool(p.domestic), p.city_code, p.county_code, p.street_code)
            for p in Patent.select()]


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


def placed(p: Row, region: str | None, custom: set[str] | None = None) -> bool:
    if region is None:
        return True
    if custom is not None:
        return p.street in custom or p.county in custom
    column = {4: p.city, 6: p.county, 9: p.street}[len(region)]
    return column == region


def stocks(rows: list[Row], region: str | None, day: dt.date, stock_basis: str = "as_of",
           domestic_only: bool = True, custom: set[str] | None = None) -> dict[str, int]:
    """Counts on `day`: vi (valid inventions), vi_dom, long, long_dom (inventions maintained over
    ten years since filing) and valid (every type)."""
    out = {"vi": 0, "vi_dom": 0, "long": 0, "long_dom": 0, "valid": 0}
    for p in rows:
        if not placed(p, region, custom) or not valid_on(p, day, stock_basis):
            continue
        out["valid"] += 1
        if p.type_ != "invention":
            continue
        dom = p.domestic or not domestic_only
        long_ = long_on(p, day)
        out["vi"] += 1
        out["vi_dom"] += dom
        out["long"] += long_
        out["long_dom"] += long_ and dom
    return out
