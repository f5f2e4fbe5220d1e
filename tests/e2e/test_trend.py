"""趋势统计 in a browser: the applications chart holds the demo's filings per year and type; a
click on a year's invention bar opens the search for exactly the invention filings of that year,
and finds as many as the bar shows. Screenshot: conftest.SCREENSHOTS."""
from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import expect_url, heading, open_page, result_count, screenshot


def test_trend_applications_and_a_year_click_searches_that_year(app_url, page, facts):
    open_page(page, app_url, "trend")
    expect(heading(page, f"{labels.TREND_TITLE} · {facts['home_name']}")).to_be_visible()
    key = f"tr_apps_year_{facts['home']}"
    shown = charts.data(page, key)
    assert shown["categories"] == facts["application_years"]
    assert {s["name"]: s["data"] for s in shown["series"] if s["type"] == "bar"} == \
        facts["applications_by_type"]
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "trend")

    # the inventions' part of the biggest year's stacked bar: that year's invention filings
    inventions = facts["applications_by_type"][labels.PATENT_TYPE["invention"]]
    index = inventions.index(max(inventions))
    assert shown["series"][0]["name"] == labels.PATENT_TYPE["invention"]
    year = charts.click_item(page, key, index, series=0)
    assert year == facts["application_years"][index]
    expect(result_count(page)).to_have_text(labels.SEARCH_RESULT.format(n=inventions[index]))
    # by filing date: the search leaves the default basis (app) out of its URL
    expect_url(page, "search", {"region": facts["home"], "from": f"{year}-01-01",
                                "to": f"{year}-12-31", "types": "invention",
                                "unpublished": "1"})
    expect(page.get_by_role("combobox", name=labels.FILTER_BASIS)).to_have_value(
        labels.DATE_BASIS["app"])
    charts.no_exception(page)
