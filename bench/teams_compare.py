"""Speed of the data behind 研发团队 (权利人统计), 区域对比 (区域统计) and 权利人管理: every core call
each view makes on a cold render (no Streamlit cache), cold and warm, on an existing database
(e.g. `python -m core demo --patents 1000000 --db URL`), with 区域统计's own table in the same
run as the baseline. Target: each view under a second of server time at 1,000,000 patents.

    python bench/teams_compare.py --db sqlite:////tmp/bench1m.db [--region 3205] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.new_monitors import timed
from core.db import connect, db
from core.regions import divisions, watch
from core.regions.query import Scope
from core.stats import compare, holders, regions, teams


def views(region: str) -> dict[str, list]:
    """View → the (function, args) it calls on a cold render with the default filters."""
    scope = Scope(region)
    biggest = int(holders.holder_stats(scope, limit=1)["holder_id"].iloc[0])
    county = regions.table(scope)["code"].iloc[0]
    tops = tuple(compare.industry.tops()["code"].head(2))
    return {
        "区域统计 (baseline)": [(regions.table, (scope, "child"))],
        "研发团队 (biggest holder)": [(teams.holder_teams, (scope, biggest))],
        "区域核心发明人": [(teams.core_inventors, (scope,))],
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
    opts = parser.parse_args()
    connect(opts.db)
    db.connect(reuse_if_open=True)
    divisions.names()
    print(f"{'view':<28}{'cold s':>9}{'warm s':>9}{'× baseline':>12}{'warm CPU s':>12}"
          f"{'× baseline':>12}")
    baseline = cpu_baseline = None
    for view, calls in views(opts.region).items():
        cold = timed(calls)
        warm = min(timed(calls) for _ in range(opts.repeat))
        cpu = min(timed(calls, time.process_time) for _ in range(opts.repeat))
        baseline, cpu_baseline = baseline or warm, cpu_baseline or cpu
        print(f"{view:<28}{cold:>9.2f}{warm:>9.2f}{warm / baseline:>12.1f}{cpu:>12.2f}"
              f"{cpu / cpu_baseline:>12.1f}")


if __name__ == "__main__":
    main()
