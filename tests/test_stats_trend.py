"""core.stats.trend against a hand-built database, on SQLite and PostgreSQL."""
from __future__ import annotations

import pandas as pd
import pytest

from core.regions.query import Scope
from core.stats import trend
from tests.stats_builder import D, event, holder, patent

CZ, YX = "320506001", "320506003"


@pytest.fixture
def world(db):
    a, b = holder("甲"), holder("乙")
    return [
        patent(CZ, app=D(2022, 1, 5), pub=D(2023, 7, 1), grant=D(2024, 2, 1), status="valid",
               reason="granted", holder_=a, inventors=3),
        patent(CZ, app=D(2023, 1, 9), pub=D(2024, 7, 1), status="pending", reason="examining",
               holder_=a, inventors=2),
        patent(YX, app=D(2023, 2, 1), pub=D(2024, 8, 1), status="lapsed", reason="rejected",
               holder_=b, inventors=1),
        patent(YX, type_="utility", app=D(2023, 1, 20), grant=D(2023, 8, 1), status="lapsed",
               reason="unpaid_fee", lapse=D(2024, 8, 1), holder_=b, inventors=4),
        patent(county="320602", app=D(2023, 3, 3), holder_=b),  # outside 苏州
    ]


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


COLS = ["period", "invention", "utility", "design", "total", "yoy"]


def test_applications_by_year_and_month_with_yoy(world):
    pd.testing.assert_frame_equal(
        trend.applications(Scope("3205")),
        frame([(2022, 1, 0, 0, 1, None), (2023, 2, 1, 0, 3, 2.0)], COLS), check_dtype=False)
    got = trend.applications(Scope("3205", D(2023, 1, 1), D(2023, 1, 31)), unit="month")
    pd.testing.assert_frame_equal(got, frame([("2023-01", 1, 1, 0, 2, None)], COLS),
                                  check_dtype=False)


def test_grants_by_year_for_a_street(world):
    pd.testing.assert_frame_equal(trend.grants(Scope(YX)),
                                  frame([(2023, 0, 1, 0, 1, None)], COLS), check_dtype=False)


def test_valid_stock_subtracts_lapses(world):
    got = trend.valid_stock(Scope("3205"), 2022, 2025)
    expected = frame([(2022, 0, 0, 0, 0), (2023, 0, 1, 0, 1), (2024, 1, 0, 0, 1),
                      (2025, 1, 0, 0, 1)], COLS[:-1])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_actors_count_distinct_holders_and_inventor_times(world):
    got = trend.actors(Scope("3205"))
    expected = frame([(2022, 1, 3, 0), (2023, 2, 7, 0)],
                     ["period", "applicants", "inventors", "agencies"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_pipeline_follows_invention_cohorts(world):
    got = trend.pipeline(Scope("3205"))
    expected = frame([(2022, 1, 1, 1, 1), (2023, 2, 2, 2, 0)],
                     ["period", "filed", "published", "examined", "granted"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_operations_over_time(world):
    event(world[0], "transfer", D(2024, 3, 1), before=CZ, after=YX)  # within the city
    event(world[1], "transfer", D(2024, 6, 1), before=CZ, after="310115")  # out
    event(world[4], "transfer", D(2023, 10, 1), before="310115", after=YX)  # in, placed outside
    event(world[0], "pledge", D(2024, 5, 1))
    event(world[3], "license", D(2023, 9, 1))
    event(world[4], "license", D(2023, 9, 1))  # outside
    columns = ["period", "transfer_in", "transfer_out", "transfer", "license", "pledge"]
    expected = frame([(2023, 1, 0, 0, 1, 0), (2024, 0, 1, 2, 0, 1)], columns)
    pd.testing.assert_frame_equal(trend.operations(Scope("3205")), expected, check_dtype=False)
    by_month = frame([("2023-09", 0, 0, 0, 1, 0), ("2023-10", 1, 0, 0, 0, 0),
                      ("2024-03", 0, 0, 1, 0, 0), ("2024-05", 0, 0, 0, 0, 1),
                      ("2024-06", 0, 1, 1, 0, 0)], columns)
    pd.testing.assert_frame_equal(trend.operations(Scope("3205"), "month"), by_month,
                                  check_dtype=False)
    street = frame([(2024, 1, 0, 0, 0, 0)], columns)  # CZ → YX enters the street YX
    got = trend.operations(Scope(YX, D(2024, 1, 1), D(2024, 12, 31)))
    pd.testing.assert_frame_equal(got, street, check_dtype=False)


def test_empty_region_gives_empty_frames(world):
    scope = Scope("320508")
    assert trend.applications(scope).empty and trend.operations(scope).empty
    assert trend.actors(scope).empty and trend.pipeline(scope).empty
    assert trend.valid_stock(scope, 2022, 2023)["total"].tolist() == [0, 0]
