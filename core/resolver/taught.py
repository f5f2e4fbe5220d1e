"""Aliases checkers taught (table address_alias): a road, landmark or building → a street, used
only inside its scope. Loaded from the bound database and cached per database for a few seconds;
`invalidate()` after any change."""
from __future__ import annotations

import time

import ahocorasick

from core.db import current_url, db
from core.db.models import AddressAlias
from core.resolver.addresses import normalize
from core.resolver.matcher import Chain

TTL_SECONDS = 30.0
_cache: dict[str, tuple[float, ahocorasick.Automaton | None]] = {}


def invalidate() -> None:
    _cache.clear()


def _load() -> ahocorasick.Automaton | None:
    rows = AddressAlias.select(AddressAlias.alias, AddressAlias.region_code,
                               AddressAlias.scope_code).where(AddressAlias.active == True)  # noqa: E712
    table: dict[str, list[tuple[str, str]]] = {}
    for alias, code, scope in rows.tuples():
        key = normalize(alias)[0]
        if len(key) >= 2:
            table.setdefault(key, []).append((code, scope or ""))
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, targets in table.items():
        automaton.add_word(key, (key, tuple(targets)))
    automaton.make_automaton()
    return automaton


def automaton() -> ahocorasick.Automaton | None:
    if db.obj is None:
        return None
    url = current_url() or str(id(db.obj))
    hit = _cache.get(url)
    if hit and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    loaded = _load()
    _cache[url] = (time.monotonic(), loaded)
    return loaded


def apply(text: str, chain: Chain) -> bool:
    """Deepen the chain's paths with taught aliases found in `text`. True when one applied."""
    auto = automaton()
    if auto is None or len(chain.paths) != 1:
        return False
    (path, evidence), = chain.paths.items()
    targets = {}
    for _end, (key, options) in auto.iter(text):
        for code, scope in options:
            inside = path.startswith(scope) if scope else bool(path)
            if inside and code.startswith(path) and len(code) > len(path):
                targets.setdefault(code, evidence + ((key, "taught", len(code), True),))
    if not targets:
        return False
    chain.paths = targets
    return len(targets) == 1
