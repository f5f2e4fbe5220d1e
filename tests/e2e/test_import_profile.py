"""数据导入 in a real browser: a file whose headers nothing recognises is mapped by hand in the
mapping table, the mapping is saved as a named profile (导入方案), and a later session uploading
a file with the same headers is offered the profile, which maps it and imports it."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from core.config import labels
from tests.e2e.conftest import db_value, metric, open_page, screenshot, script_run

HEADERS = ("专利编号", "发明题目", "权利单位", "联系地址")
FIELDS = {"专利编号": "申请号", "发明题目": "标题", "权利单位": "申请人", "联系地址": "地址"}
ROWS = (("201710117081.7", "一种爬虫系统及抓取方法", "苏州某某网络科技有限公司",
         "江苏省苏州市工业园区星湖街328号"),
        ("CN201920765432.X", "一种散热支架", "苏州某某精密机械有限公司",
         "215000 江苏省苏州市沧浪区十梓街1号"))
PROFILE = "成果登记表（端到端）"
ROW_HEIGHT = 35  # the data editor's default row height, header row included


def write_file(path) -> str:
    lines = [",".join(HEADERS)] + [",".join(r) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def upload(page, path: str) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)


def map_column(page, row: int, field: str) -> None:
    """Pick `field` in the 对应字段 cell of data-editor row `row` (0-based, header excluded)."""
    grid = mapping_grid(page)
    expect(grid).to_have_count(1)
    grid.scroll_into_view_if_needed()  # the rows must be on screen to be clicked
    box = grid.bounding_box()
    x = box["x"] + box["width"] * 0.75
    y = box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2
    page.mouse.dblclick(x, y)
    editor = page.locator("#portal").get_by_role("combobox")
    expect(editor).to_be_visible()
    editor.press_sequentially(field)
    with script_run(page):  # the edit reruns the page, which reruns itself once it is stored
        editor.press("Enter")
    expect(mapping_grid(page).get_by_text(field, exact=True)).to_be_attached()


def mapping_grid(page):
    return page.locator('[class*="st-key-imp_mapping"]').get_by_test_id("stDataFrame")


def test_unknown_headers_mapped_by_hand_become_a_profile_offered_again(app_url, browser,
                                                                      e2e_db, tmp_path):
    first = new_page(browser)
    open_page(first, app_url, "imports", role="checker")
    upload(first, write_file(tmp_path / "成果登记.csv"))
    expect(first.get_by_text(re.compile("找不到可识别的表头"))).to_be_visible()

    for row, header in enumerate(HEADERS):
        map_column(first, row, FIELDS[header])
    expect(metric(first, labels.IMP_COUNTS["inserted"])).to_have_text("2")
    first.get_by_label(labels.IMP_PROFILE_NAME).fill(PROFILE)
    first.get_by_role("button", name=labels.IMP_PROFILE_SAVE).click()
    expect(first.get_by_text(labels.IMP_PROFILE_SAVED.format(profile=PROFILE))).to_be_visible()
    screenshot(first, "import_profile_saved")
    first.context.close()

    again = new_page(browser)  # a new session, a file with the same headers
    open_page(again, app_url, "imports", role="checker")
    upload(again, write_file(tmp_path / "成果登记（第二批）.csv"))
    offer = again.get_by_label(labels.IMP_PROFILE_OFFER)
    expect(offer).to_be_visible()
    offer.click()
    again.get_by_role("option", name=PROFILE).click()
    expect(metric(again, labels.IMP_COUNTS["inserted"])).to_have_text("2")
    again.get_by_role("button", name=labels.IMP_CONFIRM).click()
    expect(again.get_by_text(re.compile("新增 2"))).to_be_visible()
    again.context.close()

    assert db_value(e2e_db, "SELECT title FROM patent WHERE app_no = ?",
                    "2017101170817") == ROWS[0][1]
    assert db_value(e2e_db, "SELECT address FROM patent WHERE app_no = ?",
                    "201920765432X") == ROWS[1][3]


def new_page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    page.set_default_timeout(30000)
    return page
