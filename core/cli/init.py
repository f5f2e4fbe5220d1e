"""`python -m core init`: create or upgrade the schema, load the divisions, create the admin
(only on a database without users; no existing password or password file is touched) and say
where the admin password is."""
from __future__ import annotations

from core.cli import admin_notice, open_db
from core.config import labels
from core.db.migrations import current_version


def configure(parser) -> None:
    pass


def run(args) -> int:
    url = open_db(args)
    print(labels.CLI_DB_READY.format(url=url, version=current_version()))
    print(admin_notice(url))
    return 0
