"""core.db: the SQLite database file is created readable by its owner only (issue 18, item 6);
PostgreSQL connections' settings."""
from __future__ import annotations

import os
import stat

from core import db as core_db
from core.db.migrations import upgrade
from tests.conftest import SKIP_PG, pg_schema_url


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


@SKIP_PG
def test_a_postgresql_connection_compiles_no_statement_and_keeps_the_urls_settings():
    """No JIT compilation (core.db.PG_OPTIONS); a URL's schema and its own options still apply,
    its options after ours."""
    url = pg_schema_url("public")
    sep = "&" if "?" in url else "?"
    database = core_db.make_database(f"{url}{sep}options=-c statement_timeout=4321")
    database.connect()
    try:
        shown = [database.execute_sql(f"SHOW {name}").fetchone()[0]
                 for name in ("jit", "search_path", "statement_timeout")]
    finally:
        database.close()
    assert shown == ["off", "public", "4321ms"]
    database = core_db.make_database(f"{url}{sep}options=-c jit=on")
    database.connect()
    try:
        assert database.execute_sql("SHOW jit").fetchone()[0] == "on"
    finally:
        database.close()


@SKIP_PG
def test_a_postgresql_connection_reads_a_few_rows_of_a_large_table_by_their_index():
    """Random reads priced for data in memory (core.db.PG_OPTIONS): the rows of 1 % of the ids,
    scattered over a table of 100,000, are read through its primary key, not by a scan of the
    table (as the upkeep reads a holder's patents); under PostgreSQL's default price the same
    query scans the table."""
    def plan(url: str) -> str:
        database = core_db.make_database(url)
        database.connect()
        try:
            run = database.execute_sql
            run("CREATE TEMPORARY TABLE wide AS SELECT g AS id, MOD(g * 7919, 100) AS holder, "
                "md5(g::text) || md5((g + 1)::text) AS payload "
                "FROM generate_series(1, 100000) g")
            run("ALTER TABLE wide ADD PRIMARY KEY (id)")
            run("CREATE TEMPORARY TABLE chosen AS SELECT id FROM wide WHERE holder = 3")
            run("ANALYZE wide")
            run("ANALYZE chosen")
            rows = run("EXPLAIN SELECT holder, COUNT(*) FROM wide "
                       "WHERE id IN (SELECT id FROM chosen) GROUP BY holder").fetchall()
            return "\n".join(line for (line,) in rows)
        finally:
            database.close()

    url = pg_schema_url("public")
    sep = "&" if "?" in url else "?"
    assert "Index Scan using wide_pkey" in plan(url)
    assert "Seq Scan on wide" in plan(f"{url}{sep}options=-c random_page_cost=4")
