"""Job plumbing: the result type and the guard that records every run in `job_run`."""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from core.config import display, labels
from core.db import db
from core.db.models import JobRun

log = logging.getLogger("patents.jobs")


@dataclass(frozen=True)
class JobResult:
    message: str
    count: int = 0


def run_guarded(name: str, job: Callable[[dt.datetime], JobResult],
                now: dt.datetime) -> JobRun:
    """Run one job, never raising: the outcome (ok/failed, message, duration) lands in job_run.

    The "running" row and the outcome are each written in a transaction of their own, so a job
    that fails (a database error included) is still recorded as failed; a runner killed mid-job
    leaves the row "running" until the next start closes it (close_stale)."""
    started = time.perf_counter()
    with db.connection_context():
        record = _write(JobRun(job=name, started_at=now, status="running"))
        try:
            result = job(now)
            record.status, record.message = "ok", result.message
        except Exception as exc:  # one failing job must not stop the scheduler
            log.exception(labels.LOG_JOB_FAILED, display.job_name(name))
            record.status, record.message = "failed", f"{type(exc).__name__}: {exc}"
        record.finished_at = now + dt.timedelta(seconds=time.perf_counter() - started)
        _write(record)
    log.info(labels.LOG_JOB_DONE, display.job_name(name),
             labels.JOB_STATUS.get(record.status, record.status), time.perf_counter() - started)
    return record


def _write(record: JobRun) -> JobRun:
    try:
        with db.atomic():
            record.save()
    except Exception:  # the job itself still runs (or its outcome is logged)
        log.exception(labels.LOG_JOB_UNRECORDED, display.job_name(record.job))
    return record


def close_stale(now: dt.datetime) -> int:
    """Mark the runs a stopped runner left "running" as failed, with a note; returns how many.
    Called when the scheduler starts (no job of its own runs yet)."""
    with db.connection_context(), db.atomic():
        return (JobRun.update(status="failed", finished_at=now, message=labels.JOB_STALE)
                .where(JobRun.status == "running").execute())


def last_success(name: str) -> dt.datetime | None:
    row = (JobRun.select().where((JobRun.job == name) & (JobRun.status == "ok"))
           .order_by(JobRun.started_at.desc()).first())
    return row.started_at if row else None


def recent_runs(limit: int = 100) -> list[dict]:
    """Rows: job, started_at, finished_at, status, message (newest first)."""
    fields = (JobRun.job, JobRun.started_at, JobRun.finished_at, JobRun.status, JobRun.message)
    return list(JobRun.select(*fields).order_by(JobRun.started_at.desc(), JobRun.id.desc())
                .limit(limit).dicts())
