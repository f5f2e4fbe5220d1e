"""Charts of 专利运营统计: events per year (with pledge amounts) and per sub-region. Pure."""
from __future__ import annotations

import pandas as pd
from pyecharts import options as opts
from pyecharts.charts import Line

from core.config import labels
from ui.charts import common
from ui.charts.holders import horizontal_layout, legend_below_title

COUNT_SERIES = ("transfer_in", "transfer_out", "transfer_within", "license", "pledge")


def per_year(frame: pd.DataFrame):
    """Bars of transfers in/out/within, licences and pledges per year, plus a line of pledge
    amounts (万元) on a second y axis (an operations.per_year frame)."""
    years = frame["year"].tolist()
    series = {labels.OPS_YEAR_COLUMNS[c]: frame[c].tolist() for c in COUNT_SERIES}
    chart = common.bar(years, series, labels.OPS_PER_YEAR, labels.CHART_RULE_OPS)
    chart.extend_axis(yaxis=opts.AxisOpts(name=labels.PLEDGE_AMOUNT_WAN, position="right"))
    amounts = [round(v / 10000, 2) for v in frame["pledge_amount"].tolist()]
    line = (Line().add_xaxis([str(y) for y in years])
            .add_yaxis(labels.PLEDGE_AMOUNT_WAN, amounts, yaxis_index=1,
                       label_opts=opts.LabelOpts(is_show=False)))
    return legend_below_title(chart.overlap(line))


def per_subregion(frame: pd.DataFrame):
    """Horizontal stacked bars per sub-region: transfers in and out, licences, pledges."""
    cols = ("transfer_in", "transfer_out", "license", "pledge")
    series = {labels.OPS_SUB_COLUMNS[c]: frame[c].tolist() for c in cols}
    return horizontal_layout(common.bar(frame["name"].fillna(frame["code"]).tolist(), series,
                                        labels.OPS_PER_SUBREGION, labels.CHART_RULE_OPS,
                                        horizontal=True, stacked=True))
