"""Schema creation and in-place upgrades on SQLite and PostgreSQL."""
from core.db import db as proxy
from core.db import migrations
from core.db.models import SchemaVersion


def _index_names():
    return {i.name for i in proxy.obj.get_indexes("patent")}


def test_a_fresh_database_is_created_at_the_latest_version(db):
    assert migrations.current_version() == migrations.latest()
    assert "patent_ipc_main" in _index_names()


def test_an_old_database_is_upgraded_in_place(db):
    proxy.obj.execute_sql("DROP INDEX patent_ipc_main")
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=1)
    assert migrations.upgrade() == [v for v, _ in migrations.STEPS]
    assert "patent_ipc_main" in _index_names()
    assert migrations.current_version() == migrations.latest()
    assert migrations.upgrade() == []


def test_step_20_moves_failed_logins_out_of_the_user_table_and_adds_session_versions(db):
    from core.accounts import login, users
    from core.db.models import User
    users.create_user("li", "password-1", "viewer")
    proxy.obj.execute_sql('ALTER TABLE "user" DROP COLUMN session_version')
    proxy.obj.execute_sql('ALTER TABLE "user" ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0')
    proxy.obj.execute_sql('ALTER TABLE "user" ADD COLUMN locked_until TIMESTAMP')
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=19)
    assert migrations.upgrade() == [20]
    columns = {c.name for c in proxy.obj.get_columns("user")}
    assert "session_version" in columns and not {"failed_attempts", "locked_until"} & columns
    assert User.get(User.username == "li").session_version == 1
    users.create_user("wang", "password-2", "checker")
    assert login.attempt("wang", "password-2", None, User.get().created_at).ok
