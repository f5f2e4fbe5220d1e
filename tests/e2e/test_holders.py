"""权利人统计 in a browser: the demo's holder count; a click on a holder's invention bar opens
the search pinned to exactly that holder's valid inventions, and finds as many as the bar
shows."""
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


def test_holders_page_and_a_bar_click_searches_that_holder(app_url, page, facts, e2e_db):
    open_page(page, app_url, "holders")
    expect(heading(page, labels.HOLDERS_TITLE)).to_be_visible()
    expect(metric(page, labels.HOLDERS_COUNT)).to_have_text(f"{facts['holders']:,}")
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "holders")

    shown = charts.data(page, "hs_top")
    assert shown["series"][0]["name"] == labels.PATENT_TYPE["invention"]
    inventions = shown["series"][0]["data"]
    index = inventions.index(max(inventions))
    assert inventions[index], "a top holder of the demo has valid inventions"
    name = charts.click_item(page, "hs_top", index, series=0).removesuffix(" ★")
    holder_id = db_value(e2e_db, "SELECT id FROM holder WHERE name = ?", name)
    expect(page.get_by_text(labels.SEARCH_FIXED_FIRST_HOLDER.format(name=name))).to_be_visible()
    expect(result_count(page)).to_have_text(labels.SEARCH_RESULT.format(n=inventions[index]))
    expect_url(page, "search", {"region": facts["home"], "first_holder_id": str(holder_id),
                                "status": "valid", "types": "invention", "unpublished": "1"})
    charts.no_exception(page)
