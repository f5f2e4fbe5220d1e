"""The scheduler: `python -m jobs.runner` loops; `--once NAME` runs one job; `--list` lists them.

Jobs run one after another on an explicit schedule.Scheduler(); each run is recorded in job_run.
At start the runner closes the runs a stopped runner left "running" (marked failed, with a note)
and catches up on jobs whose last successful run is older than their interval (a run missed while
the machine was down is not lost).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import signal
import sys
import threading
from dataclasses import dataclass

import schedule

from core.upkeep.bootstrap import ensure_ready
from jobs.base import close_stale, last_success, run_guarded

STOP = threading.Event()


@dataclass(frozen=True)
class JobSpec:
    name: str
    module: str
    at: str | None  # daily at HH:MM, or None for `every_minutes`
    every_minutes: int | None = None

    @property
    def interval(self) -> dt.timedelta:
        return dt.timedelta(days=1) if self.at else dt.timedelta(minutes=self.every_minutes)

    def function(self):
        return importlib.import_module(self.module).run


JOBS = (
    JobSpec("import_inbox", "jobs.import_inbox", None, every_minutes=10),
    JobSpec("resolve_addresses", "jobs.resolve_addresses", None, every_minutes=30),
    JobSpec("refresh_status", "jobs.refresh_status", "01:30"),
    JobSpec("refresh_alerts", "jobs.refresh_alerts", "02:00"),
    JobSpec("indicator_snapshot", "jobs.indicator_snapshot", "02:30"),
)


def available() -> dict[str, JobSpec]:
    """Jobs whose module exists (a job is added by adding its module and a JobSpec)."""
    found = {}
    for spec in JOBS:
        try:
            spec.function()
        except ModuleNotFoundError as exc:
            if exc.name != spec.module:
                raise
            continue
        found[spec.name] = spec
    return found


def run_now(spec: JobSpec, clock=dt.datetime.now):
    return run_guarded(spec.name, spec.function(), clock().replace(microsecond=0))


def register(scheduler: schedule.Scheduler, specs: dict[str, JobSpec], clock=dt.datetime.now):
    for spec in specs.values():
        job = scheduler.every().day.at(spec.at) if spec.at else scheduler.every(
            spec.every_minutes).minutes
        job.do(run_now, spec, clock).tag(spec.name)
    return scheduler


def overdue(specs: dict[str, JobSpec], now: dt.datetime) -> list[JobSpec]:
    """Jobs never run successfully or whose last success is older than their interval."""
    return [s for s in specs.values()
            if (last := last_success(s.name)) is None or now - last >= s.interval]


def loop(scheduler: schedule.Scheduler, max_sleep: float = 30.0) -> None:
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: STOP.set())
    while not STOP.is_set():
        scheduler.run_pending()
        idle = scheduler.idle_seconds
        STOP.wait(timeout=max(0.5, min(max_sleep, idle if idle is not None else max_sleep)))


def main(argv=None) -> int:
    specs = available()
    parser = argparse.ArgumentParser(prog="python -m jobs.runner")
    parser.add_argument("--once", choices=sorted(specs))
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    ensure_ready()
    scheduler = register(schedule.Scheduler(), specs)
    if args.list:
        for job in scheduler.get_jobs():
            print(sorted(job.tags)[0], job.next_run)
        return 0
    if args.once:
        return 0 if run_now(specs[args.once]).status == "ok" else 1
    closed = close_stale(dt.datetime.now().replace(microsecond=0))
    if closed:
        logging.getLogger("patents.jobs").warning("closed %d run(s) left running", closed)
    for spec in overdue(specs, dt.datetime.now()):
        run_now(spec)
    loop(scheduler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
