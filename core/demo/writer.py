"""Streaming writes of the demo: rows are buffered per table and flushed in one transaction per
batch through core.db.bulk_insert (executemany / execute_values), parents before children."""
from __future__ import annotations

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


class Writer:
    def __init__(self):
        self.holders: list = []  # HolderSpec
        self.patents: list[list] = []
        self.links: list[tuple] = []
        self.events: list[tuple] = []
        self.fees: list[tuple] = []
        self.rows_written = 0

    def __len__(self) -> int:
        return len(self.patents)

    def flush(self) -> None:
        """Write everything buffered in one transaction. Addresses are interned and resolved
        first, so patents and holders are inserted already placed (the resolver's queue still
        gets the addresses it cannot place; nothing is left to propagate afterwards)."""
        raws = [p[ADDRESS_AT] for p in self.patents] + [h.address for h in self.holders]
        with db.atomic():
            placed = intern_resolved(raws)
            self._write_holders(placed)
            for row in self.patents:
                address_id, *codes, level = placed[row[ADDRESS_AT]]
                row[ADDRESS_AT + 1] = address_id
                row += [*codes, level]
            bulk_insert(Patent, PATENT_COLUMNS + REGION_COLUMNS + ["region_level"], self.patents)
            bulk_insert(PatentHolder, LINK_COLUMNS, self.links)
            bulk_insert(LegalEvent, EVENT_COLUMNS, self.events)
            bulk_insert(FeePayment, FEE_COLUMNS, self.fees)
        self.rows_written += sum(map(len, (self.holders, self.patents, self.links, self.events,
                                           self.fees)))
        self.holders, self.patents, self.links, self.events, self.fees = [], [], [], [], []

    def _write_holders(self, placed: dict[str, tuple]) -> None:
        rows, tags = [], []
        for h in self.holders:
            address_id, *codes, _ = placed[h.address]
            rows.append((h.id, h.name, h.name, h.kind, "CN", True, h.address, address_id,
                         h.fee_reduction, h.credit_code, *codes))
            tags += [(h.id, tag) for tag in h.tags]
        bulk_insert(Holder, HOLDER_COLUMNS, rows)
        bulk_insert(HolderTag, ["holder", "tag"], tags)


def write_agencies(specs, first_id: int) -> list[int]:
    rows = [(first_id + i, a.name, a.name, a.code, a.address, a.province, a.city, a.county,
             len(a.agents)) for i, a in enumerate(specs)]
    with db.atomic():
        bulk_insert(Agency, AGENCY_COLUMNS, rows)
    return [r[0] for r in rows]


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
