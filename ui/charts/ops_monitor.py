"""Charts of 运营监控: where the region's patents come from and go to (Sankey) and the biggest
players of one side (horizontal bars). Pure builders."""
from __future__ import annotations

import pandas as pd
from pyecharts import options as opts
from pyecharts.charts import Sankey

from core.config import labels
from ui.charts import common
from ui.charts.holders import horizontal_layout
from ui.charts.overview import init, title

FLOW_TOP = 12  # places shown per direction; the rest are summed as 其他地区
PLAYERS_TOP = 10


def flow_places(frame: pd.DataFrame, direction: str, top: int = FLOW_TOP) -> list[tuple]:
    """(place name, transfers) of one direction of an ops_monitor.flows frame, largest first:
    the first `top` places, then the rest summed under 其他地区; unknown places named 地址不明."""
    part = frame[frame["direction"] == direction].sort_values("n", ascending=False, kind="stable")
    pairs = [(name or labels.FLOW_UNKNOWN, int(n)) for name, n in zip(part["name"], part["n"])]
    rest = sum(n for _, n in pairs[top:])
    return pairs[:top] + ([(labels.FLOW_OTHERS, rest)] if rest else [])


def flow_sankey(frame: pd.DataFrame, region: str) -> Sankey:
    """Sources of the transfers into `region` on the left, the region in the middle, the
    destinations of the transfers out of it on the right."""
    nodes, links = [{"name": region}], []
    for place, n in flow_places(frame, "in"):
        node = labels.FLOW_FROM.format(name=place)
        nodes.append({"name": node})
        links.append({"source": node, "target": region, "value": n})
    for place, n in flow_places(frame, "out"):
        node = labels.FLOW_TO.format(name=place)
        nodes.append({"name": node})
        links.append({"source": region, "target": node, "value": n})
    chart = Sankey(init_opts=init("460px")).add(
        labels.OPM_FLOW_COLUMNS["n"], nodes, links, pos_top="70", pos_bottom="20",
        linestyle_opt=opts.LineStyleOpts(opacity=0.35, curve=0.5, color="source"),
        label_opts=opts.LabelOpts(position="right"))
    return chart.set_global_opts(title_opts=title(labels.OPM_FLOWS, labels.CHART_RULE_FLOWS),
                                 tooltip_opts=opts.TooltipOpts(trigger="item"))


def top_players(frame: pd.DataFrame, side: str, top: int = PLAYERS_TOP):
    """Horizontal bars: the events of the first `top` players of a side (an
    ops_monitor.players frame)."""
    head = frame.head(top)
    side_label = labels.OPM_SIDES[side]
    series = {labels.OPM_PLAYER_COLUMNS["events"]: head["events"].tolist()}
    return horizontal_layout(common.bar(head["name"].tolist(), series,
                                        labels.OPM_TOP_CHART.format(side=side_label),
                                        labels.CHART_RULE_OPS, horizontal=True))
