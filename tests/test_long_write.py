"""A user is not held up by a long write on SQLite (an import, the nightly rebuild, the catch-up
of jobs at a server's start hold the one write lock for minutes): a ready database is bound
without writing, and a login is let in at once, its bookkeeping written when the lock is free."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest

from core import db as core_db
from core.accounts import login, users
from core.db.migrations import upgrade
from core.db.models import AuditLog, LoginThrottle, User
from core.upkeep.bootstrap import ensure_ready
from tests.conftest import _sqlite_copy

NOW = dt.datetime(2026, 12, 6, 9, 0, 0)
BUSY_SECONDS = 4.0  # a write waits this long for the lock, then fails


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path, monkeypatch):
    monkeypatch.setenv("PATENT_DATA_DIR", str(tmp_path / "data"))
    url = _sqlite_copy(sqlite_template, tmp_path)
    ensure_ready(url)  # the first start writes: the industries, the first admin
    users.create_user("li", "li-pw-12345", "viewer")
    core_db.db.obj.close()
    core_db.db.initialize(None)
    yield url
    if core_db.db.obj is not None:
        core_db.db.obj.close()


def _hold_write_lock(url: str) -> sqlite3.Connection:
    """Another process's long write: a connection holding the write lock."""
    holder = sqlite3.connect(url[len("sqlite:///"):], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_ready_database_is_bound_while_another_connection_writes(sqlite_url, monkeypatch):
    monkeypatch.setenv("PATENT_DB_BUSY_SECONDS", str(BUSY_SECONDS))
    holder = _hold_write_lock(sqlite_url)
    try:
        assert ensure_ready(sqlite_url) == sqlite_url
        assert upgrade() == []
    finally:
        holder.execute("ROLLBACK")


def test_a_login_goes_through_while_another_connection_writes(sqlite_url):
    core_db.connect(sqlite_url, busy_seconds=BUSY_SECONDS)
    LoginThrottle.create(key=login.throttle.account_key("li"), failures=1, last_failure=NOW)
    holder = _hold_write_lock(sqlite_url)
    try:
        result = login.attempt("li", "li-pw-12345", "10.0.0.9", NOW)
        assert (result.ok, result.user.username) == (True, "li")
        assert User.get(User.username == "li").last_login is None  # not yet: the lock is held
    finally:
        holder.execute("ROLLBACK")
    later = [t for t in threading.enumerate() if t.name == "login bookkeeping"]
    assert len(later) == 1
    later[0].join(timeout=60)
    assert User.get(User.username == "li").last_login == NOW
    assert LoginThrottle.select().count() == 0
    assert [(a.username, a.action) for a in AuditLog.select().where(AuditLog.action == "login")] \
        == [("li", "login")]


def test_a_login_writes_its_bookkeeping_at_once_when_nobody_writes(db):
    users.create_user("li", "li-pw-12345", "viewer")
    assert login.attempt("li", "li-pw-12345", None, NOW).ok
    assert User.get(User.username == "li").last_login == NOW
    assert not [t for t in threading.enumerate() if t.name == "login bookkeeping"]
