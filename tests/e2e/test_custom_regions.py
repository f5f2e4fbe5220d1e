"""自定义区划 in a real browser, on a copy of the e2e demo: an admin builds a region of a county,
a street inside it and a street of another county (the form's street list, filled after the
counties are chosen, says 请选择, not Streamlit's English), saves it, and 专利创造指标分析 of the new
region shows the valid inventions the patent table holds there (the live count: each patent
once, the street inside the county not twice)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from playwright.sync_api import expect

from core.config import labels
from tests.e2e.conftest import (
    ROOT,
    _env,
    metric,
    open_page,
    screenshot,
    wait_run_finished,
)

LIVE = """
import datetime as dt, json, sys
from core.db import connect
connect(sys.argv[1])
from core.cubes import indicator
from core.stats import indicators
indicator.usable = lambda *a: False  # the patent table, not the cube
day = dt.date.today()
print(json.dumps(indicators.compute(sys.argv[2], day.year, None, day).get("valid_inventions").value))
"""


def _picker(page, label: str):
    return page.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text(label, exact=True)).first


def _choose(page, label: str, prefix: str = "") -> str:
    """Pick the first entry of the multiselect `label` starting with `prefix` (全选 left out);
    its text. The list is drawn again by the run each pick starts: a click that lands on the
    list being replaced picks nothing, so a pick not shown once the run is over is made again."""
    picker = _picker(page, label)
    options = page.get_by_role("option")
    for _ in range(5):
        wait_run_finished(page)
        picker.locator("input").click()
        try:
            expect(options.first).to_be_visible(timeout=3_000)
        except AssertionError:
            page.keyboard.press("Escape")
            continue
        text = next(t for t in options.all_inner_texts()
                    if t.startswith(prefix) and t != labels.STREAMLIT_TEXTS["Select all"])
        options.filter(has_text=text).first.click()
        page.keyboard.press("Escape")
        wait_run_finished(page)
        try:
            expect(picker.get_by_text(text, exact=True)).to_be_visible(timeout=5_000)
            return text
        except AssertionError:
            continue
    raise AssertionError(f"{label}: nothing starting with {prefix!r} could be picked")


def test_an_admin_makes_a_region_and_its_indicators_count_each_patent_once(copy_server, page,
                                                                         e2e_db):
    base, copy = copy_server  # the test adds a region
    url = f"sqlite:///{copy}"
    open_page(page, base, "custom_regions", role="admin")
    page.get_by_label(labels.CUSTOM_NAME).first.fill("核对片区")
    first = _choose(page, labels.CUSTOM_COUNTIES)
    second = _choose(page, labels.CUSTOM_COUNTIES)
    streets = _picker(page, labels.CUSTOM_STREETS).locator("input")
    expect(streets).to_have_attribute("placeholder", labels.CHOOSE)  # not "Choose options"
    _choose(page, labels.CUSTOM_STREETS, first)  # a street inside the county chosen whole
    _choose(page, labels.CUSTOM_STREETS, second)
    assert _choose(page, labels.CUSTOM_WHOLE_COUNTIES, first) == first
    page.get_by_role("button", name=labels.CUSTOM_SAVE).first.click()
    saved = page.get_by_text(re.compile(labels.CUSTOM_SAVED.format(code=r"C\d+")))
    expect(saved).to_be_visible()
    code = re.search(r"C\d+", saved.inner_text()).group(0)
    screenshot(page, "custom_regions")

    live = subprocess.run([sys.executable, "-c", LIVE, url, code], cwd=ROOT,
                          env=_env(e2e_db[1], url), check=True, capture_output=True, text=True)
    valid = json.loads(live.stdout)
    assert valid > 0
    open_page(page, base, f"indicators?region={code}", role="admin")
    item = labels.INDICATOR["valid_inventions"]
    expect(metric(page, item)).to_have_text(f"{int(valid):,} 件")
    screenshot(page, "indicators_custom_region")
