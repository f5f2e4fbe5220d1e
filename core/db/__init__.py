"""The one database object. Models bind to `db`; `connect(url)` points it at SQLite or PostgreSQL."""
from __future__ import annotations

import contextlib
import datetime
import os
import random
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import peewee
from playhouse.db_url import connect as url_connect
from psycopg2.extras import execute_values

from core.db import checkpoint

db = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "normal",
    "cache_size": -64 * 1024,
    "temp_store": "memory",
    "mmap_size": 256 * 2**20,
    "foreign_keys": 1,
    "wal_autocheckpoint": checkpoint.SAFETY_PAGES,  # the checkpoint runs beside (checkpoint.py)
}
BUSY_SECONDS = 300.0  # default wait for the write lock (PATENT_DB_BUSY_SECONDS): the longest write


class SerialSqliteDatabase(peewee.SqliteDatabase):
    """SQLite with one writer at a time by design: every transaction begins IMMEDIATE, taking the
    write lock up front, so a writer waits its turn (busy timeout) instead of failing later with
    "database is locked" when a deferred reader upgrades to a writer after another write (WAL).
    A BEGIN that still answers busy is retried with backoff until the busy timeout is spent.
    Each commit leaves the WAL checkpoint to a background thread (core.db.checkpoint)."""

    def __init__(self, database, busy_seconds: float = BUSY_SECONDS, **kwargs):
        self.busy_seconds = busy_seconds
        self._patience = threading.local()  # a shorter wait for this thread (patience())
        pragmas = {**SQLITE_PRAGMAS, "busy_timeout": int(busy_seconds * 1000)}
        super().__init__(database, pragmas=pragmas, timeout=busy_seconds, lock_type="IMMEDIATE",
                         check_same_thread=False, **kwargs)

    @contextlib.contextmanager
    def patience(self, seconds: float):
        """Within the block this thread's writes wait at most `seconds` for the write lock."""
        connection = self.connection()
        self._patience.seconds = seconds
        connection.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            self._patience.seconds = None
            connection.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")

    def commit(self):
        super().commit()
        changed = self._state.conn.total_changes  # rows this connection changed so far
        asked = getattr(self._state, "checkpoint_asked_at", 0)
        if changed < asked:  # another connection of this thread
            asked = self._state.checkpoint_asked_at = 0
        if changed - asked >= checkpoint.LINE and self.database != ":memory:":
            self._state.checkpoint_asked_at = changed
            checkpoint.after_commit(self.database)

    def _close(self, conn):
        checkpoint.settle(self.database)
        super()._close(conn)

    def begin(self, lock_type=None):
        checkpoint.before_write(self.database)
        deadline = time.monotonic() + (getattr(self._patience, "seconds", None)
                                       or self.busy_seconds)
        pause = 0.01
        while True:
            try:
                return super().begin(lock_type)
            except peewee.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause * (1 + random.random()))
            pause = min(pause * 2, 1.0)


def write_or_defer(work, seconds: float = 2.0, name: str = "deferred write") -> bool:
    """Run work() in a transaction now when the write lock comes within `seconds`, else in a
    background thread that waits its turn; True when it ran now. For bookkeeping a user must not
    wait for (a login's last_login and audit row) while a long write (an import, the nightly
    rebuild) holds SQLite's one write lock. PostgreSQL has no such lock: it always runs now."""
    database = db.obj
    if not isinstance(database, SerialSqliteDatabase):
        with db.atomic():
            work()
        return True
    try:
        with database.patience(seconds), db.atomic():
            work()
        return True
    except peewee.OperationalError as exc:
        if not is_busy(exc):
            raise
    threading.Thread(target=_write_later, args=(work,), name=name, daemon=True).start()
    return False


def _write_later(work) -> None:
    with db.connection_context(), db.atomic():
        work()


def is_busy(exc: BaseException) -> bool:
    """A SQLite "database is locked"/"busy" error (another connection holds the write lock)."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class BaseModel(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False


# No JIT compilation: the planner's cost of an upkeep statement over a few thousand patents
# (correlated subqueries per row) passes its threshold, and compiling took 0.2 s of a 0.3 s
# statement, 0.4-0.6 s of an address decision at 1,000,000 patents; the pages' reads gained
# nothing from it (docs/scale.md M28j).
# Random reads priced for data in memory or on SSD (PostgreSQL's default, 4, prices a spinning
# disk): with it the upkeep of a holder's 17,046 patents read all 1,000,000 six times to find
# them (0.2-0.3 s each, 2.2-2.7 s for a change of the holder's kind, 1.0-1.1 s by index), and
# the pages' plans at 1,000,000 were as fast or faster (docs/scale.md M30).
PG_OPTIONS = "-c jit=off -c random_page_cost=1.1"


def make_database(url: str, busy_seconds: float = BUSY_SECONDS) -> peewee.Database:
    """A peewee Database for a URL: sqlite:///path (WAL, one writer at a time, `busy_seconds` to
    wait for the write lock) or postgresql://…

    A `schema` query parameter on a PostgreSQL URL sets the search_path (tests use it).
    """
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = url[len("sqlite:///"):] or ":memory:"
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            create_private(path)
        return SerialSqliteDatabase(path, busy_seconds=busy_seconds)
    query = dict(parse_qsl(parsed.query))
    schema = query.pop("schema", None)
    given = query.pop("options", "")  # the URL's own options follow ours (and win)
    clean = parsed._replace(query="&".join(f"{k}={v}" for k, v in query.items())).geturl()
    options = " ".join(filter(None, (PG_OPTIONS, given,
                                     f"-c search_path={schema}" if schema else "")))
    return url_connect(clean, options=options)


def create_private(path: str) -> None:
    """Create a missing database file readable by its owner only (0600) before SQLite would
    create it under the umask (world-readable); SQLite gives its -wal and -shm files the mode of
    the database file. An existing file is left as it is."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def connect(url: str, busy_seconds: float = BUSY_SECONDS) -> peewee.Database:
    """Bind the proxy to the database at `url` (closing any previous one) and return it."""
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()
    database = make_database(url, busy_seconds)
    database.url = url
    db.initialize(database)
    return database


def current_url() -> str | None:
    return getattr(db.obj, "url", None) if db.obj is not None else None


def is_postgres() -> bool:
    return isinstance(db.obj, peewee.PostgresqlDatabase)


# Field classes whose db_value returns a value of this python type unchanged (and None too).
NATIVE = {peewee.CharField: str, peewee.TextField: str, peewee.IntegerField: int,
          peewee.BigIntegerField: int, peewee.AutoField: int, peewee.BooleanField: bool,
          peewee.DateField: datetime.date, peewee.FloatField: float, peewee.DoubleField: float}


def native_type(field: peewee.Field) -> type | None:
    if isinstance(field, peewee.ForeignKeyField):
        return native_type(field.rel_field)
    return NATIVE.get(type(field))


def db_values(fields: list[peewee.Field], rows: list) -> list:
    """`rows` with each value through its field's db_value, as the database takes it. A column
    whose values are all of the field's native type (or None) is left as it is, since db_value
    would return every value unchanged: a big insert saves a python call per value."""
    def native(i: int, kind: type | None) -> bool:
        return kind is not None and all(type(r[i]) is kind or r[i] is None for r in rows)

    convert = [(i, f.db_value) for i, f in enumerate(fields) if not native(i, native_type(f))]
    if not convert:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i, conv in convert:
            row[i] = conv(row[i])
        out.append(row)
    return out


def bulk_insert(model: type[peewee.Model], columns: list[str], rows) -> int:
    """Insert many rows fast through cursor.executemany (tech-notes §6); the caller owns the transaction.

    `rows` holds python values in `columns` order; they pass through each field's db_value.
    Fields left out that have a python-side default get that default (evaluated once per call).
    """
    fields = [model._meta.fields[c] for c in columns]
    defaults = [f for f in model._meta.sorted_fields
                if f.name not in columns and f.default is not None]
    fields += defaults
    table = model._meta.table_name
    marks = ", ".join([db.obj.param] * len(fields))
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    extra = tuple(f.default() if callable(f.default) else f.default for f in defaults)
    batch = db_values(fields, [(*row, *extra) for row in rows] if extra else list(rows))
    if batch and is_postgres():
        execute_values(db.obj.cursor(), sql.replace(f"({marks})", "%s"), batch, page_size=2000)
    elif batch:
        db.obj.cursor().executemany(sql, batch)
    return len(batch)
