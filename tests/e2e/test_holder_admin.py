"""权利人管理 in a real browser, on a copy of the e2e demo: a checker sees holders' regions by
name, uploads a tag file with a bad row (told file, row, column and value; nothing imported),
then a good one (the tags are added)."""
from __future__ import annotations

import sqlite3

from openpyxl import Workbook
from playwright.sync_api import expect

from tests.e2e.conftest import (
    open_page,
    screenshot,
    table_rows,
    wait_run_finished,
)


def _xlsx(path, rows) -> None:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def _upload(page, path, shown_before=None) -> None:
    """Choose `path` in the uploader, wait until the server has it, import it. The import button
    appears once the server has a file; when it is there from an earlier file, the message that
    import left (`shown_before`) goes away with the rerun the new file causes."""
    page.locator(".st-key-ht_import").locator("input[type=file]").set_input_files(str(path))
    if shown_before is not None:
        expect(shown_before).to_have_count(0)
    button = page.locator(".st-key-ht_import_apply").get_by_role("button")
    expect(button).to_be_visible()
    wait_run_finished(page)
    button.click()


def test_a_checker_reads_regions_by_name_and_imports_tags(copy_server, page, tmp_path):
    base, db_path = copy_server
    open_page(page, base, "", role="checker")  # a fresh server: through Home.py first
    page.get_by_test_id("stSidebar").get_by_role("link", name="权利人管理", exact=True).click()
    expect(page.get_by_role("heading", name="权利人管理")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    rows = [r.split("\t") for r in table_rows(page, "ht_list")]
    biggest, county = rows[0][1], rows[0][3]
    assert county and not county.isdigit()  # a county name, not its code
    page.get_by_role("tab", name="批量导入标签").click()
    bad = tmp_path / "坏.xlsx"
    _xlsx(bad, [["权利人名称", "标签"], [biggest, "重点培育"], ["查无此公司", "高企"]])
    _upload(page, bad)
    failed = page.get_by_text("文件有 1 处错误，未导入任何标签：")
    expect(failed).to_be_visible()
    errors = table_rows(page, "ht_import_errors")
    assert errors == ["坏.xlsx 第 3 行「权利人名称」：查无此公司 在数据库中不存在"]
    good = tmp_path / "好.xlsx"
    _xlsx(good, [["权利人名称", "标签"], [biggest, "高企、重点培育"]])
    _upload(page, good, shown_before=failed)
    expect(page.get_by_text("已为 1 个权利人新增", exact=False)).to_be_visible()
    wait_run_finished(page)
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as con:
        tags = {t for (t,) in con.execute(
            "SELECT t.tag FROM holder_tag t JOIN holder h ON h.id = t.holder_id WHERE h.name = ?",
            (biggest,))}
    assert {"重点培育", "hightech"} <= tags
    screenshot(page, "holder_admin")
