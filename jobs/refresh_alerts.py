"""Nightly: open new alerts (fees, expiries, transfers out) for the home region, close ended ones."""
from __future__ import annotations

import datetime as dt

from core.config import settings
from core.monitor import alerts
from jobs.base import JobResult


def run(now: dt.datetime) -> JobResult:
    result = alerts.refresh(settings.get("PATENT_HOME_REGION"), now)
    opened = sum(r["opened"] for r in result.values())
    text = ", ".join(f"{k}: +{r['opened']} -{r['closed']}" for k, r in result.items())
    return JobResult(text, opened)
