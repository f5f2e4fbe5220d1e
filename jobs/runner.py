"""The scheduler: `python -m jobs.runner` loops; `--once NAME` runs one job; `--list` lists them.

Jobs run one after another on an explicit schedule.Scheduler(); each run is recorded in job_run.
Only one runner per database runs jobs (jobs.lock): a second one waits as a standby and takes over
when the first stops. Once it holds the lock the runner closes the runs a stopped runner left
"running" (marked failed, with a note) and catches up on jobs whose last successful run is older
than their interval (a run missed while the machine was down is not lost).
`python -m core serve` starts the runner beside the app.
"""
from __future__ import annotations

import datetime as dt
import importlib
import logging
import signal
import sys
import threading
from dataclasses import dataclass

import schedule

from core.cli import terminal
from core.config import display, labels
from core.upkeep.bootstrap import ensure_ready
from jobs.base import close_stale, last_success, run_guarded
from jobs.lock import SchedulerLock

STOP = threading.Event()
LOCK_RETRY_SECONDS = 60.0
log = logging.getLogger("patents.jobs")


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
    JobSpec("monthly_reports", "jobs.monthly_reports", "03:00"),
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


def loop(scheduler: schedule.Scheduler, max_sleep: float = 30.0,
         stop: threading.Event = STOP) -> None:
    while not stop.is_set():
        scheduler.run_pending()
        idle = scheduler.idle_seconds
        stop.wait(timeout=max(0.5, min(max_sleep, idle if idle is not None else max_sleep)))


def wait_for_lock(lock: SchedulerLock, stop: threading.Event = STOP,
                  retry: float = LOCK_RETRY_SECONDS) -> bool:
    """Hold `lock`, waiting as a standby while another runner has it; False when stopped first."""
    if lock.acquire():
        return True
    log.info(labels.LOG_STANDBY)
    while not stop.wait(timeout=retry):
        if lock.acquire():
            log.info(labels.LOG_TOOK_OVER)
            return True
    return False


def run_scheduler(specs: dict[str, JobSpec], lock: SchedulerLock,
                  stop: threading.Event = STOP) -> bool:
    """Run the jobs until `stop`, once this runner holds the lock; False if it never did."""
    if not wait_for_lock(lock, stop):
        return False
    try:
        closed = close_stale(dt.datetime.now().replace(microsecond=0))
        if closed:
            log.warning(labels.LOG_CLOSED_STALE, closed)
        for spec in overdue(specs, dt.datetime.now()):
            run_now(spec)
        loop(register(schedule.Scheduler(), specs), stop=stop)
    finally:
        lock.release()
    return True


def main(argv=None) -> int:
    specs = available()
    parser = terminal.Parser(prog="python -m jobs.runner", description=labels.RUNNER_HELP)
    parser.add_argument("--once", choices=sorted(specs), help=labels.RUNNER_ONCE)
    parser.add_argument("--list", action="store_true", help=labels.RUNNER_LIST)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    url = ensure_ready()
    if args.list:
        for job in register(schedule.Scheduler(), specs).get_jobs():
            tag = sorted(job.tags)[0]
            print(labels.RUNNER_LINE.format(tag=tag, name=display.job_name(tag),
                                            next=f"{job.next_run:%Y-%m-%d %H:%M}"))
        return 0
    if args.once:
        return 0 if run_now(specs[args.once]).status == "ok" else 1
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: STOP.set())
    run_scheduler(specs, SchedulerLock(url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
