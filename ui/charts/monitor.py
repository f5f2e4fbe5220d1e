"""Pure chart builders of the monitoring pages (指标分析, 年费预警, 届满通知, 失效分析).

Each takes plain python lists / numbers (no DataFrames) and returns a pyecharts chart whose
subtitle states the counting rule.
"""
from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar, Line

from ui.charts.common import INIT, _num, _title, bar, pie

MET_COLOR = "#3ba272"
MISS_COLOR = "#ee6666"
TARGET_COLOR = "#fc8452"


def counts_bar(categories: list[str], values: list, title: str, rule: str,
               series_name: str) -> Bar:
    """One series of counts over categories (states, reasons …)."""
    return bar(categories, {series_name: values}, title, rule)


def stacked(categories: list[str], series: dict[str, list], title: str, rule: str,
            horizontal: bool = False) -> Bar:
    """Stacked bars (e.g. sub-regions × states, months × types)."""
    return bar(categories, series, title, rule, horizontal=horizontal, stacked=True)


def share_pie(pairs: list[tuple[str, float]], title: str, rule: str):
    return pie(pairs, title, rule)


def versus_target(names: list[str], values: list, target: float | None, title: str, rule: str,
                  series_name: str, target_name: str) -> Bar:
    """Bars per sub-region coloured by whether they reach `target`, with the target as a line."""
    data = []
    for value in values:
        number = _num(value)
        color = MET_COLOR if target is None or number >= target else MISS_COLOR
        data.append(opts.BarItem(name="", value=number, itemstyle_opts=opts.ItemStyleOpts(color=color)))
    mark = None
    if target is not None:
        mark = opts.MarkLineOpts(data=[opts.MarkLineItem(y=_num(target), name=target_name)],
                                 linestyle_opts=opts.LineStyleOpts(color=TARGET_COLOR, type_="dashed"),
                                 label_opts=opts.LabelOpts(formatter=f"{target_name} {{c}}"))
    chart = (Bar(init_opts=INIT).add_xaxis([str(n) for n in names])
             .add_yaxis(series_name, data, markline_opts=mark,
                        label_opts=opts.LabelOpts(is_show=False)))
    return chart.set_global_opts(
        title_opts=_title(title, rule), legend_opts=opts.LegendOpts(is_show=False),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        xaxis_opts=opts.AxisOpts(axislabel_opts=opts.LabelOpts(rotate=30 if len(names) > 8 else 0)),
        datazoom_opts=[opts.DataZoomOpts(type_="inside")] if len(names) > 20 else None)


def progress(months: list[str], actual: list, target: float | None, projection: list | None,
             title: str, rule: str, names: dict[str, str], pace_from: float = 0) -> Line:
    """Cumulative value by month against the straight-line path from `pace_from` to the year's
    target, plus the projected path to year end. `names` keys: actual, pace, projection."""
    chart = Line(init_opts=INIT).add_xaxis(months)
    chart.add_yaxis(names["actual"], [None if v is None else _num(v) for v in actual],
                    label_opts=opts.LabelOpts(is_show=False), is_connect_nones=False)
    if target is not None:
        step = (target - pace_from) / len(months)
        pace = [_num(round(pace_from + step * (i + 1), 4)) for i in range(len(months))]
        chart.add_yaxis(names["pace"], pace, label_opts=opts.LabelOpts(is_show=False),
                        linestyle_opts=opts.LineStyleOpts(type_="dashed", color=TARGET_COLOR),
                        itemstyle_opts=opts.ItemStyleOpts(color=TARGET_COLOR), is_symbol_show=False)
    if projection is not None:
        chart.add_yaxis(names["projection"], [None if v is None else _num(v) for v in projection],
                        label_opts=opts.LabelOpts(is_show=False),
                        linestyle_opts=opts.LineStyleOpts(type_="dotted"))
    return chart.set_global_opts(title_opts=_title(title, rule),
                                 tooltip_opts=opts.TooltipOpts(trigger="axis"),
                                 legend_opts=opts.LegendOpts(pos_top="8%"))


def completion_bars(names: list[str], rates: list, title: str, rule: str,
                    series_name: str) -> Bar:
    """Completion rates (%) per indicator as horizontal bars with a 100 % line."""
    data = []
    for rate in rates:
        number = None if rate is None else _num(round(float(rate), 1))
        color = MET_COLOR if number is not None and number >= 100 else MISS_COLOR
        data.append(opts.BarItem(name="", value=number, itemstyle_opts=opts.ItemStyleOpts(color=color)))
    mark = opts.MarkLineOpts(data=[opts.MarkLineItem(x=100, name="100%")],
                             linestyle_opts=opts.LineStyleOpts(color=TARGET_COLOR, type_="dashed"))
    chart = (Bar(init_opts=INIT).add_xaxis([str(n) for n in names])
             .add_yaxis(series_name, data, markline_opts=mark,
                        label_opts=opts.LabelOpts(is_show=True, position="right",
                                                  formatter="{c}%"))
             .reversal_axis())
    return chart.set_global_opts(title_opts=_title(title, rule),
                                 legend_opts=opts.LegendOpts(is_show=False),
                                 yaxis_opts=opts.AxisOpts(is_inverse=True),
                                 tooltip_opts=opts.TooltipOpts(trigger="axis"))
