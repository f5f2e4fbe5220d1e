"""The typed reader of rule parameters: the value in force of a parameter key — the stored version
(core.config.params) merged over its documented default (core.config.defaults) when both are
dicts; a region's value falls back to the global one. Cached so that per-patent rule functions
(fees, terms) stay fast in bulk use, keyed by the data version (core.db.version): a parameter
saved by this process is seen at once, one saved by another process within REREAD_SECONDS (the
version is read at most that often, not per call); `clear()` drops the cache."""
from __future__ import annotations

import copy
import datetime as dt
import json
import time
from typing import Any

from core.config import params
from core.config.defaults import BY_KEY
from core.db import db, version

REREAD_SECONDS = 1.0
_entries: dict[tuple, Any] = {}  # replaced, never emptied: a reader holding the old one is safe
_stamp: tuple = (None, -1, -1)  # (database, bumps by this process, data version) of _entries
_read_at = float("-inf")


def value(key: str, region_code: str = "", year: int | None = None,
          on: dt.date | None = None) -> Any:
    """The value of `key` in force today (or on `on`) for a region and year."""
    return get(key, BY_KEY[key], region_code, year, on)


def get(key: str, default: Any, region_code: str = "", year: int | None = None,
        on: dt.date | None = None) -> Any:
    """The parameter value in force, merged over `default` when both are dicts."""
    entries = _current_entries()
    cache_key = (key, region_code, year, on)
    if cache_key not in entries:
        if on is not None and not region_code and year is None:  # by date: one read per key
            stored = _global_on(entries, key, on)
        else:
            stored = _stored(key, region_code, year, on)
        entries[cache_key] = _merge(default, stored)
    return entries[cache_key]


def _global_on(entries: dict, key: str, on: dt.date) -> Any:
    """The global stored version of `key` in force on `on` (as params.get picks it: the latest
    effective_from on or before `on`, the latest row among equals), from all of the key's global
    versions read once per data version — fee rules are asked for thousands of due dates."""
    versions_key = ("__global_versions__", key)
    if versions_key not in entries:
        entries[versions_key] = [] if db.obj is None else [
            (row["effective_from"], row["value"]) for row in params.history(key)
            if row["year"] is None]
    found = None
    for effective_from, raw in entries[versions_key]:
        if _as_date(effective_from) <= on:
            found = raw
    return None if found is None else json.loads(found)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def clear() -> None:
    global _entries, _read_at
    _entries, _read_at = {}, float("-inf")


def _current_entries() -> dict[tuple, Any]:
    """The entries of the bound database at its data version, which is read again when
    REREAD_SECONDS have passed or this process wrote or bound another database since."""
    global _entries, _stamp, _read_at
    now = time.monotonic()
    if (now - _read_at < REREAD_SECONDS and _stamp[0] is db.obj
            and _stamp[1] == version.bumps_here()):
        return _entries
    stamp = (db.obj, version.bumps_here(), version.current() if db.obj is not None else 0)
    if stamp != _stamp:
        _entries, _stamp = {}, stamp
    _read_at = now
    return _entries


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
