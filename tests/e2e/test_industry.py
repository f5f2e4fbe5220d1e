"""产业统计 in a browser: the summary lists the demo's industries; a click on a cell of the
industry × sub-region matrix re-scopes the page to exactly that cell's sub-region; a click on a
bar of the summary's second series searches what that bar counts. The demo
itself assigns the shipped industries (as an import or the nightly job does)."""
from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import (
    db_value,
    expect_breadcrumb,
    expect_url,
    heading,
    open_page,
    result_count,
    screenshot,
)


def title(name: str) -> str:
    return f"{labels.INDUSTRY_TITLE} · {name}"


def test_industry_summary_and_a_matrix_click_re_scopes_the_page(app_url, page, facts, e2e_db):
    open_page(page, app_url, "industry")
    expect(heading(page, title(facts["home_name"]))).to_be_visible()
    assert charts.data(page, f"in_sum_{facts['home']}")["categories"] == facts["industries"]
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "industry")

    name = charts.click_item(page, f"in_matrix_{facts['home']}", 0)
    code = db_value(e2e_db, "SELECT code FROM region WHERE name = ? AND parent_code = ?",
                    name, facts["home"])
    expect(heading(page, title(name))).to_be_visible()
    expect_breadcrumb(page, facts["home_name"], name)
    expect_url(page, "industry", {"region": code})
    charts.no_exception(page)


def test_a_bar_of_the_valid_series_searches_exactly_the_patents_it_counts(app_url, page, facts,
                                                                          e2e_db):
    """The summary's second series (valid patents now): a click on one of its bars opens the
    search for that industry's valid patents, and the search finds as many as the bar says."""
    open_page(page, app_url, "industry")
    key = f"in_sum_{facts['home']}"
    shown = charts.data(page, key)
    assert shown["series"][1]["name"] == labels.VALID_COUNT
    values = shown["series"][1]["data"]
    index = max(range(len(values)), key=lambda i: (values[i] or 0, -i))
    assert values[index], "the demo has valid patents in some industry"
    name = charts.click_item(page, key, index, series=1)
    assert name == shown["categories"][index]
    code = db_value(e2e_db, "SELECT code FROM industry WHERE name = ? AND "
                    "(parent_code IS NULL OR parent_code = '')", name)
    expect(result_count(page)).to_have_text(f"共 {values[index]:,} 件")
    expect_url(page, "search", {"region": facts["home"], "industry": code, "status": "valid",
                                "unpublished": "1"})
    charts.no_exception(page)
