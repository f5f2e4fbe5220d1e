"""Legal events after grant that involve other parties: transfers (inside the city, out of it and
into it, with holders and addresses before and after), licences, pledges with amounts and their
release, partial invalidations; plus the row layout shared by every event of the demo."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from core.demo import names
from core.demo.holders import HolderSpec

EVENT_COLUMNS = ["patent", "kind", "code", "date", "announce_date", "parties_before",
                 "parties_after", "address_before", "address_after", "county_before",
                 "county_after", "street_before", "street_after", "amount", "license_type",
                 "contract_no", "end_date", "detail", "source"]
LICENSE_TYPES = (("普通许可", 70), ("独占许可", 20), ("排他许可", 10))
SOURCE = "demo"


def simple(pid: int, kind: str, code: str, day: dt.date, announce: dt.date, detail: str) -> tuple:
    return (pid, kind, code, day, announce, None, None, None, None, None, None, None, None, None,
            None, None, None, detail, SOURCE)


def stop_after_grant(rng: random.Random, patent_type: str, grant: dt.date) -> tuple | None:
    """(date, kind) of an invalidation or surrender that ends the patent early, or None."""
    roll = rng.random()
    if roll < (0.006 if patent_type == "invention" else 0.004):
        return grant + dt.timedelta(days=rng.randint(200, 2200)), "invalidation"
    if roll < 0.009:
        return grant + dt.timedelta(days=rng.randint(100, 2500)), "surrender"
    return None


def _day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date | None:
    if end <= start + dt.timedelta(days=30):
        return None
    return start + dt.timedelta(days=rng.randint(30, (end - start).days))


def _parties(specs: list[HolderSpec]) -> str:
    return ";".join(s.name for s in specs)


def transfer(pid: int, day: dt.date, before: list[HolderSpec], after: list[HolderSpec],
             before_addr: str, after_addr: str) -> tuple:
    b, a = before[0], after[0]
    detail = f"登记生效日：{day:%Y%m%d}；变更前权利人：{_parties(before)}；变更后权利人：{_parties(after)}"
    return (pid, "transfer", "TR01", day, _next_gazette(day), _parties(before), _parties(after),
            before_addr, after_addr, b.county, a.county, b.street.code if b.street else None,
            a.street.code if a.street else None, None, None, None, None, detail, SOURCE)


def dealings(rng: random.Random, pid: int, start: dt.date, end: dt.date, owner: HolderSpec,
             partner: Callable[[], HolderSpec]) -> list[tuple]:
    """Licences, pledges (and releases) and partial invalidations while the patent is in force.
    `partner()` draws the licensee (only when there is a licence)."""
    rows = []
    big = owner.kind == "enterprise" and bool(owner.tags)
    if rng.random() < (0.04 if owner.kind in ("university", "institute") else 0.02):
        day = _day_in(rng, start, end)
        if day:
            kind = rng.choices([k for k, _ in LICENSE_TYPES], [w for _, w in LICENSE_TYPES])[0]
            until = day + dt.timedelta(days=365 * rng.randint(1, 5))
            rows.append((pid, "license", "EE01", day, _next_gazette(day), owner.name, partner().name,
                         None, None, None, None, None, None, None, kind,
                         f"X{day.year}32{rng.randint(0, 99999):07d}", until,
                         f"许可种类：{kind}；备案日期：{day:%Y%m%d}", SOURCE))
    if rng.random() < (0.05 if big else 0.012):
        rows += _pledge(rng, pid, start, end, owner)
    if rng.random() < 0.002:
        day = _day_in(rng, start, end)
        if day:
            rows.append(simple(pid, "partial_invalidation", "IP01", day, _next_gazette(day),
                               "专利权部分无效"))
    return rows


def _pledge(rng: random.Random, pid: int, start: dt.date, end: dt.date, owner: HolderSpec) -> list:
    day = _day_in(rng, start, end)
    if day is None:
        return []
    amount = Decimal(max(10, int(rng.lognormvariate(6.2, 1.1))) * 10000)  # yuan, ≈ 500万 median
    bank = rng.choice(names.BANKS)
    number = f"Y{day.year}32{rng.randint(0, 99999):07d}"
    rows = [(pid, "pledge", "PE01", day, _next_gazette(day), owner.name, bank, None, None, None,
             None, None, None, amount, None, number, None,
             f"登记号：{number}；出质人：{owner.name}；质权人：{bank}；登记生效日：{day:%Y%m%d}", SOURCE)]
    release = day + dt.timedelta(days=rng.randint(300, 1100))
    if release < end and rng.random() < 0.7:
        rows.append((pid, "pledge_release", "PC01", release, _next_gazette(release), owner.name,
                     bank, None, None, None, None, None, None, amount, None, number, release,
                     f"登记号：{number}；解除日：{release:%Y%m%d}", SOURCE))
    return rows


def _next_gazette(day: dt.date) -> dt.date:
    day += dt.timedelta(days=7)
    while day.weekday() not in (1, 4):
        day += dt.timedelta(days=1)
    return day
