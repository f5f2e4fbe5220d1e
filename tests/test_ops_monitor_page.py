"""运营监控 (pages/ops_monitor.py) through AppTest on a hand-built database: the period's numbers,
the holders over the transfer-out threshold, the players of each side, the flows; staff
acknowledge an alert (audited, the sidebar count follows), a viewer only reads."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.config import params
from core.config import rules as ruleparams
from core.db.models import Alert, AuditLog
from core.monitor import alerts
from core.regions.query import Scope
from tests.conftest import SKIP_PG
from tests.stats_builder import D
from tests.test_ops_monitor import NOW, world  # noqa: F401  (the hand-built database)

ROOT = Path(__file__).resolve().parents[1]
PAGE = "pages/ops_monitor.py"
YEAR_SCOPE = Scope("3205", D(2025, 1, 1), D(2025, 12, 31))
ROLE_RUNS = pytest.mark.parametrize(
    "db_url,role", [("sqlite", "checker"), ("sqlite", "admin"),
                    pytest.param("postgres", "checker", marks=SKIP_PG)], indirect=["db_url"])


def _run(role: str, scope: Scope = YEAR_SCOPE) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = role
    at.session_state["scope_state"] = scope
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def alerted(world):  # noqa: F811
    params.set_value("transfer_out_alert", {"min_transfers": 3}, region_code="3205")
    ruleparams.clear()
    alerts.refresh("3205", NOW)
    return world


def _tables(at: AppTest) -> list[list]:
    return [d.value.values.tolist() for d in at.dataframe]


@ROLE_RUNS
def test_the_period_numbers_players_flows_and_an_acknowledged_alert(app_env, alerted, role):
    at = _run(role)
    _ok(at)
    assert at.header[0].value == "运营监控"
    assert [(m.label, m.value) for m in at.metric] == [
        ("转入", "1"), ("转出", "4"), ("区域内转移", "1"), ("许可", "2"), ("质押", "3"),
        ("质押金额（万元）", "175.0")]
    assert at.caption[0].value == "统计期间：2025-01-01 至 2025-12-31"
    warned, listed, out, into, licences, pledges, flows = _tables(at)
    assert warned == [["甲公司", "企业", 3, 3, D(2025, 4, 1), "虎丘区"]]
    assert [row[:5] for row in listed] == [["权利人大量转出", "甲公司", "", "虎丘区", 3]]
    assert out == [["甲公司", "企业", 3, 3, D(2025, 4, 1), "虎丘区"],
                   ["丙", "", 1, 1, D(2025, 1, 15), "相城区"]]
    assert into == [["乙公司", "企业", 1, 1, D(2025, 5, 1), "虎丘区"]]
    assert [r[0] for r in licences] == ["乙公司", "甲公司"]
    assert [r[:5] for r in pledges] == [["乙公司", "企业", 2, 1, 75.0], ["甲公司", "企业", 1, 1, 100.0]]
    assert flows == [["转出", "地址不明", 1], ["转出", "上海市", 1], ["转出", "南京市", 1],
                     ["转出", "南通市", 1], ["转入", "上海市", 1]]
    alert_id = Alert.get(Alert.kind == "holder_outflow").id
    assert at.button(key="opm_acked").disabled
    at.session_state["opm_table_open_0"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert "已勾选 1 条" in [c.value for c in at.caption]
    at.button(key="opm_acked").click().run()
    _ok(at)
    assert Alert.get_by_id(alert_id).status == "acked"
    assert [(a.username, json.loads(a.payload)) for a in
            AuditLog.select().where(AuditLog.object_type == "alert")] == [
        (role, {"status": ["open", "acked"]})]
    assert at.success[0].value == "已更新 1 条预警"
    assert len(at.button) == 0  # nothing left to decide in this view
    assert at.info[0].value == "没有该状态的预警"
    at.radio(key="opm_status").set_value("acked").run()
    _ok(at)
    assert [row[:2] for row in _tables(at)[1]] == [["权利人大量转出", "甲公司"]]
    assert at.dataframe[1].key == "opm_table_acked_1"  # a fresh table: nothing ticked
    assert "已勾选 0 条" in [c.value for c in at.caption]
    assert alerts.open_counts("3205") == {}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_viewer_reads_the_alerts_but_cannot_change_them(app_env, alerted):
    at = _run("viewer")
    _ok(at)
    assert len(at.button) == 0
    assert all(d.key is None for d in at.dataframe)  # no selectable table
    assert "数据核查员和管理员可确认或关闭预警" in [c.value for c in at.caption]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_without_dates_the_page_shows_this_year_and_says_so(app_env, alerted):
    at = _run("viewer", Scope("3205"))
    _ok(at)
    assert at.caption[0].value.endswith("（筛选栏未选期间，默认为本年度至今）")
    assert at.caption[0].value.startswith(f"统计期间：{D.today().year}-01-01 至 {D.today()}")


# --- chart builders (ui/charts/ops_monitor.py), tested on their options -----------------------

def _options(chart) -> dict:
    return json.loads(chart.dump_options())


def _flows_frame():
    import pandas as pd
    rows = [("out", f"31{i:02d}", f"地{i}", 20 - i) for i in range(14)]
    rows += [("out", "", "", 3), ("in", "3101", "上海市", 5)]
    return pd.DataFrame(rows, columns=["direction", "code", "name", "n"])


def test_flow_places_keep_the_largest_and_sum_the_rest():
    from ui.charts import ops_monitor as charts
    places = charts.flow_places(_flows_frame(), "out", top=3)
    assert places == [("地0", 20), ("地1", 19), ("地2", 18),
                      ("其他地区", sum(range(7, 18)) + 3)]
    assert charts.flow_places(_flows_frame(), "in") == [("上海市", 5)]


def test_flow_sankey_links_sources_to_the_region_and_the_region_to_destinations():
    import pandas as pd

    from ui.charts import ops_monitor as charts
    frame = pd.DataFrame([("out", "3101", "上海市", 2), ("out", "", "", 1),
                          ("in", "3101", "上海市", 4)], columns=["direction", "code", "name", "n"])
    series = _options(charts.flow_sankey(frame, "苏州市"))["series"][0]
    assert [n["name"] for n in series["data"]] == ["苏州市", "上海市（来源）", "上海市（去向）",
                                                   "地址不明（去向）"]
    assert [(link["source"], link["target"], link["value"]) for link in series["links"]] == [
        ("上海市（来源）", "苏州市", 4), ("苏州市", "上海市（去向）", 2),
        ("苏州市", "地址不明（去向）", 1)]


def test_top_players_bars():
    import pandas as pd

    from ui.charts import ops_monitor as charts
    frame = pd.DataFrame({"name": ["甲公司", "丙"], "events": [3, 1]})
    options = _options(charts.top_players(frame, "out"))
    assert options["yAxis"][0]["data"] == ["甲公司", "丙"]
    assert [(s["name"], s["data"]) for s in options["series"]] == [("件次", [3, 1])]
    assert options["title"][0]["text"] == "转出大户（件次）"
