"""tests/conftest.py's PostgreSQL reset, which truncates only the tables holding rows: after a
test's writes the next test finds no rows but the official divisions, ids that start at 1 again
(also of a table emptied by the test itself) and a risen data version."""
from __future__ import annotations

from core import db as core_db
from core.db.models import ALL_MODELS, Agency, DataVersion, Holder, Region, SchemaVersion
from tests.conftest import SKIP_PG, _pg_reset, pg_schema_url
from tests.stats_builder import custom_region, patent

KEPT = {Region, SchemaVersion, DataVersion}


@SKIP_PG
def test_a_reset_empties_every_table_and_restarts_every_id(pg_template):
    _pg_reset(pg_template)
    database = core_db.connect(pg_schema_url(pg_template))
    with database.connection_context():
        divisions = Region.select().count()
        version = DataVersion.get_by_id(1).version
        custom_region("C9001", "园区", ["320506001"])
        patent("320506001", holder_=Holder.create(name="乙", norm_name="乙"))
        Agency.create(name="代理", norm_name="代理").delete_instance()  # empty, id used
    _pg_reset(pg_template)
    with database.connection_context():
        assert {m.__name__: m.select().count() for m in ALL_MODELS if m not in KEPT} == \
            {m.__name__: 0 for m in ALL_MODELS if m not in KEPT}
        assert Region.select().count() == divisions
        assert DataVersion.get_by_id(1).version == version + 1
        assert Agency.create(name="代理", norm_name="代理").id == 1
        assert Holder.create(name="甲", norm_name="甲").id == 1
    database.close()
