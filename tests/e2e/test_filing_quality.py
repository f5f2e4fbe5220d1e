"""申请质量监测 in a real browser on the e2e demo: holders and agencies ranked with their rates and
warnings, without errors; switching to agencies and to warned-only narrows the table."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, wait_session


def test_filing_quality_ranks_holders_and_agencies(app_url, page):
    login(page, app_url, "viewer")
    page.get_by_test_id("stSidebar").get_by_role("link", name="申请质量监测", exact=True).click()
    wait_session(page)
    expect(page.get_by_role("heading", name="申请质量监测")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("参与排名：期内申请 ≥ 20 件", exact=False)).to_be_visible()
    page.get_by_role("radiogroup", name="监测对象").get_by_text("代理机构").click()
    wait_session(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric").filter(has_text="参与排名")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(page.locator(".st-key-fq_rates_agency")).to_be_visible()
    page.get_by_text("只看有预警的").click()
    wait_session(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "filing_quality")
