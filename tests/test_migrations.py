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
