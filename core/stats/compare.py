"""区域对比: a region beside the regions it is compared with (by default its siblings and the
watched regions, core.regions.watch.default_comparison), every indicator of 区域统计 side by side,
plus the valid patents of each watched industry.

Regions that share a parent are read with one grouped query over the parent (the patent cube when
it answers); a region without a parent (a province) or a custom region with its own query.
Transfers in and out are counted per region (registration date, either side in the region).
Counting rule as in core.stats.regions.
"""
from __future__ import annotations

import pandas as pd

from core.regions.custom import region_name
from core.regions.query import Scope
from core.regions.watch import parent_of
from core.stats import industry, regions

INDUSTRY_PREFIX = "industry:"


def compare(scope: Scope, codes: list[str], industries: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per code of `codes`, in that order. Columns regions.COLUMNS (valid_share of the
    listed total, rank by valid among them), then "industry:<code>" per code of `industries`:
    valid patents of that top-level industry. Sample: ("320506", "吴中区", 1200, 800, 4100, 900,
    5, 4, 300, 420, 0.7143, 0.21, 2, 310)."""
    codes = list(dict.fromkeys(codes))
    rows = _rows(scope, codes)
    frame = pd.DataFrame([rows[c] for c in codes], columns=regions.COLUMNS[:10])
    frame["grant_rate"] = [round(g / c, 4) if c else None
                           for g, c in zip(frame["inv_granted"], frame["inv_closed"])]
    total = frame["valid"].sum()
    frame["valid_share"] = (frame["valid"] / total).round(4) if total else 0.0
    frame["rank"] = frame["valid"].rank(method="min", ascending=False).astype("int64")
    if industries:
        valid = _industry_valid(scope, codes)
        for code in industries:
            frame[INDUSTRY_PREFIX + code] = [valid.get((c, code), 0) for c in codes]
    return frame


def _by_parent(codes: list[str]) -> dict[str | None, list[str]]:
    groups: dict[str | None, list[str]] = {}
    for code in codes:
        groups.setdefault(parent_of(code), []).append(code)
    return groups


def _rows(scope: Scope, codes: list[str]) -> dict[str, tuple]:
    rows: dict[str, tuple] = {}
    for parent, members in _by_parent(codes).items():
        if parent is None or len(members) == 1:
            rows.update({c: regions.region_row(scope, c, region_name(c)) for c in members})
            continue
        table = regions.table(scope.with_region(parent), "child").set_index("code")
        for code in members:
            got = table.loc[code] if code in table.index else None
            counts = [0, 0, 0, 0] if got is None else [
                int(got[k]) for k in ("applications", "grants", "valid", "valid_inventions")]
            closed = (0, 0) if got is None else (int(got["inv_granted"]), int(got["inv_closed"]))
            rows[code] = (code, region_name(code), *counts,
                          *_moves(scope, code, got, parent), *closed)
    return rows


def _moves(scope: Scope, code: str, got, parent: str) -> tuple[int, int]:
    """Transfers in and out: the parent's table groups them by county or street (a city or a
    county parent); the cities of a province are counted one by one."""
    if len(parent) in (4, 6):
        return (0, 0) if got is None else (int(got["transfers_in"]), int(got["transfers_out"]))
    return regions.transfers(scope.with_region(code))


def _industry_valid(scope: Scope, codes: list[str]) -> dict[tuple[str, str], int]:
    """(region, top-level industry) → valid patents: one industry × sub-region matrix per
    parent, or one summary per region without a parent."""
    out: dict[tuple[str, str], int] = {}
    for parent, members in _by_parent(codes).items():
        if parent is None or len(members) == 1:
            for code in members:
                summary = industry.summary(scope.with_region(code))
                out.update({(code, i): int(v) for i, v in zip(summary["code"], summary["valid"])})
            continue
        matrix = industry.matrix(scope.with_region(parent))
        out.update({(r, i): int(v) for r, i, v in zip(matrix["region_code"], matrix["code"],
                                                       matrix["valid"]) if r in members})
    return out


def industry_names(codes: tuple[str, ...]) -> dict[str, str]:
    """Industry code → name for `codes` (unknown codes left out)."""
    tops = industry.tops()
    return {c: n for c, n in zip(tops["code"], tops["name"]) if c in codes}
