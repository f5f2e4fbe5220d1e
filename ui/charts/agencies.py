"""Charts of 代理机构统计: ranking by filings and client mix. Pure builders."""
from __future__ import annotations

import pandas as pd

from core.config import labels
from core.stats.agencies import CLIENT_KINDS
from ui.charts import common
from ui.charts.holders import horizontal_layout


def ranking(frame: pd.DataFrame, top: int = 15):
    """Horizontal bars of filings and valid patents for the first `top` agencies
    (an agencies.ranking frame)."""
    head = frame.head(top)
    series = {labels.AGENCY_COLUMNS["filings"]: head["filings"].tolist(),
              labels.AGENCY_COLUMNS["valid"]: head["valid"].tolist()}
    return horizontal_layout(common.bar(head["name"].tolist(), series, labels.AGENCY_RANKING,
                                        labels.CHART_RULE_AGENCIES, horizontal=True))


def client_mix(frame: pd.DataFrame, top: int = 10):
    """Stacked bars: filings of the first `top` agencies by first holder kind."""
    head = frame.head(top)
    series = {labels.CLIENT_KIND[k]: head[k].tolist() for k in (*CLIENT_KINDS, "other")}
    return horizontal_layout(common.bar(head["name"].tolist(), series,
                                        labels.AGENCY_CLIENT_MIX, labels.CHART_RULE_AGENCIES,
                                        horizontal=True, stacked=True))


def local_share(summary: dict):
    """Pie: filings by local agencies vs the others."""
    local = summary["local_filings"]
    pairs = [(labels.AGENCY_COLUMNS["local"], local),
             (labels.CLIENT_KIND["other"], summary["filings"] - local)]
    return common.pie(pairs, labels.LOCAL_SHARE, labels.CHART_RULE_AGENCIES)
