"""The monitoring pages through AppTest: allowed roles see the numbers of a hand-built database,
an anonymous session is refused."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import test_expiry_notices, test_fee_warnings, test_lapses
from tests.conftest import SKIP_PG

ROOT = Path(__file__).resolve().parents[1]
ROLES = ["viewer", "checker", "admin"]
PAGES = ["pages/lapse.py", "pages/fees.py", "pages/expiry.py", "pages/indicators.py"]
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
# every allowed role on SQLite, one role on PostgreSQL (the queries are tested on both in the
# core tests; this keeps the page suite quick)
ROLE_RUNS = pytest.mark.parametrize(
    "db_url,role", [("sqlite", r) for r in ROLES] + [pytest.param("postgres", "viewer",
                                                                  marks=SKIP_PG)],
    indirect=["db_url"])


def _run(path: str, role: str | None, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    if role:
        at.session_state["authentication_status"] = True
        at.session_state["roles"] = [role]
        at.session_state["username"] = role
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("path", PAGES)
@SQLITE_ONLY
def test_anonymous_is_refused(app_env, path):
    at = _run(path, None)
    assert [w.value for w in at.warning] == ["请先登录"]
    assert len(at.header) == 0 and len(at.dataframe) == 0


@ROLE_RUNS
def test_lapse_page(app_env, db, role):
    test_lapses._build()
    at = _run("pages/lapse.py", role,
              lapse_period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    _ok(at)
    assert at.header[0].value == "专利失效分析"
    assert [m.value for m in at.metric] == ["7"]
    listed = at.dataframe[-1].value
    assert listed["申请号"].tolist() == ["P5", "P4", "P3", "P8", "P2", "P1", "P6"]
    assert any("按第一权利人地址 · 按失效日" in c.value for c in at.caption)


@ROLE_RUNS
def test_fees_page(app_env, db, role):
    test_fee_warnings._build()
    at = _run("pages/fees.py", role, fees_on=test_fee_warnings.ON,
              fees_states=["due_soon", "grace", "terminated"])
    _ok(at)
    assert at.header[0].value == "年费预警"
    assert [(m.label, m.value) for m in at.metric] == [
        ("即将到期", "2"), ("滞纳期", "3"), ("已过滞纳期（待终止公告）", "1")]
    listed = at.dataframe[-1].value
    assert listed["申请号"].tolist() == ["F5", "F6", "F1", "F2", "F8", "F3"]
    assert listed["状态"].tolist()[2] == "滞纳期第2月"
    assert any("按年费缴费截止日" in c.value for c in at.caption)


@SQLITE_ONLY
def test_fees_page_without_due_dates(app_env, db):
    test_lapses._build()
    at = _run("pages/fees.py", "viewer")
    _ok(at)
    assert at.info[0].value.startswith("没有专利带有下次缴费截止日")


@ROLE_RUNS
def test_expiry_page(app_env, db, role):
    test_expiry_notices._build()
    at = _run("pages/expiry.py", role, expiry_on=test_expiry_notices.ON)
    _ok(at)
    assert at.header[0].value == "届满通知"
    assert [(m.label, m.value) for m in at.metric] == [
        ("未来3个月", "2"), ("未来6个月", "4"), ("未来12个月", "5")]
    effect = at.dataframe[0].value
    assert effect["指标"].tolist()[0] == "有效发明专利（件）"
    assert effect.iloc[0, 1:].tolist() == [6, 4, 3, 3]
    assert at.dataframe[-1].value["申请号"].tolist() == ["E1", "E2", "E3", "E4", "E5"]
    at.radio(key="expiry_months").set_value(3).run()
    _ok(at)
    assert at.dataframe[-1].value["申请号"].tolist() == ["E1", "E2"]


# --- chart builders (ui/charts/monitor.py), tested on their options ---------------------------

def _options(chart) -> dict:
    import json
    return json.loads(chart.dump_options())


def test_versus_target_colours_bars_and_draws_the_target():
    from ui.charts import monitor
    o = _options(monitor.versus_target(["吴中区", "相城区"], [1.5, 3], 2, "标题", "口径", "值",
                                       "目标"))
    series = o["series"][0]
    assert [d["value"] for d in series["data"]] == [1.5, 3]
    assert [d["itemStyle"]["color"] for d in series["data"]] == [monitor.MISS_COLOR,
                                                                monitor.MET_COLOR]
    assert series["markLine"]["data"] == [{"name": "目标", "yAxis": 2}]
    assert o["xAxis"][0]["data"] == ["吴中区", "相城区"]
    assert o["title"][0]["subtext"] == "口径"


def test_progress_has_actual_pace_and_projection():
    from ui.charts import monitor
    o = _options(monitor.progress(["1月", "2月", "3月", "4月"], [1, 3, None, None], 12,
                                  [None, 3, 6, 9], "进度", "口径",
                                  {"actual": "实际", "pace": "目标进度", "projection": "预测"}))
    got = {s["name"]: [p[1] for p in s["data"]] for s in o["series"]}
    assert got == {"实际": [1, 3, None, None], "目标进度": [3, 6, 9, 12],
                   "预测": [None, 3, 6, 9]}


def test_completion_bars_and_stacked():
    from ui.charts import monitor
    o = _options(monitor.completion_bars(["有效发明", "每万人口"], [120.0, 50.04], "完成率",
                                         "口径", "完成率"))
    assert [d["value"] for d in o["series"][0]["data"]] == [120, 50]
    assert o["series"][0]["markLine"]["data"] == [{"name": "100%", "xAxis": 100}]
    o = _options(monitor.stacked(["a", "b"], {"x": [1, 2], "y": [3, 4]}, "t", "r"))
    assert [(s["name"], s["stack"], s["data"]) for s in o["series"]] == [
        ("x", "total", [1, 2]), ("y", "total", [3, 4])]


def _indicator_data():
    from core.config import params
    from core.db.models import Holder
    from tests.monitor_data import CHANGQIAO, WUZHONG, XIANGCHENG, holder, patent
    a = holder("苏州甲科技有限公司")
    this_year = dt.date.today().year
    granted = dt.date(this_year - 3, 5, 1)
    for i, (county, street) in enumerate([(WUZHONG, CHANGQIAO)] * 3 + [(XIANGCHENG, None)] * 2):
        patent(f"I{i}", a, county, street, "invention", status="valid", grant_date=granted,
               app_date=dt.date(this_year - 5, 1, 10))
    patent("U1", a, WUZHONG, CHANGQIAO, "utility", status="pending",
           app_date=dt.date(this_year, 1, 2))
    params.set_value("population", 1000.0, region_code="3205", year=this_year)
    params.set_value("population", 1000.0, region_code=WUZHONG, year=this_year)
    params.set_value("population", 2000.0, region_code=XIANGCHENG, year=this_year)
    params.set_value("target", {"valid_inventions": 4, "inventions_per_10k": 0.0025},
                     region_code="3205", year=this_year)
    return Holder


@ROLE_RUNS
def test_indicators_page(app_env, db, role):
    _indicator_data()
    at = _run("pages/indicators.py", role)
    _ok(at)
    assert at.header[0].value == "专利创造指标分析"
    cards = {m.label: m.value for m in at.metric}
    assert cards["有效发明专利"] == "5 件"
    assert cards["每万人口发明专利拥有量"] == "0.01 件/万人"  # 5 / 1000 万人 = 0.005
    assert cards["专利申请量"] == "1 件"
    details = [c.value for c in at.caption if c.value.startswith("目标")]
    units = [m.value.rsplit(" ", 1)[1] for m in at.metric]
    projected = [d.rsplit("年末预计 ", 1)[1] for u, d in zip(units, details) if u == "件"]
    assert projected and all(re.fullmatch(r"[\d,]+|—", p) for p in projected), projected
    table = at.dataframe[0].value  # valid inventions: the city's count target is not the line
    assert table[["区域", "指标值", "达标情况"]].values.tolist() == [
        ["吴中区", 3.0, "未设目标"], ["相城区", 2.0, "未设目标"]]
    at.selectbox(key="ind_sub_key").set_value("inventions_per_10k").run()
    _ok(at)
    table = at.dataframe[0].value  # per 10k: held to the city's line 0.0025
    assert table[["区域", "指标值", "目标", "达标情况"]].values.tolist() == [
        ["吴中区", 0.003, 0.0025, "达标"], ["相城区", 0.001, 0.0025, "未达标"]]
    assert list(table["与目标相比"]) == ["超出目标 0.0005", "距目标 0.0015"]
    assert any("按第一权利人（当前）地址" in (m.help or "") for m in at.metric)


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgres", marks=SKIP_PG)],
                         indirect=True)
def test_indicators_page_under_the_any_holder_rule(app_env, db):
    """Switching to 任一权利人: a patent co-owned by a 相城区 holder counts there too (whole
    counting), once in the city; the first holder sits at each patent's own address (one placement
    rule), whatever its holder row says: 吴中区 keeps its 3, 相城区 its 2 plus the co-owned I0. The
    page reads live while the rule's summary rows are absent and writes nothing (issue 18:
    readers never write); the cube built by a job gives the same numbers."""
    from core.cubes import indicator as indicator_cube
    from core.cubes import rebuild as cubes
    from core.db import version
    from core.db.models import Holder, IndicatorCube, Patent, PatentHolder
    from core.rules.counting import CountingRule
    from tests.monitor_data import WUZHONG, XIANGCHENG
    _indicator_data()
    a = Holder.get(Holder.name == "苏州甲科技有限公司")
    a.province_code, a.city_code, a.county_code = "32", "3205", WUZHONG
    a.save()
    b = Holder.create(name="相城乙公司", norm_name="相城乙公司", province_code="32",
                      city_code="3205", county_code=XIANGCHENG)
    for p in Patent.select():
        PatentHolder.create(patent=p, holder=a, seq=1, current=True)
    PatentHolder.create(patent=Patent.get(Patent.app_no == "I0"), holder=b, seq=2, current=True)
    cubes.rebuild(variants=False)  # tables built before every holder rule was: the page builds it
    assert indicator_cube.needs_build(CountingRule(holder="any"))
    before = (version.current(), IndicatorCube.select().count())
    at = _run("pages/indicators.py", "viewer", ind_holder="any")
    _ok(at)
    assert (version.current(), IndicatorCube.select().count()) == before
    assert any(c.value == "该统计口径的指标汇总表尚未生成，本页按明细实时计算（数字相同，打开较慢）"
               for c in at.caption)
    cards = {m.label: m.value for m in at.metric}
    assert cards["有效发明专利"] == "5 件"
    assert at.dataframe[0].value[["区域", "指标值"]].values.tolist() == [
        ["吴中区", 3.0], ["相城区", 3.0]]
    assert any("按任一权利人（当前）地址" in (m.help or "") for m in at.metric)
    assert indicator_cube.needs_build(CountingRule(holder="any"))
    cubes.build_rule(CountingRule(holder="any"))  # what a job does: then the cube, same numbers
    at = _run("pages/indicators.py", "viewer", ind_holder="any")
    _ok(at)
    assert {m.label: m.value for m in at.metric}["有效发明专利"] == "5 件"
    assert at.dataframe[0].value[["区域", "指标值"]].values.tolist() == [
        ["吴中区", 3.0], ["相城区", 3.0]]
    assert not any("实时计算" in c.value for c in at.caption)


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgres", marks=SKIP_PG)],
                         indirect=True)
def test_indicators_page_shows_the_unplaced_remainder(app_env, db):
    """A valid invention placed in the city but in no county: the sub-region table has a last
    row 未定位到下级区域 with it, so that the rows add up to the city's 6, and says so."""
    from tests.monitor_data import patent
    _indicator_data()
    this_year = dt.date.today().year
    patent("I9", None, None, None, "invention", status="valid",
           grant_date=dt.date(this_year - 3, 5, 1), app_date=dt.date(this_year - 5, 1, 10))
    at = _run("pages/indicators.py", "viewer")
    _ok(at)
    assert {m.label: m.value for m in at.metric}["有效发明专利"] == "6 件"
    table = at.dataframe[0].value
    assert table[["区域", "指标值"]].values.tolist() == [
        ["吴中区", 3.0], ["相城区", 2.0], ["未定位到下级区域", 1.0]]
    assert any("未定位到下级区域" in c.value for c in at.caption)


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgres", marks=SKIP_PG)],
                         indirect=True)
def test_a_target_saved_in_the_catalogue_shows_on_the_next_run(app_env, db):
    from core.config import catalog
    _indicator_data()
    at = _run("pages/indicators.py", "viewer")
    _ok(at)
    deltas = {m.label: m.delta for m in at.metric}
    assert (deltas["有效发明专利"], deltas["专利申请量"]) == ("完成率 125.0%", "")
    catalog.save("target", '{"valid_inventions": 10, "applications": 2}', region="3205",
                 year=dt.date.today().year, by="admin")
    at.run()
    _ok(at)
    deltas = {m.label: m.delta for m in at.metric}
    assert (deltas["有效发明专利"], deltas["专利申请量"]) == ("完成率 50.0%", "完成率 50.0%")
