"""公开专利数据查询 in a real browser: filters from the URL, the URL follows the widgets, and the
export downloads a valid .xlsx."""
from __future__ import annotations

import re

import openpyxl
from playwright.sync_api import expect

from core.config import labels
from core.exports.search import EXPORT_COLUMNS
from tests.e2e import charts
from tests.e2e.conftest import expect_url, heading, open_page, result_count, screenshot


def test_search_filters_go_to_the_url_and_the_export_downloads_xlsx(app_url, page, facts,
                                                                   tmp_path):
    open_page(page, app_url, "search")
    expect(heading(page, labels.SEARCH_TITLE)).to_be_visible()
    expect(page.get_by_text(labels.SEARCH_RESULT.format(n=facts["search_all"]))).to_be_visible()
    charts.no_exception(page)

    words = page.get_by_label(labels.SEARCH_WORDS)
    words.fill("一种")
    words.press("Enter")
    expect(page.get_by_text(labels.SEARCH_RESULT.format(n=facts["search_all"]))).to_have_count(0)
    expect(result_count(page)).to_be_visible()
    expect_url(page, "search", {"region": facts["home"], "q": "一种"})
    matching = int(re.sub(r"\D", "", result_count(page).inner_text()))
    assert 0 < matching < facts["search_all"]

    page.get_by_role("button", name=labels.EXPORT_PREPARE).click()
    download_button = page.get_by_role("button", name=re.compile("下载 Excel"))
    expect(download_button).to_be_visible(timeout=60000)
    screenshot(page, "search")
    with page.expect_download(timeout=60000) as info:
        download_button.click()
    path = tmp_path / "export.xlsx"
    info.value.save_as(path)
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [labels.EXPORT_HEADERS[c] for c in EXPORT_COLUMNS]
    assert len(rows) - 1 == matching
    assert all("一种" in r[2] for r in rows[1:])
