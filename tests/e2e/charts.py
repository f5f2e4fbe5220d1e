"""Charts in the browser tests: clicks fired through ECharts itself, on the element ECharts drew
for a data item, and the exact filter they lead to.

streamlit-echarts 0.7 renders in the page DOM (a components-v2 component, no iframe) and keeps
its `echarts` namespace private. `expose_echarts(context)` adds the init script echarts_probe.js,
which learns every ECharts instance as it is made and reaches a chart with
`__echarts__.getInstanceByDom(...)`."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

PROBE = Path(__file__).with_name("echarts_probe.js")


def expose_echarts(context) -> None:
    """Every page of `context` runs the probe (echarts_probe.js) before the app's scripts."""
    context.add_init_script(path=str(PROBE))


def settled(page, key: str) -> None:
    """Wait until the chart shown with key=`key` is drawn and its animation has ended."""
    page.locator(f".st-key-{key}").scroll_into_view_if_needed()
    page.wait_for_function("key => __e2eChartSettled(key)", arg=key)


def all_settled(page) -> None:
    """Wait until every chart on the page is drawn and still (before a screenshot)."""
    page.wait_for_function("() => __e2eAllSettled()")


def data(page, key: str) -> dict:
    """{"background", "categories": [...], "series": [{"name", "type", "data"}, ...]} of a
    settled chart."""
    settled(page, key)
    return page.evaluate("key => __e2eChartData(key)", key)


def click_item(page, key: str, index: int, series: int | None = None) -> str:
    """Click the element ECharts drew for data item `index` (of series number `series`, else of
    the first that draws it) with the mouse (ECharts hit-tests it and fires the chart's click
    handler); return the name the click reports."""
    settled(page, key)
    item = page.evaluate("([key, index, s]) => __e2eChartItem(key, index, s)",
                         [key, index, series])
    assert item, f"chart {key} draws no element for item {index}"
    page.locator(f".st-key-{key} .echarts-container").click(
        position={"x": item["x"], "y": item["y"]})
    return item["name"]


def no_exception(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


async def expose_echarts_async(context) -> None:
    """expose_echarts for Playwright's async API (bench/sessions.py)."""
    await context.add_init_script(path=str(PROBE))
