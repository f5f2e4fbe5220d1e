"""生成提醒函 in a real browser, on a copy of the e2e demo: a checker narrows 年费预警 to one
holder's name, generates the letters, downloads the .zip and finds in it one letter per holder
the page announced, each listing that holder's patents, and the summary sheet; the batch list
names the checker."""
from __future__ import annotations

import io
import re
import zipfile

import openpyxl
from docx import Document
from playwright.sync_api import expect

from tests.e2e.conftest import (
    db_value,
    login,
    open_page,
    screenshot,
    table_rows,
    wait_run_finished,
)

# the holder with the most valid patents whose next fee falls due between five months ago and
# two months ahead: inside the grace period or due soon on any day the test runs
BUSY_HOLDER = """
SELECT h.name FROM patent p JOIN holder h ON h.id = p.first_holder_id
WHERE p.status = 'valid' AND p.next_fee_due BETWEEN date('now', '-5 months')
  AND date('now', '+2 months')
GROUP BY h.id ORDER BY COUNT(*) DESC, h.id LIMIT 1"""


def test_a_checker_generates_and_downloads_the_letters(e2e_db, copy_server, page):
    base, _ = copy_server  # the test records a batch
    name = db_value(e2e_db, BUSY_HOLDER)
    login(page, base, "checker")  # a fresh server serves page URLs after a first login
    open_page(page, base, "fees", role="checker")
    announced = page.get_by_text(re.compile(r"^将为 [\d,]+ 个权利人生成提醒函，共 [\d,]+ 件专利。$"))
    expect(announced).to_be_visible()
    unfiltered = announced.inner_text()
    page.get_by_test_id("stSidebar").get_by_label("权利人名称包含").fill(name)
    page.keyboard.press("Enter")
    expect(announced).not_to_have_text(unfiltered, timeout=60000)  # the filtered run has shown
    wait_run_finished(page)
    letters, patents = (int(n.replace(",", "")) for n in re.findall(r"[\d,]+", announced.inner_text()))
    assert letters >= 1
    page.get_by_role("button", name="生成提醒函").click()
    download = page.get_by_role("button", name="下载提醒函（.zip）")
    expect(download).to_be_visible(timeout=60000)
    expect(page.get_by_text(re.compile(r"^已生成第 \d+ 批提醒函"))).to_be_visible()
    screenshot(page, "fees_letters")
    with page.expect_download(timeout=60000) as info:
        download.click()
    data = info.value.path().read_bytes()
    assert re.fullmatch(r"缴费提醒函_\d{4}-\d{2}-\d{2}_第\d+批\.zip", info.value.suggested_filename)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        docs = [Document(io.BytesIO(zf.read(n))) for n in names if n.endswith(".docx")]
        summary = openpyxl.load_workbook(io.BytesIO(zf.read("汇总表.xlsx"))).active
    assert len(docs) == letters and names[-1] == "汇总表.xlsx"
    assert sum(len(doc.tables[0].rows) - 1 for doc in docs) == patents
    assert all(name in doc.paragraphs[2].text for doc in docs)  # 致 the holder
    rows = list(summary.iter_rows(values_only=True))
    assert len(rows) == letters + 1 and sum(r[3] for r in rows[1:]) == patents
    page.locator(".st-key-letters_history_fee").scroll_into_view_if_needed()
    batches = table_rows(page, "letters_history_fee")
    assert len(batches) == 1 and "\tchecker\t" in batches[0]
