"""Jobs: the guard records every run, failures do not escape, missed runs are caught up."""
import datetime as dt
import logging
import os
import re

import schedule

from core.config import labels
from core.db.models import Address, JobRun
from jobs import runner
from jobs.base import JobResult, run_guarded

NOW = dt.datetime(2026, 11, 24, 2, 0, 0)


def test_a_successful_job_is_recorded_with_its_message(db):
    run = run_guarded("demo", lambda now: JobResult(f"ran at {now:%H:%M}", 3), NOW)
    assert (run.job, run.status, run.message, run.started_at) == ("demo", "ok", "ran at 02:00", NOW)


def test_a_failing_job_is_recorded_and_does_not_raise(db, caplog):
    def broken(now):
        raise RuntimeError("disk full")
    with caplog.at_level(logging.INFO, logger="patents.jobs"):
        run = run_guarded("refresh_alerts", broken, NOW)
    assert (run.status, run.message) == ("failed", "RuntimeError: disk full")
    assert JobRun.select().count() == 1
    # the scheduler's console: the job by its Chinese name
    assert [r.getMessage().split("，用时")[0] for r in caplog.records] == [
        "计划任务「刷新预警」出错", "计划任务「刷新预警」失败"]


def test_jobs_never_run_or_older_than_their_interval_are_overdue(db):
    specs = {s.name: s for s in runner.JOBS}
    JobRun.create(job="refresh_status", started_at=NOW - dt.timedelta(hours=3), status="ok")
    JobRun.create(job="refresh_alerts", started_at=NOW - dt.timedelta(days=2), status="ok")
    JobRun.create(job="indicator_snapshot", started_at=NOW - dt.timedelta(hours=1),
                  status="failed")
    late = {s.name for s in runner.overdue(specs, NOW)}
    assert late == {"import_inbox", "resolve_addresses", "refresh_alerts", "indicator_snapshot",
                    "monthly_reports"}


def test_every_available_job_is_registered_on_its_own_scheduler(db):
    specs = runner.available()
    scheduler = runner.register(schedule.Scheduler(), specs)
    assert sorted(next(iter(j.tags)) for j in scheduler.get_jobs()) == sorted(specs)


def test_every_job_has_a_chinese_name_on_the_jobs_page_and_in_the_runner_s_list(app_env, capsys):
    """计划任务 shows labels.JOB_NAMES (the job's own name when it has none: English)."""
    assert all(re.search(r"[\u4e00-\u9fff]", labels.JOB_NAMES.get(name, ""))
               for name in runner.available()), sorted(set(runner.available()) - set(labels.JOB_NAMES))
    assert runner.main(["--list"]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert sorted(tag for tag, *_ in listed) == sorted(runner.available())
    assert all(name == labels.JOB_NAMES[tag] for tag, name, _ in listed)


def test_the_address_job_places_new_addresses(db):
    from core.resolver.addresses import intern
    intern(["江苏省苏州市吴中区木渎镇金枫路216号"])
    run = runner.run_now(runner.available()["resolve_addresses"], clock=lambda: NOW)
    assert run.status == "ok"
    assert Address.get().county_code == "320506"


def test_the_inbox_job_imports_a_dropped_csv_and_moves_it(db, tmp_path, monkeypatch):
    from core.db.models import ImportBatch, Patent
    monkeypatch.setenv("PATENT_INBOX_DIR", str(tmp_path))
    (tmp_path / "patents.csv").write_text(
        "申请号,申请日,发明名称,申请（专利权）人,申请人地址\n"
        "CN201810390462.7,2018-04-26,一种数据处理方法,苏州星湖科技有限公司,江苏省苏州市工业园区星湖街328号\n"
        "CN20181039046,2018-04-26,坏行,某公司,苏州\n", encoding="utf-8-sig")
    (tmp_path / "notes.md").write_text("not a data file")
    settled = (NOW - dt.timedelta(minutes=5)).timestamp()
    os.utime(tmp_path / "patents.csv", (settled, settled))
    run = runner.run_now(runner.available()["import_inbox"], clock=lambda: NOW)
    assert (run.status, run.message) == (
        "ok", "files imported: 1, failed: 0, waiting: 0, refused: 0, rows written: 1")
    assert [p.app_no for p in Patent.select()] == ["2018103904627"]
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == [
        "patents.csv", "patents.csv.report.json"]
    assert (tmp_path / "notes.md").exists() and ImportBatch.select().count() == 1


def test_file_names_choose_the_import_kind():
    from jobs.import_inbox import kind_of
    assert [kind_of(n) for n in ("专利清单.xlsx", "法律事件2025.csv", "fees-2026.xlsx")] == [
        None, "events", "fees"]


def test_the_jobs_page_lists_recent_runs_for_an_admin(app_env):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest
    run_guarded("refresh_alerts", lambda now: JobResult("fee_due: +3 -0", 3), NOW)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "admin/job_runs.py"),
                           default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["admin"]
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table[["任务", "结果", "说明"]].values.tolist() == [["刷新预警", "成功", "年费即将到期 新增 3，关闭 0"]]


def test_the_nightly_status_job_refreshes_statuses_and_cubes(db):
    import datetime as dt

    from core.cubes import freshness
    from core.db.models import Patent
    Patent.create(app_no="2015100000011", patent_type="utility", title="t", status="valid",
                  app_date=dt.date(2015, 1, 1), grant_date=dt.date(2015, 8, 1),
                  city_code="3205", county_code="320506")
    run = runner.run_now(runner.available()["refresh_status"], clock=lambda: NOW)
    assert run.status == "ok" and run.message.startswith("status changed: 1")
    assert Patent.get().status_reason == "expired" and freshness.is_fresh()


def test_a_job_failing_on_a_database_error_is_recorded_and_its_writes_rolled_back(db):
    from core.db import db as proxy

    def broken(now):
        with proxy.atomic():
            JobRun.create(job="inner", started_at=now, status="ok")
            proxy.execute_sql("SELECT * FROM no_such_table")
    run = run_guarded("broken_db", broken, NOW)
    rows = list(JobRun.select(JobRun.job, JobRun.status, JobRun.finished_at).tuples())
    assert rows == [("broken_db", "failed", run.finished_at)] and run.finished_at >= NOW
    assert "no_such_table" in JobRun.get().message


def test_runs_left_running_by_a_stopped_runner_are_closed_on_the_next_start(app_env, tmp_path,
                                                                            monkeypatch):
    from core.config import labels
    monkeypatch.setenv("PATENT_INBOX_DIR", str(tmp_path / "inbox"))
    earlier = NOW - dt.timedelta(days=1)
    JobRun.create(job="refresh_status", started_at=earlier, status="running")
    JobRun.create(job="refresh_alerts", started_at=earlier, status="ok", message="fine",
                  finished_at=earlier)
    import signal
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    runner.STOP.set()  # the loop ends at once: the start alone is under test
    try:
        assert runner.main([]) == 0
    finally:
        runner.STOP.clear()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    old = list(JobRun.select(JobRun.job, JobRun.status, JobRun.message)
               .where(JobRun.started_at == earlier).order_by(JobRun.id).tuples())
    assert old == [("refresh_status", "failed", labels.JOB_STALE),
                   ("refresh_alerts", "ok", "fine")]
    stale = JobRun.get(JobRun.started_at == earlier, JobRun.job == "refresh_status")
    assert stale.finished_at is not None and stale.finished_at >= earlier
    caught_up = JobRun.select(JobRun.job).where(JobRun.started_at > earlier)
    assert sorted(r.job for r in caught_up) == sorted(runner.available())
    assert JobRun.select().where(JobRun.status == "running").count() == 0
