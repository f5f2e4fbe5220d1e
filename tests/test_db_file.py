"""The SQLite database file is created readable by its owner only (issue 18, item 6)."""
from __future__ import annotations

import os
import stat

from core import db as core_db
from core.db.migrations import upgrade


def test_a_new_sqlite_database_is_private(tmp_path):
    old = os.umask(0o022)  # the usual umask: files world-readable by default
    try:
        path = tmp_path / "data" / "patents.db"
        database = core_db.connect(f"sqlite:///{path}")
        with database.connection_context():
            upgrade()
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
        database.close()
    finally:
        os.umask(old)
    assert modes["patents.db"] == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes


def test_an_existing_database_file_keeps_its_mode(tmp_path):
    path = tmp_path / "shared.db"
    path.touch(mode=0o640)
    os.chmod(path, 0o640)
    core_db.connect(f"sqlite:///{path}").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
