"""The data version: one number in table data_version that every write of data raises inside its
own transaction, so that a cache keyed by it (ui/cache.py, core.config.rules) sees a change made
by any process at its next read, and never the new number with the old data.

    with db.atomic():
        ...writes...
        version.bump()      # last, so that the row stays locked only until the commit

`current()` is one primary-key read."""
from __future__ import annotations

from core.db import db

ROW_ID = 1
_SELECT = f'SELECT "version" FROM "data_version" WHERE "id" = {ROW_ID}'
_BUMP = (f'INSERT INTO "data_version" ("id", "version") VALUES ({ROW_ID}, 1) '
         'ON CONFLICT ("id") DO UPDATE SET "version" = "data_version"."version" + 1')
_bumps = 0  # bumps made by this process (see bumps_here)


def current() -> int:
    """The data version of the bound database (0 before its first write)."""
    row = db.execute_sql(_SELECT).fetchone()
    return row[0] if row else 0


def bump() -> None:
    """Raise the data version; call it inside the writer's transaction, after its writes."""
    global _bumps
    db.execute_sql(_BUMP)
    _bumps += 1


def bumps_here() -> int:
    """How many bumps this process made: a process-local cache may compare it to notice its own
    writes at once without reading the database."""
    return _bumps
