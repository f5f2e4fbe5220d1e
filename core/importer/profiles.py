"""Saved column mappings (导入方案): a checker maps the columns of an export the importer does not
know once, names the mapping, and it is offered again for a file with the same headers (数据导入)
or named on the command line (`python -m core import FILE --profile NAME`).

All profiles live in one versioned, audited parameter (core.config.params), so a change is
recorded like any other setting and an older version stays in the history.
"""
from __future__ import annotations

from core.config import params
from core.importer.dialects import ALIASES, norm_header

KEY = "import_profiles"


def all_profiles() -> dict[str, dict]:
    """name → {"kind", "headers", "override"} of every saved profile."""
    return dict(params.get(KEY, default={}) or {})


def get(name: str) -> dict | None:
    return all_profiles().get(name)


def save(name: str, kind: str, headers: list[str], override: dict[str, str | None],
         by: str | None = None) -> dict:
    """Save (or replace) a profile: the file's headers and, per header, the field it feeds or
    None to ignore it. Unknown fields are dropped."""
    name = name.strip()
    if not name:
        raise ValueError("empty profile name")
    clean = {h: (f if f in ALIASES[kind] else None) for h, f in override.items()}
    profile = {"kind": kind, "headers": [h for h in headers if h], "override": clean}
    profiles = all_profiles()
    profiles[name] = profile
    params.set_value(KEY, profiles, by=by, note=name)
    return profile


def matching(headers: list[str], kind: str | None = None) -> list[str]:
    """Names of the profiles saved for this header set (same headers, any order or spelling of
    brackets and spaces)."""
    wanted = _signature(headers)
    return sorted(name for name, p in all_profiles().items()
                  if _signature(p["headers"]) == wanted and kind in (None, p["kind"]))


def _signature(headers: list[str]) -> frozenset[str]:
    return frozenset(norm_header(h) for h in headers if h)
