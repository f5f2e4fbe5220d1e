"""Charts of 权利人统计: top holders by valid patents per type, holder kinds. Pure builders."""
from __future__ import annotations

import pandas as pd
from pyecharts import options as opts

from core.config import labels
from core.db.models import PATENT_TYPES
from ui.charts import common

TYPE_COLUMN = {"invention": "valid_invention", "utility": "valid_utility",
               "design": "valid_design"}
# Layout of the horizontal rankings: room for long names on the left, legend under the subtitle.
# tests/e2e click the first bar by these numbers.
GRID_LEFT, GRID_TOP, GRID_BOTTOM = 180, 100, 30  # px
LABEL_WIDTH = 165  # px; longer names are cut with "…" (the tooltip shows them whole)


def horizontal_layout(chart):
    """Fixed grid, legend under the subtitle, names truncated to the room on the left."""
    chart.options.update(grid=opts.GridOpts(pos_left=GRID_LEFT, pos_right="6%",
                                            pos_top=GRID_TOP, pos_bottom=GRID_BOTTOM))
    chart.options["legend"] = [opts.LegendOpts(pos_top=52)]
    axis = chart.options["yAxis"][0]
    (axis.opts if hasattr(axis, "opts") else axis)["axisLabel"] = opts.LabelOpts(
        text_width=LABEL_WIDTH, overflow="truncate")
    return chart


def legend_below_title(chart):
    """Legend under the subtitle and the plot below both (vertical bar / line charts)."""
    chart.options["legend"] = [opts.LegendOpts(pos_top=52)]
    chart.options.update(grid=opts.GridOpts(pos_top=GRID_TOP, pos_bottom=40))
    return chart


def top_holders(frame: pd.DataFrame, top: int = 15):
    """Horizontal stacked bars: the first `top` rows of a holders.holder_stats frame, one series
    per patent type; category = holder name (new holders marked)."""
    head = frame.head(top)
    names = [f"{n} ★" if new else n for n, new in zip(head["name"], head["is_new"])]
    series = {labels.PATENT_TYPE[t]: head[TYPE_COLUMN[t]].tolist() for t in PATENT_TYPES}
    return horizontal_layout(common.bar(names, series, labels.TOP_HOLDERS_BY_TYPE,
                                        labels.CHART_RULE_HOLDERS, horizontal=True, stacked=True))


def kind_split(frame: pd.DataFrame):
    """Pie of valid patents by holder kind (a holders.kind_split frame)."""
    pairs = [(labels.HOLDER_KIND.get(k, k), v) for k, v in zip(frame["kind"], frame["valid"])]
    return common.pie(pairs, labels.HOLDER_KIND_SPLIT, labels.CHART_RULE_HOLDERS)


def holder_name(clicked: str | None) -> str | None:
    """The holder name behind a clicked category (drops the new-holder mark)."""
    return clicked.removesuffix(" ★") if clicked else None
