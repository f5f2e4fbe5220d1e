"""The SQLite WAL checkpoint, off the writer's path.

SQLite copies the WAL into the database file in the commit that leaves the WAL over
`wal_autocheckpoint` pages: the writer that crosses the line pays for it, inside the user's
wait (0.3 s of an address decision's 2.9 s at 1,000,000 patents, docs/scale.md M24d). Here the
app's connections raise that line to a safety net (SAFETY_PAGES) and a commit of LINE rows or
more (core.db.SerialSqliteDatabase.commit) wakes one background thread of the process, which
runs a PASSIVE checkpoint on its own connection: it
takes no lock a reader or a writer waits for, and copies what no reader still needs. A write
that follows at once finishes it first (before_write), as its commit would have.
"""
from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from urllib.parse import quote

# an ordinary commit never reaches it while the thread keeps up; bounds the WAL if it cannot
SAFETY_PAGES = 100_000
# rows a connection changes before its commit asks for a checkpoint (a checkpoint per commit
# would fsync the file after every small write). Counted in rows, not read from the -shm file:
# closing a file of the database that SQLite did not open drops every POSIX lock this process
# holds on it (sqlite.org/howtocorrupt.html §2.2), and another process then took the wal-index
# for abandoned and rebuilt it under this one (the likely death of a test server)
LINE = 1_000

_pending: set[str] = set()
_running: set[str] = set()
_lock = threading.Condition()
_wake = threading.Event()
_thread: threading.Thread | None = None


def after_commit(path: str) -> None:
    """Ask for a checkpoint of the database file at `path` (a commit wrote much to its WAL)."""
    global _thread
    with _lock:
        _pending.add(path)
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_run, name="wal-checkpoint", daemon=True)
            _thread.start()
    _wake.set()


def before_write(path: str) -> None:
    """Finish the checkpoint asked for `path` before a write transaction begins: a writer
    starts the WAL over only when it is wholly copied, else it appends, and every page read
    then searches a longer WAL index (an import's transactions follow one another: appending
    cost its upkeep about 1 s of CPU at 1,000,000 patents). A lone write leaves its own
    checkpoint to the thread."""
    if _claim(path):
        checkpoint(path)


def settle(path: str) -> None:
    """Drop a checkpoint asked for `path` and wait for one under way: a connection closing
    leaves nothing of this process working on the file (a copy of it made next is whole)."""
    _claim(path)


def _claim(path: str) -> bool:
    """Take the checkpoint asked for `path` from the thread (True when one was asked) and wait
    for the one it may be running."""
    with _lock:
        asked = path in _pending
        _pending.discard(path)
        _lock.wait_for(lambda: path not in _running)
    return asked


def _run() -> None:
    while True:
        _wake.wait()
        _wake.clear()
        while True:
            with _lock:
                if not _pending:
                    break
                path = min(_pending)
                _pending.discard(path)
                _running.add(path)
            try:
                checkpoint(path)
            finally:
                with _lock:
                    _running.discard(path)
                    _lock.notify_all()


def checkpoint(path: str) -> tuple[int, int, int] | None:
    """A PASSIVE checkpoint of the database at `path` on a connection of its own: (busy, WAL
    frames, frames copied), or None when the file is gone (never created again: mode=rw)."""
    if not Path(path).exists():
        return None
    uri = f"file:{quote(Path(path).absolute().as_posix())}?mode=rw"
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(uri, uri=True, timeout=0, check_same_thread=False)
        try:
            return connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            connection.close()
    return None
