"""参数设置 (AppTest, SQLite and PostgreSQL): each form — targets, population and GDP (table and
Excel import), rule parameters — saves a valid value as a new version with its audit row, and
refuses a bad one with a Chinese message, writing nothing; other roles are refused."""
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from core.config import params
from core.config import rules as ruleparams
from core.db.models import AuditLog, Parameter
from ui.params import regional as regional_form
from ui.params import rules as rules_form
from ui.params import targets as targets_form

ROOT = Path(__file__).resolve().parents[1]
YEAR = dt.date.today().year


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _page(role: str = "admin") -> AppTest:
    at = AppTest.from_file(str(ROOT / "admin/params.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = role
    return at.run()


def _edits(rows: dict) -> dict:
    """What a data editor hands back after cell edits: {row: {column: value}}."""
    return {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def _stored(key: str) -> list[tuple]:
    return [(p.region_code, p.year, json.loads(p.value), p.created_by)
            for p in Parameter.select().where(Parameter.key == key).order_by(Parameter.id)]


def _audited(key: str) -> list[str]:
    return [a.object_repr for a in AuditLog.select().where(AuditLog.object_type == "parameter")
            .order_by(AuditLog.id) if a.object_repr.startswith(key + "/")]


def _texts(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in getattr(at, kind)]


def test_targets_are_a_table_under_the_indicator_names(app_env):
    params.set_value("target", {"invention_per_10k": 60}, "3205", YEAR)  # a key of old versions
    at = _page()
    assert not at.exception and at.header[0].value == "参数设置"
    table = at.data_editor[0].value
    assert table["name"].tolist()[:3] == ["有效发明专利", "每万人口发明专利拥有量",
                                           "每万人口高价值发明专利拥有量"]
    assert table.set_index("name").loc["每万人口发明专利拥有量", "target"] == 60
    at.session_state[targets_form.editor_key("3205", YEAR)] = _edits(
        {0: {"target": 30000}, 1: {"target": 84.5}})
    at.text_input(key="tgt_source").set_value("十四五规划")
    at.button(key="tgt_save").click().run()
    assert not at.exception and _texts(at, "error") == []
    assert _texts(at, "success") == ["已保存（第 2 号版本），旧版本保留在历史中"]
    assert _stored("target")[-1] == ("3205", YEAR, {"valid_inventions": 30000,
                                                    "inventions_per_10k": 84.5}, "admin")
    assert _audited("target") == [f"target/3205/{YEAR}"] * 2
    trail = at.dataframe[-1].value  # the audit trail in words
    assert trail["参数"].tolist()[0] == f"指标目标值 · 3205 · {YEAR}"
    assert trail["内容"].tolist()[0] == "有效发明专利 30000；每万人口发明专利拥有量 84.5"


def test_a_bad_target_is_refused_in_chinese(app_env):
    at = _page()
    at.session_state[targets_form.editor_key("3205", YEAR)] = _edits(
        {10: {"target": 150}})  # 发明申请占比 150 %
    at.button(key="tgt_save").click().run()
    assert not at.exception
    assert _texts(at, "error") == [
        "指标目标值：「发明申请占比」的目标应在 0 至 100% 之间（填写的是 150）"]
    at.session_state[targets_form.editor_key("3205", YEAR)] = _edits({0: {"target": -5}})
    at.button(key="tgt_save").click().run()
    assert _texts(at, "error") == [
        "指标目标值：「有效发明专利」的目标应大于 0 且不超过 1e+09件（填写的是 -5）"]
    assert _stored("target") == [] and _audited("target") == []


def test_population_and_gdp_edited_in_the_table(app_env):
    params.set_value("population", 1290.0, "3205", YEAR, by="admin")
    at = _page()
    table = at.data_editor[1].value
    assert table.columns.tolist() == ["region_code", "region_name", "year", "population", "gdp"]
    row = table.index[(table["region_code"] == "3205") & (table["year"] == YEAR)][0]
    assert table.loc[row, "population"] == 1290.0
    wuzhong = table.index[(table["region_code"] == "320506") & (table["year"] == YEAR)][0]
    at.session_state[regional_form.editor_key(YEAR - 5, YEAR)] = _edits(
        {int(row): {"population": 1296.5, "gdp": 24653}, int(wuzhong): {"gdp": 1600}})
    at.button(key="reg_save").click().run()
    assert not at.exception and _texts(at, "error") == []
    assert _texts(at, "success") == ["已保存 3 项改动（每项一个新版本，旧版本保留在历史中）"]
    assert _stored("population")[-1] == ("3205", YEAR, 1296.5, "admin")
    assert _stored("gdp") == [("3205", YEAR, 24653.0, "admin"), ("320506", YEAR, 1600.0, "admin")]
    assert _audited("gdp") == [f"gdp/3205/{YEAR}", f"gdp/320506/{YEAR}"]


def test_a_bad_population_in_the_table_is_refused(app_env):
    at = _page()
    at.session_state[regional_form.editor_key(YEAR - 5, YEAR)] = _edits({0: {"population": -3}})
    at.button(key="reg_save").click().run()
    assert _texts(at, "error") == ["「年末常住人口（万人）」应大于 0 且不超过 100,000（填写的是 -3）"]
    assert _stored("population") == [] and _audited("population") == []


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


HEADER = ["区域代码", "区域名称", "年度", "年末常住人口（万人）", "地区生产总值（亿元）"]


def test_population_and_gdp_imported_from_excel(app_env):
    at = _page()
    at.file_uploader(key="reg_upload").upload("人口.xlsx", _xlsx(
        [HEADER, [3205, "苏州市", 2024, 1295.8, "24,653"], ["320506", "吴中区", "2024年", None, 1600]]))
    at.run()
    assert not at.exception and _texts(at, "error") == []
    at.button(key="reg_import").click().run()
    assert _texts(at, "success") == ["已保存 3 项改动（每项一个新版本，旧版本保留在历史中）"]
    assert [(r, y, v) for r, y, v, _ in _stored("gdp")] == [("3205", 2024, 24653.0),
                                                            ("320506", 2024, 1600.0)]
    assert Parameter.get(Parameter.key == "population").source == "人口.xlsx"
    assert len(_audited("population")) == 1 and len(_audited("gdp")) == 2


def test_a_bad_excel_file_names_every_bad_cell_and_writes_nothing(app_env):
    at = _page()
    at.file_uploader(key="reg_upload").upload("人口.xlsx", _xlsx(
        [HEADER, [3205, "苏州市", 2024, 1295.8, 24653], [9999, "", "二〇二四", "很多", -1]]))
    at.run()
    assert _texts(at, "error") == ["\n".join([
        "文件中有 4 处错误，没有导入任何数值：",
        "- 文件「人口.xlsx」第 3 行「区域代码」列的值「9999」：不是本系统中的区域代码",
        "- 文件「人口.xlsx」第 3 行「年度」列的值「二〇二四」：不是 1949–2100 之间的四位年份",
        "- 文件「人口.xlsx」第 3 行「年末常住人口（万人）」列的值「很多」："
        "「年末常住人口（万人）」应为数字（填写的是 很多）",
        "- 文件「人口.xlsx」第 3 行「地区生产总值（亿元）」列的值「-1」："
        "「地区生产总值（亿元）」应大于 0 且不超过 10,000,000（填写的是 -1）"])]
    assert not [b for b in at.button if b.key == "reg_import"]
    assert Parameter.select().count() == 0


def _rule(at: AppTest, key: str) -> AppTest:
    return at.selectbox(key="rule_key").set_value(key).run()


def test_a_rule_parameter_saved_from_typed_widgets(app_env):
    at = _rule(_page(), "fee_rules")
    assert at.number_input(key=rules_form.widget_key("fee_rules", "due_soon_days")).label == \
        "即将到期提醒提前天数（天）"
    at.number_input(key=rules_form.widget_key("fee_rules", "due_soon_days")).set_value(60)
    at.checkbox(key=rules_form.widget_key("fee_rules", "shift_band_edges")).check()
    at.button(key="rule_save").click().run()
    assert not at.exception and _texts(at, "error") == []
    assert _texts(at, "success") == ["已保存（第 1 号版本），旧版本保留在历史中"]
    (region, year, value, by), = _stored("fee_rules")
    assert (region, year, value["due_soon_days"], value["shift_band_edges"], by) == \
        ("", None, 60, True, "admin")
    assert value["surcharge_rates"] == [0, 5, 10, 15, 20, 25]
    assert _audited("fee_rules") == ["fee_rules//None"]
    from core.rules import fees
    assert fees.rules()["due_soon_days"] == 60
    at = _rule(at, "fee_table")  # the fees per patent year: a table, a row per year
    table = at.data_editor(key=rules_form.table_key("fee_table")).value
    assert table.columns.tolist() == ["n", "invention", "utility", "design"]
    assert len(table) == 20 and table["utility"].tolist()[9:11] == [2000, pd.NA]
    at.session_state[rules_form.table_key("fee_table")] = _edits({0: {"invention": 950}})
    at.button(key="rule_save").click().run()
    (_, _, value, _), = _stored("fee_table")
    assert value["invention"][:2] == [950, 900] and len(value["utility"]) == 10
    at.button(key="rule_save").click().run()  # the same values again: no new version
    assert _texts(at, "info")[-1] == "与当前生效值相同，没有保存新版本"
    assert len(_stored("fee_rules")) == 1


def test_a_rule_parameter_per_region_with_choices_in_words(app_env):
    at = _rule(_page(), "transfer_out_alert")
    at.selectbox(key="rule_region").set_value("320506").run()
    at.number_input(key=rules_form.widget_key("transfer_out_alert", "min_transfers")).set_value(8)
    at.button(key="rule_save").click().run()
    assert _stored("transfer_out_alert") == [("320506", None, {"min_transfers": 8}, "admin")]
    at = _rule(at, "counting_rule")
    holder = at.selectbox(key=rules_form.widget_key("counting_rule", "holder"))
    assert holder.options == ["第一权利人", "任一权利人"]


def test_bad_rule_values_are_refused_in_chinese(app_env):
    at = _rule(_page(), "quality_weights")
    at.number_input(key=rules_form.widget_key("quality_weights", "long_share")).set_value(0.4)
    at.button(key="rule_save").click().run()
    assert _texts(at, "error") == ["专利质量指数权重：三项权重之和应为 1（现为 1.2）"]
    at = _rule(at, "fee_rules")
    at.session_state[rules_form.table_key("fee_rules")] = _edits({2: {"band_months": 20}})
    at.button(key="rule_save").click().run()
    assert _texts(at, "error") == ["年费规则（滞纳金分段、费减、提醒窗口）：「各档截止月数（自缴费期限届满起）」"
                                   "中的「20」不对：每一项应为 1 至 12个月 之间的整数"]
    at.session_state[rules_form.table_key("fee_rules")] = {
        "edited_rows": {}, "added_rows": [{"surcharge_rates": 30}], "deleted_rows": []}
    at.button(key="rule_save").click().run()
    assert _texts(at, "error") == ["年费规则（滞纳金分段、费减、提醒窗口）：各档滞纳金比例与各档截止月数的个数必须相同"]
    at = _rule(at, "holiday_calendar")
    at.text_area(key=rules_form.widget_key("holiday_calendar", "holidays")).set_value("2027-13-01")
    at.button(key="rule_save").click().run()
    assert _texts(at, "error") == [
        "节假日与调休工作日：「补充的休息日」中的「2027-13-01」不是日期（格式如 2026-10-08）"]
    assert Parameter.select().count() == 0
    assert AuditLog.select().where(AuditLog.object_type == "parameter").count() == 0


@pytest.mark.parametrize("role", ["viewer", "checker"])
def test_other_roles_are_refused(app_env, role):
    at = _page(role)
    assert [e.value for e in at.error] == ["无权限访问该页面"] and len(at.header) == 0


def _indicators(role: str = "viewer") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/indicators.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = role
    at.run()
    return at.selectbox(key="ind_sub_key").set_value("inventions_per_10k").run()


def _sub_targets(at: AppTest) -> list:
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at.dataframe[0].value["目标"].tolist()


def test_a_target_saved_on_the_form_shows_on_the_indicators_page_at_its_next_run(app_env):
    from tests.monitor_data import WUZHONG, holder, patent
    granted = dt.date(YEAR - 3, 5, 1)
    for i in range(3):
        patent(f"I{i}", holder("苏州甲科技有限公司") if i == 0 else None, WUZHONG,
               status="valid", grant_date=granted, app_date=dt.date(YEAR - 5, 1, 10))
    for code in ("3205", WUZHONG):
        params.set_value("population", 1000.0, code, YEAR)
    params.set_value("target", {"inventions_per_10k": 0.0025}, "3205", YEAR)
    viewer = _indicators()  # another user's session, already showing the old target
    assert _sub_targets(viewer) == [0.0025]
    admin = _page()
    row = targets_form._frame({}).index[targets_form._frame({})["key"] == "inventions_per_10k"][0]
    admin.session_state[targets_form.editor_key("3205", YEAR)] = _edits({int(row): {"target": 0.004}})
    admin.button(key="tgt_save").click().run()
    assert admin.success
    assert _sub_targets(viewer.run()) == [0.004]
