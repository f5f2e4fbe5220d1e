"""公开专利数据查询 in a real browser: filters from the URL, the URL follows the widgets, and the
export downloads a valid .xlsx."""
from __future__ import annotations

import re

import openpyxl
from playwright.sync_api import expect

from core.config import labels
from core.exports.search import EXPORT_COLUMNS
from tests.e2e.conftest import login, screenshot, wait_idle


def go_to(page, title: str) -> None:
    """Open a page through its sidebar link (same session, no reload)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=30000)


def assert_no_exception(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def chart_canvas(page, key: str, index: int):
    """The canvas of the chart shown with echarts.show(key=…): by the st-key class Streamlit
    puts on keyed elements, else the index-th canvas (st.dataframe grids are canvases too)."""
    keyed = page.locator(f".st-key-{key} canvas")
    canvas = keyed.first if keyed.count() else page.locator("canvas").nth(index)
    canvas.wait_for(state="visible")
    return canvas


def click_first_horizontal_bar(page, canvas, categories: int, x_offset: int = 12,
                               y_shift: float = 0.0) -> None:
    """Click the first (top) bar of a horizontal ranking laid out by
    ui/charts/holders.horizontal_layout (grid left/top/bottom fixed; categories from the top)."""
    from ui.charts.holders import GRID_BOTTOM, GRID_LEFT, GRID_TOP
    box = canvas.bounding_box()
    band = (box["height"] - GRID_TOP - GRID_BOTTOM) / categories
    page.mouse.click(box["x"] + GRID_LEFT + x_offset,
                     box["y"] + GRID_TOP + band * (0.5 + y_shift))


def first_metric(page) -> int:
    """The value of the first st.metric on the page."""
    text = page.get_by_test_id("stMetricValue").first.inner_text()
    return int(re.sub(r"\D", "", text))


def result_count(page) -> int:
    text = page.get_by_text(re.compile(r"^(共|超过) [\d,]+ 件$")).first.inner_text()
    return int(re.sub(r"\D", "", text))


def test_search_filters_go_to_the_url_and_the_export_downloads_xlsx(app_url, page, tmp_path):
    login(page, app_url, "viewer")
    go_to(page, "公开专利数据查询")
    assert_no_exception(page)
    everything = result_count(page)
    assert everything > 0
    words = page.get_by_label(labels.SEARCH_WORDS)
    words.fill("一种")
    words.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=(%E4%B8%80%E7%A7%8D|一种)"), timeout=30000)
    wait_idle(page)
    matching = result_count(page)
    assert 0 < matching <= everything
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
