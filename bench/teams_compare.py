"""Speed of the data behind 研发团队 (权利人统计), 区域对比 (区域统计) and 权利人管理: every core call
each view makes on a cold render (no Streamlit cache), cold and warm, on an existing database
(e.g. `python -m core demo --patents 1000000 --db URL`), with 区域统计's own table in the same
run as the baseline. Target: each view under a second of server time at 1,000,000 patents.

    python bench/teams_compare.py --db sqlite:////tmp/bench1m.db [--region 3205] [--repeat 3]
        [--only 核心发明人] [--live]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.new_monitors import timed
from core.cubes import freshness
from core.db import connect, db
from core.regions import divisions, watch
from core.regions.query import Scope
from core.stats import compare, holders, regions, teams


def views(region: str) -> dict[str, list]:
    """View → the (function, args) it calls on a cold render with the default filters."""
    scope = Scope(region)
    last = dt.date.today().year - 1
    biggest = int(holders.holder_stats(scope, limit=1)["holder_id"].iloc[0])
    county = regions.table(scope)["code"].iloc[0]
    tops = tuple(compare.industry.tops()["code"].head(2))
    return {
        "区域统计 (baseline)": [(regions.table, (scope, "child"))],
        "研发团队 (biggest holder)": [(teams.holder_teams, (scope, biggest))],
        "区域核心发明人": [(teams.core_inventors, (scope,))],
        "区域核心发明人 (last year)": [(teams.core_inventors, (
            Scope(region, dt.date(last, 1, 1), dt.date(last, 12, 31)),))],
        "区域核心发明人 (inventions)": [(teams.core_inventors, (
            Scope(region, patent_types=("invention",)),))],
        "区域对比 (county)": [(watch.default_comparison, (county,)),
                          (compare.compare, (scope.with_region(county),
                                             watch.default_comparison(county), tops))],
        "权利人管理 (list)": [(holders.search_holders, ()), (holders.industries, ())],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--region", default="3205")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="views whose name contains this")
    parser.add_argument("--live", action="store_true",
                        help="the chosen views again without the summary tables (stale)")
    opts = parser.parse_args()
    connect(opts.db)
    db.connect(reuse_if_open=True)
    divisions.names()
    print(f"{'view':<34}{'cold s':>9}{'warm s':>9}{'× baseline':>12}{'warm CPU s':>12}"
          f"{'× baseline':>12}")
    chosen = {v: c for i, (v, c) in enumerate(views(opts.region).items())
              if i == 0 or opts.only in v}
    base = None
    for view, calls in chosen.items():
        base = _row(view, calls, opts, base)
    if opts.live:
        usable = freshness.usable
        freshness.usable = lambda: False
        try:
            for view, calls in list(chosen.items())[1:]:
                _row(f"{view} live", calls, opts, base)
        finally:
            freshness.usable = usable


def _row(view: str, calls: list, opts, base: tuple | None) -> tuple:
    """Print one view's times; returns the baseline (wall, CPU): this view's when none yet."""
    cold = timed(calls)
    warm = min(timed(calls) for _ in range(opts.repeat))
    cpu = min(timed(calls, time.process_time) for _ in range(opts.repeat))
    base = base or (warm, cpu)
    print(f"{view:<34}{cold:>9.2f}{warm:>9.2f}{warm / base[0]:>12.1f}{cpu:>12.2f}"
          f"{cpu / base[1]:>12.1f}", flush=True)
    return base

if __name__ == "__main__":
    main()
