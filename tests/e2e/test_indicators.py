"""专利创造指标分析 in a browser: the demo's valid inventions on their card; switching the
counting rule to 任一权利人 re-computes the page under that rule (its rows are built on first
use) and says so. Screenshots: conftest.SCREENSHOTS."""
from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import heading, metric, open_page, screenshot

FIRST_HOLDER = labels.RULE_HOLDER[("first", "current")]
ANY_HOLDER = labels.RULE_HOLDER[("any", "current")]


def test_indicators_page_and_a_counting_rule_switch(app_url, page, facts):
    open_page(page, app_url, "indicators")
    expect(heading(page, labels.IND_TITLE)).to_be_visible()
    name, value, unit = facts["valid_inventions_card"]
    expect(metric(page, name)).to_have_text(f"{value:,} {unit}")
    expect(page.get_by_text(FIRST_HOLDER).first).to_be_visible()
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "indicators")

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stExpander").locator("summary").filter(
        has_text=labels.IND_RULE_SETTINGS).click()
    sidebar.get_by_text(labels.IND_RULE_HOLDER_OPTS["any"], exact=True).click()
    expect(page.get_by_text(ANY_HOLDER).first).to_be_visible(timeout=120_000)
    expect(page.get_by_text(FIRST_HOLDER)).to_have_count(0)
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "indicators_any_holder")
