"""Export of a search result to .xlsx, streamed: rows are read in keyset batches and written
as XML by core.exports.sheet (text that looks like a formula stays text),
so memory does not grow with the result. A progress callback gets (rows written, total).

Columns (EXPORT_COLUMNS, headers from labels.EXPORT_HEADERS — the CNIPA export names,
domain-facts §9.2): app_no (printed form, 201810390462.7), patent_type, title, app_date, pub_no,
pub_date, grant_no, grant_date, holders (current holders in order, "; "), address, county, street,
status, status_reason, ipc_main, ipc_all, agency_name, agents, inventors.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

import peewee as pw

from core.config import labels
from core.db import db
from core.db.models import Agency, Holder, Patent, PatentHolder
from core.db.sql import as_date, cursor_dicts, query_sql
from core.exports import sheet
from core.regions import divisions
from core.rules import numbers
from core.stats.search import SearchFilters, where

MAX_ROWS = 200_000
BATCH = 900  # ids per IN list (under SQLite's 999 parameters of older builds)
EXPORT_COLUMNS = ("app_no", "patent_type", "title", "app_date", "pub_no", "pub_date", "grant_no",
                  "grant_date", "holders", "address", "county", "street", "status",
                  "status_reason", "ipc_main", "ipc_all", "agency_name", "agents", "inventors")

Progress = Callable[[int, int], None]


def matching_ids(f: SearchFilters, limit: int) -> list[int]:
    """Ids of the matching patents, newest first, at most `limit`. Read without ORDER BY, so each
    engine takes the filter's best index (a holder's patents, a date range) instead of walking
    the whole table newest-first to find a few thousand matches; sorted here."""
    ids = [i for (i,) in db.execute_sql(*query_sql(Patent.select(Patent.id).where(where(f))))]
    ids.sort(reverse=True)
    return ids[:limit]


def _query(ids: list[int]) -> pw.ModelSelect:
    """The columns of `ids` the export reads, newest first, in the order _tuples unpacks them."""
    return (Patent.select(
        Patent.id, Patent.app_no, Patent.patent_type, Patent.title, Patent.app_date,
        Patent.pub_no, Patent.pub_date, Patent.grant_no, Patent.grant_date, Patent.address,
        Patent.county_code, Patent.street_code, Patent.status, Patent.status_reason,
        Patent.ipc_main, Patent.ipc_all, Agency.name.alias("agency_name"), Patent.agents,
        Patent.inventors, Holder.name.alias("first_holder"))
        .join(Agency, pw.JOIN.LEFT_OUTER, on=(Patent.agency == Agency.id))
        .switch(Patent).join(Holder, pw.JOIN.LEFT_OUTER, on=(Patent.first_holder == Holder.id))
        .where(Patent.id.in_(_listed(ids)))).order_by(Patent.id.desc())


def _batch(ids: list[int]) -> list[dict]:
    """The export rows of `ids` (newest first), read from the cursor (the query's own row
    conversion cost as much as the rest of the export)."""
    return list(cursor_dicts(_query(ids)))


def _listed(ids: list[int]) -> pw.SQL:
    """An IN list of integer ids written out (a parameter node per id costs more to build than
    the rows cost to read)."""
    return pw.SQL(f"({', '.join(str(int(i)) for i in ids)})")


def _holder_names(ids: list[int]) -> dict[int, str]:
    """Patent id → current holders joined by '; ' in order (one query per batch)."""
    query = (PatentHolder.select(PatentHolder.patent, Holder.name)
             .join(Holder).where(PatentHolder.patent.in_(_listed(ids))
                                 & (PatentHolder.current == True))  # noqa: E712
             .order_by(PatentHolder.patent, PatentHolder.seq))
    out: dict[int, list[str]] = {}
    for patent_id, name in db.execute_sql(*query_sql(query)):
        out.setdefault(patent_id, []).append(name)
    return {k: "; ".join(v) for k, v in out.items()}


def _shape(row: dict, holders: dict[int, str], names: dict[str, str]) -> dict:
    row["app_no"] = numbers.display(row["app_no"])
    row["holders"] = holders.get(row["id"]) or row["first_holder"]
    row["patent_type"] = labels.PATENT_TYPE.get(row["patent_type"], row["patent_type"])
    row["status"] = labels.STATUS.get(row["status"], row["status"])
    row["status_reason"] = labels.STATUS_REASON.get(row["status_reason"], row["status_reason"])
    row["county"] = names.get(row["county_code"] or "")
    row["street"] = names.get(row["street_code"] or "")
    return row


def export_rows(f: SearchFilters, limit: int = MAX_ROWS) -> Iterator[dict]:
    """Rows of the export (dicts keyed by EXPORT_COLUMNS and more), newest first."""
    names = divisions.names()
    ids = matching_ids(f, limit)
    for start in range(0, len(ids), BATCH):
        batch = _batch(ids[start:start + BATCH])
        holders = _holder_names([r["id"] for r in batch])
        for row in batch:
            yield _shape(row, holders, names)


def export_tuples(f: SearchFilters, limit: int = MAX_ROWS) -> Iterator[tuple]:
    """export_rows as tuples in EXPORT_COLUMNS order, shaped straight from the cursor's rows
    without a dict per row (the .xlsx path: a third of the reading time; tests compare both)."""
    names = divisions.names()
    ids = matching_ids(f, limit)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        rows = db.execute_sql(*query_sql(_query(chunk))).fetchall()
        yield from _tuples(rows, _holder_names(chunk), names)


def _tuples(rows: list[tuple], holders: dict[int, str], names: dict[str, str]) -> Iterator[tuple]:
    display, types = numbers.display, labels.PATENT_TYPE
    statuses, reasons = labels.STATUS, labels.STATUS_REASON
    for (pid, app_no, kind, title, app_date, pub_no, pub_date, grant_no, grant_date, address,
         county, street, status, reason, ipc_main, ipc_all, agency, agents, inventors,
         first_holder) in rows:
        yield (display(app_no), types.get(kind, kind), title, as_date(app_date), pub_no,
               as_date(pub_date), grant_no, as_date(grant_date), holders.get(pid) or first_holder,
               address, names.get(county or ""), names.get(street or ""),
               statuses.get(status, status), reasons.get(reason, reason), ipc_main, ipc_all,
               agency, agents, inventors)


def _with_progress(rows: Iterator, total: int, progress: Progress | None,
                   every: int = 2000) -> Iterator:
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress and done % every == 0:
            progress(done, total)
    if progress:
        progress(done, total)


def to_xlsx(f: SearchFilters, total: int, progress: Progress | None = None,
            limit: int = MAX_ROWS) -> bytes:
    """The .xlsx bytes of the search result (at most `limit` rows; `total` is for progress),
    streamed by core.exports.sheet: one sheet, bold Chinese header row, frozen, with a
    filter, columns fitted to the first rows (core.exports.xlsx)."""
    rows = _with_progress(export_tuples(f, limit), min(total, limit), progress)
    return sheet.write(labels.EXPORT_SHEET, [labels.EXPORT_HEADERS[c] for c in EXPORT_COLUMNS], rows)
