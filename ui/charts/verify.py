"""Charts of the verification page (pure builders)."""
from __future__ import annotations

from pyecharts.charts import Pie

from core.config import labels
from ui.charts import common

PLACEMENT_KEYS = ("street", "county", "city", "unplaced")


def placement_pie(numbers: dict) -> Pie:
    """Patents by placement level: street / county only / city only / unplaced."""
    titles = (labels.VERIFY_STATS_STREET, labels.VERIFY_STATS_COUNTY, labels.VERIFY_STATS_CITY,
              labels.VERIFY_STATS_UNPLACED)
    pairs = [(title, numbers[key]) for key, title in zip(PLACEMENT_KEYS, titles)]
    return common.pie(pairs, labels.VERIFY_PLACEMENT_CHART, labels.VERIFY_PLACEMENT_RULE)
