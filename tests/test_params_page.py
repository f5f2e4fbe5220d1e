"""参数设置 (AppTest): an admin adds a version, sees it in force, in the history and in the audit
trail; invalid values get a Chinese message and write nothing; other roles are refused."""
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.config import catalog as param_catalog
from core.config import rules as ruleparams
from core.db.models import AuditLog, Parameter

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _page(role: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "admin/params.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = role
    return at.run()


def test_admin_saves_population_and_sees_history_and_audit(app_env):
    at = _page("admin")
    assert not at.exception and at.header[0].value == "参数设置"
    at.selectbox(key="params_key").set_value("population").run()
    at.text_input(key="params_region").set_value("3205")
    at.number_input(key="params_year").set_value(2025)
    at.text_input(key="params_value_number").set_value("1296.5")
    at.text_input(key="params_source").set_value("苏州统计年鉴")
    at.button[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["已保存（第 1 号版本），旧版本保留在历史中"]
    rows = [(p.key, p.region_code, p.year, json.loads(p.value), p.source, p.created_by)
            for p in Parameter.select()]
    assert rows == [("population", "3205", 2025, 1296.5, "苏州统计年鉴", "admin")]
    history = at.dataframe[0].value
    assert history[["区域", "年度", "来源", "修改人"]].values.tolist() == \
        [["3205", 2025, "苏州统计年鉴", "admin"]]
    assert AuditLog.select().where(AuditLog.object_type == "parameter").count() == 1
    at.run()
    assert "1296.5" in [m.value for m in at.markdown]  # now shown as the value in force


def test_invalid_values_are_refused_with_a_message(app_env):
    at = _page("admin")
    at.selectbox(key="params_key").set_value("fee_rules").run()
    at.text_area(key="params_value_json").set_value('{"surcharge_rates": [0, 5]')
    at.button[0].click().run()
    assert [e.value for e in at.error] == \
        ["年费规则（滞纳金分段、费减、提醒窗口）：JSON 格式错误（第 1 行第 27 列）：Expecting ',' delimiter"]
    at.text_area(key="params_value_json").set_value('{"surcharge_rates": [0, 5], "band_months": [1]}')
    at.button[0].click().run()
    assert [e.value for e in at.error] == \
        ["年费规则（滞纳金分段、费减、提醒窗口）：surcharge_rates 与 band_months 的个数必须相同"]
    assert Parameter.select().count() == 0


@pytest.mark.parametrize("role", ["viewer", "checker"])
def test_other_roles_are_refused(app_env, role):
    at = _page(role)
    assert [e.value for e in at.error] == ["无权限访问该页面"] and len(at.header) == 0


def test_catalogue_validation(db):
    cases = {
        ("population", "abc"): "「abc」不是数字",
        ("population", "-3"): "「-3」必须大于0",
        ("industry_match", "any"): "「any」不是可选值（可选：all、main）",
        ("fee_table", '{"utility": [600, 600]}'): "实用新型年费应为 10 个非负整数（每个专利年度一个）",
        ("high_value_rules", '{"pledge_amount": "high"}'): "字段「pledge_amount」的值「high」类型不对",
        ("counting_rule", '{"holder": "last"}'): "未知的统计口径：last",
        ("holiday_calendar", '{"holidays": ["2027-13-01"]}'): "「2027-13-01」不是 YYYY-MM-DD 格式的日期",
        ("target", '{"foo": 1}'): "未知的字段「foo」",
    }
    for (key, text), message in cases.items():
        with pytest.raises(ValueError) as info:
            param_catalog.parse(key, text)
        assert str(info.value).startswith(message)
    assert param_catalog.parse("target", '{"inventions_per_10k": 84}') == {"inventions_per_10k": 84}
    with pytest.raises(ValueError, match="请填写年度"):
        param_catalog.save("gdp", "100", "3205", None)
    row = param_catalog.save("fee_rules", '{"due_soon_days": 60}', by="admin")
    assert param_catalog.current("fee_rules")["due_soon_days"] == 60
    from core.rules import fees
    assert fees.rules()["due_soon_days"] == 60  # the rule cache was dropped on save
    assert param_catalog.history("fee_rules")["id"].tolist() == [row.id]
