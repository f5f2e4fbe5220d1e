"""趋势统计 by month from the indicator cube (core.stats.monthly) equals grouping the patents by
month live — undated, whole-month and partial-month ranges, a range inside one month, custom
regions, streets, type filters; SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from pandas.testing import assert_frame_equal

from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.regions.query import Scope
from core.stats import monthly, trend
from tests.stats_builder import D, custom_region
from tests.test_cubes import many  # noqa: F401 (fixture: 120 varied patents)

SCOPES = [
    Scope("3205"), Scope("320506"), Scope("320506001"), Scope("C0001"),
    Scope("3205", D(2018, 1, 1), D(2023, 12, 31)),
    Scope("3205", D(2018, 3, 17), D(2023, 11, 5)),
    Scope("320506", D(2020, 2, 10), D(2020, 2, 20)),
    Scope("3205", D(2019, 5, 1), None, patent_types=("invention", "design")),
    Scope("3205", None, D(2021, 6, 14), patent_types=("utility",)),
]


@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_monthly_counts_equal_the_live_group_by(many, monkeypatch, scope):  # noqa: F811
    custom_region("C0001", "园区", ["320506001", "320505001", "320602"])
    cubes.rebuild()
    for fn in (trend.applications, trend.grants):
        got = fn(scope, "month")
        with monkeypatch.context() as m:
            m.setattr(monthly.indicator_cube, "usable", lambda *a: False)
            want = fn(scope, "month")
        assert not want.empty or scope.date_to - scope.date_from < dt.timedelta(days=31)
        assert_frame_equal(got, want)


def test_the_cube_answers_whole_months_and_the_table_the_edges(many, monkeypatch):  # noqa: F811
    cubes.rebuild()
    live = []
    original = monthly._live_rows
    monkeypatch.setattr(monthly, "_live_rows",
                        lambda s, k, a, b: live.append((a, b)) or original(s, k, a, b))
    monthly.by_type(Scope("3205", D(2018, 3, 17), D(2023, 11, 5)), "app")
    assert live == [(D(2018, 3, 17), D(2018, 3, 31)), (D(2023, 11, 1), D(2023, 11, 5))]
    live.clear()
    monthly.by_type(Scope("3205", D(2018, 3, 1), D(2023, 10, 31)), "app")
    assert live == []
    assert indicator_cube.usable()
