"""The derived columns of the patents a patent list writes, settled before its one write.

The status and term (core.rules.status), the paid-through year and the next fee due
(core.rules.feecolumns) are computed for each patent as the list leaves it, exactly as the
refresh of the touched patents would set them after the commit, and go into the same INSERT or
UPDATE as the list's own values. A second pass would rewrite the same rows and move them again
through the ~14 indexes on status and dates — often back to what they were (a vendor's 实质审查
on a patent granted since).
"""
from __future__ import annotations

import datetime as dt

from core.rules import feecolumns, fees, status

SETTLED = ("status", "status_reason", "status_date", "lapse_date", "term_extension_days",
           "expiry_date", "paid_through_year", "next_fee_due")
# stored columns the settling reads beyond the list's own
READ = ("paid_through_year", "grant_patent_year", "term_extension_days", "expiry_date",
        "next_fee_due")


class Settler:
    """Settles the patents of one import as of `on`; `stored` are the ids of its stored patents
    (their fee payments raise the paid-through year first, as raise_paid_through does)."""

    def __init__(self, on: dt.date, stored: list[int]):
        self.on = on
        self.paid = feecolumns.highest_paid(stored, on)
        self.memo = fees.Memo()

    def values(self, row: dict, events, patent_id: int | None = None) -> dict:
        """SETTLED → value for `row`, a patent as the list leaves it (its columns and READ),
        with its legal events as (kind, date, detail, end date) tuples."""
        row = {**row, "paid_through_year": feecolumns.paid_through(row, self.paid.get(patent_id))}
        state, extension, expiry = status.settled(row, events, self.on, self.memo)
        row.update(status=state.status, status_reason=state.reason,
                   status_date=state.status_date, lapse_date=state.lapse_date,
                   term_extension_days=extension, expiry_date=expiry)
        row["next_fee_due"] = feecolumns.next_fee_due(row, self.memo)
        return {name: row[name] for name in SETTLED}
