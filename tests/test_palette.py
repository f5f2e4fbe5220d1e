"""ui/charts/palette.polish: every chart on its way to the browser gets one colour per category,
its legend below the plot, room for the title, and all its categories in view."""
import json

from ui.charts import common, overview
from ui.charts import trend as trend_charts
from ui.charts.palette import PATENT_TYPE, polish


def polished(chart) -> dict:
    return polish(json.loads(chart.dump_options()))


def colours(options: dict) -> dict:
    return {s["name"]: s["itemStyle"]["color"] for s in options["series"]
            if (s.get("itemStyle") or {}).get("color")}


def test_a_patent_type_has_one_colour_in_bars_lines_and_pies():
    stacked = polished(trend_charts.by_type_with_yoy(
        [2024, 2025], {"发明": [1, 2], "实用新型": [3, 4], "外观设计": [0, 1]}, [None, 0.5],
        "申请量", "口径", "同比增长"))
    assert {k: colours(stacked)[k] for k in PATENT_TYPE} == PATENT_TYPE
    pie = polished(overview.type_pie([("外观设计", 1), ("发明", 5), ("实用新型", 3)], "构成", "口径"))
    slices = {d["name"]: d["itemStyle"]["color"] for d in pie["series"][0]["data"]}
    assert slices == PATENT_TYPE


def test_one_series_over_categories_colours_each_bar_by_its_category():
    options = polished(overview.operations(["转入", "转出"], [3, 1], "运营", "口径"))
    data = options["series"][0]["data"]
    assert [d["value"] for d in data] == [3, 1]
    assert data[0]["itemStyle"]["color"] != data[1]["itemStyle"]["color"]


def test_the_legend_sits_below_the_plot_and_the_plot_below_title_and_rule():
    options = polished(common.bar(["a", "b"], {"发明": [1, 2], "实用新型": [2, 1]}, "标题", "口径"))
    legend, grid = options["legend"][0], options["grid"][0]
    assert legend["bottom"] == 0 and "top" not in legend
    assert grid["top"] >= 70 and grid["bottom"] >= 40


def test_no_category_is_hidden_behind_a_zoom():
    years = list(range(2000, 2027))
    options = polished(common.bar(years, {"转入": [1] * len(years)}, "历年", "口径"))
    assert [(z["start"], z["end"]) for z in options["dataZoom"]] == [(0, 100)]


def test_count_axes_step_by_whole_numbers_and_bars_stay_narrow():
    options = polished(common.bar(["长桥街道"], {"有效专利": [6]}, "排行", "口径", horizontal=True))
    value_axes = [a for a in options["xAxis"] + options["yAxis"] if not a.get("data")]
    assert [a["minInterval"] for a in value_axes] == [1]
    assert options["series"][0]["barMaxWidth"] == 48


def test_charts_are_drawn_without_animation():
    from pyecharts.charts import Bar
    options = polished(Bar().add_xaxis(["甲"]).add_yaxis("件数", [1]))
    assert options["animation"] is False
