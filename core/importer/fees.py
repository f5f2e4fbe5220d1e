"""Fee-payment lists (申请号, 缴费年度, 金额, 缴费日 [, 滞纳金, 费用种类]) → FeePayment.

A payment is (patent, patent year, payment day). Rows naming a late fee (滞纳金) add to the
surcharge of the annual fee paid the same day; rows for other fees (申请费 …) are rejected with
their name. A re-import changes nothing; a corrected amount updates the stored payment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from core.config import labels
from core.cubes import delta
from core.db import bulk_insert
from core.db.models import FeePayment
from core.importer import store
from core.importer import values as v
from core.importer.events import patent_ids
from core.importer.report import Report
from core.importer.table import BadCell, Table

ZERO = Decimal("0.00")


@dataclass
class Record:
    sheet: str
    row: int
    app_no: str
    patent_year: int
    paid_on: object
    amount: Decimal = ZERO
    surcharge: Decimal = ZERO
    rows: list[int] = field(default_factory=list)
    pub_no: str | None = None


def parse_row(table: Table, cells: tuple) -> Record:
    table.check_cells(cells)
    get = table.getter(cells)
    app_no = table.parse("app_no", v.parse_app_no, get)[0]
    if not app_no:
        raise BadCell(table.column("app_no"), None, labels.IMP_R_NO_KEY)
    name = v.text(get("fee_name")) or ""
    late = "滞纳" in name
    if name and "年费" not in name and not late:
        raise BadCell(table.column("fee_name"), name, labels.IMP_R_NOT_ANNUAL.format(name=name))
    year_raw = get("patent_year")
    if v.text(year_raw) is None:
        year_raw = _year_in(name)
    year = table.parse("patent_year", v.parse_patent_year, lambda _: year_raw)
    paid_on = table.parse("paid_on", v.parse_date, get)[0]
    if paid_on is None:
        raise BadCell(table.column("paid_on"), get("paid_on"), labels.IMP_R_NO_DATE)
    amount = table.parse("amount", v.parse_amount, get)
    if amount is None:
        raise BadCell(table.column("amount"), None, labels.IMP_R_NO_AMOUNT)
    surcharge = table.parse("surcharge", v.parse_amount, get) or ZERO
    if late:
        amount, surcharge = ZERO, surcharge + amount
    return Record(table.sheet, 0, app_no, year, paid_on, amount, surcharge)


def _year_in(name: str) -> str | None:
    match = re.search(r"第\s*([0-9一二三四五六七八九十]+)\s*年", name)
    return match.group(1) if match else None


def read_records(tables: list[Table], report: Report) -> list[Record]:
    """Rows merged per (application number, patent year, payment day)."""
    merged: dict[tuple, Record] = {}
    for table in tables:
        for number, cells in table.data():
            report.rows_read += 1
            try:
                rec = parse_row(table, cells)
            except BadCell as err:
                report.rejected += 1
                report.error(table.sheet, number, *table.explain(number, err))
                continue
            key = (rec.app_no, rec.patent_year, rec.paid_on)
            first = merged.setdefault(key, rec)
            if first is not rec:
                first.amount += rec.amount
                first.surcharge += rec.surcharge
            first.rows.append(number)
            first.row = first.rows[0]
    return list(merged.values())


def store_records(records: list[Record], report: Report, progress=None) -> None:
    ids = patent_ids(records, report)
    delta.before_ids(ids.values())  # paid-through years move statuses: old counts out
    for rec in records:  # patent_ids counted one rejection per record; count its other rows
        if id(rec) not in ids:
            report.rejected += len(rec.rows) - 1
    stored = _stored(sorted(set(ids.values())))
    new, updates = [], []
    for rec in [r for r in records if id(r) in ids]:
        pid = ids[id(rec)]
        before = stored.get((pid, rec.patent_year, rec.paid_on))
        count = len(rec.rows)
        if before is None:
            new.append((pid, rec.patent_year, rec.amount, rec.surcharge, rec.paid_on, "import"))
            report.inserted += count
        elif (before.amount, before.surcharge) != (rec.amount, rec.surcharge):
            key = f"{rec.app_no}:{rec.patent_year}:{rec.paid_on}"
            report.change(key, "amount", Decimal(before.amount).quantize(ZERO), rec.amount)
            updates.append((rec.amount, rec.surcharge, before.id))
            report.updated += count
        else:
            report.unchanged += count
    bulk_insert(FeePayment, ["patent", "patent_year", "amount", "surcharge", "paid_on", "source"],
                new)
    store.bulk_update(FeePayment, ["amount", "surcharge"], updates)


def _stored(patent_ids: list[int]) -> dict[tuple, FeePayment]:
    out = {}
    for part in store.chunks(patent_ids):
        for fee in FeePayment.select().where(FeePayment.patent.in_(part)):
            out[(fee.patent_id, fee.patent_year, fee.paid_on)] = fee
    return out
