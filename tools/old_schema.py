"""Write the schema an older version of the code created, as test data for tests/test_migrations.py.

    python tools/old_schema.py COMMIT --pg postgresql://postgres@127.0.0.1:5432/test

extracts core/ of COMMIT into a temporary folder, lets that code create a fresh database on
SQLite and on PostgreSQL (its own upgrade(), in a temporary file and a temporary schema) and
writes the statements it ran to tests/data/schema_vN.sqlite.sql and schema_vN.pg.sql, N being
the schema version that code records.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import uuid
from pathlib import Path

from playhouse.db_url import connect as url_connect

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data"

# Run by the old code (cwd = its folder): create the schema through its upgrade(), print what ran.
CHILD = r"""
import json, logging, sys
from core.db import connect, db
from core.migrations import latest, upgrade

statements = []
class Keep(logging.Handler):
    def emit(self, record):
        sql, params = record.msg
        if sql.lstrip().upper().startswith("CREATE"):
            statements.append(sql)
logging.getLogger("peewee").addHandler(Keep())
logging.getLogger("peewee").setLevel(logging.DEBUG)
connect(sys.argv[1])
with db.connection_context():
    upgrade()
print(json.dumps({"version": latest(), "statements": statements}))
"""


def _extract(commit: str, folder: Path) -> None:
    archive = subprocess.run(["git", "archive", "--format=tar", commit, "core"], cwd=ROOT,
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")


def _create(folder: Path, url: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    out = subprocess.run([sys.executable, "-c", CHILD, url], cwd=folder, check=True,
                         capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def _pg_admin(url: str, sql: str) -> None:
    database = url_connect(url)
    database.execute_sql(sql)  # autocommit outside a transaction
    database.close()


def _write(path: Path, commit: str, engine: str, created: dict) -> None:
    when, subject = subprocess.run(["git", "log", "-1", "--format=%ci%n%h %s", commit], cwd=ROOT,
                                   check=True, capture_output=True, text=True).stdout.split("\n")[:2]
    header = [f"-- Schema version {created['version']} as a fresh {engine} database got it from "
              f"the code of commit", f"-- {subject[:100]}",
              "-- (its core/migrations.py upgrade() on an empty database; the statements it ran).",
              f"-- Regenerate: python tools/old_schema.py {commit[:7]} --pg POSTGRES_URL", ""]
    body = [s.rstrip() + ";" for s in created["statements"]]
    body.append(f'INSERT INTO "schema_version" ("version", "applied_at") '
                f"VALUES ({created['version']}, '{when[:19]}');")
    path.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(path.relative_to(ROOT), len(body), "statements")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit")
    parser.add_argument("--pg", required=True, help="PostgreSQL URL (a temporary schema is used)")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", args.commit], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _extract(commit, folder)
        lite = _create(folder, f"sqlite:///{folder / 'old.db'}")
        schema = f"old_{uuid.uuid4().hex[:10]}"
        _pg_admin(args.pg, f'CREATE SCHEMA "{schema}"')
        try:
            sep = "&" if "?" in args.pg else "?"
            pg = _create(folder, f"{args.pg}{sep}schema={schema}")
        finally:
            _pg_admin(args.pg, f'DROP SCHEMA "{schema}" CASCADE')
    version = lite["version"]
    _write(OUT / f"schema_v{version}.sqlite.sql", commit, "SQLite", lite)
    _write(OUT / f"schema_v{version}.pg.sql", commit, "PostgreSQL", pg)


if __name__ == "__main__":
    main()
