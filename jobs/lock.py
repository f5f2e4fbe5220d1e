"""One scheduler per database: the runner holds this lock while it runs jobs, so a second runner
(another `python -m core serve` on this or another server, a runner started by hand) waits as a
standby instead of running every job twice, and takes over when the first one stops.

- PostgreSQL: a session advisory lock on a connection of its own, keyed by the database and
  schema (not by the URL, which two servers may spell differently); released by the server
  when the holder's connection ends, a crash included.
- SQLite: an exclusive flock on a file beside the database file (a SQLite file lives on one
  machine); released by the kernel when the holder's process ends."""
from __future__ import annotations

import fcntl
import os
from urllib.parse import urlparse

from core.db import make_database

ADVISORY_CLASS = 0x50415445  # first key of pg_try_advisory_lock(int, int): this application
LOCK_SUFFIX = ".scheduler.lock"


class SchedulerLock:
    def __init__(self, url: str):
        self.url = url
        self.postgres = urlparse(url).scheme != "sqlite"
        self._database = None  # PostgreSQL: the connection holding the lock
        self._fd: int | None = None  # SQLite: the open lock file

    @property
    def held(self) -> bool:
        return self._database is not None or self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if no other holder has it; True when this object holds it."""
        if self.held:
            return True
        return self._acquire_pg() if self.postgres else self._acquire_file()

    def release(self) -> None:
        if self._database is not None:
            self._database.close()  # ends the session: the server drops its advisory locks
            self._database = None
        if self._fd is not None:
            os.close(self._fd)  # closing the only descriptor drops the flock
            self._fd = None

    def _acquire_pg(self) -> bool:
        database = make_database(self.url)
        database.connect()
        got = database.execute_sql(
            "SELECT pg_try_advisory_lock(%s, hashtext(current_database() || '/' || "
            "current_schema()))", (ADVISORY_CLASS,)).fetchone()[0]
        if got:
            self._database = database
        else:
            database.close()
        return bool(got)

    def _acquire_file(self) -> bool:
        path = url_path(self.url)
        if path is None:  # an in-memory database has no other process to share it
            self._fd = os.open(os.devnull, os.O_RDONLY)
            return True
        fd = os.open(path + LOCK_SUFFIX, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True


def url_path(url: str) -> str | None:
    """The file of a sqlite:/// URL (None for an in-memory database)."""
    path = url[len("sqlite:///"):]
    return None if path in ("", ":memory:") else os.path.abspath(path)
