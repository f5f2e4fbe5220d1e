"""`python -m core init`: create or upgrade the schema, load the divisions, create the admin."""
from __future__ import annotations

from core.cli import open_db
from core.db.migrations import current_version


def configure(parser) -> None:
    pass


def run(args) -> int:
    url = open_db(args)
    print(f"database ready: {url} (schema version {current_version()})")
    return 0
