"""代理机构统计 in a browser: the demo's agency count; a click on the top agency's bar of valid
patents opens the search pinned to exactly that agency's valid filings, and finds as many as the
bar shows."""
from __future__ import annotations

from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import (
    db_value,
    expect_url,
    heading,
    metric,
    open_page,
    result_count,
    screenshot,
)


def test_agencies_page_and_a_bar_click_searches_that_agency(app_url, page, facts, e2e_db):
    open_page(page, app_url, "agencies")
    expect(heading(page, labels.AGENCIES_TITLE)).to_be_visible()
    expect(metric(page, labels.AGENCY_COUNT)).to_have_text(f"{facts['agencies']:,}")
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "agencies")

    shown = charts.data(page, "ag_rank")
    assert shown["series"][1]["name"] == labels.AGENCY_COLUMNS["valid"]
    valid = shown["series"][1]["data"][0]
    assert valid, "the top agency of the demo has valid patents"
    name = charts.click_item(page, "ag_rank", 0, series=1)
    agency_id = db_value(e2e_db, "SELECT id FROM agency WHERE name = ?", name)
    expect(page.get_by_text(labels.SEARCH_FIXED_AGENCY.format(name=name))).to_be_visible()
    expect(result_count(page)).to_have_text(labels.SEARCH_RESULT.format(n=valid))
    expect_url(page, "search", {"region": facts["home"], "agency_id": str(agency_id),
                                "status": "valid", "unpublished": "1"})
    charts.no_exception(page)
