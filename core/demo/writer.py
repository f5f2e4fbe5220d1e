"""Streaming writes of the demo: the generator buffers rows per table in a Batch, written in one
transaction per batch through core.db.bulk_insert (executemany / execute_values), parents before
children."""
from __future__ import annotations

from dataclasses import dataclass, field

from peewee import fn

from core.db import bulk_insert, db, is_postgres
from core.db.models import Agency, FeePayment, Holder, HolderTag, LegalEvent, Patent, PatentHolder
from core.demo.events import EVENT_COLUMNS
from core.resolver.pending import intern_resolved

PATENT_COLUMNS = ["id", "app_no", "patent_type", "app_date", "app_year", "pub_no", "pub_date",
                  "grant_no", "grant_date", "grant_year", "title", "ipc_main", "ipc_all",
                  "ipc_subclass", "agency", "agents", "inventors", "inventor_count",
                  "first_holder", "holder_count", "domestic", "address", "address_ref", "status",
                  "status_reason", "status_date", "lapse_date", "expiry_date",
                  "grant_patent_year", "paid_through_year", "next_fee_due", "source"]
ADDRESS_AT = PATENT_COLUMNS.index("address")
REGION_COLUMNS = ["province_code", "city_code", "county_code", "street_code"]
HOLDER_COLUMNS = ["id", "name", "norm_name", "kind", "country", "domestic", "address",
                  "address_ref", "fee_reduction", "credit_code"] + REGION_COLUMNS
LINK_COLUMNS = ["patent", "holder", "seq", "current", "address"]
FEE_COLUMNS = ["patent", "patent_year", "amount", "surcharge", "paid_on", "source"]
AGENCY_COLUMNS = ["id", "name", "norm_name", "code", "address", "province_code", "city_code",
                  "county_code", "agent_count"]


@dataclass
class Batch:
    """The rows of one transaction, as plain values (a worker process makes them and sends them
    here to be written): agencies (the first batch only), the holders first seen in this batch
    (id, name, kind, address, fee_reduction, credit_code, tags), patents (without their address
    id and region columns, added when written), holder links, events and fee payments."""
    agencies: list[tuple] = field(default_factory=list)
    holders: list[tuple] = field(default_factory=list)
    patents: list[list] = field(default_factory=list)
    links: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    fees: list[tuple] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.patents)

    def rows(self) -> int:
        return sum(map(len, (self.agencies, self.holders, self.patents, self.links, self.events,
                             self.fees)))


def write(batch: Batch) -> None:
    """Write a batch in one transaction, parents before children. Addresses are interned and
    resolved first, so patents and holders are inserted already placed (the resolver's queue
    still gets the addresses it cannot place; nothing is left to propagate afterwards)."""
    raws = [p[ADDRESS_AT] for p in batch.patents] + [h[3] for h in batch.holders]
    with db.atomic():
        bulk_insert(Agency, AGENCY_COLUMNS, batch.agencies)
        placed = intern_resolved(raws)
        _write_holders(batch.holders, placed)
        for row in batch.patents:
            address_id, *codes, level = placed[row[ADDRESS_AT]]
            row[ADDRESS_AT + 1] = address_id
            row += [*codes, level]
        bulk_insert(Patent, PATENT_COLUMNS + REGION_COLUMNS + ["region_level"], batch.patents)
        bulk_insert(PatentHolder, LINK_COLUMNS, batch.links)
        bulk_insert(LegalEvent, EVENT_COLUMNS, batch.events)
        bulk_insert(FeePayment, FEE_COLUMNS, batch.fees)


def _write_holders(holders: list[tuple], placed: dict[str, tuple]) -> None:
    rows, tags = [], []
    for hid, name, kind, address, fee_reduction, credit_code, holder_tags in holders:
        address_id, *codes, _ = placed[address]
        rows.append((hid, name, name, kind, "CN", True, address, address_id, fee_reduction,
                     credit_code, *codes))
        tags += [(hid, tag) for tag in holder_tags]
    bulk_insert(Holder, HOLDER_COLUMNS, rows)
    bulk_insert(HolderTag, ["holder", "tag"], tags)


def holder_row(h) -> tuple:
    """A batch's row of a HolderSpec."""
    return h.id, h.name, h.kind, h.address, h.fee_reduction, h.credit_code, h.tags


def agency_rows(specs, ids: list[int]) -> list[tuple]:
    return [(aid, a.name, a.name, a.code, a.address, a.province, a.city, a.county, len(a.agents))
            for aid, a in zip(ids, specs)]


def next_id(model) -> int:
    return (model.select(fn.MAX(model.id)).scalar() or 0) + 1


def fix_sequences() -> None:
    """PostgreSQL: move the id sequences past the explicit ids the demo inserted."""
    if not is_postgres():
        return
    for model in (Patent, Holder, Agency):
        table = model._meta.table_name
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"COALESCE((SELECT MAX(id) FROM {table}), 1))")
