"""代理机构统计 in a real browser: loads without errors; a click on an agency's bar opens the patent
search pre-filled with that agency."""
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


def test_agencies_page_and_a_bar_click_opens_the_search(app_url, page):
    login(page, app_url, "viewer")
    go_to(page, "代理机构统计")
    expect(page.get_by_role("heading", name="代理机构统计")).to_be_visible()
    assert_no_exception(page)
    canvas = chart_canvas(page, "ag_rank", 0)
    page.wait_for_timeout(1500)
    screenshot(page, "agencies")
    click_first_horizontal_bar(page, canvas, categories=min(15, first_metric(page)),
                               y_shift=-0.2)  # two bars per agency: hit the upper one
    page.wait_for_url(re.compile(r"/search\?.*agency_id=\d+"), timeout=30000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text(re.compile("限定代理机构："))).to_be_visible()
    assert result_count(page) > 0
