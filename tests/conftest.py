"""Database fixtures: every database-facing test runs on SQLite and on PostgreSQL.

PostgreSQL tests need PATENT_TEST_PG_URL (e.g. postgresql://postgres@127.0.0.1:5432/test);
without it they skip. Each test session works in its own schema, so parallel runs do not collide.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

import peewee
import pytest

from core import db as core_db
from core.accounts import users
from core.db.migrations import upgrade
from core.regions.divisions import load_divisions

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("PATENT_TEST_PG_URL", "").strip()
SKIP_PG = pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need PATENT_TEST_PG_URL "
                             "(e.g. postgresql://postgres@127.0.0.1:5432/test)")
BACKENDS = ["sqlite", pytest.param("postgres", marks=SKIP_PG)]

users.BCRYPT_ROUNDS = 4  # fast hashes in tests


def pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}schema={schema}"


def _pg_admin(sql: str) -> None:
    database = core_db.make_database(PG_URL)
    database.connect()
    database.execute_sql(sql)  # peewee runs outside a transaction in autocommit mode
    database.close()


def _prepare(url: str, with_divisions: bool) -> None:
    core_db.connect(url)
    with core_db.db.connection_context():
        upgrade()
        if with_divisions:
            load_divisions()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    _prepare(f"sqlite:///{path}", with_divisions=True)
    core_db.db.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    core_db.db.obj.close()
    return path


@pytest.fixture(scope="session")
def pg_template():
    if not PG_URL:
        pytest.skip("no PATENT_TEST_PG_URL")
    _drop_orphan_schemas()
    schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    _pg_admin(f'CREATE SCHEMA "{schema}"')
    _prepare(pg_schema_url(schema), with_divisions=True)
    core_db.db.obj.close()
    yield schema
    _pg_admin(f'DROP SCHEMA "{schema}" CASCADE')


def _drop_orphan_schemas() -> None:
    """Drop the schemas of test runs on this machine that were stopped before their teardown
    (named t_<pid>_…, the pid no longer running)."""
    database = core_db.make_database(PG_URL)
    database.connect()
    names = [name for (name,) in database.execute_sql(
        "SELECT nspname FROM pg_namespace WHERE nspname ~ '^t_[0-9]+_'").fetchall()]
    database.close()
    if not Path("/proc/self").exists():  # no way to tell a live run here
        return
    for name in names:
        if not Path(f"/proc/{name.split('_')[1]}").exists():
            # another worker may be dropping it at the same moment
            with contextlib.suppress(peewee.DatabaseError):
                _pg_admin(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def _sqlite_copy(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "test.db"
    shutil.copy(template, target)
    return f"sqlite:///{target}"


def _pg_reset(schema: str) -> None:
    """Empty every table but the regions (official divisions stay) and restart the ids. The data
    version goes on rising: the URL is the same for every test, and caches key on the two.
    One round trip. A table holding rows is emptied by DELETE while its file is small: TRUNCATE
    makes new files for a table and each of its indexes (0.5 s for one small table on a loaded
    machine, against 3 ms for the DELETE), which was most of a PostgreSQL test's setup. The
    dead rows a DELETE leaves are not vacuumed (autovacuum may be off), so a table whose file
    has grown past RESET_TRUNCATE_BYTES is truncated instead: the bloat stays bounded."""
    from core.db.models import ALL_MODELS, DataVersion, Region, SchemaVersion
    keep = {Region, SchemaVersion, DataVersion}
    tables = ", ".join(f"'{m._meta.table_name}'" for m in ALL_MODELS if m not in keep)
    _pg_admin(_PG_RESET.replace("{schema}", schema).replace("{tables}", tables)
              .replace("{limit}", str(RESET_TRUNCATE_BYTES)))


RESET_TRUNCATE_BYTES = 2 * 1024 * 1024


# %% is a literal % for psycopg; {schema}, {tables} and {limit} are filled in by _pg_reset.
# session_replication_role = replica: the foreign keys are not checked while the tables are
# emptied one by one in any order (all of them end empty).
_PG_RESET = """DO $$
DECLARE
    tbl text;
    name text;
    has_rows boolean;
    big_tables text[] := '{}';
BEGIN
    PERFORM set_config('session_replication_role', 'replica', true);
    FOREACH tbl IN ARRAY ARRAY[{tables}] LOOP
        name := format('%%I.%%I', '{schema}', tbl);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %%s)', name) INTO has_rows;
        IF has_rows AND pg_relation_size(name) > {limit} THEN
            big_tables := big_tables || name;
        ELSE
            IF has_rows THEN
                EXECUTE format('DELETE FROM %%s', name);
            END IF;
            PERFORM setval(pg_get_serial_sequence(name, 'id'), 1, false);
        END IF;
    END LOOP;
    IF cardinality(big_tables) > 0 THEN
        EXECUTE 'TRUNCATE ' || array_to_string(big_tables, ', ') || ' RESTART IDENTITY CASCADE';
    END IF;
    DELETE FROM "{schema}".region WHERE is_custom;
    INSERT INTO "{schema}".data_version AS d (id, version) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET version = d.version + 1;
END $$"""


def fresh_url(request, folder: Path) -> str:
    """URL of a clean, committed database (schema + divisions, no other rows) on the backend a
    fixture is parametrized with (request.param), for fixtures of any scope."""
    if request.param == "sqlite":
        return _sqlite_copy(request.getfixturevalue("sqlite_template"), folder)
    schema = request.getfixturevalue("pg_template")
    _pg_reset(schema)
    url = pg_schema_url(schema)
    if core_db.current_url() == url:
        # Emptied: no longer the database this process prepared. Otherwise ensure_ready(url)
        # (bootstrap: "already bound, nothing to do") would skip the first admin of a test that
        # follows another PostgreSQL test, as a pytest-xdist worker's order makes happen.
        core_db.db.obj.url = None
    return url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """URL of a clean, committed database (schema + divisions, no other rows) on each backend."""
    yield fresh_url(request, tmp_path)
    if request.param != "sqlite" and core_db.db.obj is not None:
        core_db.db.obj.close()


@pytest.fixture
def db(db_url) -> peewee.Database:
    """The proxy bound to a fresh database (schema + divisions) for this test."""
    database = core_db.connect(db_url)
    database.connect(reuse_if_open=True)
    yield database
    database.close()


@pytest.fixture
def app_env(db_url, tmp_path, monkeypatch):
    """Environment for AppTest and subprocess tests: the test database and a private data dir."""
    monkeypatch.setenv("PATENT_DB_URL", db_url)
    monkeypatch.setenv("PATENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PATENT_ADMIN_PASSWORD", "admin-test-pw")
    monkeypatch.setenv("PATENT_COOKIE_KEY", "k" * 48)
    core_db.connect(db_url)
    users.ensure_admin()  # the app's first start on this database
    return db_url


def _wide_params(item) -> list[str] | None:
    """The parameters of the module- (class-, package-) scoped fixtures `item` uses, None when it
    uses none: the tests that share such a fixture instance must share a worker, or each worker
    would build it again (and between interleaved modules tear it down and rebuild it)."""
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    wide = [name for name, chain in defs.items()
            if chain and chain[-1].scope in ("module", "class", "package")]
    if not wide:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    return [f"{name}={params[name]}" for name in sorted(wide) if name in params]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """pytest-xdist (--dist loadgroup, pytest.ini): one group per module and instance of its
    module-scoped fixtures (so the SQLite and PostgreSQL halves may still run side by side)."""
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue  # e.g. the e2e tests (tests/e2e/conftest.py)
        params = _wide_params(item)
        if params is not None:
            # no "]" in a group name: xdist reads the group after the last "@" past the last "]"
            group = ":".join([item.module.__name__, *params]).replace("[", "(").replace("]", ")")
            xdist_group(item, group)


def xdist_group(item, group: str) -> None:
    """Put `item` in the xdist group `group`. xdist 3.8 reads the mark and appends "@group" to
    the item's `_nodeid`, which pytest 9.2 no longer reads (its ids live in `_id`): the suffix is
    appended here too, in a worker of a --dist loadgroup run only (a plain run keeps its ids)."""
    item.add_marker(pytest.mark.xdist_group(group))
    node_id = getattr(item, "_id", None)
    if (os.environ.get("PYTEST_XDIST_WORKER") and config_loadgroup(item.config)
            and hasattr(node_id, "parse") and "@" not in item.nodeid):
        item._id = type(node_id).parse(f"{item.nodeid}@{group}")


def config_loadgroup(config) -> bool:
    return getattr(config.option, "loadgroup", False) or config.getoption("dist", "") == "loadgroup"
