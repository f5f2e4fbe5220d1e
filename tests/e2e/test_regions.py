"""区域统计 in a browser: loads without errors, the grant-rate definition is shown, a click on a
county's bar narrows the page to that county; screenshot in docs/screenshots/."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot
from tests.e2e.stats_clicks import click_points, open_from_sidebar

HOME_HEADING = "区域统计 · 苏州市"


def test_regions_click_on_a_county_narrows_the_view(app_url, page):
    login(page, app_url, "viewer")
    open_from_sidebar(page, "区域统计", HOME_HEADING)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text(re.compile("发明专利授权率 = 发明授权量")).first).to_be_visible()
    screenshot(page, "regions")
    heading = page.get_by_role("heading", name=re.compile("区域统计 · "))
    points = [(x, y) for y in (0.2, 0.26, 0.32) for x in (0.3, 0.45, 0.2)]
    assert click_points(page, 0, points, lambda: HOME_HEADING not in heading.inner_text())
    expect(page.get_by_role("button", name="苏州市")).to_be_visible(timeout=30000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
