"""A patent list's patents and new holders written already placed: the list's addresses are
interned and resolved before the writes (core.resolver.pending.intern_resolved), so each row's
region columns go in with the row, as core.resolver.propagate would place it — the address's
codes, or the first holder's region when a checker fixed it (holder.region_override).

The resolver after the commit then has nothing left to propagate (it rewrote every new patent's
region columns, and their indexes, a second time), and a patent or holder filed from an address
known before is placed too: the resolver propagates only the addresses it resolves itself."""
from __future__ import annotations

from core.db import db
from core.db.models import Holder
from core.db.sql import REGION_CODES, load_temp
from core.importer import store
from core.importer.patent_rows import Record
from core.resolver import propagate
from core.resolver.pending import intern_resolved

REGION = (*REGION_CODES, "region_level")
ADDRESSES = "_import_addresses"


def resolve(records: list[Record]) -> dict[str, tuple]:
    """raw address → (address id, province, city, county, street, level) for every address of
    the records, new ones resolved now."""
    return intern_resolved(r.values["address"] for r in records if r.values.get("address"))


def level(codes: tuple) -> str | None:
    """The placement level of (province, city, county, street) codes (core.db.sql.level_sql)."""
    for code, name in zip(codes[::-1], ("street", "county", "city", "province")):
        if code:
            return name
    return None


def place(records: list[Record], placed: dict[str, tuple]) -> None:
    """REGION values of each record with an address (address_ref and first_holder set): its
    address's codes, or its first holder's when that holder's region was fixed by hand."""
    fixed = _fixed_holders({r.values.get("first_holder") for r in records
                            if r.values.get("address_ref") is not None})
    for rec in records:
        if rec.values.get("address_ref") is None:
            continue
        codes = fixed.get(rec.values.get("first_holder")) or placed[rec.values["address"]][1:5]
        rec.values.update(zip(REGION, (*codes, level(codes))))


def moved(rec: Record, before: dict) -> dict:
    """The REGION columns of a stored patent that its record places elsewhere."""
    if rec.values.get("address_ref") is None:
        return {}
    return {c: rec.values.get(c) for c in REGION if before.get(c) != rec.values.get(c)}


def counted(records: list[Record], existing: dict[str, dict]) -> set:
    """The addresses whose patents the list changes: a new patent's, and both the old and the
    new one of a stored patent filed again from another address (`existing`: record key → its
    stored row)."""
    out = set()
    for rec in records:
        now = rec.values.get("address_ref")
        was = existing[rec.key]["address_ref"] if rec.key in existing else None
        if now is not None and now != was:
            out |= {now, was}
    return out - {None}


def count_patents(address_ids: set) -> None:
    """address.patent_count of the addresses `address_ids` (counted()), in place of the
    resolver's count of the addresses it resolved and of every queued one."""
    load_temp(ADDRESSES, [("id", "INTEGER PRIMARY KEY")], ((i,) for i in address_ids))
    propagate.refresh_patent_counts(f'SELECT id FROM "{ADDRESSES}"')
    db.execute_sql(f'DROP TABLE "{ADDRESSES}"')


def _fixed_holders(holder_ids: set) -> dict[int, tuple]:
    """holder id → its (province, city, county, street) for the holders of `holder_ids` whose
    region a checker fixed."""
    out: dict[int, tuple] = {}
    wanted = sorted(h for h in holder_ids if h is not None)
    for part in store.chunks(wanted):
        query = (Holder.select(Holder.id, *(getattr(Holder, c) for c in REGION_CODES))
                 .where(Holder.id.in_(part) & Holder.region_override))
        out.update({pk: tuple(codes) for pk, *codes in query.tuples()})
    return out
