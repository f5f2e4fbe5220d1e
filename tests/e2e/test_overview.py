"""专利概况 in a browser: loads without errors, a click on a sub-region bar re-scopes the whole
screen (breadcrumb back), kiosk mode renders; screenshots in docs/screenshots/."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, wait_idle
from tests.e2e.stats_clicks import click_points, open_from_sidebar

HOME_HEADING = "专利概况 · 苏州市"


def test_overview_click_on_a_sub_region_drills_down(app_url, page):
    login(page, app_url, "viewer")
    open_from_sidebar(page, "专利概况", HOME_HEADING)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("有效发明专利").first).to_be_visible()
    screenshot(page, "overview")
    heading = page.get_by_role("heading", name=re.compile("专利概况 · "))
    # canvas 1 = the sub-region ranking beside the map; bars from the top, labels on the left
    points = [(x, y) for y in (0.19, 0.27, 0.35) for x in (0.45, 0.6, 0.35)]
    assert click_points(page, 1, points, lambda: HOME_HEADING not in heading.inner_text())
    wait_idle(page)
    expect(page.get_by_role("button", name="苏州市")).to_be_visible()  # breadcrumb back
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.get_by_role("button", name="苏州市").click()
    expect(page.get_by_role("heading", name=HOME_HEADING)).to_be_visible(timeout=30000)


def test_overview_kiosk_mode_is_dark_and_full_width(app_url, page):
    login(page, app_url, "viewer")
    open_from_sidebar(page, "专利概况", HOME_HEADING)
    page.get_by_role("button", name="大屏模式").click()
    expect(page.get_by_role("button", name="退出大屏")).to_be_visible(timeout=60000)
    assert "kiosk=1" in page.url
    wait_idle(page)
    page.wait_for_timeout(2500)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_text(re.compile("数据更新于"))).to_be_visible()
    screenshot(page, "overview_kiosk")
