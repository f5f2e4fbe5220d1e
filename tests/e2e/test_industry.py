"""产业统计 in a browser: loads without errors; a click on a cell of the industry × sub-region
matrix narrows the page to that sub-region; screenshot in docs/screenshots/. The demo itself
assigns the shipped industries (as an import or the nightly job does)."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot
from tests.e2e.stats_clicks import click_points, open_from_sidebar

HOME_HEADING = "产业统计 · 苏州市"


def test_industry_matrix_click_narrows_to_the_sub_region(app_url, page):
    login(page, app_url, "viewer")
    open_from_sidebar(page, "产业统计", HOME_HEADING)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "industry")
    heading = page.get_by_role("heading", name=re.compile("产业统计 · "))
    # canvas 2 = the industry × sub-region heat map; cells fill the grid
    points = [(x, y) for y in (0.3, 0.5) for x in (0.4, 0.6)]
    assert click_points(page, 2, points, lambda: HOME_HEADING not in heading.inner_text())
    expect(page.get_by_role("button", name="苏州市")).to_be_visible(timeout=30000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
