"""区域统计 in a browser: the ranking shows the demo's counties by valid patents and the
grant-rate definition is stated; a click on a county's bar re-scopes the page to exactly that
county. Screenshot: conftest.SCREENSHOTS."""
from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import (
    db_value,
    expect_breadcrumb,
    expect_url,
    heading,
    open_page,
    query,
    screenshot,
    table_rows,
)


def title(name: str) -> str:
    return f"{labels.REGIONS_TITLE} · {name}"


def test_regions_ranking_and_a_county_click_re_scopes_the_page(app_url, page, facts, e2e_db):
    open_page(page, app_url, "regions")
    expect(heading(page, title(facts["home_name"]))).to_be_visible()
    expect(page.get_by_text(labels.GRANT_RATE_DEFINITION).first).to_be_visible()
    key = f"rg_rank_child_valid_{facts['home']}"
    ranking = charts.data(page, key)
    assert [list(p) for p in zip(ranking["categories"], ranking["series"][0]["data"])] == \
        facts["regions_by_valid"]
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "regions")

    name = charts.click_item(page, key, 0)
    code = db_value(e2e_db, "SELECT code FROM region WHERE name = ? AND parent_code = ?",
                    name, facts["home"])
    expect(heading(page, title(name))).to_be_visible()
    expect_breadcrumb(page, facts["home_name"], name)
    expect_url(page, "regions", {"region": code})
    charts.no_exception(page)


def test_region_comparison_sets_a_county_beside_the_other_counties_of_the_city(app_url, page,
                                                                                facts):
    county = facts["regions_by_valid"][0][0]
    open_page(page, app_url, "regions")
    charts.click_item(page, f"rg_rank_child_valid_{facts['home']}", 0)
    expect(heading(page, title(county))).to_be_visible()
    page.locator(".st-key-rg_level").get_by_role("radio", name=labels.REGIONS_LEVEL["compare"],
                                                 exact=True).click()
    expect(page.get_by_text(labels.REGIONS_COMPARE_PICK, exact=True)).to_be_visible()
    charts.no_exception(page)
    code = query(page.url)[1]["region"]
    ranking = charts.data(page, f"rg_rank_compare_valid_{code}")
    listed = [list(p) for p in zip(ranking["categories"], ranking["series"][0]["data"])]
    assert listed[:len(facts["regions_by_valid"])] == facts["regions_by_valid"]
    rows = table_rows(page, "rg_compare_table")
    assert sorted(r.split("\t")[1] for r in rows) == sorted(n for n, _ in listed)
    screenshot(page, "regions_compare")
