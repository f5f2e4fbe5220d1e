"""The one start command (`python -m core serve`) and the one scheduler per database: the app and
the scheduler start once each, the admin password is printed before any browser request, and a
second scheduler on the same database stands by instead of running the jobs again."""
from __future__ import annotations

import argparse
import threading

import pytest

from core.cli import serve
from core.db.models import JobRun
from jobs import runner
from jobs.lock import SchedulerLock

PROBE = runner.JobSpec("probe", "tests.job_probe", None, every_minutes=10)


def test_one_scheduler_lock_per_database(db_url, db):
    first, second = SchedulerLock(db_url), SchedulerLock(db_url)
    try:
        assert first.acquire() is True
        assert second.acquire() is False  # another server or a second start on this one
        first.release()
        assert second.acquire() is True  # the standby takes over
    finally:
        first.release()
        second.release()


def test_a_standby_runner_runs_no_job_while_another_holds_the_lock(db_url, db):
    from tests import job_probe
    holder = SchedulerLock(db_url)
    assert holder.acquire()
    stopped = threading.Event()
    stopped.set()  # the standby is stopped before the lock comes free
    try:
        assert runner.run_scheduler({"probe": PROBE}, SchedulerLock(db_url), stopped) is False
        assert JobRun.select().count() == 0
    finally:
        holder.release()
    job_probe.RAN.clear()  # its run sets RAN, which then stops the loop
    assert runner.run_scheduler({"probe": PROBE}, SchedulerLock(db_url), job_probe.RAN) is True
    assert [(r.job, r.status) for r in JobRun.select()] == [("probe", "ok")]
    again = SchedulerLock(db_url)  # the lock was given back on the way out
    assert again.acquire()
    again.release()


class FakeProcess:
    def __init__(self, command, exits_after: int | None):
        self.command, self.exits_after, self.polls = command, exits_after, 0
        self.returncode, self.terminated = None, False

    def poll(self):
        self.polls += 1
        if self.exits_after is not None and self.polls > self.exits_after:
            self.returncode = 0 if self.returncode is None else self.returncode
        return self.returncode

    def terminate(self):
        self.terminated, self.returncode = True, -15

    def wait(self, timeout=None):
        return self.returncode


def _is_app(command: list[str]) -> bool:
    return any(part.endswith("Home.py") for part in command)


class Launcher:
    """Records every process serve starts: the app stops after `app_polls` checks, a scheduler
    after `scheduler_polls` (None: runs on)."""

    def __init__(self, app_polls: int, scheduler_polls: int | None = None):
        self.app_polls, self.scheduler_polls = app_polls, scheduler_polls
        self.started: list[FakeProcess] = []

    def __call__(self, command, cwd=None, env=None):
        app = _is_app(command)
        process = FakeProcess(command, self.app_polls if app else self.scheduler_polls)
        process.env = env
        self.started.append(process)
        return process

    def commands(self) -> list[str]:
        return ["app" if _is_app(p.command) else " ".join(p.command[1:])
                for p in self.started]


def _args(db_url: str) -> argparse.Namespace:
    return argparse.Namespace(db=db_url, port=8502, address=None, no_scheduler=False)


@pytest.fixture
def fresh_data(tmp_path, monkeypatch):
    monkeypatch.setenv("PATENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PATENT_ADMIN_PASSWORD", "")
    return tmp_path / "data"


def test_serve_starts_the_app_and_one_scheduler_and_prints_the_admin_password(
        db_url, fresh_data, capsys):
    launch = Launcher(app_polls=3)
    assert serve.run(_args(db_url), popen=launch, stop=threading.Event()) == 0
    assert launch.commands() == ["app", "-m jobs.runner"]
    app, scheduler = launch.started
    assert app.command[1:4] == ["-m", "ui.launch", "run"]  # not the old pages/-folder way
    assert app.command[-4:] == ["--server.port", "8502", "--server.headless", "true"]
    assert scheduler.env["PATENT_DB_URL"] == app.env["PATENT_DB_URL"] == db_url
    assert scheduler.terminated  # stopped with the app
    password = (fresh_data / "admin_password.txt").read_text(encoding="utf-8").strip()
    out = capsys.readouterr()
    assert f"初始密码：{password}" in out.err  # on the console before any browser request
    assert "8502" in out.out


def test_a_scheduler_that_dies_is_started_again_and_the_app_alone_on_request(
        db_url, fresh_data, monkeypatch):
    monkeypatch.setattr(serve, "RESTART_PAUSE", 0.0)
    monkeypatch.setattr(serve, "POLL_SECONDS", 0.0)
    launch = Launcher(app_polls=4, scheduler_polls=1)
    serve.run(_args(db_url), popen=launch, stop=threading.Event())
    assert launch.commands()[:3] == ["app", "-m jobs.runner", "-m jobs.runner"]
    alone = Launcher(app_polls=2)
    args = _args(db_url)
    args.no_scheduler = True
    serve.run(args, popen=alone, stop=threading.Event())
    assert alone.commands() == ["app"]


def test_a_stop_signal_ends_both(db_url, fresh_data):
    launch = Launcher(app_polls=None)
    stop = threading.Event()
    stop.set()  # SIGTERM from systemd / Ctrl-C
    serve.run(_args(db_url), popen=launch, stop=stop)
    assert [p.terminated for p in launch.started] == [True, True]


def test_the_server_does_not_collect_every_object_after_each_run():
    """Streamlit's default gc.collect(2) after every script run walked every object of the
    server: a third of a warm page run's CPU (docs/scale.md M26s). The app's servers start in
    the project folder (core.cli.serve), so this file's setting is theirs."""
    import tomllib

    from core.cli.serve import ROOT
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["runner"]["postScriptGC"] is False
