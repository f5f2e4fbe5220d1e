"""专利概况 in a browser: the demo's published and valid counts; a click on a sub-region's bar
re-scopes the whole screen to exactly that sub-region and the breadcrumb leads back; kiosk mode
renders dark and full width. Screenshots: conftest.SCREENSHOTS."""
import re

from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import (
    db_value,
    expect_breadcrumb,
    expect_url,
    heading,
    metric,
    open_page,
    screenshot,
)
from ui.charts.overview import DARK_BG


def title(name: str) -> str:
    return f"{labels.OVERVIEW} · {name}"


def test_overview_and_a_sub_region_click_re_scopes_the_screen(app_url, page, facts, e2e_db):
    open_page(page, app_url, "")
    expect(heading(page, title(facts["home_name"]))).to_be_visible()
    expect(metric(page, labels.TOTAL_PUBLISHED)).to_have_text(f"{facts['published']:,}")
    expect(metric(page, labels.TOTAL_VALID)).to_have_text(f"{facts['valid']:,}")
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "overview")

    name = charts.click_item(page, f"ov_sub_{facts['home']}", 0)
    code = db_value(e2e_db, "SELECT code FROM region WHERE name = ? AND parent_code = ?",
                    name, facts["home"])
    expect(heading(page, title(name))).to_be_visible()
    expect_breadcrumb(page, facts["home_name"], name)
    expect_url(page, "", {"region": code})
    charts.no_exception(page)

    page.get_by_role("button", name=facts["home_name"], exact=True).click()
    expect(heading(page, title(facts["home_name"]))).to_be_visible()
    expect_url(page, "", {"region": facts["home"]})


def test_overview_kiosk_mode_is_dark_and_full_width(app_url, page, facts):
    open_page(page, app_url, "")
    page.get_by_role("button", name=labels.KIOSK_ON).click()
    expect(page.get_by_role("button", name=labels.KIOSK_OFF)).to_be_visible()
    expect_url(page, "", {"region": facts["home"], "kiosk": "1"})
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_text(re.compile(labels.DATA_UPDATED_AT))).to_be_visible()
    assert charts.data(page, f"ov_sub_{facts['home']}")["background"] == DARK_BG
    page.get_by_role("button", name=labels.KIOSK_OFF).scroll_into_view_if_needed()
    charts.all_settled(page)
    screenshot(page, "overview_kiosk")



CUT_TEXT = """() => {
  const bar = document.querySelector('.st-key-scope_bar');
  const right = bar.getBoundingClientRect().right;
  const cut = [];
  for (const el of bar.querySelectorAll('input, label, p, button')) {
    const text = el.tagName === 'INPUT' ? el.value : el.innerText;
    if (!text || !text.trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right + 1)
      cut.push(text.trim());
  }
  return cut;
}"""


def test_the_filter_bar_shows_every_field_whole_on_a_laptop_screen(app_url, page):
    page.set_viewport_size({"width": 1280, "height": 720})  # the sidebar open beside it
    open_page(page, app_url, "")
    expect(page.get_by_role("combobox", name=labels.FILTER_BASIS)).to_have_value(
        labels.DATE_BASIS["app"])
    assert page.evaluate(CUT_TEXT) == []
