"""Nightly: paid-through years from fee payments, legal statuses, next fee due dates, industry
assignment and high-value marks, the statistics summary tables, and fresh planner statistics
(ANALYZE) for the day's queries."""
from __future__ import annotations

import datetime as dt

from core.cubes import rebuild as cubes
from core.db.bulk import analyze
from core.rules import highvalue
from core.rules.status import refresh_all
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    changed = refresh_all(now.date())
    highvalue.refresh(now.date())  # industries, then high-value marks (maintenance years grow)
    cubes.rebuild(variants=True)  # summary tables, holder counting rules in use included
    analyze()  # without statistics SQLite can pick a non-covering index (seconds at 1M)
    return JobResult(f"status changed: {changed['status']}, next_fee_due changed: "
                     f"{changed['next_fee_due']}", changed["status"] + changed["next_fee_due"])
