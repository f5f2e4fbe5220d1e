"""Every 30 minutes: place addresses that arrived since the last run (new rows in `address`)."""
from __future__ import annotations

import datetime as dt

from core.resolver import resolve_pending
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    stats = resolve_pending()
    return JobResult(", ".join(f"{k}: {v}" for k, v in stats.items()),
                     int(stats.get("addresses", 0)))
