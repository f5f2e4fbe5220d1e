"""The typed reader of rule parameters: the value in force of a parameter key — the stored version
(core.config.params) merged over its documented default (core.config.defaults) when both are
dicts; a region's value falls back to the global one. Cached so that per-patent rule functions
(fees, terms) stay fast in bulk use: a version saved by this process is seen at once, one saved
by another process within TTL_SECONDS; `clear()` drops the cache."""
from __future__ import annotations

import copy
import datetime as dt
import time
from typing import Any

from core.config import params
from core.config.defaults import BY_KEY
from core.db import current_url, db

TTL_SECONDS = 30.0
_cache: dict[tuple, tuple[float, Any]] = {}


def value(key: str, region_code: str = "", year: int | None = None,
          on: dt.date | None = None) -> Any:
    """The value of `key` in force today (or on `on`) for a region and year."""
    return get(key, BY_KEY[key], region_code, year, on)


def get(key: str, default: Any, region_code: str = "", year: int | None = None,
        on: dt.date | None = None) -> Any:
    """The parameter value in force, merged over `default` when both are dicts."""
    cache_key = (current_url(), id(db.obj), params.writes(), key, region_code, year, on)
    hit = _cache.get(cache_key)
    if hit is not None and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    result = _merge(default, _stored(key, region_code, year, on))
    _cache[cache_key] = (time.monotonic(), result)
    return result


def clear() -> None:
    _cache.clear()


def _stored(key: str, region_code: str, year: int | None, on: dt.date | None) -> Any:
    if db.obj is None:
        return None
    stored = params.get(key, region_code, year, on=on)
    if stored is None and region_code:
        stored = params.get(key, "", year, on=on)
    return stored


def _merge(default: Any, stored: Any) -> Any:
    if stored is None:
        return copy.deepcopy(default)
    if isinstance(default, dict) and isinstance(stored, dict):
        merged = copy.deepcopy(default)
        merged.update(stored)
        return merged
    return stored
