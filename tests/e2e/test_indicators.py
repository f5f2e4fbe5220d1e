"""专利创造指标分析 in a browser: the indicator cards and the sub-region table load without
errors; switching the counting rule to 任一权利人 re-computes the page under that rule (its rows
are built on first use) and says so; screenshots in docs/screenshots/."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, wait_idle
from tests.e2e.stats_clicks import open_from_sidebar


def test_indicators_page_and_a_counting_rule_switch(app_url, page):
    login(page, app_url, "viewer")
    open_from_sidebar(page, "专利创造指标分析", "专利创造指标分析")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect(page.get_by_text(re.compile("按第一权利人（当前）地址")).first).to_be_visible()
    screenshot(page, "indicators")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stExpander").get_by_text("统计口径", exact=True).first.click()
    sidebar.get_by_text("任一权利人", exact=True).click()
    wait_idle(page, timeout=120000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text(re.compile("按任一权利人（当前）地址")).first).to_be_visible(
        timeout=60000)
    screenshot(page, "indicators_any_holder")
