"""Every 30 minutes: place addresses that arrived since the last run (new rows in `address`), then
rebuild the summary tables if a decision or another writer left them stale."""
from __future__ import annotations

import datetime as dt

from core.cubes.rebuild import ensure_fresh
from core.resolver import resolve_pending
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    stats = resolve_pending()
    if ensure_fresh():
        stats["summary_rebuilt"] = 1
    return JobResult(", ".join(f"{k}: {v}" for k, v in stats.items()),
                     int(stats.get("addresses", 0)))
