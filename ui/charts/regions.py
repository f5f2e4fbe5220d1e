"""Chart builders of 区域统计 (pure)."""
from __future__ import annotations

from pyecharts import options as opts
from pyecharts.charts import Bar, Pie

from ui.charts.common import _num
from ui.charts.overview import init, ranking, title

__all__ = ["grant_rate", "ranking", "share_pie"]


def grant_rate(names: list[str], rates: list, text: str, rule: str) -> Bar:
    """Grant rate (%) per sub-region, unknown rates left empty; a click returns the name."""
    chart = (Bar(init_opts=init()).add_xaxis([str(n) for n in names])
             .add_yaxis("", [None if r is None else round(r * 100, 1) for r in rates],
                        label_opts=opts.LabelOpts(is_show=True, position="top",
                                                  formatter="{c}%"))
             .set_global_opts(title_opts=title(text, rule),
                              legend_opts=opts.LegendOpts(is_show=False),
                              yaxis_opts=opts.AxisOpts(name="%", min_=0, max_=100),
                              xaxis_opts=opts.AxisOpts(axislabel_opts=opts.LabelOpts(
                                  interval=0, rotate=30))))
    return chart


def share_pie(pairs: list[tuple[str, float]], text: str, rule: str) -> Pie:
    return (Pie(init_opts=init())
            .add("", [(str(k), _num(v)) for k, v in pairs], radius=["35%", "60%"],
                 center=["50%", "55%"], label_opts=opts.LabelOpts(formatter="{b}: {d}%"))
            .set_global_opts(title_opts=title(text, rule),
                             legend_opts=opts.LegendOpts(is_show=False)))
