"""Chart of 申请质量监测: the invention grant, rejection and withdrawal rates of the biggest
filers. Pure builder."""
from __future__ import annotations

import pandas as pd

from core.config import labels
from ui.charts import common
from ui.charts.holders import horizontal_layout

TOP = 15
RATES = ("grant_rate", "rejection_rate", "withdrawal_rate")


def rates(frame: pd.DataFrame, top: int = TOP):
    """Horizontal stacked bars (%) of the first `top` rows by filings of a quality.ranking
    frame; a subject without closed cases shows no bar."""
    head = frame.sort_values(["filings", "subject_id"], ascending=[False, True]).head(top)
    series = {labels.QUALITY_SORTS[r]: [None if pd.isna(v) else round(v * 100, 1)
                                        for v in head[r]] for r in RATES}
    return horizontal_layout(common.bar(head["name"].tolist(), series,
                                        labels.QUALITY_CHART.format(n=len(head)),
                                        labels.CHART_RULE_QUALITY, horizontal=True,
                                        stacked=True))
