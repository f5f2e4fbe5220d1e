"""区域对比 (core.stats.compare) and its default set (core.regions.watch) against a hand-built
database, on SQLite and PostgreSQL; the 区域统计 page's comparison view through AppTest."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.db.models import Industry, PatentIndustry
from core.regions import watch
from core.regions.query import Scope
from core.stats import compare, regions
from tests.conftest import BACKENDS
from tests.stats_builder import D, event, holder, patent

ROOT = Path(__file__).resolve().parents[1]
CZ, YX, HT = "320506001", "320506003", "320505001"
SUZHOU_COUNTIES = ["320505", "320506", "320507", "320508", "320509", "320576", "320581",
                   "320582", "320583", "320585"]


@pytest.fixture
def world(db):
    a, b = holder("甲"), holder("乙")
    ps = [
        patent(CZ, app=D(2022, 1, 5), grant=D(2023, 2, 1), status="valid", reason="granted",
               holder_=a),
        patent(CZ, app=D(2022, 3, 9), status="lapsed", reason="rejected",
               status_date=D(2023, 6, 1), holder_=a),
        patent(YX, type_="utility", app=D(2023, 1, 20), grant=D(2023, 8, 1), status="valid",
               holder_=b),
        patent(HT, type_="utility", app=D(2023, 5, 20), grant=D(2023, 11, 1), status="valid",
               holder_=b),
        patent(county="320602", app=D(2023, 3, 3), grant=D(2023, 9, 9), status="valid",
               holder_=b),
    ]
    event(ps[0], "transfer", D(2023, 3, 1), before="320602001", after=CZ)  # 南通 → 吴中
    event(ps[2], "transfer", D(2023, 9, 1), before=HT, after=YX)  # 虎丘 → 吴中
    Industry.create(code="sei1", name="新一代信息技术产业", kind="sei")
    Industry.create(code="loc1", name="纺织服装", kind="local")
    for p, code in ((ps[0], "sei1"), (ps[2], "sei1"), (ps[3], "loc1"), (ps[4], "sei1")):
        PatentIndustry.create(patent=p, industry_code=code)
    return ps


def test_siblings_are_the_other_units_under_the_same_parent():
    assert watch.siblings("320506") == [c for c in SUZHOU_COUNTIES if c != "320506"]
    assert watch.siblings("3205")[:3] == ["3201", "3202", "3203"] and "3205" not in \
        watch.siblings("3205")
    assert watch.siblings("32") == [] and watch.parent_of("320506001") == "320506"


def test_the_default_comparison_is_the_region_its_siblings_then_the_watched_regions(db):
    watch.add("region", "3206", "admin")
    watch.add("region", "320505", "admin")  # already a sibling: listed once
    watch.add("region", "3201", "li", personal=True)
    assert watch.default_comparison("320506") == [
        "320506", *[c for c in SUZHOU_COUNTIES if c != "320506"], "3206"]
    assert watch.default_comparison("320506", "li")[-2:] == ["3206", "3201"]
    choices = watch.comparison_choices("320506")
    assert choices[:11] == watch.default_comparison("320506")
    assert "320102" in choices and "3201" not in choices  # every county of the province


def test_industries_are_watched_by_code_with_their_name(db):
    Industry.create(code="sei1", name="新一代信息技术产业", kind="sei")
    watch.add("industry", "sei1", "admin")
    with pytest.raises(ValueError):
        watch.add("industry", "nope", "admin")
    assert [(r["kind"], r["target"], r["name"]) for r in watch.items("industry")] == [
        ("industry", "sei1", "新一代信息技术产业")]
    assert watch.watched("industry") == ["sei1"] and watch.watched("region") == []


def test_every_indicator_of_each_compared_region_side_by_side(world):
    scope = Scope("3205", D(2023, 1, 1), D(2023, 12, 31))
    got = compare.compare(scope.with_region("320506"), ["320506", "320505", "320507", "3206"],
                          ("sei1", "loc1"))
    expected = pd.DataFrame(
        [("320506", "吴中区", 1, 2, 2, 1, 2, 0, 1, 2, 0.5, 0.5, 1, 2, 0),
         ("320505", "虎丘区", 1, 1, 1, 0, 0, 1, 0, 0, None, 0.25, 2, 0, 1),
         ("320507", "相城区", 0, 0, 0, 0, 0, 0, 0, 0, None, 0.0, 4, 0, 0),
         ("3206", "南通市", 1, 1, 1, 1, 0, 1, 1, 1, 1.0, 0.25, 2, 1, 0)],
        columns=[*regions.COLUMNS, "industry:sei1", "industry:loc1"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_a_comparison_agrees_with_the_regions_table_of_the_parent(world):
    scope = Scope("3205")
    table = regions.table(scope).set_index("code")
    got = compare.compare(scope, ["320505", "320506"]).set_index("code")
    columns = ["applications", "grants", "valid", "valid_inventions", "transfers_in",
               "transfers_out", "inv_granted", "inv_closed"]
    assert got[columns].values.tolist() == table.loc[["320505", "320506"], columns].values.tolist()


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_the_regions_page_compares_the_siblings_and_watched_regions(app_env, world):
    watch.add("region", "3206", "admin")
    watch.add("industry", "sei1", "admin")
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "pages/regions.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["viewer"]
    at.session_state["username"] = "viewer"
    at.session_state["scope_state"] = Scope("320506")
    at.run()
    at.segmented_control(key="rg_level").set_value("compare").run()
    assert not at.exception, [e.value for e in at.exception]
    picked = at.multiselect(key="rg_compare_320506")
    assert picked.value == ["320506", *[c for c in SUZHOU_COUNTIES if c != "320506"], "3206"]
    table = at.dataframe[0].value
    assert table.columns.tolist()[:3] == ["代码", "区域", "申请量"]
    assert table.columns.tolist()[-1] == "新一代信息技术产业（有效）"
    assert table["区域"].tolist()[:2] == ["吴中区", "虎丘区"]
    assert table["区域"].tolist()[-1] == "南通市"
    assert table["新一代信息技术产业（有效）"].tolist()[:2] == [2, 0]
    picked.set_value(["320506", "3206"]).run()
    assert not at.exception
    assert at.dataframe[0].value["区域"].tolist() == ["吴中区", "南通市"]
