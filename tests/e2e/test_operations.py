"""专利运营统计 in a browser: the demo's transfers in; a click on a sub-region's bar re-scopes the
page to exactly that sub-region (URL, heading, breadcrumb back home)."""
from __future__ import annotations

from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import db_value, expect_breadcrumb, expect_url, heading, metric, open_page, screenshot


def test_operations_page_and_a_sub_region_click_re_scopes_it(app_url, page, facts, e2e_db):
    open_page(page, app_url, "operations")
    expect(heading(page, labels.OPERATIONS_TITLE)).to_be_visible()
    expect(metric(page, labels.OPS_YEAR_COLUMNS["transfer_in"])).to_have_text(
        f"{facts['transfers_in']:,}")
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "operations")

    name = charts.click_item(page, "ops_sub", 0)
    code = db_value(e2e_db, "SELECT code FROM region WHERE name = ? AND parent_code = ?",
                    name, facts["home"])
    expect_breadcrumb(page, facts["home_name"], name)
    expect_url(page, "operations", {"region": code})
    charts.no_exception(page)
