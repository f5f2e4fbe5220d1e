"""Chart builders of 产业统计 (pure)."""
from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar, HeatMap, Line

from core.config import labels
from ui.charts.common import _num
from ui.charts.overview import LEGEND, init, layout, ranking, title

__all__ = ["SERIES", "emerging", "log_trend", "matrix", "ranking", "summary"]

# The summary's series: name → the core.stats.industry.summary column (and ui.clicks.MEASURES
# key) it shows.
SERIES = {labels.APPLICATIONS: "applications", labels.VALID_COUNT: "valid",
          labels.VALID_INV_COUNT: "valid_inventions"}


def summary(names: list[str], series: dict[str, list], text: str, rule: str) -> Bar:
    """Grouped horizontal bars per industry; a click returns the series and the industry name
    (ui.echarts.CLICK_SERIES)."""
    return ranking(names, series, text, rule, height="420px")


def log_trend(years: list, series: dict[str, list], text: str, rule: str) -> Line:
    """One line per industry on a logarithmic axis (zeros become gaps: log 0 is undefined)."""
    chart = Line(init_opts=init("420px")).add_xaxis([str(y) for y in years])
    for name, values in series.items():
        chart.add_yaxis(name, [_num(v) if v else None for v in values], is_smooth=True,
                        label_opts=opts.LabelOpts(is_show=False))
    return chart.set_global_opts(
        title_opts=title(text, rule), tooltip_opts=opts.TooltipOpts(trigger="axis"),
        legend_opts=opts.LegendOpts(type_="scroll", pos_bottom="0%"),
        yaxis_opts=opts.AxisOpts(type_="log", log_base=10, min_=1))


def matrix(industries: list[str], regions: list[str], cells: list[tuple[int, int, int]],
           text: str, rule: str) -> HeatMap:
    """Industry (y) × sub-region (x) heat map; cells are (x index, y index, value).
    A click returns the cell's region name."""
    top = max([v for _, _, v in cells] or [1]) or 1
    chart = (HeatMap(init_opts=init(f"{max(320, 40 * len(industries) + 120)}px"))
             .add_xaxis(regions)
             .add_yaxis("", industries, [[x, y, _num(v)] for x, y, v in cells],
                        label_opts=opts.LabelOpts(is_show=True, position="inside"))
             .set_global_opts(title_opts=title(text, rule),
                              visualmap_opts=opts.VisualMapOpts(min_=0, max_=top,
                                                                orient="horizontal",
                                                                pos_left="center",
                                                                pos_bottom="0%"),
                              xaxis_opts=opts.AxisOpts(axislabel_opts=opts.LabelOpts(
                                  interval=0, rotate=30)),
                              yaxis_opts=opts.AxisOpts(is_inverse=True),
                              legend_opts=opts.LegendOpts(is_show=False)))
    chart.options["grid"] = [{"left": "3%", "right": "3%", "top": 60, "bottom": 70,
                              "containLabel": True}]
    # named cells: a click returns the sub-region's name
    chart.options["series"][0]["data"] = [{"name": regions[x], "value": [x, y, _num(v)]}
                                          for x, y, v in cells]
    return chart


def emerging(years: list, emerging_: list, traditional: list, share: list, names: tuple,
             text: str, rule: str) -> Bar:
    """Stacked bars (emerging, traditional) and the emerging share (%) on a second axis."""
    cats = [str(y) for y in years]
    bar = (Bar(init_opts=init()).add_xaxis(cats)
           .add_yaxis(names[0], [_num(v) for v in emerging_], stack="s",
                      label_opts=opts.LabelOpts(is_show=False))
           .add_yaxis(names[1], [_num(v) for v in traditional], stack="s",
                      label_opts=opts.LabelOpts(is_show=False))
           .extend_axis(yaxis=opts.AxisOpts(type_="value", name="%", min_=0, max_=100,
                                            position="right")))
    line = (Line().add_xaxis(cats)
            .add_yaxis(names[2], [None if s is None else round(s * 100, 1) for s in share],
                       yaxis_index=1, label_opts=opts.LabelOpts(is_show=False)))
    bar.set_global_opts(title_opts=title(text, rule), legend_opts=LEGEND,
                        tooltip_opts=opts.TooltipOpts(trigger="axis"))
    return layout(bar.overlap(line), right=40)
