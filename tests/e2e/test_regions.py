"""区域统计 in a browser: the ranking shows the demo's counties by valid patents and the
grant-rate definition is stated; a click on a county's bar re-scopes the page to exactly that
county. Screenshot in docs/screenshots/."""
from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import db_value, expect_breadcrumb, expect_url, heading, open_page, screenshot


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
