"""core.cubes.merge.merge_net: net rows added to a summary table in place — a key the table
holds takes old + net (same row, same id), a key whose count reaches 0 leaves, a new key is
inserted, a net of 0 for a new key inserts nothing; NULL keys match NULL keys, keys with and
without a street in one merge. SQLite and PostgreSQL."""
from __future__ import annotations

from core.cubes.merge import key_join, merge_net
from core.db import db as database
from core.db.models import IndicatorCube

KEY = dict(variant="fast", grain="c", province_code="32", city_code="3205",
           county_code="320506", patent_type="invention", domestic=True, high_value=False,
           kind="in")


def _rows() -> dict:
    return {(r.street_code, r.month): (r.id, r.n) for r in IndicatorCube.select()}


def test_net_rows_are_added_in_place(db):
    kept = IndicatorCube.create(**KEY, street_code=None, month=10, n=5)
    gone = IndicatorCube.create(**KEY, street_code=None, month=11, n=2)
    other = IndicatorCube.create(**KEY, street_code="320506001", month=10, n=7)
    columns = [f.name for f in IndicatorCube._meta.sorted_fields if f.name != "id"]
    keys = [c for c in columns if c != "n"]
    listed = ", ".join(keys)
    database.execute_sql(f"CREATE TEMPORARY TABLE net_t AS SELECT {listed}, n, 0 AS did "
                         f"FROM indicator_cube WHERE 1 = 0")
    for did, (street, month, n) in enumerate([(None, 10, 3.0), (None, 11, -2.0),
                                              (None, 12, 4.0), ("320506001", 13, 0.0),
                                              ("320506001", 10, 1.0)]):
        IndicatorCube.insert(**KEY, street_code=street, month=month, n=n).execute()
        database.execute_sql(f"INSERT INTO net_t SELECT {listed}, n, {did} FROM indicator_cube "
                             f"WHERE id = (SELECT MAX(id) FROM indicator_cube)")
        IndicatorCube.delete().where(IndicatorCube.id == IndicatorCube.select(
            IndicatorCube.id).order_by(IndicatorCube.id.desc()).limit(1).scalar()).execute()
    merge_net("indicator_cube", "net_t", ("n",),
              key_join(IndicatorCube, "net_t", keys, indexed=True))
    rows = _rows()
    assert rows[(None, 10)] == (kept.id, 8.0)  # updated, same row
    assert (None, 11) not in rows and not IndicatorCube.select().where(
        IndicatorCube.id == gone.id).exists()  # reached 0: gone
    assert rows[(None, 12)][1] == 4.0  # a new key
    assert rows[("320506001", 10)] == (other.id, 8.0)  # a key with a street: same row
    assert ("320506001", 13) not in rows  # a net of 0 for a new key: nothing
    assert len(rows) == 3


def _equalities(plan: list[str], table_alias: str = "c") -> int:
    search = next(line for line in plan if line.startswith(f"SEARCH {table_alias} "))
    return search.count("=?")


def test_every_indexed_pairing_seeks_as_many_keys_as_an_index_offers(db):
    """SQLite, no statistics (as the app runs it): the pairing of each indexed table's net rows
    seeks the index matching the most key columns. subject_total_cube's reading index covers
    the measures and leads with (subject, region_code): SQLite took it over the key index and
    walked a whole region per key (80 s of a 10,000-row import at 1,000,000 patents)."""
    if database.obj.__class__.__name__.startswith("Postgres"):
        return  # its planner has statistics (ANALYZE) and no INDEXED BY
    from core.cubes import delta
    from core.cubes.merge import key_index
    for spec in (s for s in delta.SPECS if s.indexed):
        net = f"net_{spec.table}"
        database.execute_sql(f'CREATE TEMPORARY TABLE "{net}" AS SELECT '
                             f'{", ".join(spec.columns)}, 0 AS did FROM "{spec.table}" WHERE 0')
        added = ", ".join(f"c.{m} + d.{m}" for m in spec.measures)
        sql = f"SELECT c.id, d.did, {added} FROM {spec._join(net)[0]}"
        plan = [row[-1] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}")]
        best = next(i for i in spec.model._meta.fields_to_index()
                    if i._name == key_index(spec.model, spec.keys))
        columns = [e.column_name for e in best._expressions]
        offered = next((i for i, c in enumerate(columns) if c not in spec.keys), len(columns))
        assert _equalities(plan) == offered, (spec.table, plan)
