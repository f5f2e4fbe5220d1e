"""生成提醒函 on 年费预警 and 届满通知 through AppTest: staff generate the letters of the page's
selection (the batch recorded, the downloads offered, the batch list and the 已提醒 column
filled); a viewer sees the batch list only."""
from __future__ import annotations

import pytest

from core.db.models import ReminderBatch
from tests import test_expiry_notices, test_fee_warnings
from tests.conftest import SKIP_PG
from tests.test_monitor_pages import _ok, _run

STAFF_RUNS = pytest.mark.parametrize(
    "db_url,role", [("sqlite", "checker"), ("sqlite", "admin"),
                    pytest.param("postgres", "checker", marks=SKIP_PG)], indirect=["db_url"])
PAGES = {  # page, session state of its selection, letters, patents, the letter section's key
    "fee": ("pages/fees.py", {"fees_on": test_fee_warnings.ON,
                              "fees_states": ["due_soon", "grace", "terminated"]},
            2, 5, "fees_letters"),  # F5 is past its last day: no payment reminder
    "expiry": ("pages/expiry.py", {"expiry_on": test_expiry_notices.ON}, 2, 5, "expiry_letters"),
}
BUILD = {"fee": test_fee_warnings._build, "expiry": test_expiry_notices._build}


def _button(at, key: str):
    return next(b for b in at.button if b.key == key)


@STAFF_RUNS
@pytest.mark.parametrize("kind", list(PAGES))
def test_staff_generate_the_letters_of_the_selection(app_env, db, role, kind):
    path, state, letters, patents, key = PAGES[kind]
    BUILD[kind]()
    at = _run(path, role, **state)
    _ok(at)
    assert f"将为 {letters} 个权利人生成提醒函，共 {patents} 件专利。" in [c.value for c in at.caption]
    assert "还没有生成过提醒函。" in [c.value for c in at.caption]
    _button(at, f"{key}_generate").click().run()
    _ok(at)
    made = ReminderBatch.get()
    assert (made.kind, made.holders, made.patents, made.created_by) == (kind, letters, patents,
                                                                        role)
    assert [s.value for s in at.success] == [
        f"已生成第 {made.id} 批提醒函：{letters} 个权利人，{patents} 件专利。"]
    assert [d.label for d in at.get("download_button")][-2:] == ["下载提醒函（.zip）",
                                                                 "下载汇总表（.xlsx）"]
    batches = at.dataframe[-1].value
    assert batches[["批次", "操作人", "权利人数", "专利件数"]].values.tolist() == [
        [made.id, role, letters, patents]]
    listed = at.dataframe[-2].value
    reminded = listed.set_index("申请号")["已提醒"]
    assert set(reminded.dropna()) == {made.created_at.date()}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("kind", list(PAGES))
def test_a_viewer_sees_the_batch_list_only(app_env, db, kind):
    path, state, _, _, key = PAGES[kind]
    BUILD[kind]()
    at = _run(path, "viewer", **state)
    _ok(at)
    assert not [b for b in at.button if b.key == f"{key}_generate"]
    assert "生成提醒函需要管理员或数据核查员权限；这里只显示发函记录。" in [c.value for c in at.caption]
    assert "还没有生成过提醒函。" in [c.value for c in at.caption]


def test_the_letterhead_is_edited_on_the_parameters_page(app_env, db):
    from core.config import catalog
    from tests.test_params_page import _page, _rule
    from ui.params import rules as rules_form
    at = _rule(_page(), "reminder_letters")
    body = at.text_area(key=rules_form.widget_key("reminder_letters", "fee_body"))
    assert body.label == "缴费提醒函正文（表格前）" and body.value.startswith("经查询")
    at.text_input(key=rules_form.widget_key("reminder_letters", "phone")).set_value("0512-1234")
    body.set_value("请{权利人}于{基准日}前缴纳。")
    at.button(key="rule_save").click().run()
    assert not at.exception and [e.value for e in at.error] == []
    saved = catalog.current("reminder_letters")
    assert (saved["phone"], saved["fee_body"]) == ("0512-1234", "请{权利人}于{基准日}前缴纳。")
    at.text_area(key=rules_form.widget_key("reminder_letters", "fee_body")).set_value("{金额}")
    at.button(key="rule_save").click().run()
    assert [e.value for e in at.error] == [
        "提醒函（发函单位、联系方式与函件正文）：「缴费提醒函正文（表格前）」中的占位符「{金额}」不可用"
        "（可用：{本地区}、{发函单位}、{权利人}、{专利件数}、{基准日}、{届满截止日}）"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_selection_too_large_for_one_batch_asks_to_narrow_it(app_env, db, monkeypatch):
    from core.reports.letters import content
    monkeypatch.setattr(content, "PATENT_LIMIT", 3)
    path, state, _, _, key = PAGES["fee"]
    BUILD["fee"]()
    at = _run(path, "checker", **state)
    _ok(at)
    assert [w.value for w in at.warning][-1] == (
        "当前筛选条件有 5 件专利，超过一次最多处理的 3 件：请缩小区域、类型或按权利人名称筛选后再生成。")
    assert not [b for b in at.button if b.key == f"{key}_generate"]
