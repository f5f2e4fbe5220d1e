"""core.stats.overview against a hand-built database, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.config import params
from core.db.models import ImportBatch, Patent, WatchItem
from core.regions.query import Scope
from core.stats import overview
from tests.sql_plans import plan, recorded
from tests.stats_builder import D, custom_region, event, holder, patent

AS_OF = D(2026, 7, 1)
CZ, YX, HT = "320506001", "320506003", "320505001"  # 长桥街道, 越溪街道 (吴中区), 横塘街道 (虎丘区)


@pytest.fixture
def world(db):
    a, b = holder("甲公司"), holder("乙大学", "university")
    ps = [
        patent(CZ, app=D(2020, 3, 1), pub=D(2021, 9, 1), grant=D(2022, 5, 10), status="valid",
               holder_=a),
        patent(CZ, type_="utility", app=D(2025, 2, 1), grant=D(2025, 6, 1), status="valid",
               holder_=a),
        patent(YX, app=D(2026, 1, 10), pub=D(2026, 6, 1), holder_=b),
        patent(county="320505", type_="design", app=D(2019, 1, 1), grant=D(2019, 6, 1),
               status="lapsed", lapse=D(2021, 1, 1), holder_=b),
        patent(YX, app=D(2018, 5, 5), pub=D(2019, 11, 1), grant=D(2026, 3, 1), status="valid",
               domestic=False, holder_=b),
        patent(county="320602", app=D(2026, 2, 2), grant=D(2026, 4, 4), status="valid",
               holder_=a),  # 南通: never counted
    ]
    return a, b, ps


def test_cards_count_stocks_and_this_year_against_same_period_last_year(world):
    params.set_value("population", 0.4, region_code="3205", year=2025)
    got = overview.cards(Scope("3205"), AS_OF)
    assert got == overview.Cards(published=5, valid=3, valid_inventions=2,
                                 domestic_valid_inventions=1, population=0.4, per_10k=2.5,
                                 filings_this_year=1, filings_last_year=1, grants_this_year=1,
                                 grants_last_year=1, as_of=AS_OF)


def test_cards_without_population_have_no_per_10k_and_respect_types(world):
    got = overview.cards(Scope("320506", patent_types=("utility",)), AS_OF)
    assert (got.published, got.valid, got.valid_inventions, got.per_10k) == (1, 1, 0, None)


def test_type_split_counts_flows_in_range_and_valid_now(world):
    got = overview.type_split(Scope("3205", D(2019, 1, 1), D(2025, 12, 31)))
    expected = pd.DataFrame({"patent_type": ["design", "invention", "utility"],
                             "applications": [1, 1, 1], "grants": [1, 1, 1], "valid": [0, 2, 1]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_yearly_keeps_empty_years(world):
    got = overview.yearly(Scope("3205"), 2018, 2022)
    expected = pd.DataFrame({"year": [2018, 2019, 2020, 2021, 2022],
                             "applications": [1, 1, 1, 0, 0], "grants": [0, 1, 0, 0, 1]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_subregions_of_city_county_and_custom_region(world):
    got = overview.subregions(Scope("3205"))
    expected = pd.DataFrame({"code": ["320506", "320505"], "name": ["吴中区", "虎丘区"],
                             "valid": [3, 0], "valid_inventions": [2, 0],
                             "applications": [4, 1]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    got = overview.subregions(Scope("320506", D(2025, 1, 1), None))
    expected = pd.DataFrame({"code": [CZ, YX], "name": ["长桥街道", "越溪街道"],
                             "valid": [2, 1], "valid_inventions": [1, 1],
                             "applications": [1, 1]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    custom_region("park", "示范园", [YX, HT])
    got = overview.subregions(Scope("park"))
    assert got[["code", "valid"]].values.tolist() == [[YX, 1]]


def test_streets_and_top_holders(world):
    a, b, _ = world
    got = overview.streets(Scope("3205"))
    assert got.values.tolist() == [[CZ, "长桥街道", 2, 1], [YX, "越溪街道", 1, 1]]
    got = overview.top_holders(Scope("3205"))
    assert got.values.tolist() == [[a.id, "甲公司", 2], [b.id, "乙大学", 1]]
    got = overview.top_holders(Scope("3205"), inventions_only=True)
    assert got.values.tolist() == [[a.id, "甲公司", 1], [b.id, "乙大学", 1]]


def test_operations_split_transfers_in_and_out(world):
    _, _, ps = world
    event(ps[0], "transfer", D(2026, 2, 1), before="320602001", after=CZ)  # into the city
    event(ps[1], "transfer", D(2026, 3, 1), before=CZ, after="320602001")  # out of the city
    event(ps[4], "transfer", D(2026, 3, 2), before=CZ, after=YX)  # inside: neither
    event(ps[4], "transfer", D(2025, 3, 2), before="320602001", after=YX)  # last year
    event(ps[0], "license", D(2026, 5, 1))
    event(ps[0], "pledge", D(2026, 5, 2))
    event(ps[5], "pledge", D(2026, 5, 2))  # patent outside the region
    start, end = D(2026, 1, 1), AS_OF
    assert overview.operations(Scope("3205"), start, end) == {
        "transfer_in": 1, "transfer_out": 1, "license": 1, "pledge": 1}
    assert overview.operations(Scope(YX), start, end) == {
        "transfer_in": 1, "transfer_out": 0, "license": 0, "pledge": 0}
    assert overview.operations(Scope(CZ), start, end) == {
        "transfer_in": 1, "transfer_out": 2, "license": 1, "pledge": 1}


@pytest.mark.parametrize("cube", [False, True])
def test_street_operations_keep_a_transfer_whose_other_side_has_no_street(world, cube):
    """A transfer out of a street to an address known only to its county (street NULL), and one
    into it from an unplaced address: counted on the overview as on 专利运营统计."""
    from core.cubes import rebuild
    from core.stats import operations
    _, _, ps = world
    event(ps[0], "transfer", D(2026, 2, 1), before=CZ, after="320505")
    event(ps[1], "transfer", D(2026, 3, 1), before=None, after=CZ)
    if cube:
        rebuild.rebuild()
    start, end = D(2026, 1, 1), AS_OF
    got = overview.operations(Scope(CZ), start, end)
    assert (got["transfer_out"], got["transfer_in"]) == (1, 1)
    year = operations.per_year(Scope(CZ, start, end)).set_index("year").loc[2026]
    assert (year["transfer_out"], year["transfer_in"]) == (1, 1)


def test_watched_regions_follow_the_home_region(world):
    WatchItem.create(kind="region", target="320505", username=None)
    WatchItem.create(kind="region", target=YX, username="alice")
    WatchItem.create(kind="region", target="320508", username="bob")
    got = overview.watched(Scope("3205"), username="alice")
    expected = pd.DataFrame({"code": ["3205", "320505", YX], "name": ["苏州市", "虎丘区", "越溪街道"],
                             "valid": [3, 0, 1], "valid_inventions": [2, 0, 1],
                             "applications": [5, 1, 2]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def _batch(name: str, finished: dt.datetime) -> ImportBatch:
    return ImportBatch.create(file_name=name, file_hash=name, kind="patents",
                              started_at=finished - dt.timedelta(minutes=5), finished_at=finished,
                              status="done")


def test_data_updated_at_is_the_latest_change(db):
    def at(hour):
        return dt.datetime(2026, 7, 1, hour)
    assert overview.data_updated_at() is None
    patent(CZ)
    newest = patent(YX)
    Patent.update(updated_at=at(8)).execute()
    assert overview.data_updated_at() == at(8)  # patents written without an import (the demo)
    _batch("a.xlsx", at(10))
    _batch("b.xlsx", at(9))
    assert overview.data_updated_at() == at(10)  # the last import to finish, not the last made
    Patent.update(updated_at=at(12)).where(Patent.id == newest.id).execute()
    assert overview.data_updated_at() == at(12)
    _batch("c.xlsx", at(13))
    assert overview.data_updated_at() == at(13)


def test_patents_public_only_after_the_day_are_those_with_every_date_after_it(db):
    """_published_later against its definition: every combination of a publication and a grant
    date missing, on or before the day, or after it, in and outside the scope."""
    days = (None, AS_OF - dt.timedelta(days=3), AS_OF, AS_OF + dt.timedelta(days=2))
    for pub in days:
        for grant in days:
            for street in (CZ, HT):
                patent(street, pub=pub, grant=grant)
    dated = [(p.street_code, p.pub_date, p.grant_date) for p in Patent.select()]
    expected = sum(1 for street, pub, grant in dated if street == CZ and (pub or grant)
                   and all(d is None or d > AS_OF for d in (pub, grant)))
    assert expected == 3  # published after (granted after it or not), granted after alone
    assert overview._published_later(Scope("320506"), AS_OF) == expected


def test_patents_public_only_after_the_day_are_read_from_date_indexes(db, monkeypatch):
    """SQLite, without statistics, read a province's every patent for them through its region
    index (1.3 s of 专利概况 for 32 at 1,000,000 patents): each count seeks a date index."""
    from core import db as core_db
    if core_db.is_postgres():
        pytest.skip("SQLite's planner (PostgreSQL plans from its statistics)")
    seen = recorded(db, monkeypatch)
    overview._published_later(Scope("32"), AS_OF)
    assert len(seen) == 2
    for sql, values in seen:
        shown = plan(seen.execute, sql, values)
        assert "SCAN" not in shown and ("pub_date" in shown or "grant_date" in shown), shown
