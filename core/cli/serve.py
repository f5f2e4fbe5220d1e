"""`python -m core serve [--port 8501] [--address 0.0.0.0] [--no-scheduler]`: the one start
command. Prepares the database first (schema, divisions, the first admin, whose generated
password is printed now, not at the first browser request), then runs the app (streamlit run
Home.py) and the scheduler (python -m jobs.runner) as two child processes until the app stops or
a SIGTERM / Ctrl-C arrives, which stops both. A scheduler that dies is started again (at most once
a minute); a second `serve` on the same database — on this server or another — gets a standby
scheduler (jobs.lock), so jobs never run twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from core.cli import admin_notice, open_db, option
from core.config import labels
from core.config.settings import ROOT

RESTART_PAUSE = 60.0
POLL_SECONDS = 1.0


def configure(parser) -> None:
    option(parser, "serve", "--port", type=int, default=8501)
    option(parser, "serve", "--address", default=None)
    option(parser, "serve", "--no-scheduler", action="store_true")


def app_command(args) -> list[str]:
    command = [sys.executable, "-m", "ui.launch", "run", str(ROOT / "Home.py"),
               "--server.port", str(args.port), "--server.headless", "true"]
    if args.address:
        command += ["--server.address", args.address]
    return command


def scheduler_command() -> list[str]:
    return [sys.executable, "-m", "jobs.runner"]


def run(args, popen=subprocess.Popen, stop: threading.Event | None = None) -> int:
    url = open_db(args)
    print(admin_notice(url), flush=True)
    env = {**os.environ, "PATENT_DB_URL": url}
    stop = stop or _stop_on_signals()
    app = popen(app_command(args), cwd=ROOT, env=env)
    print(labels.SERVE_STARTED.format(port=args.port), flush=True)
    scheduler = None if args.no_scheduler else Child(scheduler_command(), env, popen)
    if scheduler:
        print(labels.SERVE_WITH_SCHEDULER, flush=True)
    try:
        while app.poll() is None and not stop.wait(POLL_SECONDS):
            if scheduler:
                scheduler.keep_running()
    finally:
        if scheduler:
            scheduler.stop()
        _end(app)
    return app.returncode or 0


class Child:
    """The scheduler process, started again when it dies (at most once per RESTART_PAUSE)."""

    def __init__(self, command: list[str], env: dict, popen):
        self.command, self.env, self.popen = command, env, popen
        self.started = time.monotonic()
        self.process = popen(command, cwd=ROOT, env=env)

    def keep_running(self) -> None:
        if self.process.poll() is None or time.monotonic() - self.started < RESTART_PAUSE:
            return
        print(labels.SERVE_SCHEDULER_RESTART.format(code=self.process.returncode),
              file=sys.stderr, flush=True)
        self.started = time.monotonic()
        self.process = self.popen(self.command, cwd=ROOT, env=self.env)

    def stop(self) -> None:
        _end(self.process)


def _end(process, grace: float = 20.0) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop
