"""core.cubes.rebuild: the summary tables equal live GROUP BYs, readers give the same frames from the
cubes as from the live table, and the cubes refresh when rows are added — SQLite and PostgreSQL."""
from __future__ import annotations

import random

import pandas as pd
import pytest
from peewee import fn

from core.cubes import freshness
from core.cubes import rebuild as cubes
from core.db.models import (
    CubeStamp,
    HolderCube,
    LegalEvent,
    Patent,
    PatentCube,
    StreetCube,
    WatchItem,
)
from core.regions.query import Scope
from core.stats import overview, regions, trend
from tests.stats_builder import D, event, holder, patent

STREETS = ("320506001", "320506003", "320505001", None)
COUNTIES = ("320506", "320505", "320507", "320602")
AS_OF = D(2025, 7, 1)


def _key(row):
    return tuple((v is None, v if v is not None else 0) for v in row)


def _random_date(rng, first=2015, last=2026):
    return D(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


@pytest.fixture
def many(db):
    """120 varied patents: regions, types, statuses, reasons, dates (some missing)."""
    rng = random.Random(11)
    hs = [holder(f"公司{i}") for i in range(6)]
    for _ in range(120):
        street = rng.choice(STREETS)
        app = _random_date(rng) if rng.random() < 0.95 else None
        grant = _random_date(rng) if rng.random() < 0.6 else None
        pub = _random_date(rng) if rng.random() < 0.5 else None
        lapse = _random_date(rng) if rng.random() < 0.3 else None
        patent(street, None if street else rng.choice(COUNTIES),
               type_=rng.choice(("invention", "utility", "design")), app=app, pub=pub,
               grant=grant, status=rng.choice(("valid", "pending", "lapsed")),
               reason=rng.choice((None, "examining", "rejected", "withdrawn", "granted")),
               status_date=_random_date(rng) if rng.random() < 0.3 else None, lapse=lapse,
               holder_=rng.choice(hs + [None]), domestic=rng.random() < 0.8)
    for p in Patent.select().order_by(Patent.id)[::3]:
        event(p, rng.choice(("transfer", "license", "pledge", "invalidation")), _random_date(rng),
              "320506001", rng.choice(("320505001", "320602")))


def test_rebuild_equals_a_live_group_by(many):
    assert cubes.rebuild() == 120
    got = sorted(((r.county_code, r.patent_type, r.status, r.app_year, r.grant_year,
                  r.lapse_year, bool(r.domestic), r.n, r.n_app, r.n_grant)
                 for r in PatentCube.select()), key=_key)
    live: dict = {}
    for p in Patent.select():
        key = (p.county_code, p.patent_type, p.status, p.app_year, p.grant_year,
               p.lapse_date.year if p.lapse_date else None, bool(p.domestic))
        n = live.setdefault(key, [0, 0, 0])
        n[0] += 1
        n[1] += p.app_date is not None
        n[2] += p.grant_date is not None
    assert got == sorted(((*k, *v) for k, v in live.items()), key=_key)
    streets = sorted(StreetCube.select(StreetCube.street_code, StreetCube.patent_type,
                                       StreetCube.status, StreetCube.n).tuples())
    expected = sorted(Patent.select(Patent.street_code, Patent.patent_type, Patent.status,
                                    fn.COUNT(Patent.id))
                      .where(Patent.street_code.is_null(False))
                      .group_by(Patent.street_code, Patent.patent_type, Patent.status).tuples())
    assert streets == expected
    holders = sorted(HolderCube.select(HolderCube.county_code, HolderCube.holder_id,
                                       HolderCube.patent_type, HolderCube.n).tuples(), key=_key)
    expected = sorted(Patent.select(Patent.county_code, Patent.first_holder, Patent.patent_type,
                                    fn.COUNT(Patent.id))
                      .where((Patent.status == "valid") & Patent.first_holder.is_null(False))
                      .group_by(Patent.county_code, Patent.first_holder, Patent.patent_type)
                      .tuples(), key=_key)
    assert holders == expected and holders
    assert CubeStamp.get().max_patent_id == Patent.select(fn.MAX(Patent.id)).scalar()
    assert CubeStamp.get().max_event_id == LegalEvent.select(fn.MAX(LegalEvent.id)).scalar()


def test_new_rows_make_the_cubes_stale_readers_count_them_live_and_a_rebuild_catches_up(many):
    cubes.rebuild()
    assert freshness.is_fresh()
    before = overview.type_split(Scope("3205"))
    patent("320506001", type_="design", app=D(2024, 1, 1), status="valid")
    assert not freshness.is_fresh()
    after = overview.type_split(Scope("3205"))
    assert not freshness.is_fresh()  # readers never write
    design = lambda f: f.set_index("patent_type").loc["design"]
    assert design(after)["applications"] == design(before)["applications"] + 1
    assert design(after)["valid"] == design(before)["valid"] + 1
    pledges = trend.operations(Scope("3205")).set_index("period")["pledge"]
    event(Patent.get(Patent.county_code == "320506"), "pledge", D(2019, 5, 5))
    assert not freshness.is_fresh()
    more = trend.operations(Scope("3205")).set_index("period")["pledge"]
    assert more.get(2019, 0) == pledges.get(2019, 0) + 1
    assert cubes.ensure_fresh() and freshness.is_fresh() and not cubes.ensure_fresh()
    rebuilt = trend.operations(Scope("3205")).set_index("period")["pledge"]
    assert rebuilt.get(2019, 0) == more.get(2019, 0)
    pd.testing.assert_frame_equal(overview.type_split(Scope("3205")), after, check_dtype=False)


SCOPES = [Scope("3205"), Scope("32"), Scope("320506"), Scope("3205", patent_types=("invention",)),
          Scope("320505", patent_types=("utility", "design"))]
CALLS = [
    lambda s: overview.cards(s, AS_OF), lambda s: overview.cards(s, D(2026, 2, 29 - 1)),
    overview.type_split, lambda s: overview.yearly(s, 2014, 2026), overview.subregions,
    overview.streets, lambda s: trend.applications(s, "year"), lambda s: trend.grants(s, "year"),
    lambda s: trend.valid_stock(s, 2014, 2026), trend.pipeline,
    lambda s: regions.table(s, "child"), overview.watched, overview.top_holders,
    lambda s: overview.top_holders(s, True, 3), lambda s: trend.operations(s, "year"),
]


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: f"{s.region}-{'+'.join(s.patent_types)}")
def test_readers_give_the_same_results_from_the_cubes_as_from_the_live_table(many, scope,
                                                                            monkeypatch):
    WatchItem.create(kind="region", target="320505")
    WatchItem.create(kind="region", target="320602")
    cubes.rebuild()
    from_cube = [call(scope) for call in CALLS]
    assert freshness.is_fresh() and PatentCube.select().count() > 0
    monkeypatch.setattr(freshness, "usable", lambda: False)
    live = [call(scope) for call in CALLS]
    for got, expected in zip(from_cube, live):
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                          expected.reset_index(drop=True), check_dtype=False)
        else:
            assert got == expected


def test_a_change_on_a_cube_of_another_high_value_rule_leaves_the_tables_stale(many):
    """A change cannot keep an indicator cube built under another high-value rule (it is not
    read), so the summary tables it would have kept must not stay stamped fresh after it:
    readers go live until the jobs rebuild them."""
    from core.cubes import delta

    cubes.rebuild()
    CubeStamp.update(long_rule="another rule").execute()
    assert freshness.is_fresh(), "the other summary tables are still read"
    moved = Patent.get(Patent.county_code == "320506")
    with delta.change():
        delta.before_ids([moved.id])
        Patent.update(county_code="320505", street_code=None).where(
            Patent.id == moved.id).execute()
    assert not freshness.is_fresh()
    live = overview.subregions(Scope("3205"))
    assert cubes.ensure_fresh() and freshness.is_fresh()
    pd.testing.assert_frame_equal(overview.subregions(Scope("3205")), live, check_dtype=False)
