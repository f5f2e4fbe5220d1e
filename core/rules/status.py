"""Current legal status derived from legal events and fee payments, with an as-of date.

Rules (domain-facts §1.5, §2.1, §5):
- start: pending (审中) from the filing date; a grant date on or before the day makes it valid;
- events on or before the day, in date order: publication/exam keep it pending (reason
  published/examining); grant → valid; lapse_unpaid, invalidation, expiry, rejection, withdrawal,
  surrender, double_patenting → lapsed with that reason and date; restoration → valid again;
- a valid patent past its recorded end of term → lapsed (expired) on that date;
- a valid patent whose fee data is known (paid-through year) and whose next fee is unpaid after
  the point of no return → lapsed (unpaid_fee) retroactively from the due date, even before the
  gazette confirms it (CF01 arrives months later).
Without any evidence the stored status is kept; a stored lapse (from a vendor's status text) also
stands against the dates alone, until a later grant or a restoration event contradicts it.

Term compensation (core.rules.terms.extension_days, from term_compensation / drug_term_extension
events) moves the end of term: the batch refresh stores term_extension_days and expiry_date
(the recorded end, compensation included, for every granted patent), and a patent in
its compensated years is never lapsed as expired: an expiry event or a stored 期限届满 dated
before the extended end is set aside.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from core.db import bulk_insert, db, version
from core.db.models import BaseModel, LegalEvent, Patent
from core.rules import fees, terms
from core.rules.feecolumns import raise_paid_through, refresh_fee_columns

LAPSE_EVENTS = {
    "lapse_unpaid": "unpaid_fee", "invalidation": "invalidated", "expiry": "expired",
    "rejection": "rejected", "withdrawal": "withdrawn", "surrender": "surrendered",
    "double_patenting": "double_patenting",
}
STATUS_EVENTS = ("publication", "exam", "grant", "restoration", *LAPSE_EVENTS)


@dataclass(frozen=True)
class Status:
    status: str  # pending, valid, lapsed, unknown
    reason: str | None
    status_date: dt.date | None  # date of the fact that set the status
    lapse_date: dt.date | None


def derive(patent_type: str, app_date: dt.date | None, grant_date: dt.date | None,
           events: Iterable, on: dt.date | None = None, paid_through_year: int | None = None,
           grant_patent_year: int | None = None, term_extension_days: int = 0,
           current: Status | None = None, memo: fees.Memo | None = None) -> Status:
    """Status on day `on` (default today). `events` are (kind, date) pairs or LegalEvent rows;
    a batch's `memo` (core.rules.fees.Memo) keeps the fee rules its patents share."""
    on = on or dt.date.today()
    # events of one day in a fixed order (by kind), whatever order they were read in
    pairs = sorted(_pairs(events, on), key=lambda pair: (pair[1], pair[0]))
    if term_extension_days and app_date is not None:
        end = terms.expiry_date(patent_type, app_date, term_extension_days)
        pairs = [(k, d) for k, d in pairs if not (k == "expiry" and d < end)]
        if current is not None and current.reason == "expired" and current.status_date \
                and current.status_date < end:
            current = Status("valid", "granted", grant_date, None) if grant_date else None
    state = _from_dates(app_date, grant_date, on, current)
    for kind, day in pairs:
        state = _apply(state, kind, day)
    if state.status == "valid" and app_date is not None:
        state = _check_term_and_fees(state, patent_type, app_date, on, paid_through_year,
                                     grant_patent_year, term_extension_days, memo)
    if _recorded_lapse_stands(current, state, pairs):
        return current
    return state


def _recorded_lapse_stands(current: Status | None, derived: Status, pairs) -> bool:
    """A stored lapse (e.g. a vendor's 失效/未缴年费 without a dated event) is evidence too: it
    stands unless a later grant or a restoration contradicts it."""
    if current is None or current.status != "lapsed" or derived.status == "lapsed":
        return False
    since = current.status_date
    return not any(kind == "restoration" or (kind == "grant" and since and day > since)
                   for kind, day in pairs)


def _pairs(events: Iterable, on: dt.date) -> list[tuple[str, dt.date]]:
    pairs = [(e.kind, e.date) if hasattr(e, "kind") else (e[0], e[1]) for e in events]
    return [(k, _as_date(d)) for k, d in pairs if d is not None and _as_date(d) <= on
            and k in STATUS_EVENTS]


def _as_date(value) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, dt.datetime) else value


def _from_dates(app_date, grant_date, on, current) -> Status:
    if grant_date is not None and grant_date <= on:
        return Status("valid", "granted", grant_date, None)
    if app_date is not None and app_date <= on:
        return Status("pending", None, app_date, None)
    return current or Status("unknown", None, None, None)


def _apply(state: Status, kind: str, day: dt.date) -> Status:
    if kind in LAPSE_EVENTS:
        return Status("lapsed", LAPSE_EVENTS[kind], day, day)
    if kind == "grant" or (kind == "restoration" and state.status == "lapsed"):
        return Status("valid", "granted", day, None)
    if kind in ("publication", "exam") and state.status in ("pending", "unknown"):
        return Status("pending", "published" if kind == "publication" else "examining", day, None)
    return state


def _check_term_and_fees(state, patent_type, app_date, on, paid_through_year,
                         grant_patent_year, extension, memo) -> Status:
    end = terms.expiry_date(patent_type, app_date, extension)
    if paid_through_year is not None and grant_patent_year is not None:
        fee = fees.state_on(patent_type, app_date, grant_patent_year, paid_through_year, on,
                            facts=fees.Facts(int(extension or 0)), memo=memo)
        if fee.state == "terminated" and fee.termination_date < end:
            return Status("lapsed", "unpaid_fee", fee.termination_date, fee.termination_date)
    if end <= on:
        return Status("lapsed", "expired", end, end)
    return state


class StatusRow(BaseModel):
    """Temporary: derived status of one patent, applied with one UPDATE … FROM."""
    pid = pw.IntegerField()
    status = pw.CharField(max_length=8)
    reason = pw.CharField(max_length=20, null=True)
    status_date = pw.DateField(null=True)
    lapse_date = pw.DateField(null=True)
    extension = pw.IntegerField(default=0)
    expiry = pw.DateField(null=True)

    class Meta:
        table_name = "tmp_status_row"
        temporary = True
        primary_key = False


def refresh_status(on: dt.date | None = None, batch: int = 20000, only: str | None = None) -> int:
    """Derive the status of every patent (or of those whose ids the SQL `only` selects) on
    `on` and store status, status_reason, status_date, lapse_date, term_extension_days and
    expiry_date where they changed. Returns the number of patents changed."""
    on = on or dt.date.today()
    changed = 0
    last_id = 0
    with db.atomic():
        StatusRow.create_table(safe=True)
        try:
            while True:
                rows = _patent_batch(last_id, batch, only)
                if not rows:
                    break
                last_id = rows[-1]["id"]
                changed += _write(_derive_batch(rows, on))
            if changed:
                version.bump()
        finally:
            StatusRow.drop_table(safe=True)
    return changed


def _patent_batch(after_id: int, size: int, only: str | None = None) -> list[dict]:
    where = (Patent.id > after_id) if only is None else \
        (Patent.id > after_id) & Patent.id.in_(pw.SQL(f"({only})"))
    return list(Patent.select(Patent.id, Patent.patent_type, Patent.app_date, Patent.grant_date,
                              Patent.status, Patent.status_reason, Patent.status_date,
                              Patent.lapse_date, Patent.paid_through_year,
                              Patent.grant_patent_year, Patent.term_extension_days,
                              Patent.expiry_date)
                .where(where).order_by(Patent.id).limit(size).dicts())


def _derive_batch(rows: list[dict], on: dt.date) -> list[tuple]:
    ids = [r["id"] for r in rows]
    events: dict[int, list] = {}
    dense = ids[-1] - ids[0] < 4 * len(ids)  # a range of ids, or a few scattered ones
    in_batch = LegalEvent.patent.between(ids[0], ids[-1]) if dense else LegalEvent.patent.in_(ids)
    query = (LegalEvent.select(LegalEvent.patent, LegalEvent.kind, LegalEvent.date)
             .where(in_batch & LegalEvent.kind.in_(STATUS_EVENTS)).tuples())
    for pid, kind, day in query:
        events.setdefault(pid, []).append((kind, day, None, None))
    query = (LegalEvent.select(LegalEvent.patent, LegalEvent.kind, LegalEvent.date,
                               LegalEvent.detail, LegalEvent.end_date)
             .where(in_batch & LegalEvent.kind.in_(terms.COMPENSATION_KINDS)).tuples())
    for pid, kind, day, detail, end in query:  # the texts only of the rare compensation events
        events.setdefault(pid, []).append((kind, day, detail, end))
    out = []
    memo = fees.Memo()
    for r in rows:
        current = Status(r["status"], r["status_reason"], r["status_date"], r["lapse_date"])
        new, extension, expiry = settled(r, events.get(r["id"], ()), on, memo)
        if new != current or extension != (r["term_extension_days"] or 0) \
                or expiry != _as_date(r["expiry_date"]):
            out.append((r["id"], new.status, new.reason, new.status_date, new.lapse_date,
                        extension, expiry))
    return out


def settled(row: dict, events, on: dt.date,
            memo: fees.Memo | None = None) -> tuple[Status, int, dt.date | None]:
    """(status, term extension days, recorded end of term) of one patent on `on`: `row` holds
    the columns _patent_batch reads, `events` its legal events as (kind, date, detail, end date)
    tuples (the details and end dates matter for term compensation only)."""
    current = Status(row["status"], row["status_reason"], row["status_date"], row["lapse_date"])
    extension, expiry = _term_of(row, events, on)
    new = derive(row["patent_type"], row["app_date"], row["grant_date"], [e[:2] for e in events],
                 on, row["paid_through_year"], row["grant_patent_year"], extension, current, memo)
    return new, extension, expiry


def _term_of(row: dict, events, on: dt.date) -> tuple[int, dt.date | None]:
    """(term extension days, recorded end of term) of a granted patent: the compensation the
    events grant (else the stored days) and the end it gives; the stored values when the patent
    is not granted or its filing date is unknown."""
    app_date = _as_date(row["app_date"])
    stored = row["term_extension_days"] or 0
    if app_date is None or row["grant_date"] is None:
        return stored, _as_date(row["expiry_date"])
    try:
        found = terms.extension_days(row["patent_type"], app_date, events, on)
        extension = stored if found is None else found
        return extension, terms.expiry_date(row["patent_type"], app_date, extension)
    except ValueError:  # an unknown patent type: leave the term alone
        return stored, _as_date(row["expiry_date"])


def _write(rows: list[tuple]) -> int:
    if not rows:
        return 0
    StatusRow.delete().execute()
    bulk_insert(StatusRow, ["pid", "status", "reason", "status_date", "lapse_date", "extension",
                            "expiry"], rows)
    sql = ("UPDATE patent SET status = s.status, status_reason = s.reason, "
           "status_date = s.status_date, lapse_date = s.lapse_date, "
           "term_extension_days = s.extension, expiry_date = s.expiry "
           "FROM tmp_status_row s WHERE s.pid = patent.id")
    db.obj.execute_sql(sql)
    return len(rows)


def refresh_all(on: dt.date | None = None, only: str | None = None) -> dict:
    """Paid-through years from payments, then statuses, then next fee due dates (of every
    patent, or of those whose ids the SQL `only` selects: the patents an import touched)."""
    on = on or dt.date.today()
    with db.atomic():
        raise_paid_through(on, only)
        status_changed = refresh_status(on, only=only)
        fee_changed = refresh_fee_columns(on, only)
    return {"status": status_changed, "next_fee_due": fee_changed}


