"""运营监控 in a real browser, on a copy of the e2e demo with the alert job run at a threshold of
one transfer: the sidebar links the outflow alerts to the page, the page shows the period's
numbers, players and flows, and a checker ticks an outflow alert in the table and acknowledges
it."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    ROOT,
    copy_db,
    login,
    screenshot,
    start_server,
    stop_server,
    table_rows,
    tick_row,
    wait_session,
)

_ALERTS = """
import datetime as dt, sys
from core import db
from core.config import params
from core.monitor import alerts
db.connect(sys.argv[1])
params.set_value("transfer_out_alert", {"min_transfers": 1}, region_code="3205")
print(alerts.refresh("3205", dt.datetime.now())["holder_outflow"]["opened"])
"""


@pytest.fixture
def alerted_server(e2e_db, tmp_path):
    """A server on a copy of the e2e database whose outflow alerts were refreshed."""
    data_dir = e2e_db[1]
    copy_url = copy_db(e2e_db, tmp_path / "ops.db")
    opened = subprocess.run([sys.executable, "-c", _ALERTS, copy_url], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.split()[-1]
    proc, base = start_server(copy_url, data_dir)
    yield base, int(opened)
    stop_server(proc)


def test_ops_monitor_shows_the_period_and_a_checker_acknowledges_an_alert(alerted_server, page):
    base, opened = alerted_server
    assert opened > 0
    login(page, base, "checker")
    sidebar = page.get_by_test_id("stSidebar")
    link = sidebar.get_by_role("link", name=re.compile(r"^权利人大量转出 \d+$"))
    expect(link).to_have_text(f"权利人大量转出 {opened}")
    link.click()
    wait_session(page)
    expect(page.get_by_role("heading", name="运营监控")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^统计期间：\d{4}-01-01 至 "))).to_be_visible()
    for title in ("转出预警（本期）", "预警处理", "运营大户"):
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator(".st-key-opm_flows")).to_be_visible()
    acknowledge = page.locator(".st-key-opm_acked").get_by_role("button", name="确认")
    expect(acknowledge).to_be_disabled()
    rows = table_rows(page, "opm_table_open_0")
    outflow = next(i for i, row in enumerate(rows) if row.startswith("权利人大量转出\t"))
    holder = rows[outflow].split("\t")[1]
    tick_row(page, "opm_table_open_0", outflow)
    expect(page.get_by_text("已勾选 1 条")).to_be_visible()
    acknowledge.click()
    expect(page.get_by_text("已更新 1 条预警")).to_be_visible()
    remaining = sidebar.get_by_role("link", name=re.compile(r"^权利人大量转出"))
    if opened > 1:
        expect(remaining).to_have_text(f"权利人大量转出 {opened - 1}")
    else:
        expect(remaining).to_have_count(0)
    assert holder not in "\n".join(table_rows(page, "opm_table_open_1"))
    screenshot(page, "ops_monitor")
