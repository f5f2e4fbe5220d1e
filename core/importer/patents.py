"""Patent lists → Patent, Holder, PatentHolder, Agency and tag LegalEvent rows (set-based upsert).

Rows are read into Records (patent_rows.py) and the rows of one patent merged: the same
application number, or the same document number when the file has none (Patsnap, Google
Patents). A newer export updates the fields it carries (empty cells never erase stored values)
and every change is reported; the same file twice changes nothing (patent_store.py).
"""
from __future__ import annotations

import datetime as dt

from core.config import labels
from core.importer.patent_rows import GRANT_FIELDS, Record, parse_row, row_getters
from core.importer.patent_store import store_records
from core.importer.report import Report
from core.importer.table import BadCell, Skipped, Table

__all__ = ["UPKEEP_IN_STORE", "note_limits", "read_records", "store_records"]

# after-commit steps (core.importer.batch.AFTER_COMMIT) that store_records(upkeep=True) does in
# the import's own transaction, with the patents' own write (settle.py, holder_counts.py,
# placing.py: the list's addresses resolved, its patents and holders written placed)
UPKEEP_IN_STORE = ("resolve_pending", "refresh_all", "refresh_holder_columns")


def read_records(tables: list[Table], report: Report) -> list[Record]:
    """Parse every row; rejected and skipped rows go to the report. Rows of one patent are
    merged into one record: the same application number, or the same document number (an A
    publication and its B grant, CN108572939A and CN108572939B, or a duplicate row)."""
    index: dict[str, Record] = {}
    records: list[Record] = []
    for table in tables:
        for number, cells, get, extra in _entries(table):
            report.rows_read += 1
            report.family_entries += extra
            try:
                record = parse_row(table, cells, report.source, get)
            except Skipped as skip:
                report.skipped += 1
                report.skip(table.sheet, number, skip.column or "", skip.value, skip.reason,
                            skip.office)
                continue
            except BadCell as err:
                report.rejected += 1
                report.error(table.sheet, number, *table.explain(number, err))
                continue
            record.row = number
            _note_dates(table, record, report)
            first = _same_patent(index, record)
            if first is None:
                records.append(record)
            else:
                _note_conflict(table, first, record, report)
                _merge(first, record)
                report.merged += 1
                record = first
            for key in record.numbers():
                index.setdefault(key, record)
    for record in records:
        if record.values.get("app_no_flag"):
            report.flag(record.values["app_no_flag"], record.key)
    if report.family_entries:
        report.warnings.append(labels.IMP_FAMILY_ROWS.format(n=report.family_entries))
    return records


def _entries(table: Table):
    """(row number, cells, get, extra) per patent a row describes; extra: a further Chinese
    patent of a Derwent family row, read as one more row."""
    for number, cells in table.data():
        for index, get in enumerate(row_getters(table, cells)):
            yield number, cells, get, index > 0


def _same_patent(index: dict[str, Record], record: Record) -> Record | None:
    """The record already read for this patent: by application number, else by document
    number unless both carry different application numbers."""
    app_no = record.values.get("app_no")
    for key in record.numbers():
        found = index.get(key)
        if found is not None and not (app_no and found.values.get("app_no")
                                      and found.values["app_no"] != app_no):
            return found
    return None


DATE_FIELDS = ("app_date", "pub_date", "grant_date")


def _note_dates(table: Table, record: Record, report: Report) -> None:
    """Dates a row may carry but no patent can have: after today, or published or granted
    before it was filed. The row is imported; the report lists it to check."""
    val, today = record.values, dt.date.today()
    for name in DATE_FIELDS:
        day = val.get(name)
        if day is None:
            continue
        label = labels.IMP_FIELD[name]
        if day > today:
            reason = labels.IMP_N_FUTURE.format(field=label, day=day.isoformat())
        elif name != "app_date" and val.get("app_date") and day < val["app_date"]:
            reason = labels.IMP_N_BEFORE_FILING.format(field=label, day=day.isoformat(),
                                                       filed=val["app_date"].isoformat())
        else:
            continue
        report.note(table.sheet, record.row, table.column(name) or "", day.isoformat(), reason)


def _note_conflict(table: Table, first: Record, later: Record, report: Report) -> None:
    """A later row of the same application (the same document, or one without a document
    number) under another title: the first row's title is kept, the report lists the row."""
    old, new = first.values, later.values
    same_document = not (old.get("pub_no") and new.get("pub_no")) or \
        old["pub_no"] == new["pub_no"]
    if new.get("title") == old.get("title") or not same_document:
        return
    report.note(table.sheet, later.row, table.column("title") or "", new.get("title"),
                labels.IMP_N_DUPLICATE.format(row=first.row, first=old.get("title")))


def _merge(first: Record, later: Record) -> None:
    """Fold a later row of the same patent into the first: a grant document brings its grant
    number, date and status, a publication its number and date when the first row was the
    grant; otherwise only empty fields are filled."""
    val, new = first.values, later.values
    grant = new.get("grant_no") and not val.get("grant_no")
    publication = (new.get("pub_no") and new["pub_no"] != new.get("grant_no")
                   and val.get("pub_no") == val.get("grant_no"))
    for name, value in new.items():
        if value is None:
            continue
        if name in ("pub_no", "pub_date"):
            if val.get(name) is None or publication:
                val[name] = value
        elif val.get(name) is None or (grant and name in GRANT_FIELDS):
            val[name] = value
    first.tags += [t for t in later.tags if t not in first.tags]
    first.holders = first.holders or later.holders
    first.agency = first.agency or later.agency


def note_limits(records: list[Record], report: Report) -> None:
    for rec in records:
        val = rec.values
        if not val.get("app_date"):
            report.limit("no_app_date", rec.key)
        if not val.get("app_no"):
            report.limit("no_app_no", rec.key)
        if not val.get("address"):
            report.limit("no_address", rec.key)
        if val.get("grant_no") and not val.get("grant_date"):
            report.limit("no_grant_date", rec.key)
