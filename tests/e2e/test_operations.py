"""专利运营统计 in a real browser: loads without errors; a click on a sub-region's bar narrows the
page to that sub-region (the region in the URL and the breadcrumb follow)."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, wait_idle
from tests.e2e.test_search import (
    assert_no_exception,
    chart_canvas,
    click_first_horizontal_bar,
    go_to,
)

BAND = 30  # px per sub-region in pages/operations.py


def test_operations_page_and_a_subregion_click_narrows_the_view(app_url, page):
    login(page, app_url, "viewer")
    go_to(page, "专利运营统计")
    expect(page.get_by_role("heading", name="专利运营统计")).to_be_visible()
    assert_no_exception(page)
    chart_canvas(page, "ops_years", 0)
    page.wait_for_timeout(1500)
    screenshot(page, "operations")
    sub = chart_canvas(page, "ops_sub", 1)
    sub.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = sub.bounding_box()
    before = page.url
    click_first_horizontal_bar(page, sub, categories=round((box["height"] - 130) / BAND))
    page.wait_for_url(re.compile(r"region=3205\d{2}(&|$)"), timeout=30000)
    wait_idle(page)
    assert_no_exception(page)
    assert page.url != before
    expect(page.get_by_role("button", name="苏州市")).to_be_visible()  # breadcrumb back home
