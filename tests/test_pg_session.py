"""PostgreSQL sessions run without JIT compilation, with or without a schema on the URL
(core.db.PG_SESSION; docs/scale.md M23p: compiling the province-wide aggregations' expressions
took longer than running them)."""
from __future__ import annotations

from core import db as core_db
from tests.conftest import PG_URL, SKIP_PG, pg_schema_url


@SKIP_PG
def test_every_postgresql_session_runs_without_jit():
    for url in (PG_URL, pg_schema_url("public")):
        database = core_db.make_database(url)
        try:
            settings = database.execute_sql("SELECT current_setting('jit'), "
                                            "current_setting('search_path')").fetchone()
        finally:
            database.close()
        assert settings[0] == "off", url
        assert ("schema=" not in url) or settings[1] == "public"
