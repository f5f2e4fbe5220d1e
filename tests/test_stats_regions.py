"""core.stats.regions against a hand-built database, on SQLite and PostgreSQL."""
from __future__ import annotations

import pandas as pd
import pytest

from core.regions.query import Scope
from core.stats import regions
from tests.stats_builder import D, custom_region, event, holder, patent

CZ, YX, HT = "320506001", "320506003", "320505001"


@pytest.fixture
def world(db):
    a, b = holder("甲"), holder("乙")
    ps = [
        patent(CZ, app=D(2022, 1, 5), grant=D(2023, 2, 1), status="valid", reason="granted",
               holder_=a),
        patent(CZ, app=D(2022, 3, 9), status="lapsed", reason="rejected",
               status_date=D(2023, 6, 1), holder_=a),
        patent(YX, app=D(2021, 2, 1), status="lapsed", reason="withdrawn",
               status_date=D(2022, 6, 1), holder_=b),
        patent(YX, type_="utility", app=D(2023, 1, 20), grant=D(2023, 8, 1), status="valid",
               holder_=b),
        patent(HT, type_="utility", app=D(2023, 5, 20), grant=D(2023, 11, 1), status="valid",
               holder_=b),
        patent(county="320602", app=D(2023, 3, 3), holder_=b),  # outside 苏州
    ]
    event(ps[0], "transfer", D(2023, 3, 1), before="320602001", after=CZ)  # into 吴中/长桥
    event(ps[3], "transfer", D(2023, 9, 1), before=HT, after=YX)  # 虎丘 → 吴中
    event(ps[4], "transfer", D(2023, 12, 1), before=YX, after=HT)  # 吴中 → 虎丘
    return a, b, ps


def test_counties_of_the_city_with_grant_rate_shares_and_ranks(world):
    got = regions.table(Scope("3205", D(2023, 1, 1), D(2023, 12, 31)))
    expected = pd.DataFrame(
        [("320506", "吴中区", 1, 2, 2, 1, 2, 1, 1, 2, 0.5, 0.6667, 1),
         ("320505", "虎丘区", 1, 1, 1, 0, 1, 1, 0, 0, None, 0.3333, 2)],
        columns=regions.COLUMNS)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_streets_of_a_county_over_all_time(world):
    got = regions.table(Scope("320506"))
    assert got[["code", "name", "applications", "grants", "valid", "transfers_in",
                "transfers_out", "inv_granted", "inv_closed", "rank"]].values.tolist() == [
        [CZ, "长桥街道", 2, 1, 1, 1, 0, 1, 2, 1],
        [YX, "越溪街道", 2, 1, 1, 1, 1, 0, 1, 1]]


def test_every_street_and_custom_regions(world):
    got = regions.table(Scope("3205"), level="street")
    assert got["code"].tolist() == [HT, CZ, YX]  # ties by code
    custom_region("zz", "园区甲", [CZ, HT])
    custom_region("yy", "园区乙", [YX])
    got = regions.table(Scope("3205"), level="custom")
    assert got[["code", "name", "applications", "valid", "transfers_in", "transfers_out",
                "valid_share"]].values.tolist() == [
        ["zz", "园区甲", 3, 2, 2, 1, 0.6667], ["yy", "园区乙", 2, 1, 1, 1, 0.3333]]


def test_top_applicants_and_grantees(world):
    a, b, _ = world
    scope = Scope("3205", D(2023, 1, 1), D(2023, 12, 31))
    assert regions.top_holders(scope).values.tolist() == [[b.id, "乙", 2]]
    assert regions.top_holders(scope, "grants").values.tolist() == [[b.id, "乙", 2],
                                                                     [a.id, "甲", 1]]


def test_empty_region_table(world):
    got = regions.table(Scope("320508"))
    assert got.empty and list(got.columns) == regions.COLUMNS


def test_closed_cases_follow_the_valid_rule_on_the_cube_and_live(db):
    """A case closes without a grant when rejected or withdrawn, without a grant date and not
    known to be granted (core.rules.counting.refused): a stale 'rejected' reason on a valid
    patent, or on one with a grant date, is no refusal — on the summary tables and live alike."""
    from core.cubes import rebuild
    from core.regions.query import Scope
    from core.stats import regions
    from tests.stats_builder import D, patent
    closed = D(2024, 5, 1)
    patent("320506001", status="lapsed", reason="rejected", status_date=closed)
    patent("320506001", status="lapsed", reason="withdrawn", lapse=closed)
    patent("320506001", status="valid", reason="rejected", status_date=closed)  # stale reason
    patent("320506001", status="lapsed", reason="withdrawn", grant=D(2023, 1, 1),
           status_date=closed)  # granted: not a refusal
    patent("320506001", status="valid", grant=D(2024, 3, 1))
    want = {"inv_granted": 2, "inv_closed": 4}  # grants: the valid one and the dated grant
    live = regions.table(Scope("3205"), "child").set_index("code").loc["320506"]
    assert {k: int(live[k]) for k in want} == want
    rebuild.rebuild()
    cube = regions.table(Scope("3205"), "child").set_index("code").loc["320506"]
    assert {k: int(cube[k]) for k in want} == want


@pytest.mark.parametrize("cube", [False, True], ids=["live", "cube"])
def test_transfers_of_cities_and_provinces_cross_their_borders(world, cube):
    """At province level a transfer counts for a city when it crosses the city's border (a move
    between two counties of one city is no transfer of the city), at country level when it
    crosses the province's; from the live events and from ops_cube alike."""
    from core.cubes import rebuild
    _, _, ps = world
    event(ps[1], "transfer", D(2023, 4, 1), before="330106001", after=CZ)  # 杭州 → 苏州
    event(ps[5], "transfer", D(2023, 5, 1), before=HT, after="320602")  # 苏州 → 南通
    event(ps[2], "transfer", D(2022, 5, 1), before=HT, after="320602")  # outside the range
    if cube:
        rebuild.rebuild()
    year = (D(2023, 1, 1), D(2023, 12, 31))
    cities = regions.table(Scope("32", *year))
    assert cities[["code", "transfers_in", "transfers_out"]].values.tolist() == [
        ["3205", 2, 1], ["3206", 1, 1]]
    provinces = regions.table(Scope("", *year))
    assert provinces[["code", "transfers_in", "transfers_out"]].values.tolist() == [
        ["32", 1, 0]]
