"""Job plumbing: the result type and the guard that records every run in `job_run`."""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from core.db import db
from core.db.models import JobRun

log = logging.getLogger("patents.jobs")


@dataclass(frozen=True)
class JobResult:
    message: str
    count: int = 0


def run_guarded(name: str, job: Callable[[dt.datetime], JobResult],
                now: dt.datetime) -> JobRun:
    """Run one job, never raising: the outcome (ok/failed, message, duration) lands in job_run."""
    started = time.perf_counter()
    with db.connection_context():
        record = JobRun.create(job=name, started_at=now, status="running")
        try:
            result = job(now)
            record.status, record.message = "ok", result.message
        except Exception as exc:  # one failing job must not stop the scheduler
            log.exception("job %s failed", name)
            record.status, record.message = "failed", f"{type(exc).__name__}: {exc}"
        record.finished_at = now + dt.timedelta(seconds=time.perf_counter() - started)
        record.save()
    log.info("job %s %s in %.2fs", name, record.status, time.perf_counter() - started)
    return record


def last_success(name: str) -> dt.datetime | None:
    row = (JobRun.select().where((JobRun.job == name) & (JobRun.status == "ok"))
           .order_by(JobRun.started_at.desc()).first())
    return row.started_at if row else None


def recent_runs(limit: int = 100) -> list[dict]:
    """Rows: job, started_at, finished_at, status, message (newest first)."""
    fields = (JobRun.job, JobRun.started_at, JobRun.finished_at, JobRun.status, JobRun.message)
    return list(JobRun.select(*fields).order_by(JobRun.started_at.desc(), JobRun.id.desc())
                .limit(limit).dicts())
