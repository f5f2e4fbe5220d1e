"""权利人统计 in a real browser: loads without errors; a click on a holder's bar opens the patent
search pre-filled with that holder."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, wait_idle
from tests.e2e.test_search import (
    assert_no_exception,
    chart_canvas,
    click_first_horizontal_bar,
    first_metric,
    go_to,
    result_count,
)


def test_holders_page_and_a_bar_click_opens_the_search(app_url, page):
    login(page, app_url, "viewer")
    go_to(page, "权利人统计")
    expect(page.get_by_role("heading", name="权利人统计")).to_be_visible()
    assert_no_exception(page)
    canvas = chart_canvas(page, "hs_top", 0)
    page.wait_for_timeout(1500)  # entry animation
    screenshot(page, "holders")
    click_first_horizontal_bar(page, canvas, categories=min(15, first_metric(page)))
    page.wait_for_url(re.compile(r"/search\?.*holder_id=\d+"), timeout=30000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text(re.compile("限定权利人："))).to_be_visible()
    assert result_count(page) > 0
