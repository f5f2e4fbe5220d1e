"""holder_region_cube (core.cubes.holder_region) on SQLite and PostgreSQL against a reference
written from its definition — per province or city × first holder: its patents there, those with
a filing date, the valid ones by type and its earliest filing date there — after a rebuild, after
migration step 40 on an existing database, and after a change of filing dates alone (which moves
no count, only a first date)."""
from __future__ import annotations

import random
from collections import defaultdict

import pandas as pd
import pytest

from core.cubes import delta, freshness
from core.cubes import rebuild as cubes
from core.db import migrations
from core.db.models import HolderRegionCube, Patent, SchemaVersion
from core.regions.query import Scope
from core.stats import holders, new_holders
from core.upkeep.bootstrap import upgrade_schema
from tests.stats_builder import D, holder, patent

COUNTIES = ("320506", "320505", "320102", "310115")
TYPES = ("invention", "utility", "design")


@pytest.fixture
def made(db):
    """60 random patents of 8 holders (and a few without a holder) in two provinces."""
    rng = random.Random(11)
    people = [holder(f"权利人{i}", kind=rng.choice(("enterprise", "university"))) for i in range(8)]
    for _ in range(60):
        filed = None if rng.random() < 0.1 else D(rng.randint(2015, 2026), rng.randint(1, 12), 9)
        patent(county=rng.choice(COUNTIES), type_=rng.choice(TYPES), app=filed,
               status=rng.choice(("valid", "valid", "pending", "lapsed")),
               holder_=rng.choice(people + [None]))
    return people


def _reference() -> dict[tuple, tuple]:
    """(region, holder id, kind) → (n, n_dated, valid, valid by type …, first date), from the
    patents one by one."""
    rows: dict[tuple, list] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, None])
    for p in Patent.select().where(Patent.first_holder.is_null(False)):
        for region in (p.province_code, p.city_code):
            row = rows[(region, p.first_holder_id, p.first_holder.kind)]
            row[0] += 1
            if p.app_date:
                row[1] += 1
                row[6] = min(row[6] or p.app_date, p.app_date)
            if p.status == "valid":
                row[2] += 1
                row[3 + TYPES.index(p.patent_type)] += 1
    return {key: tuple(row) for key, row in rows.items()}


def _table() -> dict[tuple, tuple]:
    c = HolderRegionCube
    return {(r.region, r.holder_id, r.holder_kind): (
        r.n, r.n_dated, r.valid, r.valid_invention, r.valid_utility, r.valid_design,
        r.first_date) for r in c.select()}


def test_the_rebuilt_table_equals_the_definition(made):
    cubes.rebuild(variants=False)
    got = _table()
    assert got == _reference()
    assert {region for region, _, _ in got} == {"32", "3205", "3201", "31", "3101"}


def test_step_40_builds_the_table_on_an_existing_database_and_keeps_it_fresh(made):
    cubes.rebuild(variants=False)
    HolderRegionCube.delete().execute()  # as upgrade() creates it: empty, the stamp fresh
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=39)
    assert upgrade_schema() == [v for v, _ in migrations.STEPS if v > 39]  # as the app's start
    assert freshness.is_fresh() and _table() == _reference()


def test_new_filing_dates_alone_move_the_first_dates_of_the_holders_they_touch(made):
    cubes.rebuild(variants=False)
    before = _table()
    dated = list(Patent.select().where(Patent.first_holder.is_null(False),
                                       Patent.app_date.is_null(False)).order_by(Patent.id))
    moved = dated[::3]
    with delta.change():
        delta.before_ids([p.id for p in moved])
        for i, p in enumerate(moved):  # earlier and later: first dates move, no count does
            day = D(2012, 1, 1 + i) if i % 2 else D(2026, 12, 1)
            Patent.update(app_date=day, app_year=day.year).where(Patent.id == p.id).execute()
    assert freshness.is_fresh()
    after = _table()
    assert after == _reference()
    assert {k: v[:6] for k, v in after.items()} == {k: v[:6] for k, v in before.items()}
    assert sum(after[k][6] != before[k][6] for k in after) >= 3


SCOPES = [Scope("32"), Scope("3205", D(2020, 1, 1), D(2023, 6, 30)), Scope("3201", D(2019, 1, 1)),
          Scope("31", None, D(2021, 12, 31)), Scope("32", D(2024, 1, 1), D(2026, 12, 31))]


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: f"{s.region}-{s.date_from}-{s.date_to}")
def test_the_pages_parts_from_the_table_equal_the_live_ones(made, scope, monkeypatch):
    """权利人统计's parts of a province or city read from holder_region_cube equal the live
    path's (the patents grouped), holders without a valid patent there included in the data."""
    cubes.rebuild(variants=False)
    assert any(row[0] and not row[2] for row in _table().values())  # patents, none valid
    calls = [lambda q: sorted(holders.new_holders(q)), holders.kind_split,
             *[lambda q, s=s: holders.holder_stats(q, s, 5, 1) for s in holders.SORTS],
             lambda q: holders.holder_stats(q.with_holders(new_only=True)),
             lambda q: holders.kind_split(q.with_holders(holder_kinds=["university"]))]
    assert holders._region_cube_code(scope) == scope.region
    from_table = [call(scope) for call in calls]
    monkeypatch.setattr(freshness, "usable", lambda: False)
    for got, call in zip(from_table, calls):
        live = call(scope)
        if isinstance(live, pd.DataFrame):
            pd.testing.assert_frame_equal(got, live)
        else:
            assert [(h, new_holders._as_date(d), n) for h, d, n in got] == \
                [(h, new_holders._as_date(d), n) for h, d, n in live]


def test_a_holder_is_new_on_the_day_of_its_first_filing_there_both_bounds_included(made):
    cubes.rebuild(variants=False)
    firsts = {(region, h): row[6] for (region, h, _), row in _table().items() if row[6]}
    for (region, h), first in firsts.items():
        found = holders.new_holders(Scope(region, first, first))
        assert h in {int(i) for i, _, _ in found}, (region, h, first)
    assert len(firsts) > 10
