"""Daily: from the report day of the month on, last month's analysis reports of the home region
and its counties, written into the report archive (core.reports.scheduled)."""
from __future__ import annotations

import datetime as dt

from core.config import settings
from core.reports import scheduled
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    written = scheduled.write_monthly(settings.get("PATENT_HOME_REGION"), now)
    return JobResult(f"reports written: {written}", written)
