"""core.stats.industry against a hand-built database, on SQLite and PostgreSQL."""
from __future__ import annotations

import pandas as pd
import pytest

from core.db.models import Industry, PatentIndustry
from core.regions.query import Scope
from core.stats import industry
from tests.stats_builder import D, patent

CZ, HT = "320506001", "320505001"


@pytest.fixture
def world(db):
    Industry.create(code="sei1", name="新一代信息技术产业", kind="sei")
    Industry.create(code="sei1.1", name="下一代信息网络产业", kind="sei", parent_code="sei1")
    Industry.create(code="sei1.2", name="电子核心产业", kind="sei", parent_code="sei1")
    Industry.create(code="sei6", name="新能源产业", kind="sei")
    Industry.create(code="L01", name="纺织服装", kind="local")
    ps = [
        patent(CZ, app=D(2022, 1, 5), grant=D(2023, 2, 1), status="valid"),
        patent(CZ, type_="utility", app=D(2023, 1, 20), grant=D(2023, 8, 1), status="valid"),
        patent(HT, app=D(2023, 5, 20), status="pending"),
        patent(HT, app=D(2023, 6, 1), status="pending"),
        patent(county="320602", app=D(2023, 3, 3), status="valid"),  # outside 苏州
    ]
    for p, codes in zip(ps, (["sei1.1", "sei1.2"], ["sei6", "L01"], ["sei1.2"], [], ["sei1.1"])):
        for code in codes:
            PatentIndustry.create(patent=p, industry_code=code)
    return ps


def test_summary_rolls_up_to_top_level_counting_each_patent_once(world):
    got = industry.summary(Scope("3205"))
    expected = pd.DataFrame(
        [("sei1", "新一代信息技术产业", "sei", 2, 1, 1, 1),
         ("sei6", "新能源产业", "sei", 1, 1, 1, 0), ("L01", "纺织服装", "local", 1, 1, 1, 0)],
        columns=["code", "name", "kind", "applications", "grants", "valid", "valid_inventions"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    got = industry.summary(Scope("3205", D(2023, 1, 1), None, patent_types=("invention",)),
                           kinds=("sei",))
    assert got[["code", "applications", "grants", "valid"]].values.tolist() == [
        ["sei1", 1, 1, 1], ["sei6", 0, 0, 0]]


def test_trend_has_every_year_and_industry(world):
    got = industry.trend(Scope("3205"), 2022, 2023, kinds=("sei",))
    assert got.values.tolist() == [
        [2022, "sei1", "新一代信息技术产业", 1], [2022, "sei6", "新能源产业", 0],
        [2023, "sei1", "新一代信息技术产业", 1], [2023, "sei6", "新能源产业", 1]]


def test_matrix_by_sub_region(world):
    got = industry.matrix(Scope("3205"))
    assert got.values.tolist() == [["L01", "纺织服装", "320506", "吴中区", 1],
                                   ["sei1", "新一代信息技术产业", "320506", "吴中区", 1],
                                   ["sei6", "新能源产业", "320506", "吴中区", 1]]


def test_emerging_share_per_year(world):
    got = industry.emerging_share(Scope("3205"), 2022, 2024)
    expected = pd.DataFrame([(2022, 1, 1, 0, 1.0), (2023, 3, 2, 1, 0.6667),
                             (2024, 0, 0, 0, None)],
                            columns=["year", "total", "emerging", "traditional",
                                     "emerging_share"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_no_industries_configured_gives_empty_summary(db):
    assert industry.summary(Scope("3205")).empty
