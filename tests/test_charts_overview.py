"""Chart builders of the big screen and the county map, checked on their ECharts options."""
from __future__ import annotations

import json

from ui.charts import maps
from ui.charts import overview as charts


def options(chart) -> dict:
    return json.loads(chart.dump_options())


def ys(series: dict) -> list:
    """Values of a series (line series hold [x, y] pairs)."""
    return [p[1] if isinstance(p, list) else p for p in series["data"]]


def test_yearly_has_bars_for_applications_and_a_line_for_grants():
    o = options(charts.yearly([2023, 2024], [10, 12], [4, 5], "历年", "按申请日", ("申请", "授权")))
    assert o["xAxis"][0]["data"] == ["2023", "2024"]
    assert [(s["type"], s["name"], ys(s)) for s in o["series"]] == [
        ("bar", "申请", [10, 12]), ("line", "授权", [4, 5])]
    assert o["title"][0]["text"] == "历年" and o["title"][0]["subtext"] == "按申请日"


def test_ranking_is_horizontal_with_largest_first():
    o = options(charts.ranking(["吴中区", "虎丘区"], {"有效": [30, 20]}, "排行", "口径"))
    assert o["yAxis"][0]["data"] == ["吴中区", "虎丘区"] and o["yAxis"][0]["inverse"] is True
    assert o["series"][0]["data"] == [30, 20]


def test_dark_mode_sets_background_and_text():
    o = options(charts.type_pie([("发明", 3)], "构成", "口径", dark=True))
    assert o["backgroundColor"] == charts.DARK_BG
    assert o["textStyle"] == {"color": charts.DARK_TEXT}
    assert o["title"][0]["textStyle"]["color"] == charts.DARK_TEXT
    assert "backgroundColor" not in options(charts.type_pie([("发明", 3)], "构成", "口径"))


def test_operations_and_watched_keep_their_values():
    o = options(charts.operations(["转入", "转出"], [3, 1], "运营", "口径"))
    assert o["xAxis"][0]["data"] == ["转入", "转出"] and o["series"][0]["data"] == [3, 1]
    o = options(charts.watched(["苏州市", "吴中区"], {"有效": [9, 4], "有效发明": [3, 1]}, "对比", "r"))
    assert [(s["name"], s["data"]) for s in o["series"]] == [("有效", [9, 4]), ("有效发明", [3, 1])]


def test_county_map_shades_polygons_and_draws_the_park_as_a_point():
    pairs = [("吴中区", 40), ("苏州工业园区", 55), ("虎丘区", 10)]
    o = options(maps.county_map(pairs, "分布", "口径", "有效专利"))
    assert o["geo"]["map"] == maps.MAP_NAME
    shaded, points = o["series"]
    assert shaded["type"] == "map" and shaded["geoIndex"] == 0
    assert shaded["data"] == [{"name": "吴中区", "value": 40}, {"name": "虎丘区", "value": 10}]
    assert points["coordinateSystem"] == "geo"
    assert points["data"] == [{"name": "苏州工业园区", "value": [120.73, 31.32, 55]}]
    assert o["visualMap"]["max"] == 55 and o["visualMap"]["seriesIndex"] == 0


def test_geojson_has_the_nine_polygons_but_not_the_park():
    names = maps.polygon_names()
    assert len(names) == 9 and "吴中区" in names and "苏州工业园区" not in names


def test_the_map_sent_keeps_every_point_within_ten_metres_in_a_smaller_payload():
    shipped = json.loads((maps.GEO_DIR / "suzhou.geojson").read_text(encoding="utf-8"))
    sent = maps.geojson()

    def points(coordinates):
        if isinstance(coordinates[0], (int, float)):
            return [coordinates]
        return [p for c in coordinates for p in points(c)]

    pairs = [(a, b) for f, g in zip(shipped["features"], sent["features"], strict=True)
             for a, b in zip(points(f["geometry"]["coordinates"]),
                             points(g["geometry"]["coordinates"]), strict=True)]
    assert len(pairs) == 8306  # every point of the nine polygons kept
    assert max(abs(x - y) for a, b in pairs for x, y in zip(a, b)) <= 0.00005 + 1e-12  # ~5 m
    assert [f["properties"] for f in sent["features"]] == \
        [f["properties"] for f in shipped["features"]]
    assert len(json.dumps(sent)) < 0.8 * len(json.dumps(shipped))


def test_a_type_pie_without_data_is_an_empty_chart():
    options = json.loads(charts.type_pie([], "专利类型构成", "按第一权利人地址").dump_options())
    assert options["series"] == [] and options["title"][0]["text"] == "专利类型构成"
