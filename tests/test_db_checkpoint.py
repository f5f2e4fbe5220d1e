"""The WAL checkpoint leaves the writer's commit for a background thread (core.db.checkpoint)."""
from __future__ import annotations

import time

from core import db as core_db
from core.db import checkpoint

PAGE = 4096


def _write(pages: int) -> None:
    with core_db.db.atomic():
        core_db.db.execute_sql("CREATE TABLE IF NOT EXISTS blob (b)")
        for _ in range(pages):
            core_db.db.execute_sql(f"INSERT INTO blob VALUES (randomblob({PAGE - 100}))")


def _connect(path):
    database = core_db.connect(f"sqlite:///{path}")
    database.execute_sql("PRAGMA page_size")  # opens it (WAL, pragmas)
    return database


def test_a_commit_over_the_default_autocheckpoint_copies_nothing_itself(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(checkpoint, "after_commit", asked.append)
    path = tmp_path / "a.db"
    database = _connect(path)
    before = path.stat().st_size
    _write(3000)  # SQLite's default line is 1,000 pages
    assert path.stat().st_size == before  # every page still in the WAL
    assert (tmp_path / "a.db-wal").stat().st_size > 3000 * PAGE
    assert asked == [str(path)]
    busy, frames, copied = checkpoint.checkpoint(str(path))
    assert (busy, copied) == (0, frames) and frames > 3000
    assert path.stat().st_size > 3000 * PAGE
    database.close()


def test_the_background_thread_checkpoints_after_a_commit(tmp_path):
    path = tmp_path / "b.db"
    database = _connect(path)
    _write(2000)
    deadline = time.monotonic() + 30
    while path.stat().st_size < 2000 * PAGE and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size > 2000 * PAGE
    assert database.execute_sql("SELECT COUNT(*) FROM blob").fetchone()[0] == 2000
    database.close()


def test_a_write_that_follows_finishes_the_checkpoint_and_starts_the_wal_over(tmp_path,
                                                                               monkeypatch):
    """A commit asks for a checkpoint (the thread held back here); the next write transaction
    does it first, so it starts the WAL over instead of appending to it."""
    def asked_only(path):
        with checkpoint._lock:
            checkpoint._pending.add(path)
    monkeypatch.setattr(checkpoint, "after_commit", asked_only)
    path = tmp_path / "e.db"
    database = _connect(path)
    _write(2000)
    assert str(path) in checkpoint._pending
    _write(10)
    busy, frames, copied = checkpoint.checkpoint(str(path))
    assert busy == 0 and frames == copied and frames < 100  # the second write's frames only
    assert database.execute_sql("SELECT COUNT(*) FROM blob").fetchone()[0] == 2010
    database.close()


def test_only_a_commit_of_the_line_of_rows_asks_for_a_checkpoint(tmp_path, monkeypatch):
    """Small writes leave the WAL be (a checkpoint per commit fsyncs the file every time); the
    rows are counted per connection, and no file of the database is opened but by SQLite (a
    close of another descriptor on the -shm drops SQLite's locks on it)."""
    woken, opened = [], []
    monkeypatch.setattr(checkpoint, "_thread", _Idle())  # the thread holds back
    monkeypatch.setattr(checkpoint, "_wake", _Idle(woken))
    path = tmp_path / "f.db"
    database = _connect(path)
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: opened.append(str(f))
                        or real_open(f, *a, **k))
    _write(10)
    assert not woken
    _write(checkpoint.LINE - 20)  # the line counts from the last ask: 10 + 980 rows
    assert not woken
    _write(20)
    assert woken and not [f for f in opened if str(path) in f]
    with checkpoint._lock:
        assert str(path) in checkpoint._pending
        checkpoint._pending.discard(str(path))
    busy, frames, copied = checkpoint.checkpoint(str(path))
    assert frames == copied > checkpoint.LINE
    database.close()


class _Idle:
    """A thread that seems alive and an event that only records being set."""
    def __init__(self, woken: list | None = None):
        self.woken = woken

    def is_alive(self) -> bool:
        return True

    def set(self) -> None:
        self.woken.append(True)


def test_a_checkpoint_of_a_database_gone_creates_no_file(tmp_path):
    gone = tmp_path / "gone.db"
    assert checkpoint.checkpoint(str(gone)) is None
    assert not gone.exists()


def test_the_app_connections_raise_the_autocheckpoint_to_the_safety_net(tmp_path):
    database = _connect(tmp_path / "c.db")
    line = database.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0]
    assert line == checkpoint.SAFETY_PAGES
    database.close()


def test_a_closed_database_is_whole_on_disk(tmp_path):
    """Closing waits for a checkpoint under way: a copy of the file made right after the close
    opens intact, with every row (the test suite's template databases are copied so)."""
    path = tmp_path / "d.db"
    for turn in range(1, 6):
        _connect(path)
        for _ in range(100):  # many commits: the thread is at work when the file closes
            _write(40)
        core_db.db.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        core_db.db.obj.close()
        assert not (tmp_path / "d.db-wal").exists()
        copy = tmp_path / f"copy{turn}.db"
        copy.write_bytes(path.read_bytes())
        opened = core_db.connect(f"sqlite:///{copy}")
        assert opened.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert opened.execute_sql("SELECT COUNT(*) FROM blob").fetchone()[0] == 4000 * turn
        opened.close()
