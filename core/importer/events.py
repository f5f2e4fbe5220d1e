"""Legal-event lists (CNIPA 法律状态 tables; transfer, licence and pledge registers) → LegalEvent.

An event is matched to a stored patent by application number (else publication number) and is
the same event when patent, kind, date, counterpart and contract number agree; a re-import
changes nothing, a corrected detail updates the stored event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import peewee as pw

from core.config import labels
from core.cubes import delta
from core.db import bulk_insert, db, version
from core.db.models import Address, LegalEvent
from core.db.sql import load_temp
from core.importer import dialects, legal, sizes, store
from core.importer import values as v
from core.importer.report import Report
from core.importer.table import BadCell, Table
from core.resolver.addresses import intern

COLUMNS = ("kind", "code", "date", "announce_date", "parties_before", "parties_after",
           "address_before", "address_after", "amount", "license_type", "contract_no",
           "end_date", "detail", "source")
KEY = ("kind", "date", "parties_after", "contract_no")
_PAIR = re.compile(r"([^：:；;]{2,20})[：:]\s*([^；;]*)")


@dataclass
class Record:
    sheet: str
    row: int
    app_no: str | None
    pub_no: str | None
    values: dict = field(default_factory=dict)

    def key(self, patent_id: int) -> tuple:
        return (patent_id, *(_cmp(self.values.get(k)) for k in KEY))


def _cmp(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def parse_row(table: Table, cells: tuple, source: str | None) -> Record:
    table.check_cells(cells)
    get = table.getter(cells)
    app_no = table.parse("app_no", v.parse_app_no, get)[0]
    pub_no = v.norm_pub_no(get("pub_no"))
    if not app_no and not pub_no:
        raise BadCell(table.column("app_no") or table.column("pub_no"), None,
                      labels.IMP_R_NO_KEY)
    raw = {name: get(name) for name in table.mapping.fields}
    _merge_detail(raw)
    val = {"detail": v.text(raw.get("detail")), "source": source,
           "code": (v.text(raw.get("code")) or "")[:8] or None}
    val["kind"] = _kind(table, raw, val["code"])
    for name, parser in (("date", v.parse_date), ("announce_date", v.parse_date),
                         ("end_date", v.parse_date)):
        val[name] = _parsed(table, raw, name, parser)[0] if raw.get(name) is not None else None
    val["date"] = val["date"] or val["announce_date"]
    if val["date"] is None:
        raise BadCell(table.column("date") or table.column("announce_date"), None,
                      labels.IMP_R_NO_DATE)
    _parties(raw, val)
    val["amount"] = _parsed(table, raw, "amount", v.parse_amount)
    val["license_type"] = (v.text(raw.get("license_type")) or "")[:16] or None
    val["contract_no"] = (v.text(raw.get("contract_no")) or "")[:64] or None
    sizes.check_values(table, LegalEvent, val)
    return Record(table.sheet, 0, app_no, pub_no, val)


def _parsed(table: Table, raw: dict, name: str, parser):
    try:
        return parser(raw.get(name))
    except ValueError as exc:
        raise BadCell(table.column(name) or table.column("detail"), raw.get(name),
                      str(exc)) from None


def _merge_detail(raw: dict) -> None:
    """Fill empty fields from 「登记生效日：20201130；变更前申请人：…」 style detail text."""
    detail = v.text(raw.get("detail"))
    if not detail:
        return
    aliases = dialects.NORM_ALIASES["events"]
    for label, value in _PAIR.findall(detail):
        norm = dialects.norm_header(label)
        target = next((f for f, names in aliases.items() if norm in names), None)
        if target and v.text(raw.get(target)) is None and v.text(value):
            raw[target] = value.strip()


def _kind(table: Table, raw: dict, code: str | None) -> str:
    kind = legal.event_kind(code) if code else "other"
    if kind == "other":
        kind = legal.event_kind(raw.get("event"))
    if kind == "other" and (v.text(raw.get("licensor")) or v.text(raw.get("licensee"))):
        kind = "license"
    if kind == "other" and (v.text(raw.get("pledgor")) or v.text(raw.get("pledgee"))):
        kind = "pledge_release" if v.text(raw.get("end_date")) else "pledge"
    if kind == "other" and (v.text(raw.get("before")) or v.text(raw.get("after"))):
        kind = "transfer"
    if kind == "other" and v.text(raw.get("event")) is None:
        raise BadCell(table.column("event"), None, labels.IMP_R_NO_EVENT)
    return kind


def _parties(raw: dict, val: dict) -> None:
    def joined(*names):
        for name in names:
            parts = v.split_multi(raw.get(name))
            if parts:
                return "; ".join(parts)
        return None
    val["parties_before"] = joined("before", "licensor", "pledgor")
    val["parties_after"] = joined("after", "licensee", "pledgee")
    val["address_before"] = v.text(raw.get("address_before"))
    val["address_after"] = v.text(raw.get("address_after"))


def read_records(tables: list[Table], report: Report) -> list[Record]:
    records = []
    for table in tables:
        for number, cells in table.data():
            report.rows_read += 1
            try:
                record = parse_row(table, cells, report.source)
            except BadCell as err:
                report.rejected += 1
                report.error(table.sheet, number, *table.explain(number, err))
                continue
            record.row = number
            records.append(record)
    return records


def patent_ids(records, report: Report, app_column: str = "申请号") -> dict[int, int]:
    """id(record) → patent id; records whose patent is not stored are rejected in the report."""
    by_app = store.patents_by_app_no([r.app_no for r in records if r.app_no])
    by_pub = store.patents_by_pub_no([r.pub_no for r in records
                                      if r.pub_no and r.app_no not in by_app])
    out = {}
    for rec in records:
        row = by_app.get(rec.app_no) or by_pub.get(rec.pub_no)
        if row is None:
            report.rejected += 1
            report.error(rec.sheet, rec.row, app_column, rec.app_no or rec.pub_no,
                         labels.IMP_R_UNKNOWN_PATENT)
        else:
            out[id(rec)] = row["id"]
    return out


def store_records(records: list[Record], report: Report, progress=None) -> None:
    ids = patent_ids(records, report)
    delta.before_ids(ids.values())  # their events and status change: old counts out
    stored = _stored(sorted(set(ids.values())))
    new, updates, seen = [], [], {}
    for rec in records:
        pid = ids.get(id(rec))
        if pid is None:
            continue
        key = rec.key(pid)
        if key in seen:  # the same event twice in the file
            report.unchanged += 1
            continue
        seen[key] = rec
        before = stored.get(key)
        if before is None:
            new.append((pid, *(rec.values.get(c) for c in COLUMNS)))
            report.inserted += 1
            continue
        changed = {c: rec.values[c] for c in COLUMNS
                   if rec.values.get(c) is not None and _cmp(before[c]) != _cmp(rec.values[c])
                   and not (c == "amount" and float(before[c] or 0) == float(rec.values[c]))}
        if changed:
            for name, value in changed.items():
                report.change(f"{rec.app_no or rec.pub_no}:{rec.values['kind']}", name,
                              before[name], value)
            updates.append((changed, before["id"]))
            report.updated += 1
        else:
            report.unchanged += 1
    bulk_insert(LegalEvent, ["patent", *COLUMNS], new)
    for changed, pk in updates:
        LegalEvent.update(**changed).where(LegalEvent.id == pk).execute()
    _intern_addresses(records)


def _intern_addresses(records: list[Record]) -> None:
    """Queue the addresses before/after for the resolver (Address rows, status 'new')."""
    intern(r.values[k] for r in records for k in ("address_before", "address_after")
           if r.values.get(k))


def _stored(patent_ids: list[int]) -> dict[tuple, dict]:
    out = {}
    for part in store.chunks(patent_ids):
        query = LegalEvent.select().where(LegalEvent.patent.in_(part) & LegalEvent.date.is_null(False))
        for row in query.dicts():
            key = (row["patent"], *(_cmp(row[k]) for k in KEY))
            out.setdefault(key, row)
    return out


def place_event_addresses() -> int:
    """Fill county/street before and after of transfer events from resolved Address rows (run
    after the resolver). Returns the number of events changed."""
    with db.atomic():
        changed = sum(_place_side(side) for side in ("before", "after"))
        if changed:
            version.bump()
    return changed


def _waiting(side: str) -> pw.Select:
    """(id, address) of the events with an address on `side` and no county there: read from
    the side's partial index (core.db.models.UNPLACED_EVENT_INDEX, whose condition this is)."""
    address = getattr(LegalEvent, f"address_{side}")
    county = getattr(LegalEvent, f"county_{side}")
    return LegalEvent.select(LegalEvent.id, address).where(address.is_null(False)
                                                           & county.is_null())


def _place_side(side: str) -> int:
    rows = list(_waiting(side).tuples())
    if not rows:
        return 0
    ids = intern(raw for _, raw in rows)
    codes = {}
    for part in store.chunks(sorted(set(ids.values()))):
        query = (Address.select(Address.id, Address.county_code, Address.street_code)
                 .where(Address.id.in_(part) & Address.county_code.is_null(False)))
        codes.update({pk: (c, s) for pk, c, s in query.tuples()})
    updates = [(*codes[ids[raw]], pk) for pk, raw in rows if ids.get(raw) in codes]
    if updates and delta.current() is not None:  # the events' patents: old counts out
        delta.before(_patents_of_events([pk for *_, pk in updates]))
    return store.bulk_update(LegalEvent, [f"county_{side}", f"street_{side}"], updates)


def _patents_of_events(event_ids: list[int]) -> str:
    """SQL giving the patents of the events (their ids written into a temporary table)."""
    load_temp("_placed_events", [("id", "INTEGER PRIMARY KEY")], ((i,) for i in event_ids))
    return 'SELECT patent_id FROM legal_event WHERE id IN (SELECT id FROM "_placed_events")'
