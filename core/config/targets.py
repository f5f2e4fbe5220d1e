"""Indicator targets (parameter `target`) per region and year, keyed by the indicator keys of
core.stats.indicators (labels.INDICATOR, in that order). Keys of earlier versions
(defaults.TARGET_ALIASES) are read as today's keys; a saved version always holds today's keys."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

from core.config import defaults, labels, params
from core.db.models import Parameter

KEY = "target"
# (lowest, highest) allowed target; the others must be above 0
LIMITS = {"applications_growth_pct": (-100.0, 1000.0),
          "invention_applications_share_pct": (0.0, 100.0), "quality": (0.0, 100.0)}
HIGHEST = 1e9


def indicator_keys() -> list[str]:
    return list(labels.INDICATOR)


def canonical(value: dict | None) -> dict[str, float]:
    """`value` with the keys of earlier versions renamed to today's."""
    return {defaults.TARGET_ALIASES.get(k, k): v for k, v in (value or {}).items()}


def current(region: str, year: int | None) -> dict[str, float]:
    """The targets stored for exactly this region and year (no default, no standing targets)."""
    return canonical(params.get(KEY, region, year))


def check(value: Any) -> dict[str, float]:
    """The targets with today's keys; ValueError (Chinese) for an unknown key or a bad number."""
    if not isinstance(value, dict):
        raise ValueError(labels.PARAM_NOT_OBJECT)
    clean = {}
    for key, target in canonical(value).items():
        if key not in labels.INDICATOR:
            raise ValueError(labels.PARAM_UNKNOWN_FIELD.format(
                field=key, allowed="、".join(labels.INDICATOR.values())))
        clean[key] = _check_one(key, target)
    return clean


def _check_one(key: str, target: Any) -> float:
    name, unit = labels.INDICATOR[key], labels.INDICATOR_UNIT[key]
    if isinstance(target, bool) or not isinstance(target, (int, float)) or \
            not math.isfinite(target):
        raise ValueError(labels.TARGET_NOT_NUMBER.format(name=name, value=target))
    low, high = LIMITS.get(key, (None, HIGHEST))
    if low is None and not 0 < target <= high:
        raise ValueError(labels.TARGET_POSITIVE.format(name=name, value=f"{target:g}",
                                                       high=f"{high:g}", unit=unit))
    if low is not None and not low <= target <= high:
        raise ValueError(labels.TARGET_RANGE.format(name=name, value=f"{target:g}",
                                                    low=f"{low:g}", high=f"{high:g}", unit=unit))
    return target


def save(region: str, year: int, value: dict, effective_from: dt.date | None = None,
         source: str | None = None, note: str | None = None,
         by: str | None = None) -> Parameter | None:
    """Store the targets of a region and year as a new version (audited, data version raised);
    None when they equal the stored ones. Cells left empty carry no target."""
    if not str(region or "").strip():
        raise ValueError(labels.PARAM_NEED_REGION)
    if not year:
        raise ValueError(labels.PARAM_NEED_YEAR)
    clean = check({k: v for k, v in value.items() if v is not None})
    if clean == current(region, year):
        return None
    return params.set_value(KEY, clean, region, year, effective_from, source or None,
                            note or None, by=by)
