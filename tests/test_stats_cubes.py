"""core.cubes.stats (ops_cube, actor_cube, agency_cube) and the other cube readers of the
statistics pages: every reader gives the same frame from the cubes as from the live tables —
undated scopes, whole-year ranges (read from the cubes' year columns), other ranges, divisions
and custom regions, type filters — on SQLite and PostgreSQL; the cubes follow new rows and
holder kind changes."""
from __future__ import annotations

import random

import pandas as pd
import pytest
from peewee import fn

from core.cubes import actors as actor_cube
from core.cubes import freshness
from core.cubes import rebuild as cubes
from core.cubes import stats as stats_cubes
from core.db.models import ActorCube, Agency, AgencyCube, LegalEvent, OpsCube, Patent, WatchItem
from core.monitor import ops_monitor
from core.regions.query import Scope
from core.stats import agencies, holders, industry, operations, overview, regions, trend
from tests.stats_builder import D, custom_region, event, holder, patent

STREETS = ("320506001", "320506003", "320505001", "320602001", None)
COUNTIES = ("320506", "320505", "320507", "320602")
KINDS = ("enterprise", "university", "institute", "individual", "government")


@pytest.fixture
def rich(db):
    """150 patents (holders of every kind, agencies, inventors) and ~100 events: transfers
    between streets and counties, licences, pledges with amounts, other kinds, missing dates."""
    rng = random.Random(23)
    hs = [holder(f"公司{i}", rng.choice(KINDS)) for i in range(12)]
    ags = [Agency.create(name=f"代理{i}", norm_name=f"代理{i}", city_code="3205",
                         county_code=rng.choice(COUNTIES)) for i in range(5)]
    for _ in range(150):
        street = rng.choice(STREETS)
        app = D(rng.randint(2016, 2025), rng.randint(1, 12), 9) if rng.random() < 0.95 else None
        later = lambda p: D(rng.randint(2017, 2026), rng.randint(1, 12), 3) \
            if rng.random() < p else None
        patent(street, None if street else rng.choice(COUNTIES),
               type_=rng.choice(("invention", "utility", "design")), app=app, pub=later(0.5),
               grant=later(0.6), lapse=later(0.3), status_date=later(0.3),
               domestic=rng.random() < 0.8,
               status=rng.choice(("valid", "pending", "lapsed")),
               reason=rng.choice((None, "examining", "rejected", "withdrawn", "granted")),
               holder_=rng.choice(hs + [None]), inventors=rng.randint(0, 4),
               agency=rng.choice(ags + [None]))
    places = ("320506001", "320506003", "320505001", "320602", "310115", None)
    for p in Patent.select().order_by(Patent.id)[::2]:
        for _ in range(rng.randint(1, 2)):
            kind = rng.choice(("transfer", "transfer", "license", "pledge", "invalidation"))
            date = D(rng.randint(2017, 2025), rng.randint(1, 12), rng.randint(1, 28)) \
                if rng.random() < 0.93 else None
            e = event(p, kind, date, *((rng.choice(places), rng.choice(places))
                                       if kind == "transfer" else (None, None)))
            if kind == "pledge" and rng.random() < 0.8:
                e.amount = rng.randint(1, 900) * 10000
                e.save()
    custom_region("Z0001", "园区", ["320506001", "320505"])
    custom_region("Z0002", "走廊", ["320506001", "320506003"])  # streets only: their index


def _same(got, expected):
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True),
                                      check_dtype=False)
    else:
        assert got == expected


def _cube_and_live(monkeypatch, calls, scope):
    cubes.ensure_fresh()
    from_cube = [call(scope) for call in calls]
    assert freshness.is_fresh() and OpsCube.select().count() > 0
    monkeypatch.setattr(freshness, "usable", lambda: False)
    live = [call(scope) for call in calls]
    monkeypatch.undo()
    for got, expected in zip(from_cube, live):
        _same(got, expected)
    return from_cube


def test_ops_cube_equals_a_live_group_by(rich):
    cubes.rebuild()
    got = sorted(OpsCube.select(OpsCube.kind, OpsCube.date, OpsCube.county_before,
                                OpsCube.street_after, OpsCube.county_code, OpsCube.patent_type,
                                OpsCube.n).tuples(), key=str)
    expected: dict = {}
    for e in LegalEvent.select().where(LegalEvent.kind.in_(stats_cubes.EVENT_KINDS)
                                       & LegalEvent.date.is_null(False)):
        p = e.patent
        key = (e.kind, e.date, e.county_before, e.street_after, p.county_code, p.patent_type)
        expected[key] = expected.get(key, 0) + 1
    totals: dict = {}
    for *key, n in got:
        totals[tuple(key)] = totals.get(tuple(key), 0) + n
    assert totals == expected and len(expected) > 20


def test_actor_cube_counts_distinct_holders_and_agencies_per_type_set(rich):
    cubes.rebuild()
    for region, types in (("3205", ()), ("32", ("invention", "design")), ("320506", ("utility",))):
        column = {2: Patent.province_code, 4: Patent.city_code, 6: Patent.county_code}[len(region)]
        cond = (column == region) & Patent.app_date.is_null(False)
        if types:
            cond &= Patent.patent_type.in_(list(types))
        expected = [(y, a, int(i or 0), g) for y, a, i, g in Patent.select(
            Patent.app_year, fn.COUNT(Patent.first_holder.distinct()), fn.SUM(Patent.inventor_count),
            fn.COUNT(Patent.agency.distinct())).where(cond).group_by(Patent.app_year)
            .order_by(Patent.app_year).tuples()]
        assert actor_cube.actors(region, types) == expected and expected
    assert ActorCube.select().where(ActorCube.types == actor_cube.ALL_TYPES).count() > 0


def test_agency_cube_equals_a_live_group_by(rich):
    cubes.rebuild()
    got = sorted(AgencyCube.select(AgencyCube.county_code, AgencyCube.agency_id,
                                   AgencyCube.patent_type, AgencyCube.holder_kind,
                                   AgencyCube.app_year, AgencyCube.n, AgencyCube.n_valid)
                 .tuples(), key=str)
    expected: dict = {}
    for p in Patent.select().where(Patent.agency.is_null(False)):
        key = (p.county_code, p.agency_id, p.patent_type,
               p.first_holder.kind if p.first_holder else None, p.app_year)
        n = expected.setdefault(key, [0, 0])
        n[0] += 1
        n[1] += p.status == "valid"
    assert got == sorted(((*k, *v) for k, v in expected.items()), key=str)


EVENT_CALLS = [
    lambda s: overview.operations(s, D(2019, 1, 1), D(2024, 6, 30)),
    lambda s: trend.operations(s, "month"), lambda s: trend.operations(s, "year"),
    lambda s: regions.table(s, "child"), lambda s: regions.table(s, "street"),
    operations.per_year, operations.per_subregion, ops_monitor.flows,
]
AS_OF = D(2025, 7, 1)
PAGE_CALLS = [
    lambda s: overview.cards(s, AS_OF), overview.type_split, overview.subregions,
    lambda s: overview.yearly(s, 2014, 2026), overview.streets, overview.top_holders,
    lambda s: overview.top_holders(s, True, 3), overview.watched,
    lambda s: trend.applications(s, "year"), lambda s: trend.grants(s, "year"),
    lambda s: trend.valid_stock(s, 2014, 2026), trend.pipeline,
    lambda s: trend.actors(s, "year"),
    lambda s: industry.emerging_share(s, 2015, 2026), industry.summary,
    lambda s: agencies.ranking(s, None), agencies.summary, holders.kind_split,
    lambda s: holders.holder_stats(s, "valid_total", 5),
    lambda s: holders.holder_stats(Scope(s.region, holder_kinds=("enterprise", "university")),
                                   "first_filing", 4, 1),
    lambda s: holders.holder_stats(Scope(s.region), "valid_design", 3, 2),
]
SCOPES = [Scope("3205"), Scope("32"), Scope("320506"), Scope("320506001"), Scope("Z0001"),
          Scope("Z0002"),
          Scope("3205", patent_types=("invention",)),
          Scope("320505", patent_types=("utility", "design")),
          Scope("3205", D(2019, 3, 1), D(2023, 10, 31)),
          Scope("320506", D(2020, 1, 1), None, patent_types=("design",)),
          Scope("3205", D(2018, 1, 1), D(2022, 12, 31)), Scope("32", None, D(2021, 12, 31)),
          Scope("320505", D(2019, 1, 1), D(2019, 12, 31), "grant", ("invention", "utility"))]


def test_readers_give_the_same_results_from_the_cubes_as_live(rich, monkeypatch):
    """Each scope on one database (the summary tables built once)."""
    WatchItem.create(kind="region", target="320505")
    WatchItem.create(kind="region", target="Z0001")
    for scope in SCOPES:
        results = _cube_and_live(monkeypatch, EVENT_CALLS + PAGE_CALLS, scope)
        assert any(len(r) for r in results if isinstance(r, pd.DataFrame)), scope


def test_operations_amounts_and_directions_are_counted(rich):
    years = operations.per_year(Scope("320506"))
    assert years["transfer_in"].sum() > 0 and years["transfer_out"].sum() > 0
    assert years["pledge_amount"].sum() > 0 and years["license"].sum() > 0


def test_new_events_and_holder_kind_changes_refresh_the_cubes(rich, monkeypatch):
    cubes.rebuild()
    before = operations.per_year(Scope("3205")).set_index("year")["pledge"]
    event(Patent.get(Patent.city_code == "3205"), "pledge", D(2018, 5, 5))
    after = operations.per_year(Scope("3205")).set_index("year")["pledge"]
    assert after.get(2018, 0) == before.get(2018, 0) + 1
    q = Scope("3205")
    someone = Patent.get(Patent.agency.is_null(False) & Patent.first_holder.is_null(False)
                         & (Patent.city_code == "3205"))
    agency, owner = someone.agency_id, someone.first_holder
    moved = Patent.select().where((Patent.agency == agency) & (Patent.first_holder == owner)
                                  & (Patent.city_code == "3205")).count()
    old = agencies.client_mix(q, [agency]).iloc[0]
    new_kind = "individual" if owner.kind != "individual" else "enterprise"
    holders.update_holder(owner.id, "tester", kind=new_kind)
    assert not freshness.is_fresh()
    mix = agencies.client_mix(q, [agency])
    assert mix.iloc[0][new_kind] == old[new_kind] + moved
    monkeypatch.setattr(freshness, "usable", lambda: False)
    _same(mix, agencies.client_mix(q, [agency]))


def test_a_street_only_custom_region_reads_the_street_index_on_sqlite(rich):
    from core.db import is_postgres
    from core.stats.base import patents, where
    query = patents(Scope("Z0002"), Patent.id).where(where(Scope("Z0002")))
    sql = query.sql()[0]
    assert ("INDEXED BY" in sql) != is_postgres()
    expected = Patent.select(Patent.id).where(Patent.street_code.in_(["320506001", "320506003"]))
    assert sorted(r.id for r in query) == sorted(r.id for r in expected)


def test_upgrading_to_the_new_tables_makes_the_cubes_stale_until_the_next_rebuild(rich):
    from core.db import migrations
    from core.db.models import SchemaVersion
    cubes.rebuild()
    AgencyCube.delete().execute()  # as a table just created by upgrade() would be
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=16)
    assert migrations.upgrade(models=[]) == [v for v, _ in migrations.STEPS if v > 16]
    assert not freshness.is_fresh()
    live = agencies.ranking(Scope("3205"), None)
    assert live["filings"].sum() > 0 and AgencyCube.select().count() == 0
    assert cubes.ensure_fresh() and AgencyCube.select().count() > 0 and freshness.is_fresh()
    _same(agencies.ranking(Scope("3205"), None), live)
