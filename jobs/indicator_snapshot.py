"""Nightly: snapshot today's indicators of the home region, its sub-regions and custom regions."""
from __future__ import annotations

import datetime as dt

from core.config import settings
from core.monitor import snapshots
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    written = snapshots.take(settings.get("PATENT_HOME_REGION"), now.date())
    return JobResult(f"indicator rows written: {written}", written)
