"""产业统计 in a browser: loads without errors; a click on an industry's bar opens the patent
search pre-filled with the industry; screenshot in docs/screenshots/."""
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot
from tests.e2e.stats_clicks import click_points, open_from_sidebar


def test_industry_click_opens_the_search_with_the_industry(app_url, page):
    login(page, app_url, "viewer")
    open_from_sidebar(page, "产业统计", "产业统计 · 苏州市")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "industry")
    # canvas 0 = industry sizes, horizontal grouped bars (applications bar first in each group)
    points = [(x, y / 100) for y in range(22, 80, 6) for x in (0.45, 0.35)]
    assert click_points(page, 0, points, lambda: "/search" in page.url)
    assert "industry=" in page.url
