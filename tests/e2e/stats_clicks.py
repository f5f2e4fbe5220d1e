"""Helpers for the statistics e2e tests: open a page through the sidebar and click chart pixels
(ECharts draws on a canvas; there is no DOM element per bar, tech-notes §5)."""
from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.conftest import wait_idle


def open_from_sidebar(page, title: str, heading: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(title, exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(heading))).to_be_visible(timeout=60000)
    wait_idle(page)
    page.wait_for_timeout(2500)  # chart entry animations


def _wait_for(done, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if done():
                return True
        except Exception:  # the page is re-rendering
            pass
        time.sleep(0.3)
    return False


def click_points(page, canvas_index: int, points, done, wait: float = 10) -> bool:
    """Click each (x, y) fraction of canvas `canvas_index` until `done()` is true."""
    for _ in range(12):  # charts below the fold are mounted once scrolled near
        if page.locator("canvas").count() > canvas_index:
            break
        page.mouse.move(800, 500)
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(1200)
    canvas = page.locator("canvas").nth(canvas_index)
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    for fx, fy in points:
        box = canvas.bounding_box()
        if box is None:  # the chart was replaced: the click before did something
            return _wait_for(done, wait)
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        if _wait_for(done, wait):
            return True
    return False
