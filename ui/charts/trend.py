"""Chart builders of 趋势统计 (pure)."""
from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar, Line

from ui.charts.common import _num
from ui.charts.overview import LEGEND, init, layout, title


def by_type_with_yoy(periods: list, series: dict[str, list], yoy: list, text: str, rule: str,
                     yoy_name: str) -> Bar:
    """Stacked bars per type and the year-on-year growth (%) as a line on a second axis.
    A click returns the period."""
    cats = [str(p) for p in periods]
    bar = Bar(init_opts=init("380px")).add_xaxis(cats)
    for name, values in series.items():
        bar.add_yaxis(name, [_num(v) for v in values], stack="total",
                      label_opts=opts.LabelOpts(is_show=False))
    bar.extend_axis(yaxis=opts.AxisOpts(type_="value", name="%", position="right",
                                        splitline_opts=opts.SplitLineOpts(is_show=False)))
    line = (Line().add_xaxis(cats)
            .add_yaxis(yoy_name, [None if v is None else round(v * 100, 1) for v in yoy],
                       yaxis_index=1, is_smooth=True, is_connect_nones=False,
                       label_opts=opts.LabelOpts(is_show=False)))
    bar.set_global_opts(title_opts=title(text, rule),
                        legend_opts=LEGEND,
                        tooltip_opts=opts.TooltipOpts(trigger="axis"),
                        datazoom_opts=[opts.DataZoomOpts(type_="inside")] if len(cats) > 24
                        else None)
    return layout(bar.overlap(line), right=40)


def lines(periods: list, series: dict[str, list], text: str, rule: str,
          area: bool = False) -> Line:
    chart = Line(init_opts=init()).add_xaxis([str(p) for p in periods])
    for name, values in series.items():
        chart.add_yaxis(name, [_num(v) for v in values], is_smooth=True,
                        label_opts=opts.LabelOpts(is_show=False),
                        areastyle_opts=opts.AreaStyleOpts(opacity=0.15 if area else 0))
    return layout(chart.set_global_opts(title_opts=title(text, rule), legend_opts=LEGEND,
                                        tooltip_opts=opts.TooltipOpts(trigger="axis")))


def pipeline(periods: list, stages: dict[str, list], text: str, rule: str) -> Bar:
    """Grouped bars per filing-year cohort: filed, published, examined, granted."""
    chart = Bar(init_opts=init()).add_xaxis([str(p) for p in periods])
    for name, values in stages.items():
        chart.add_yaxis(name, [_num(v) for v in values], label_opts=opts.LabelOpts(is_show=False))
    return layout(chart.set_global_opts(title_opts=title(text, rule), legend_opts=LEGEND,
                                        tooltip_opts=opts.TooltipOpts(trigger="axis")))
