"""Set-based refresh of the fee columns of `patent` (Patent.paid_through_year, next_fee_due).

Distinct (type, filing date, paid-through year, term extension) keys are few compared with
patents (≤ 20 × 365 × years of filings; compensated patents are rare), so the due dates are
computed once per key in Python (holiday rule included)
into a temporary table and applied with one UPDATE … FROM on both backends.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from core.db import bulk_insert, db, version
from core.db.models import BaseModel, FeePayment, Patent
from core.db.sql import chunks, distinct_op
from core.rules import fees

PAID = "COALESCE(paid_through_year, grant_patent_year)"


class FeeDueKey(BaseModel):
    """Temporary: due date of the fee after `paid` for a type and filing date."""
    patent_type = pw.CharField(max_length=10)
    app_date = pw.DateField()
    paid = pw.IntegerField()
    ext = pw.IntegerField(default=0)
    due = pw.DateField(null=True)

    class Meta:
        table_name = "tmp_fee_due_key"
        temporary = True
        primary_key = False


def refresh_fee_columns(on: dt.date | None = None, only: str | None = None) -> int:
    """Raise paid_through_year to the highest year paid on or before `on` (FeePayment rows), then
    set next_fee_due of every valid patent (NULL for others or when unknown) — of every patent,
    or of those whose ids the SQL `only` selects. Returns the number of patents whose
    next_fee_due changed."""
    on = on or dt.date.today()
    with db.atomic():
        raise_paid_through(on, only)
        changed = _clear_not_applicable(only)
        FeeDueKey.create_table(safe=True)
        try:
            FeeDueKey.delete().execute()
            bulk_insert(FeeDueKey, ["patent_type", "app_date", "paid", "ext", "due"],
                        _due_keys(only))
            changed += _apply_due_keys(only)
            version.bump()  # paid_through_year may have risen without a change of next_fee_due
        finally:
            FeeDueKey.drop_table(safe=True)
    return changed


def _among(only: str | None, column: str = "id") -> str:
    """SQL: AND the row is one of the patents `only` selects (nothing when None)."""
    return "" if only is None else f" AND {column} IN ({only})"


def raise_paid_through(on: dt.date, only: str | None = None) -> int:
    """paid_through_year up to the highest patent year paid on or before `on` (never lowered)."""
    paid = ("(SELECT MAX(fp.patent_year) FROM fee_payment fp "
            f"WHERE fp.patent_id = patent.id AND fp.paid_on <= {db.obj.param})")
    sql = (f"UPDATE patent SET paid_through_year = {paid} "
           f"WHERE id IN (SELECT patent_id FROM fee_payment WHERE paid_on <= {db.obj.param}"
           f"{_among(only, 'patent_id')}) "
           f"AND (paid_through_year IS NULL OR paid_through_year < {paid})")
    return db.obj.execute_sql(sql, (on, on, on)).rowcount


def highest_paid(patent_ids: list[int], on: dt.date) -> dict[int, int]:
    """patent id → the highest patent year paid on or before `on` (FeePayment rows), for the
    patents that have one: what raise_paid_through raises their paid_through_year to."""
    out: dict[int, int] = {}
    for part in chunks(sorted(patent_ids)):
        query = (FeePayment.select(FeePayment.patent, pw.fn.MAX(FeePayment.patent_year))
                 .where(FeePayment.patent.in_(part) & (FeePayment.paid_on <= on))
                 .group_by(FeePayment.patent).tuples())
        out.update((pid, year) for pid, year in query if year is not None)
    return out


def _clear_not_applicable(only: str | None = None) -> int:
    sql = (f"UPDATE patent SET next_fee_due = NULL WHERE next_fee_due IS NOT NULL "
           f"AND (status <> 'valid' OR app_date IS NULL OR {PAID} IS NULL){_among(only)}")
    return db.obj.execute_sql(sql).rowcount


def _due_keys(only: str | None = None):
    where = ((Patent.status == "valid") & Patent.app_date.is_null(False)
             & pw.fn.COALESCE(Patent.paid_through_year, Patent.grant_patent_year).is_null(False))
    if only is not None:
        where &= Patent.id.in_(pw.SQL(f"({only})"))
    query = (Patent.select(Patent.patent_type, Patent.app_date,
                           pw.fn.COALESCE(Patent.paid_through_year, Patent.grant_patent_year),
                           pw.fn.COALESCE(Patent.term_extension_days, 0))
             .where(where).distinct().tuples())
    for patent_type, app_date, paid, ext in query:
        yield patent_type, app_date, paid, ext, _next_due(patent_type, app_date, paid, ext)


def next_fee_due(row: dict, memo: fees.Memo):
    """next_fee_due of one patent row (status, patent_type, app_date, paid_through_year,
    grant_patent_year, term_extension_days), as the refresh sets it; `memo` keeps the due date
    of each key for the caller's batch."""
    paid = row["paid_through_year"]
    paid = row["grant_patent_year"] if paid is None else paid
    if row["status"] != "valid" or row["app_date"] is None or paid is None:
        return None
    return memo(_next_due, row["patent_type"], row["app_date"], paid,
                row["term_extension_days"] or 0)


def paid_through(row: dict, paid: int | None) -> int | None:
    """paid_through_year of a row raised to `paid` (the highest year paid), never lowered."""
    stored = row["paid_through_year"]
    return paid if paid is not None and (stored is None or stored < paid) else stored


def _next_due(patent_type: str, app_date, paid: int, ext: int = 0):
    """Due date of the fee after year `paid`; None when nothing is left to pay (end of term, or
    the unpaid last part-year of a term compensation)."""
    if isinstance(app_date, str):
        app_date = dt.date.fromisoformat(app_date[:10])
    try:
        if fees.annual_fee(patent_type, paid + 1, app_date, ext) == 0:
            return None
    except ValueError:
        return None  # fully paid to the end of the term
    return fees.due_date(app_date, paid + 1)


def _apply_due_keys(only: str | None = None) -> int:
    differs = distinct_op()
    sql = (f"UPDATE patent SET next_fee_due = k.due FROM tmp_fee_due_key k "
           f"WHERE patent.status = 'valid' AND k.patent_type = patent.patent_type "
           f"AND k.app_date = patent.app_date AND k.paid = {PAID} "
           f"AND k.ext = COALESCE(patent.term_extension_days, 0) "
           f"AND patent.next_fee_due {differs} k.due{_among(only, 'patent.id')}")
    return db.obj.execute_sql(sql).rowcount
