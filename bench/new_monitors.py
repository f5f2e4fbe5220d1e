"""Speed of the data behind 运营监控, the new holders and core inventors (of a patent type, of
last year: the scopes inventor_year_cube serves) of 权利人统计 and 申请质量监测: every core
call each page makes on a cold render (no Streamlit cache), cold and warm, on an existing
database (e.g. `python -m core demo --patents 1000000 --db URL`). Target: each page under a
second of server time at 1,000,000 patents.

    python bench/new_monitors.py --db sqlite:////tmp/bench1m.db [--region 3205] [--repeat 3]
        [--drop-caches] [--live]

The first row, 区域统计 (baseline), is a page within the target measured in the same run: the
ratios compare the pages with it on whatever the machine's load. --live: each page again with
the summary tables treated as stale (the live path, as before the cubes served it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stats_pages import drop_caches
from core.cubes import freshness
from core.db import connect, db
from core.monitor import alerts, ops_monitor, quality
from core.regions import divisions
from core.regions.query import Scope
from core.stats import holders, new_holders, regions, teams

INVENTION = ("invention",)


def pages(region: str, today: dt.date) -> dict[str, list]:
    """Page → the (function, args) it calls on a cold render with the default filters."""
    year = Scope(region).or_this_year(today)
    last_year = (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
    return {
        "区域统计 (baseline)": [(regions.table, (Scope(region), "child"))],
        "运营监控": [(ops_monitor.totals, (year,)), (alerts.outflow_rule, (region,)),
                 (ops_monitor.players, (year, "out", None, 5)),
                 (alerts.count, (region, ("holder_outflow", "transfer_out"), ("open",))),
                 (alerts.listing, (region, ("holder_outflow", "transfer_out"), ("open",))),
                 *[(ops_monitor.players, (year, side)) for side in ops_monitor.SIDES],
                 (ops_monitor.flows, (year,))],
        "权利人统计 (新增)": [(holders_page, (year,))],
        "区域核心发明人 (发明)": [(teams.core_inventors, (Scope(region, patent_types=INVENTION),))],
        "区域核心发明人 (去年)": [(teams.core_inventors, (Scope(region, *last_year),))],
        "区域核心发明人 (去年发明)": [(teams.core_inventors, (
            Scope(region, *last_year, patent_types=INVENTION),))],
        "申请质量监测 (权利人)": [(quality.ranking, (Scope(region), "holder", today))],
        "申请质量监测 (代理机构)": [(quality.ranking, (Scope(region), "agency", today))],
    }


def holders_page(q: Scope) -> None:
    """The calls of pages/holders.py: the new holders read once, then every part."""
    found = holders.new_holders(q)
    holders.holder_totals(q, holders.kind_split(q, found))
    holders.holder_stats(q, "valid_total", 100, 0, found=found)
    new_holders.report(q, found=new_holders.firsts(q, found))


def timed(calls: list, clock=time.perf_counter) -> float:
    """Seconds the calls take on `clock` (time.process_time: this process's CPU, SQLite's
    work included — the figure to compare on a shared, loaded machine)."""
    start = clock()
    for func, args in calls:
        func(*args)
    return clock() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--region", default="3205")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--drop-caches", action="store_true")
    parser.add_argument("--live", action="store_true")
    opts = parser.parse_args()
    connect(opts.db)
    db.connect(reuse_if_open=True)
    divisions.names()
    today = dt.date.today()
    print(f"{'page':<28}{'cold s':>9}{'warm s':>9}{'warm CPU s':>12}{'× baseline':>12}")
    baseline = None
    for page, calls in pages(opts.region, today).items():
        baseline = _row(page, calls, opts, baseline)
    if opts.live:
        usable = freshness.usable
        freshness.usable = lambda: False
        try:
            for page, calls in list(pages(opts.region, today).items())[1:]:
                _row(f"{page} live", calls, opts, baseline)
        finally:
            freshness.usable = usable


def _row(page: str, calls: list, opts, baseline: float | None) -> float:
    """Print one page's times; returns the baseline CPU (this page's when none yet)."""
    if opts.drop_caches:
        drop_caches()
    cold = timed(calls)
    warm = min(timed(calls) for _ in range(opts.repeat))
    cpu = min(timed(calls, time.process_time) for _ in range(opts.repeat))
    baseline = baseline or cpu
    print(f"{page:<28}{cold:>9.2f}{warm:>9.2f}{cpu:>12.2f}{cpu / baseline:>12.1f}", flush=True)
    return baseline

if __name__ == "__main__":
    main()
