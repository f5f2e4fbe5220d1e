"""Jobs: the guard records every run, failures do not escape, missed runs are caught up."""
import datetime as dt

import schedule

from core.models import Address, JobRun
from jobs import runner
from jobs.base import JobResult, run_guarded

NOW = dt.datetime(2026, 11, 24, 2, 0, 0)


def test_a_successful_job_is_recorded_with_its_message(db):
    run = run_guarded("demo", lambda now: JobResult(f"ran at {now:%H:%M}", 3), NOW)
    assert (run.job, run.status, run.message, run.started_at) == ("demo", "ok", "ran at 02:00", NOW)


def test_a_failing_job_is_recorded_and_does_not_raise(db):
    def broken(now):
        raise RuntimeError("disk full")
    run = run_guarded("broken", broken, NOW)
    assert (run.status, run.message) == ("failed", "RuntimeError: disk full")
    assert JobRun.select().count() == 1


def test_jobs_never_run_or_older_than_their_interval_are_overdue(db):
    specs = {s.name: s for s in runner.JOBS}
    JobRun.create(job="refresh_status", started_at=NOW - dt.timedelta(hours=3), status="ok")
    JobRun.create(job="refresh_alerts", started_at=NOW - dt.timedelta(days=2), status="ok")
    JobRun.create(job="indicator_snapshot", started_at=NOW - dt.timedelta(hours=1),
                  status="failed")
    late = {s.name for s in runner.overdue(specs, NOW)}
    assert late == {"import_inbox", "resolve_addresses", "refresh_alerts", "indicator_snapshot"}


def test_every_available_job_is_registered_on_its_own_scheduler(db):
    specs = runner.available()
    scheduler = runner.register(schedule.Scheduler(), specs)
    assert sorted(next(iter(j.tags)) for j in scheduler.get_jobs()) == sorted(specs)


def test_the_address_job_places_new_addresses(db):
    from core.addresses import intern
    intern(["江苏省苏州市吴中区木渎镇金枫路216号"])
    run = runner.run_now(runner.available()["resolve_addresses"], clock=lambda: NOW)
    assert run.status == "ok"
    assert Address.get().county_code == "320506"
