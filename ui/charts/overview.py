"""Chart builders of the 专利概况 big screen (pure: data in, pyecharts chart out). `dark=True`
styles a chart for the kiosk wall screen."""
from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar, Line, Pie

from ui.charts.common import _num

DARK_BG = "#0b1a33"
DARK_TEXT = "#dbe6ff"
PALETTE = ["#3b82f6", "#22c55e", "#f59e0b", "#ef4444", "#a855f7", "#14b8a6", "#eab308"]


def init(height: str = "340px") -> opts.InitOpts:
    return opts.InitOpts(width="100%", height=height)


def title(text: str, rule: str | None, dark: bool = False) -> opts.TitleOpts:
    color = DARK_TEXT if dark else None
    return opts.TitleOpts(title=text, subtitle=rule or "", pos_left="1%",
                          title_textstyle_opts=opts.TextStyleOpts(font_size=15, color=color),
                          subtitle_textstyle_opts=opts.TextStyleOpts(color=color))


LEGEND = opts.LegendOpts(pos_bottom="0%")


def layout(chart, right: int = 16):
    """Grid below the title and subtitle, legend at the bottom (no overlap in half-width)."""
    chart.options["grid"] = [{"top": 70, "bottom": 40, "left": 10, "right": right,
                              "containLabel": True}]
    return chart


def apply_dark(chart, dark: bool):
    """Dark background and light text for the kiosk (options set directly)."""
    if dark:
        chart.options["backgroundColor"] = DARK_BG
        chart.options["textStyle"] = {"color": DARK_TEXT}
        chart.options["color"] = PALETTE
        for axis in ("xAxis", "yAxis"):
            for item in chart.options.get(axis) or []:
                item["axisLabel"] = {"color": DARK_TEXT, "interval": 0}
                item["splitLine"] = {"lineStyle": {"color": "#1e3a8a"}}
        for legend in chart.options.get("legend") or []:
            if isinstance(legend, dict):
                legend["textStyle"] = {"color": DARK_TEXT}
    return chart


def yearly(years: list, applications: list, grants: list, text: str, rule: str,
           series_names: tuple[str, str], dark: bool = False) -> Bar:
    """Applications as bars and grants as a line per year."""
    bar = (Bar(init_opts=init()).add_xaxis([str(y) for y in years])
           .add_yaxis(series_names[0], [_num(v) for v in applications],
                      label_opts=opts.LabelOpts(is_show=False)))
    line = (Line().add_xaxis([str(y) for y in years])
            .add_yaxis(series_names[1], [_num(v) for v in grants], is_smooth=True,
                       label_opts=opts.LabelOpts(is_show=False)))
    bar.set_global_opts(title_opts=title(text, rule, dark), legend_opts=LEGEND,
                        tooltip_opts=opts.TooltipOpts(trigger="axis"))
    return apply_dark(layout(bar.overlap(line)), dark)


def type_pie(pairs: list[tuple[str, float]], text: str, rule: str, dark: bool = False) -> Pie:
    pie = Pie(init_opts=init())
    if pairs:  # pyecharts cannot add an empty series
        pie.add("", [(str(k), _num(v)) for k, v in pairs], radius=["35%", "58%"],
                center=["50%", "56%"], label_opts=opts.LabelOpts(formatter="{b}\n{d}%"))
    pie.set_global_opts(title_opts=title(text, rule, dark),
                        legend_opts=opts.LegendOpts(pos_bottom="0%"))
    return apply_dark(pie, dark)


def ranking(names: list[str], series: dict[str, list], text: str, rule: str,
            dark: bool = False, height: str = "340px") -> Bar:
    """Horizontal ranking bars, largest on top; click returns the category name."""
    chart = Bar(init_opts=init(height)).add_xaxis([str(n) for n in names])
    for name, values in series.items():
        chart.add_yaxis(name, [_num(v) for v in values],
                        label_opts=opts.LabelOpts(is_show=True, position="right"))
    chart.reversal_axis().set_global_opts(
        title_opts=title(text, rule, dark),
        legend_opts=opts.LegendOpts(is_show=len(series) > 1, pos_bottom="0%"),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        yaxis_opts=opts.AxisOpts(is_inverse=True, axislabel_opts=opts.LabelOpts(interval=0)),
        xaxis_opts=opts.AxisOpts(splitline_opts=opts.SplitLineOpts(is_show=False)))
    chart.options["grid"] = [{"left": "3%", "right": "10%", "top": 60,
                              "bottom": 40 if len(series) > 1 else 10, "containLabel": True}]
    return apply_dark(chart, dark)


def operations(labels: list[str], values: list[int], text: str, rule: str,
               dark: bool = False) -> Bar:
    chart = (Bar(init_opts=init()).add_xaxis(labels)
             .add_yaxis("", [_num(v) for v in values], category_gap="40%",
                        label_opts=opts.LabelOpts(is_show=True, position="top"))
             .set_global_opts(title_opts=title(text, rule, dark),
                              legend_opts=opts.LegendOpts(is_show=False)))
    return apply_dark(chart, dark)


def watched(names: list[str], series: dict[str, list], text: str, rule: str,
            dark: bool = False) -> Bar:
    chart = Bar(init_opts=init()).add_xaxis([str(n) for n in names])
    for name, values in series.items():
        chart.add_yaxis(name, [_num(v) for v in values], label_opts=opts.LabelOpts(is_show=False))
    chart.set_global_opts(title_opts=title(text, rule, dark), legend_opts=LEGEND,
                          tooltip_opts=opts.TooltipOpts(trigger="axis"))
    return apply_dark(layout(chart), dark)
