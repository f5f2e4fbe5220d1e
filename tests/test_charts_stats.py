"""Chart builders of 趋势统计, 产业统计 and 区域统计, checked on their ECharts options."""
from __future__ import annotations

import json

from ui.charts import industry, regions, trend


def options(chart) -> dict:
    return json.loads(chart.dump_options())


def ys(series: dict) -> list:
    """Values of a series (line series hold [x, y] pairs)."""
    return [p[1] if isinstance(p, list) else p for p in series["data"]]


def test_trend_stacks_types_and_puts_yoy_percent_on_a_second_axis():
    o = options(trend.by_type_with_yoy([2023, 2024], {"发明": [1, 2], "实用新型": [3, 4]},
                                       [None, 0.5], "申请", "按申请日", "同比"))
    bars = [s for s in o["series"] if s["type"] == "bar"]
    assert [(s["name"], s["stack"], s["data"]) for s in bars] == [
        ("发明", "total", [1, 2]), ("实用新型", "total", [3, 4])]
    line = next(s for s in o["series"] if s["type"] == "line")
    assert line["yAxisIndex"] == 1 and ys(line) == [None, 50.0]
    assert len(o["yAxis"]) == 2


def test_trend_lines_and_pipeline():
    o = options(trend.lines([2023], {"申请人数": [5]}, "t", "r"))
    assert ys(o["series"][0]) == [5]
    o = options(trend.pipeline([2022], {"申请": [9], "授权": [4]}, "t", "r"))
    assert [(s["name"], s["data"]) for s in o["series"]] == [("申请", [9]), ("授权", [4])]


def test_industry_log_trend_turns_zeros_into_gaps():
    o = options(industry.log_trend([2023, 2024], {"新材料": [0, 7]}, "t", "r"))
    assert o["yAxis"][0]["type"] == "log"
    assert ys(o["series"][0]) == [None, 7]


def test_industry_matrix_and_emerging_share():
    o = options(industry.matrix(["新材料", "生物"], ["吴中区"], [(0, 0, 3), (0, 1, 5)], "t", "r"))
    assert o["xAxis"][0]["data"] == ["吴中区"] and o["yAxis"][0]["data"] == ["新材料", "生物"]
    assert o["series"][0]["data"] == [{"name": "吴中区", "value": [0, 0, 3]},
                                      {"name": "吴中区", "value": [0, 1, 5]}]
    assert o["visualMap"]["max"] == 5
    o = options(industry.emerging([2024], [3], [7], [0.3], ("新兴", "传统", "占比"), "t", "r"))
    assert [(s["name"], ys(s)) for s in o["series"]] == [
        ("新兴", [3]), ("传统", [7]), ("占比", [30.0])]


def test_regions_grant_rate_in_percent_and_share_pie():
    o = options(regions.grant_rate(["吴中区", "虎丘区"], [0.5, None], "授权率", "r"))
    assert o["series"][0]["data"] == [50.0, None] and o["yAxis"][0]["max"] == 100
    o = options(regions.share_pie([("吴中区", 2), ("虎丘区", 1)], "占比", "r"))
    assert o["series"][0]["data"] == [{"name": "吴中区", "value": 2}, {"name": "虎丘区", "value": 1}]
