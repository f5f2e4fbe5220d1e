"""趋势统计 in a browser: loads without errors; a click on a year's bar opens the patent search
pre-filled with that year; screenshot in docs/screenshots/."""
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot
from tests.e2e.stats_clicks import click_points, open_from_sidebar


def test_trend_click_on_a_year_opens_the_search_pre_filled(app_url, page):
    login(page, app_url, "viewer")
    open_from_sidebar(page, "趋势统计", "趋势统计 · 苏州市")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "trend")
    # canvas 0 = applications by year; stacked bars stand on the x axis (bottom of the grid)
    points = [(x / 100, 0.78) for x in range(55, 90, 4)]
    assert click_points(page, 0, points, lambda: "/search" in page.url)
    assert "from=" in page.url and "to=" in page.url and "region=3205" in page.url
