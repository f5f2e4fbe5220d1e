"""Schema creation and in-place upgrades on SQLite and PostgreSQL, from the schemas older versions
of the code created (tests/data/schema_vN.*.sql, made by tools/old_schema.py)."""
from __future__ import annotations

import uuid

import pytest

from core import db as core_db
from core.accounts import login, users
from core.cubes import freshness, rebuild
from core.db import db as proxy
from core.db import migrations
from core.db.models import (
    Address,
    CubeStamp,
    Holder,
    IndicatorCube,
    Patent,
    SchemaVersion,
    SubjectTotalCube,
    SubjectYearCube,
    User,
)
from tests.conftest import BACKENDS, ROOT, _pg_admin, pg_schema_url

DATA = ROOT / "tests" / "data"

HOLDER = {"name": "甲公司", "norm_name": "甲公司", "kind": "enterprise", "country": "CN",
          "domestic": True, "county_code": "320506", "region_override": False,
          "fee_reduction": False, "patent_count": 1}
PATENT = {"app_no": "CN201810390462.7", "patent_type": "invention", "app_date": "2018-04-20",
          "app_year": 2018, "title": "一种电池", "ipc_main": "H01M10/05", "inventor_count": 2,
          "first_holder_id": 1, "holder_count": 1, "domestic": True, "province_code": "32",
          "city_code": "3205", "county_code": "320506", "street_code": "320506001",
          "status": "valid", "status_reason": "granted", "grant_date": "2021-03-02",
          "grant_year": 2021, "term_extension_days": 0, "high_value": False, "abnormal": False,
          "created_at": "2024-01-02 03:04:05", "updated_at": "2024-01-02 03:04:05"}
COMMON = [
    ("holder", HOLDER),
    ("patent", PATENT),
    ("patent_holder", {"patent_id": 1, "holder_id": 1, "seq": 1, "current": True}),
    ("legal_event", {"patent_id": 1, "kind": "transfer", "date": "2023-05-06",
                     "county_before": "320602", "county_after": "320506"}),
    ("fee_payment", {"patent_id": 1, "patent_year": 4, "amount": "900.00", "surcharge": "0.00",
                     "paid_on": "2021-04-01"}),
    ("user", {"username": "alice", "name": "Alice", "password_hash": "x", "role": "viewer",
              "active": True, "failed_attempts": 0, "created_at": "2024-01-02 03:04:05"}),
]
# rows a database of each version typically held (the cube tables were filled by rebuilds)
ROWS = {
    2: COMMON,
    14: [*COMMON[:1], ("patent", {**PATENT, "overseas_family": True, "award": "中国专利奖"}),
         *COMMON[2:],
         ("holder_cube", {"province_code": "32", "city_code": "3205", "county_code": "320506",
                          "holder_id": 1, "patent_type": "invention", "n": 1}),
         ("indicator_cube", {"grain": "s", "province_code": "32", "city_code": "3205",
                             "county_code": "320506", "street_code": "320506001",
                             "patent_type": "invention", "domestic": True, "high_value": False,
                             "kind": "valid_in", "month": 202103, "n": 1}),
         ("cube_stamp", {"max_patent_id": 1, "max_event_id": 1, "patents": 1,
                         "long_rule": "10y", "built_at": "2024-01-02 03:04:05"})],
}
# what later steps add to those rows
ADDED = {"patent": {"overseas_family": False, "award": None},
         "indicator_cube": {"variant": "fast"}, "holder_cube": {"holder_kind": None}}
EMPTIED = {"cube_stamp"}  # steps 17-19 drop the stamp, so that the next rebuild refills the cubes
DROPPED = {"user": {"failed_attempts", "locked_until"}}  # step 22: failed logins in login_throttle


@pytest.fixture(params=BACKENDS)
def new_database(request, tmp_path):
    """A factory of empty databases on one backend; each call binds the proxy to a new one."""
    schemas = []

    def make() -> None:
        if request.param == "sqlite":
            core_db.connect(f"sqlite:///{tmp_path / uuid.uuid4().hex}.db")
        else:
            schemas.append(f"m_{uuid.uuid4().hex[:10]}")
            _pg_admin(f'CREATE SCHEMA "{schemas[-1]}"')
            core_db.connect(pg_schema_url(schemas[-1]))
        proxy.connect()
    make.engine = "sqlite" if request.param == "sqlite" else "pg"
    yield make
    proxy.close()
    for schema in schemas:
        _pg_admin(f'DROP SCHEMA "{schema}" CASCADE')


def _load(version: int, engine: str) -> None:
    text = (DATA / f"schema_v{version}.{engine}.sql").read_text(encoding="utf-8")
    with proxy.atomic():
        for line in text.splitlines():
            if line and not line.startswith("--"):
                proxy.execute_sql(line.rstrip(";"))
        for table, row in ROWS[version]:
            columns = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join([proxy.obj.param] * len(row))
            proxy.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})',
                              list(row.values()))


def _rows(table: str) -> list[dict]:
    cursor = proxy.execute_sql(f'SELECT * FROM "{table}" ORDER BY id')
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _columns(table: str) -> dict:
    if not core_db.is_postgres():  # the declared types, e.g. VARCHAR(16)
        return {c.name: (c.data_type, c.null, c.primary_key, c.default)
                for c in proxy.obj.get_columns(table)}
    cursor = proxy.execute_sql(
        "SELECT column_name, data_type, character_maximum_length, numeric_precision, "
        "numeric_scale, is_nullable, column_default FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s", (table,))
    return {name: tuple(rest) for name, *rest in cursor.fetchall()}


def _structure() -> dict:
    """Tables with their columns (type with length/precision, nullability, default), indexes and
    foreign keys, as the database itself reports them."""
    database = proxy.obj
    return {table: {
        "columns": _columns(table),
        "indexes": {(i.name, tuple(i.columns), i.unique) for i in database.get_indexes(table)},
        "foreign_keys": {(f.column, f.dest_table, f.dest_column)
                         for f in database.get_foreign_keys(table)},
    } for table in database.get_tables()}


def test_a_fresh_database_is_created_at_the_latest_version(db):
    assert migrations.current_version() == migrations.latest()
    assert migrations.upgrade() == []


@pytest.mark.parametrize("version", sorted(ROWS))
def test_a_database_made_by_older_code_is_upgraded_to_the_fresh_schema(new_database, version):
    new_database()
    migrations.upgrade()
    fresh = _structure()
    new_database()
    _load(version, new_database.engine)
    before = {table: _rows(table) for table, _ in ROWS[version]}

    assert migrations.upgrade() == [v for v, _ in migrations.STEPS if v > version]
    versions = [v for (v,) in proxy.execute_sql("SELECT version FROM schema_version ORDER BY id")]
    assert versions == list(range(version, migrations.latest() + 1))
    assert _structure() == fresh
    for table, rows in before.items():
        kept = [{k: v for k, v in row.items() if k not in DROPPED.get(table, ())} for row in rows]
        expected = [] if table in EMPTIED else kept
        got = [{k: v for k, v in row.items() if k in rows[0]} for row in _rows(table)]
        assert got == expected, table
        added = {k: v for k, v in ADDED.get(table, {}).items() if k not in rows[0]}
        assert [{k: row[k] for k in added} for row in _rows(table)] == [added] * len(expected)
    assert Patent.get().app_no == PATENT["app_no"]  # the current model reads the old rows
    assert Patent.create(patent_type="design", title="新").id == 2
    assert migrations.upgrade() == []


def test_step_22_moves_failed_logins_out_of_the_user_table_and_adds_session_versions(db):
    users.create_user("li", "password-1", "viewer")
    proxy.obj.execute_sql('ALTER TABLE "user" DROP COLUMN session_version')
    proxy.obj.execute_sql('ALTER TABLE "user" ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0')
    proxy.obj.execute_sql('ALTER TABLE "user" ADD COLUMN locked_until TIMESTAMP')
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=21)
    assert migrations.upgrade() == list(range(22, migrations.latest() + 1))
    columns = {c.name for c in proxy.obj.get_columns("user")}
    assert "session_version" in columns and not {"failed_attempts", "locked_until"} & columns
    assert User.get(User.username == "li").session_version == 1
    users.create_user("wang", "password-2", "checker")
    assert login.attempt("wang", "password-2", None, User.get().created_at).ok


def test_step_25_adds_the_holders_industry(db):
    Holder.create(name="甲", norm_name="甲")
    proxy.obj.execute_sql('ALTER TABLE "holder" DROP COLUMN industry_code')
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=24)
    assert migrations.upgrade() == [v for v, _ in migrations.STEPS if v > 24]
    assert "industry_code" in {c.name for c in proxy.obj.get_columns("holder")}
    assert Holder.get().industry_code is None


def _placed(model, pk: int) -> tuple:
    row = model.get_by_id(pk)
    codes = (row.province_code, row.city_code, row.county_code, row.street_code)
    return (*codes, row.region_level) if model is Patent else codes


UP_TO_39 = [step for step in migrations.STEPS if step[0] <= 39]  # later steps drop the stamp too
UP_TO_41 = [step for step in migrations.STEPS if step[0] <= 41]
UP_TO_44 = [step for step in migrations.STEPS if step[0] <= 44]


def test_step_39_places_what_imports_left_unplaced_by_their_address_or_fixed_holder(db):
    here = ("32", "3205", "320506", "320506001")
    fixed = ("32", "3205", "320507", None)
    codes = ("province_code", "city_code", "county_code", "street_code")
    known = Address.create(normalized="苏州市吴中区甲路1号", status="auto", **dict(zip(codes, here)))
    new = Address.create(normalized="某地", status="new")
    moved = {k: v for k, v in HOLDER.items() if k != "county_code"}
    Holder.insert_many([{**moved, "name": n, "norm_name": n, "address_ref": known.id}
                        for n in ("甲", "乙", "丙")]).execute()
    Holder.update(region_override=True, **dict(zip(codes, fixed))).where(Holder.id == 2).execute()
    unplaced = {k: v for k, v in PATENT.items() if k not in codes}
    Patent.insert_many([
        {**unplaced, "app_no": "CN201810390462.7", "address_ref": known.id, "first_holder_id": 1},
        {**unplaced, "app_no": "CN201810390463.5", "address_ref": known.id, "first_holder_id": 2},
    ]).execute()
    Patent.insert_many([  # a patent whose address is not yet resolved, one with no address
        {**PATENT, "app_no": "CN201810390464.3", "address_ref": new.id, "first_holder_id": 3},
        {**PATENT, "app_no": "CN201810390465.1", "first_holder_id": 3}]).execute()
    CubeStamp.create()
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=38)
    assert migrations.upgrade(UP_TO_39) == [39]
    as_was = tuple(PATENT[c] for c in codes) + (None,)
    assert [_placed(Patent, pk) for pk in (1, 2, 3, 4)] == [
        (*here, "street"), (*fixed, "county"), as_was, as_was]
    assert [_placed(Holder, pk) for pk in (1, 2, 3)] == [here, fixed, here]
    assert CubeStamp.select().count() == 0  # the next rebuild counts the moved patents
    CubeStamp.create()
    SchemaVersion.update(version=38).execute()
    assert migrations.upgrade(UP_TO_39) == [39]
    assert CubeStamp.select().count() == 1  # nothing moved: the tables stay fresh


def _subject_rows() -> dict:
    return {m.__name__: sorted(m.select(*[f for f in m._meta.sorted_fields if f.name != "id"])
                               .tuples()) for m in (SubjectTotalCube, SubjectYearCube)}


def test_step_41_builds_the_subject_tables_alone_when_the_others_were_current(db):
    """A database at step 40 whose summary tables are current: step 41 drops the stamp (its new
    tables are empty), build_added builds them alone and puts the stamp back; on tables that
    were stale already nothing is built and the stamp stays dropped (the jobs rebuild)."""
    Holder.insert_many([{**HOLDER, "name": n, "norm_name": n} for n in ("甲", "乙")]).execute()
    Patent.insert_many([{**PATENT, "app_no": no, "first_holder_id": h, "city_code": city}
                        for no, h, city in (("CN201810390462.7", 1, "3205"),
                                            ("CN201810390463.5", 2, "3205"),
                                            ("CN201810390464.3", 1, "3201"))]).execute()
    rebuild.rebuild()
    built = _subject_rows()
    assert len(built["SubjectTotalCube"]) == 5  # the two holders' province and city rows
    for stale in (False, True):
        SubjectTotalCube.delete().execute()
        SubjectYearCube.delete().execute()
        SchemaVersion.delete().execute()
        SchemaVersion.create(version=40)
        if stale:
            CubeStamp.create(max_patent_id=1)
        stamp = rebuild.stamp_if_current()
        applied = migrations.upgrade(UP_TO_41)
        assert applied == [41] and CubeStamp.select().count() == 0
        assert rebuild.build_added(applied, stamp) is not stale
        assert freshness.usable() is not stale
        assert _subject_rows() == (built if not stale else
                                   {"SubjectTotalCube": [], "SubjectYearCube": []})


def test_step_44_drops_the_indicator_cubes_street_rows_without_a_street(db):
    """The additive rules' street rows without a street go; whole counting's rows, the rows
    with a street and the county rows stay, and so does the stamp (reads sum the same)."""
    key = dict(province_code="32", city_code="3205", county_code="320506", patent_type="invention",
               domestic=True, kind="in", month=24300, n=2)
    rows = [(variant, grain, street) for variant in ("fast", "plain", "frac/current", "any/current")
            for grain in ("s", "c") for street in (None, "320506001") if grain == "s" or not street]
    IndicatorCube.insert_many([{**key, "variant": v, "grain": g, "street_code": s}
                               for v, g, s in rows]).execute()
    CubeStamp.create()
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=43)
    assert migrations.upgrade(UP_TO_44) == [44]
    kept = sorted(IndicatorCube.select(IndicatorCube.variant, IndicatorCube.grain,
                                       IndicatorCube.street_code).tuples(), key=str)
    assert kept == sorted([r for r in rows if r[1] == "c" or r[2] or r[0] == "any/current"],
                          key=str)
    assert CubeStamp.select().count() == 1
