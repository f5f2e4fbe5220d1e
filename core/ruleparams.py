"""Rule parameters with a documented default: the value in core.params when an administrator has
set one, else the default from domain-facts. Cached briefly so that per-patent rule functions
(fees, terms) stay fast in bulk use; `clear()` drops the cache after an edit."""
from __future__ import annotations

import copy
import time
from typing import Any

from core.db import current_url, db

TTL_SECONDS = 30.0
_cache: dict[tuple, tuple[float, Any]] = {}


def get(key: str, default: Any, region_code: str = "", year: int | None = None) -> Any:
    """The parameter value in force today, merged over `default` when both are dicts."""
    cache_key = (current_url(), id(db.obj), key, region_code, year)  # a rebound db misses
    hit = _cache.get(cache_key)
    if hit is not None and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    value = _merge(default, _stored(key, region_code, year))
    _cache[cache_key] = (time.monotonic(), value)
    return value


def clear() -> None:
    _cache.clear()


def _stored(key: str, region_code: str, year: int | None) -> Any:
    if db.obj is None:
        return None
    from core import params
    return params.get(key, region_code, year)


def _merge(default: Any, stored: Any) -> Any:
    if stored is None:
        return copy.deepcopy(default)
    if isinstance(default, dict) and isinstance(stored, dict):
        merged = copy.deepcopy(default)
        merged.update(stored)
        return merged
    return stored
