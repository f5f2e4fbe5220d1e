"""参数设置 in a browser: a target typed into the table cell under the indicator's Chinese name
is saved as a new version; a rule parameter form refuses an inconsistent value in Chinese and
writes nothing. (Year 2030 and a refused rule keep the shared e2e database as the other tests
expect it.)"""
import json
import re

from playwright.sync_api import expect

from core.config import labels
from tests.e2e.conftest import db_value, heading, open_page, script_run
from ui.params import targets as targets_form

YEAR = 2030
HOME = "3205"


def _visible(locator):
    return locator.locator("visible=true")


def test_a_target_typed_into_the_table_is_saved(app_url, page, e2e_db, tmp_path):
    open_page(page, app_url, "params", role="admin")
    expect(heading(page, labels.PARAMS_TITLE)).to_be_visible()
    year = _visible(page.get_by_label(labels.PARAM_YEAR)).first
    year.fill(str(YEAR))
    with script_run(page):  # the year's table drawn, its run over: an edit is not redrawn away
        year.press("Enter")
    editor = page.locator(f".st-key-{targets_form.editor_key(HOME, YEAR)}")  # the year's table
    grid = editor.get_by_test_id("stDataFrame")
    expect(grid).to_contain_text(labels.INDICATOR["valid_inventions"])
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] - 40, box["y"] + 35 + 17)  # 有效发明专利 → 目标值
    cell = page.locator("#portal input")  # the grid's cell editor
    expect(cell).to_be_visible()
    cell.fill("30000")
    save = _visible(page.get_by_role("button", name=labels.PARAM_SAVE)).first
    # Enter and the click at once, as a quick hand may: Streamlit's data editor hands its edits
    # to the form 150 ms after the last one, and the click waits for them (ui/edits.py; without
    # it the form sent the unedited table: 与当前生效值相同)
    cell.press("Enter")
    save.click()
    expect(page.get_by_text(re.compile(r"^已保存（第 \d+ 号版本）"))).to_be_visible()
    page.screenshot(path=str(tmp_path / "params_target_saved.png"), full_page=True)
    stored = db_value(e2e_db, "SELECT value FROM parameter WHERE key = 'target' AND year = ?",
                      YEAR)
    assert json.loads(stored) == {"valid_inventions": 30000}


def test_a_rule_form_refuses_weights_that_do_not_add_up(app_url, page, e2e_db):
    open_page(page, app_url, "params", role="admin")
    page.get_by_role("tab", name=labels.PARAM_TABS[2]).click()
    picker = page.get_by_test_id("stSelectbox").filter(
        has=page.get_by_text(labels.PARAM_PICK_RULE, exact=True))
    picker.locator("input").click()
    page.get_by_role("option", name=labels.PARAM_LABEL["quality_weights"]).click()
    label = labels.FIELD_LABEL["quality_weights"]["long_share"] + labels.FIELD_RATE
    weight = _visible(page.get_by_label(label))
    expect(weight).to_have_value("0.2")
    weight.fill("0.5")
    weight.press("Tab")
    _visible(page.get_by_role("button", name=labels.PARAM_SAVE)).first.click()
    expect(page.get_by_text("专利质量指数权重：三项权重之和应为 1（现为 1.3）")).to_be_visible()
    assert db_value(e2e_db, "SELECT COUNT(*) FROM parameter WHERE key = 'quality_weights'") == 0
