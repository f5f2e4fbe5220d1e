"""Records of a patent list → the database, set-based: holders and agencies first, then new
patents inserted, stored ones (matched by application number, else by any of their document
numbers) updated column by column, holder links and vendor event tags added."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.config import labels
from core.cubes import delta
from core.db import bulk_insert
from core.db.models import LegalEvent, Patent, PatentHolder, PatentText, now
from core.importer import placing, settle, store
from core.importer import values as v
from core.importer.holder_counts import LinkChanges
from core.importer.patent_rows import Record
from core.importer.report import Report
from core.importer.settle import Settler
from core.rules import numbers

# Patent columns an import may write, compared on update in this order.
COLUMNS = ("app_no", "app_no_flag", "patent_type", "app_date", "app_year", "pub_no", "pub_date",
           "grant_no", "grant_date", "grant_year", "title", "ipc_main", "ipc_all", "ipc_subclass",
           "agency", "agents", "inventors", "inventor_count", "first_holder", "holder_count",
           "domestic", "address", "address_ref", "status", "status_reason", "status_date",
           "lapse_date", "vendor_status", "source")
STATUS_COLUMNS = ("status", "status_reason", "status_date", "lapse_date")
READ = (*COLUMNS, *settle.READ, *placing.REGION)  # the stored columns of a patent the list updates


@dataclass
class Upkeep:
    """What an import with upkeep writes beside the list's own values."""
    settler: Settler
    links: LinkChanges


def store_records(records: list[Record], report: Report, progress=None,
                  upkeep: bool = False) -> None:
    """Upsert the records: holders and agencies first, then patents, links and tag events.
    upkeep: the patents' derived columns (settle.py) and their holders' counts
    (holder_counts.py) are written with them, in proportion to the change."""
    placed = placing.resolve(records)  # written placed: nothing left for the resolver
    address_ids = {raw: p[0] for raw, p in placed.items()}
    holder_ids = store.holder_ids((n for r in records for n in r.holders),
                                  _first_holder_addresses(records, placed))
    agency_ids = store.agency_ids(r.agency for r in records if r.agency)
    if progress:
        progress(labels.IMP_PROGRESS_HOLDERS.format(n=len(holder_ids)))
    for rec in records:
        val = rec.values
        firsts = [holder_ids[v.norm_name(n)] for n in rec.holders if v.norm_name(n) in holder_ids]
        val["first_holder"] = firsts[0] if firsts else None
        val["agency"] = agency_ids.get(v.norm_name(rec.agency)) if rec.agency else None
        val["address_ref"] = address_ids.get(val["address"])
        rec.holder_ids = list(dict.fromkeys(firsts))
    placing.place(records, placed)
    existing = _match_existing(records)
    counted = placing.counted(records, existing)
    stored_ids = [row["id"] for row in existing.values()]
    upkept = Upkeep(Settler(dt.date.today(), stored_ids), LinkChanges()) if upkeep else None
    new = [r for r in records if r.key not in existing]
    _insert(new, report, upkept)
    if progress:
        progress(labels.IMP_PROGRESS_INSERTED.format(n=len(new)))
    _update([r for r in records if r.key in existing], existing, report, upkept)
    if upkept:
        upkept.links.keep()
    placing.count_patents(counted)


def _new_abstracts(records: list[Record], ids: dict[str, int], report: Report
                   ) -> dict[int, str]:
    """patent id → the abstract a record carries where the stored one differs (patent_text:
    the industry keywords read it); each such change reported."""
    given = {ids[r.key]: r for r in records if r.abstract}
    table = PatentText._meta.table_name
    stored = dict(store.select_in(f'SELECT "patent_id", "abstract" FROM "{table}"',
                                  '"patent_id"', sorted(given)))
    changed = {pid: rec for pid, rec in given.items() if stored.get(pid) != rec.abstract}
    for pid, rec in changed.items():
        report.change(rec.key, "abstract", stored.get(pid), rec.abstract)
    return {pid: rec.abstract for pid, rec in changed.items()}


def _store_abstracts(abstracts: dict[int, str]) -> None:
    for part in store.chunks(sorted(abstracts)):
        PatentText.delete().where(PatentText.patent.in_(part)).execute()
    bulk_insert(PatentText, ["patent", "abstract"], sorted(abstracts.items()))


def _first_holder_addresses(records: list[Record], placed: dict) -> dict:
    """First holder's norm_name → (address as filed, Address id, province, city, county,
    street) from the first record naming them first; vendor region columns alone (no street
    address) are not a holder's address."""
    out: dict[str, tuple] = {}
    for rec in records:
        address = rec.values.get("address")
        if rec.holders and address and rec.address_is_real:
            found = placed.get(address, (None,) * 5)[:5]
            out.setdefault(v.norm_name(rec.holders[0]), (address, *found))
    return out


def _match_existing(records: list[Record]) -> dict[str, dict]:
    """record key → the stored patent it updates: by application number, else by any stored
    document of the same number (publication or grant, with or without kind code)."""
    by_app = store.patents_by_app_no([r.values["app_no"] for r in records if r.values["app_no"]],
                                     READ)
    out = {r.key: by_app[r.key] for r in records if r.key in by_app}
    rest = [r for r in records if r.key not in out and r.values["pub_no"]]
    # a record with an application number can only be a patent stored without one (Patsnap)
    by_pub = store.patents_by_pub_no([n for r in rest if r.values["app_no"]
                                      for n in _documents(r)], READ, without_app_no=True)
    by_pub.update(store.patents_by_pub_no([n for r in rest if not r.values["app_no"]
                                           for n in _documents(r)], READ))
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


def _insert(records: list[Record], report: Report, upkept: Upkeep | None) -> None:
    if not records:
        return
    stamp = now()
    columns = [*COLUMNS, *(c for c in settle.SETTLED if c not in COLUMNS), *placing.REGION,
               "created_at", "updated_at"]
    defaults = {c: Patent._meta.fields[c].default for c in columns
                if not Patent._meta.fields[c].null}
    rows = []
    for rec in records:
        val = {**dict.fromkeys(settle.READ), **rec.values, "created_at": stamp,
               "updated_at": stamp}
        for name, default in defaults.items():
            if val.get(name) is None:
                val[name] = default
        if upkept:
            val.update(upkept.settler.values(val, _events(rec, [])))
            upkept.links.add([], rec.holder_ids, None, val["app_date"])
        rows.append(tuple(val.get(c) for c in columns))
    bulk_insert(Patent, columns, rows)
    ids = _ids_of(records)
    _link_holders(records, ids)
    _insert_tags(_new_tags(records, ids, {}, report))
    _store_abstracts({ids[r.key]: r.abstract for r in records if r.abstract})
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


def _new_tags(records: list[Record], ids: dict[str, int], stored: dict[int, set],
              report: Report) -> list[tuple]:
    """The LegalEvent rows of the vendor's event tags not stored yet."""
    rows = []
    for rec in records:
        pid = ids[rec.key]
        for kind, tag, day in dict.fromkeys(rec.tags):
            if (kind, tag, day) not in stored.get(pid, set()):
                rows.append((pid, kind, tag, day, report.source))
    return rows


def _insert_tags(rows: list[tuple]) -> None:
    bulk_insert(LegalEvent, ["patent", "kind", "detail", "date", "source"], rows)


def _update(records: list[Record], existing: dict[str, dict], report: Report,
            upkept: Upkeep | None) -> None:
    if not records:
        return
    ids = {r.key: existing[r.key]["id"] for r in records}
    links = _stored_links(list(ids.values()))
    events = _stored_events(list(ids.values()))
    writes: dict[int, dict] = {}
    relink: list[Record] = []
    stamp = now()
    for rec in records:
        before = existing[rec.key]
        pid = before["id"]
        changed = {**_diff(rec, before, report), **placing.moved(rec, before)}
        relinked = bool(rec.holder_ids) and rec.holder_ids != links.get(pid, [])
        if relinked:
            report.change(rec.key, "holders", links.get(pid), rec.holder_ids)
            relink.append(rec)
        rec.changed = bool(changed) or relinked
        if changed:
            changed["updated_at"] = stamp
        if upkept:
            _keep(rec, before, changed, events.get(pid, []), links.get(pid, []), relinked,
                  upkept)
        if changed:
            writes[pid] = changed
    stored_tags = {pid: {(kind, detail, day) for kind, day, detail, _ in rows}
                   for pid, rows in events.items()}
    tags = _new_tags(records, ids, stored_tags, report)
    abstracts = _new_abstracts(records, ids, report)
    touched = {*writes, *(ids[r.key] for r in relink), *(row[0] for row in tags), *abstracts}
    delta.before_ids(touched)  # summary tables: the old counts of the patents that change out
    _write(writes)
    _relink(relink, ids)
    _insert_tags(tags)
    _store_abstracts(abstracts)
    for rec in records:
        if rec.changed or ids[rec.key] in touched:
            report.updated += 1
        else:
            report.unchanged += 1


def _keep(rec: Record, before: dict, changed: dict, stored_events: list[tuple],
          old_links: list[int], relinked: bool, upkept: Upkeep) -> None:
    """The derived columns into `changed`, the patent's link and filing-date change into
    upkept.links."""
    _settle(rec, before, changed, stored_events, upkept)
    was, filed = before["app_date"], changed.get("app_date", before["app_date"])
    if relinked or filed != was:
        upkept.links.add(old_links, rec.holder_ids if relinked else old_links, was, filed,
                         before["id"])


def _settle(rec: Record, before: dict, changed: dict, stored_events: list[tuple],
            upkept: Upkeep) -> None:
    """Add to `changed` the derived columns that differ from the stored ones once the list's
    values are in, and drop those the settling puts back as they were."""
    after = {**before, **changed}
    events = _events(rec, stored_events)
    for name, value in upkept.settler.values(after, events, before["id"]).items():
        if _same(before.get(name), value):
            changed.pop(name, None)
        else:
            changed[name] = value


def _events(rec: Record, stored: list[tuple]) -> list[tuple]:
    """The patent's legal events once the record's tags are stored, as (kind, date, detail,
    end date) tuples: the stored ones, then the tags _new_tags gives."""
    have = {(kind, detail, day) for kind, day, detail, _ in stored}
    return [*stored, *((kind, day, tag, None) for kind, tag, day in dict.fromkeys(rec.tags)
                       if (kind, tag, day) not in have)]


def _write(writes: dict[int, dict]) -> None:
    """One UPDATE per set of changed columns, its rows in id order (neighbouring pages)."""
    groups: dict[tuple, list[tuple]] = {}
    for pid in sorted(writes):
        changed = writes[pid]
        columns = tuple(sorted(changed))
        groups.setdefault(columns, []).append((*(changed[c] for c in columns), pid))
    for columns, rows in groups.items():
        store.bulk_update(Patent, list(columns), rows)


def _diff(rec: Record, before: dict, report: Report) -> dict:
    """Columns whose new value differs. Status and reason follow the vendor's status text: when
    that text is unchanged, a status derived since (core.status) is left alone. The source is
    the vendor of the first import."""
    changed = {}
    same_vendor_text = rec.values.get("vendor_status") == before.get("vendor_status")
    # a row of the grant document only (CN…B) for a patent stored under its publication (CN…A):
    # the publication number and date stay, the grant fields are what it brings
    pub_no = rec.values.get("pub_no")
    grant_only = (before.get("pub_no") not in (None, pub_no)
                  and pub_no in (before.get("grant_no"), rec.values.get("grant_no")))
    for name in COLUMNS:
        new = rec.values.get(name)
        if new is None or name == "source" or (same_vendor_text and name in STATUS_COLUMNS):
            continue
        if grant_only and name in ("pub_no", "pub_date"):
            continue
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


def _stored_events(patent_ids: list[int]) -> dict[int, list[tuple]]:
    """patent id → its legal events as (kind, date, detail, end date), in the order stored."""
    out: dict[int, list[tuple]] = {}
    for part in store.chunks(patent_ids):
        query = (LegalEvent.select(LegalEvent.patent_id, LegalEvent.kind, LegalEvent.date,
                                   LegalEvent.detail, LegalEvent.end_date)
                 .where(LegalEvent.patent.in_(part)).order_by(LegalEvent.id))
        for pid, *event in query.tuples():
            out.setdefault(pid, []).append(tuple(event))
    return out


def _relink(records: list[Record], ids: dict[str, int]) -> None:
    if not records:
        return
    for part in store.chunks([ids[r.key] for r in records]):
        PatentHolder.delete().where(PatentHolder.patent.in_(part) & PatentHolder.current).execute()
    _link_holders(records, ids)
