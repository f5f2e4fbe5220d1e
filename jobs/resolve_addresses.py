"""Every 30 minutes: place addresses that arrived since the last run (new rows in `address`; the
summary tables follow the patents placed by the change's delta), then rebuild the summary
tables if another writer left them stale."""
from __future__ import annotations

import datetime as dt

from core.cubes import delta
from core.cubes.rebuild import ensure_fresh
from core.resolver import resolve_pending
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    with delta.change():
        stats = resolve_pending()
    if ensure_fresh():
        stats["summary_rebuilt"] = 1
    return JobResult(", ".join(f"{k}: {v}" for k, v in stats.items()),
                     int(stats.get("addresses", 0)))
