"""Generic builders used by every module: bar, stacked bar, line, pie."""
from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar, Line, Pie

INIT = opts.InitOpts(width="100%", height="360px")


def _title(title: str, subtitle: str | None) -> opts.TitleOpts:
    return opts.TitleOpts(title=title, subtitle=subtitle or "",
                          title_textstyle_opts=opts.TextStyleOpts(font_size=15))


def bar(categories: list, series: dict[str, list], title: str, subtitle: str | None = None,
        horizontal: bool = False, stacked: bool = False) -> Bar:
    """Bars for each series over `categories`. Values must be plain python numbers."""
    chart = Bar(init_opts=INIT).add_xaxis([str(c) for c in categories])
    for name, values in series.items():
        chart.add_yaxis(name, [_num(v) for v in values], stack="total" if stacked else None,
                        label_opts=opts.LabelOpts(is_show=False))
    if horizontal:
        chart.reversal_axis()
    return chart.set_global_opts(
        title_opts=_title(title, subtitle),
        legend_opts=opts.LegendOpts(is_show=len(series) > 1, pos_top="8%"),
        tooltip_opts=opts.TooltipOpts(trigger="axis"),
        yaxis_opts=opts.AxisOpts(is_inverse=horizontal),
        datazoom_opts=[opts.DataZoomOpts(type_="inside")] if len(categories) > 20 else None,
    )


def line(categories: list, series: dict[str, list], title: str, subtitle: str | None = None,
         log_axis: bool = False) -> Line:
    chart = Line(init_opts=INIT).add_xaxis([str(c) for c in categories])
    for name, values in series.items():
        chart.add_yaxis(name, [_num(v) for v in values], is_smooth=True,
                        label_opts=opts.LabelOpts(is_show=False))
    return chart.set_global_opts(
        title_opts=_title(title, subtitle), tooltip_opts=opts.TooltipOpts(trigger="axis"),
        legend_opts=opts.LegendOpts(pos_top="8%"),
        yaxis_opts=opts.AxisOpts(type_="log" if log_axis else "value"))


def pie(pairs: list[tuple[str, float]], title: str, subtitle: str | None = None) -> Pie:
    data = [(str(k), _num(v)) for k, v in pairs]
    return (Pie(init_opts=INIT)
            .add("", data, radius=["40%", "68%"], center=["50%", "58%"],
                 label_opts=opts.LabelOpts(formatter="{b}\n{c}（{d}%）"))
            .set_global_opts(title_opts=_title(title, subtitle),
                             legend_opts=opts.LegendOpts(pos_bottom="0%")))


def _num(value):
    if value is None:
        return 0
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else round(as_float, 4)
