"""Patent lists → Patent, Holder, PatentHolder, Agency and tag LegalEvent rows (set-based upsert).

A record is keyed by its application number, or by its publication number when the file has
none (Patsnap). A newer export updates the fields it carries (empty cells never erase stored
values) and every change is reported; the same file twice changes nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.config import labels
from core.db import bulk_insert
from core.db.models import LegalEvent, Patent, PatentHolder, now
from core.importer import derwent, legal, store
from core.importer import values as v
from core.importer.report import Report
from core.importer.table import BadCell, Skipped, Table
from core.resolver.addresses import intern
from core.rules import numbers

CN_NAMES = {"中国", "cn", "china", "中国大陆", "中华人民共和国", "中国专利"}
# Patent columns an import may write, compared on update in this order.
COLUMNS = ("app_no", "app_no_flag", "patent_type", "app_date", "app_year", "pub_no", "pub_date",
           "grant_no", "grant_date", "grant_year", "title", "ipc_main", "ipc_all", "ipc_subclass",
           "agency", "agents", "inventors", "inventor_count", "first_holder", "holder_count",
           "domestic", "address", "address_ref", "status", "status_reason", "status_date",
           "lapse_date", "vendor_status", "source")


@dataclass
class Record:
    """One patent as read from a row: Patent column values plus holder names and event tags."""
    sheet: str
    row: int
    values: dict
    holders: list[str] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)  # (kind, detail, date or None)
    agency: str | None = None
    holder_ids: list[int] = field(default_factory=list)
    changed: bool = False
    address_is_real: bool = True  # False: built from vendor province/city/county columns

    @property
    def key(self) -> str:
        """The application number, else the number its documents share (CN108572939)."""
        val = self.values
        return val.get("app_no") or numbers.document_key(val["pub_no"]) or val["pub_no"]

    def numbers(self) -> list[str]:
        """Every number this patent is known by in one file: application number and the
        document numbers of its publication and grant."""
        val = self.values
        keys = [val["app_no"]] if val.get("app_no") else []
        for number in (val.get("pub_no"), val.get("grant_no")):
            key = numbers.document_key(number) or number
            if key and key not in keys:
                keys.append(key)
        return keys


def row_getters(table: Table, cells: tuple) -> list:
    """get(field) for each patent a row describes: one, or one per Chinese application of a
    Derwent Innovations Index family row."""
    get = table.getter(cells)
    return derwent.getters(get) if table.source == "dii" else [get]


def parse_row(table: Table, cells: tuple, source: str | None, get=None) -> Record:
    """A Record from one row; BadCell naming the column and the reason, or Skipped for another
    country's patent."""
    get = get or table.getter(cells)
    _check_country(table, get)
    out = {"source": source}
    _dates(table, get, out)
    app_no, flag = table.parse("app_no", lambda raw: v.parse_app_no(raw, out["app_year"]), get)
    pub_no = v.norm_pub_no(get("pub_no"))
    if not app_no and not pub_no:
        raise BadCell(table.column("app_no") or table.column("pub_no"), None,
                      labels.IMP_R_NO_KEY)
    title = v.prefer_chinese(table.values("title", cells))
    if title is None:
        raise BadCell(table.column("title"), None, labels.IMP_R_NO_TITLE)
    out.update({"app_no": app_no, "app_no_flag": flag, "pub_no": pub_no, "title": title})
    out["patent_type"] = _patent_type(table, get, app_no, pub_no)
    _grant(get, out)
    _ipc(get, out)
    _people(get, out)
    _status(table, get, out)
    record = Record(table.sheet, 0, out, _holders(get), _tags(get, out), v.text(get("agency")))
    out["holder_count"] = len(record.holders) or None
    out["domestic"] = v.is_domestic(record.holders[0]) if record.holders else None
    out["address"] = _address(get)
    record.address_is_real = v.text(get("address")) is not None
    return record


def _tags(get, out: dict) -> list[tuple]:
    """Undated vendor event tags, plus the dated event a status with an effective date states
    (法律状态 未缴年费专利权终止 + 法律状态生效日期 → lapse_unpaid on that day), which the
    status derivation (core.status) can use."""
    tags = [(kind, tag, None) for kind, tag in legal.event_tags(get("events"))]
    detail = v.text(get("status"))
    if detail and out.get("status_date"):
        kind = legal.event_kind(detail)
        if legal.EVENT_STATUS.get(kind, (None,))[0]:
            tags.append((kind, detail[:200], out["status_date"]))
    return tags


def _check_country(table: Table, get) -> None:
    country = v.text(get("country"))
    if country and country.lower() not in CN_NAMES:
        raise Skipped(table.column("country"), country,
                      labels.IMP_R_FOREIGN.format(office=country), country)
    for name in ("pub_no", "app_no"):
        raw = v.text(get(name))
        office = v.pub_office(raw.upper().replace(" ", "")) if raw else None
        if office and office not in ("CN", "ZL"):
            raise Skipped(table.column(name), raw, labels.IMP_R_FOREIGN.format(office=office),
                          office)


def _patent_type(table: Table, get, app_no, pub_no) -> str:
    kind = numbers.TYPE_BY_DIGIT.get(app_no[4] if len(app_no) >= 12 else app_no[2]) \
        if app_no else None
    kind = (kind or v.type_from_words(get("patent_type")) or v.type_from_words(get("doc_type"))
            or v.KIND_TYPE.get((v.text(get("kind_code")) or " ")[0]) or v.type_from_pub_no(pub_no))
    if kind is None:
        raise BadCell(table.column("patent_type") or table.column("pub_no"),
                      get("patent_type"), labels.IMP_R_NO_TYPE)
    return kind


def _dates(table: Table, get, out: dict) -> None:
    app_date, app_year = table.parse("app_date", v.parse_date, get)
    if app_year is None:
        app_year = table.parse("app_year", v.parse_date, get)[1]
    out["app_date"], out["app_year"] = app_date, app_year
    out["pub_date"] = table.parse("pub_date", v.parse_date, get)[0]
    out["grant_date"] = table.parse("grant_date", v.parse_date, get)[0]
    out["status_date"] = table.parse("status_date", v.parse_date, get)[0]
    out["lapse_date"] = table.parse("lapse_date", v.parse_date, get)[0]


def _grant(get, out: dict) -> None:
    """Grant number and date: their own columns, else the document itself when it is a grant
    (B/U/S, or a type such as 发明授权)."""
    grant_no, grant_date = v.norm_pub_no(get("grant_no")), out["grant_date"]
    type_text = f"{v.text(get('patent_type')) or ''}{v.text(get('doc_type')) or ''}"
    if grant_no is None and v.is_grant_document(out["pub_no"], type_text):
        grant_no, grant_date = out["pub_no"], grant_date or out["pub_date"]
    out["grant_no"], out["grant_date"] = grant_no, grant_date
    out["grant_year"] = grant_date.year if grant_date else None


def _ipc(get, out: dict) -> None:
    ipcs = v.ipc_list(get("ipc_all"))
    main = v.norm_ipc(get("ipc_main"))
    subclass = v.norm_ipc(get("ipc_subclass"))
    if main and len(main) == 4:  # a subclass only (Patentics 国际主分类)
        subclass, main = main, next((i for i in ipcs if i.startswith(main)), None)
    main = main or (ipcs[0] if ipcs else None)
    if main and main not in ipcs:
        ipcs.insert(0, main)
    out["ipc_main"] = main[:32] if main else None
    out["ipc_all"] = "; ".join(ipcs) or None
    out["ipc_subclass"] = (main or subclass or "")[:4] or None


def _people(get, out: dict) -> None:
    inventors = v.split_multi(get("inventors"))
    out["inventors"] = "; ".join(inventors) or None
    out["inventor_count"] = len(inventors) or None
    out["agents"] = "; ".join(v.split_multi(get("agents"))) or None


def _holders(get) -> list[str]:
    names = v.split_multi(get("owners")) or v.split_multi(get("applicants"))
    return list(dict.fromkeys(n[:255] for n in names))


def _address(get) -> str | None:
    address = v.text(get("address"))
    if address:
        return address
    parts: list[str] = []
    for name in ("province", "city", "county"):
        part = v.text(get(name))
        if part and not any(part in p or p in part for p in parts):
            parts.append(part)
    return "".join(parts) or None


def _status(table: Table, get, out: dict) -> None:
    simple, detail, events = get("status_simple"), get("status"), get("events")
    if not any(table.has(f) for f in ("status_simple", "status", "events")):
        out["status"] = out["status_reason"] = out["vendor_status"] = None
        return
    texts = [t for t in (v.text(simple), v.text(detail), v.text(events)) if t]
    if not texts:  # empty cells: keep what is stored
        out["status"] = out["status_reason"] = out["vendor_status"] = None
        return
    status, reason = legal.status_of(simple, v.text(detail) or events)
    out["status"], out["status_reason"] = status, reason
    out["vendor_status"] = " / ".join(dict.fromkeys(texts))[:64] or None


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
                report.error(table.sheet, number, err.column or "", err.value, err.reason)
                continue
            record.row = number
            first = _same_patent(index, record)
            if first is None:
                records.append(record)
            else:
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


def store_records(records: list[Record], report: Report, progress=None) -> None:
    """Upsert the records: holders and agencies first, then patents, links and tag events."""
    address_ids = intern(r.values["address"] for r in records if r.values.get("address"))
    holder_ids = store.holder_ids((n for r in records for n in r.holders),
                                  _first_holder_addresses(records, address_ids))
    agency_ids = store.agency_ids(r.agency for r in records if r.agency)
    if progress:
        progress(f"holders ready: {len(holder_ids)}")
    for rec in records:
        val = rec.values
        firsts = [holder_ids[v.norm_name(n)] for n in rec.holders if v.norm_name(n) in holder_ids]
        val["first_holder"] = firsts[0] if firsts else None
        val["agency"] = agency_ids.get(v.norm_name(rec.agency)) if rec.agency else None
        val["address_ref"] = address_ids.get(val["address"])
        rec.holder_ids = list(dict.fromkeys(firsts))
    existing = _match_existing(records)
    new = [r for r in records if r.key not in existing]
    _insert(new, report)
    if progress:
        progress(f"inserted {len(new)} patents")
    _update([r for r in records if r.key in existing], existing, report)


def _first_holder_addresses(records: list[Record], address_ids: dict) -> dict:
    """First holder's norm_name → (address as filed, Address id) from the first record naming
    them first; vendor region columns alone (no street address) are not a holder's address."""
    out: dict[str, tuple] = {}
    for rec in records:
        address = rec.values.get("address")
        if rec.holders and address and rec.address_is_real:
            out.setdefault(v.norm_name(rec.holders[0]), (address, address_ids.get(address)))
    return out


def _match_existing(records: list[Record]) -> dict[str, dict]:
    """record key → the stored patent it updates: by application number, else by any stored
    document of the same number (publication or grant, with or without kind code)."""
    by_app = store.patents_by_app_no([r.values["app_no"] for r in records if r.values["app_no"]],
                                     COLUMNS)
    out = {r.key: by_app[r.key] for r in records if r.key in by_app}
    rest = [r for r in records if r.key not in out and r.values["pub_no"]]
    # a record with an application number can only be a patent stored without one (Patsnap)
    by_pub = store.patents_by_pub_no([n for r in rest if r.values["app_no"]
                                      for n in _documents(r)], COLUMNS, without_app_no=True)
    by_pub.update(store.patents_by_pub_no([n for r in rest if not r.values["app_no"]
                                           for n in _documents(r)], COLUMNS))
    for rec in rest:
        row = next((by_pub[n] for n in _documents(rec) if n in by_pub), None)
        if row and (row["app_no"] is None or rec.values["app_no"] is None):
            out[rec.key] = row
    return out


def _documents(rec: Record) -> list[str]:
    """The numbers a stored copy of this patent's documents may carry."""
    out: list[str] = []
    for number in (rec.values.get("pub_no"), rec.values.get("grant_no")):
        key = numbers.document_key(number)
        for candidate in (number, *(numbers.document_numbers(key) if key else ())):
            if candidate and candidate not in out:
                out.append(candidate)
    return out


def _insert(records: list[Record], report: Report) -> None:
    if not records:
        return
    stamp = now()
    columns = [*COLUMNS, "created_at", "updated_at"]
    defaults = {c: Patent._meta.fields[c].default for c in COLUMNS
                if not Patent._meta.fields[c].null}
    rows = []
    for rec in records:
        val = {**rec.values, "created_at": stamp, "updated_at": stamp}
        for name, default in defaults.items():
            if val.get(name) is None:
                val[name] = default
        rows.append(tuple(val.get(c) for c in columns))
    bulk_insert(Patent, columns, rows)
    ids = _ids_of(records)
    _link_holders(records, ids)
    _add_tag_events(records, ids, {}, report)
    report.inserted += len(records)


def _ids_of(records: list[Record]) -> dict[str, int]:
    """record key → id of the patent just inserted for it."""
    by_app = store.patents_by_app_no([r.values["app_no"] for r in records if r.values["app_no"]])
    out = {k: row["id"] for k, row in by_app.items()}
    keyed_by_pub = {r.values["pub_no"]: r.key for r in records if not r.values["app_no"]}
    for part in store.chunks(list(keyed_by_pub)):
        query = (Patent.select(Patent.id, Patent.pub_no)
                 .where(Patent.app_no.is_null() & Patent.pub_no.in_(part)))
        out.update({keyed_by_pub[pub]: pk for pk, pub in query.tuples()})
    return out


def _link_holders(records: list[Record], ids: dict[str, int]) -> None:
    rows = []
    for rec in records:
        for seq, holder_id in enumerate(rec.holder_ids, start=1):
            address = rec.values.get("address") if seq == 1 else None
            rows.append((ids[rec.key], holder_id, seq, True, address))
    bulk_insert(PatentHolder, ["patent", "holder", "seq", "current", "address"], rows)


def _add_tag_events(records: list[Record], ids: dict[str, int],
                    stored: dict[int, set], report: Report) -> set[int]:
    """Insert the vendor's event tags not stored yet; returns the patent ids that got one."""
    rows, touched = [], set()
    for rec in records:
        pid = ids[rec.key]
        for kind, tag, day in dict.fromkeys(rec.tags):
            if (kind, tag, day) not in stored.get(pid, set()):
                rows.append((pid, kind, tag, day, report.source))
                touched.add(pid)
    bulk_insert(LegalEvent, ["patent", "kind", "detail", "date", "source"], rows)
    return touched


def _update(records: list[Record], existing: dict[str, dict], report: Report) -> None:
    if not records:
        return
    ids = {r.key: existing[r.key]["id"] for r in records}
    links = _stored_links(list(ids.values()))
    tags = _stored_tags(list(ids.values()))
    groups: dict[tuple, list[tuple]] = {}
    relink: list[Record] = []
    stamp = now()
    for rec in records:
        before = existing[rec.key]
        changed = _diff(rec, before, report)
        if rec.holder_ids and rec.holder_ids != links.get(before["id"], []):
            report.change(rec.key, "holders", links.get(before["id"]), rec.holder_ids)
            relink.append(rec)
        if changed:
            cols = tuple(sorted(changed)) + ("updated_at",)
            groups.setdefault(cols, []).append(
                tuple(changed[c] for c in cols[:-1]) + (stamp, before["id"]))
        rec.changed = bool(changed) or rec in relink
    for cols, rows in groups.items():
        store.bulk_update(Patent, list(cols), rows)
    _relink(relink, ids)
    touched = _add_tag_events(records, ids, tags, report)
    for rec in records:
        if rec.changed or ids[rec.key] in touched:
            report.updated += 1
        else:
            report.unchanged += 1


STATUS_COLUMNS = ("status", "status_reason", "status_date", "lapse_date")
GRANT_FIELDS = ("grant_no", "grant_date", "grant_year", "status", "status_reason", "status_date",
                "vendor_status")


def _diff(rec: Record, before: dict, report: Report) -> dict:
    """Columns whose new value differs. Status and reason follow the vendor's status text: when
    that text is unchanged, a status derived since (core.status) is left alone. The source is
    the vendor of the first import."""
    changed = {}
    same_vendor_text = rec.values.get("vendor_status") == before.get("vendor_status")
    for name in COLUMNS:
        new = rec.values.get(name)
        if new is None or name == "source" or (same_vendor_text and name in STATUS_COLUMNS):
            continue
        if name == "pub_no" and before.get("pub_no") and new == before.get("grant_no"):
            continue  # a grant-document list: keep the publication number already stored
        old = before.get(name)
        if _same(old, new):
            continue
        changed[name] = new
        report.change(rec.key, name, old, new)
    return changed


def _same(old, new) -> bool:
    if isinstance(new, dt.date) and isinstance(old, str):
        return old[:10] == new.isoformat()
    if isinstance(new, bool) or isinstance(old, bool):
        return bool(old) == bool(new)
    return old == new


def _stored_links(patent_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for part in store.chunks(patent_ids):
        query = (PatentHolder.select(PatentHolder.patent_id, PatentHolder.holder_id)
                 .where(PatentHolder.patent.in_(part) & PatentHolder.current)
                 .order_by(PatentHolder.patent_id, PatentHolder.seq))
        for pid, hid in query.tuples():
            out.setdefault(pid, []).append(hid)
    return out


def _stored_tags(patent_ids: list[int]) -> dict[int, set]:
    out: dict[int, set] = {}
    for part in store.chunks(patent_ids):
        query = (LegalEvent.select(LegalEvent.patent_id, LegalEvent.kind, LegalEvent.detail,
                                   LegalEvent.date).where(LegalEvent.patent.in_(part)))
        for pid, kind, detail, day in query.tuples():
            out.setdefault(pid, set()).add((kind, detail, day))
    return out


def _relink(records: list[Record], ids: dict[str, int]) -> None:
    if not records:
        return
    for part in store.chunks([ids[r.key] for r in records]):
        PatentHolder.delete().where(PatentHolder.patent.in_(part) & PatentHolder.current).execute()
    _link_holders(records, ids)
