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
        valid = [_industry_valid(scope.with_region(c)) for c in codes]
        for code in industries:
            frame[INDUSTRY_PREFIX + code] = [v.get(code, 0) for v in valid]
    return frame


def _rows(scope: Scope, codes: list[str]) -> dict[str, tuple]:
    by_parent: dict[str | None, list[str]] = {}
    for code in codes:
        by_parent.setdefault(parent_of(code), []).append(code)
    rows: dict[str, tuple] = {}
    for parent, members in by_parent.items():
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
                          *regions.transfers(scope.with_region(code)), *closed)
    return rows


def _industry_valid(scope: Scope) -> dict[str, int]:
    """Top-level industry code → valid patents in the scope's region (one query)."""
    summary = industry.summary(scope)
    return dict(zip(summary["code"], summary["valid"].astype(int)))


def industry_names(codes: tuple[str, ...]) -> dict[str, str]:
    """Industry code → name for `codes` (unknown codes left out)."""
    tops = industry.tops()
    return {c: n for c, n in zip(tops["code"], tops["name"]) if c in codes}
