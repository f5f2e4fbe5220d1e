"""Nightly: paid-through years from fee payments, legal statuses, next fee due dates."""
from __future__ import annotations

import datetime as dt

from core.status import refresh_all
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    from core import cubes
    changed = refresh_all(now.date())
    cubes.rebuild()  # statistics summary tables follow the new statuses
    return JobResult(f"status changed: {changed['status']}, next_fee_due changed: "
                     f"{changed['next_fee_due']}", changed["status"] + changed["next_fee_due"])
