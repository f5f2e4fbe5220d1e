"""Tiny hand-built databases for the statistics tests: patents placed in Suzhou regions."""
from __future__ import annotations

import datetime as dt
import itertools

from core.db.models import Holder, LegalEvent, Patent, Region, RegionMember

_serial = itertools.count(1)
D = dt.date


def holder(name: str, kind: str = "enterprise") -> Holder:
    return Holder.create(name=name, norm_name=name, kind=kind)


def patent(street: str | None = None, county: str | None = None, *, type_: str = "invention",
           app: dt.date | None = D(2020, 3, 1), pub: dt.date | None = None,
           grant: dt.date | None = None, status: str = "pending", reason: str | None = None,
           status_date: dt.date | None = None, lapse: dt.date | None = None,
           holder_: Holder | None = None, domestic: bool = True, inventors: int = 1,
           agency=None) -> Patent:
    """A patent of the first holder's region `street` (9 digits) or `county` (6 digits)."""
    county = county or (street[:6] if street else None)
    return Patent.create(
        app_no=f"T{next(_serial):08d}", patent_type=type_, app_date=app,
        app_year=app.year if app else None, pub_date=pub, grant_date=grant,
        grant_year=grant.year if grant else None, title="t", first_holder=holder_,
        domestic=domestic, province_code=(county or "32")[:2], city_code=(county or "3205")[:4],
        county_code=county, street_code=street, status=status, status_reason=reason,
        status_date=status_date, lapse_date=lapse, inventor_count=inventors, agency=agency)


def event(p: Patent, kind: str, date: dt.date, before: str | None = None,
          after: str | None = None) -> LegalEvent:
    """A legal event; for transfers `before`/`after` are street (9) or county (6) codes."""
    def split(code):
        if not code:
            return None, None
        return code[:6], (code if len(code) == 9 else None)
    cb, sb = split(before)
    ca, sa = split(after)
    return LegalEvent.create(patent=p, kind=kind, date=date, county_before=cb, street_before=sb,
                             county_after=ca, street_after=sa)


def custom_region(code: str, name: str, members: list[str]) -> Region:
    region = Region.create(code=code, name=name, level="custom", is_custom=True)
    for m in members:
        RegionMember.create(region=region, member_code=m)
    return region
