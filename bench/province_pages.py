"""Every page's server time, cold, at province scale (issue 17 item 5: each under 2 s at
5,000,000 patents on PostgreSQL), beside a bare read of the patent table in the same run.

The pages' core calls come from the other benches (stats_pages, monitor_pages, new_monitors,
slow_pages); each page runs once on a fresh connection (cold: nothing of it computed before in
this process), for every region given (the province's code: its whole data; a city's).

    python -m bench.province_pages --db postgresql://postgres@127.0.0.1/bench5m \
        [--regions 32,3205] [--target 2] [--pages 届满,指标] [--statements 3]

--statements N: under each page, its N slowest SQL statements (seconds, the first characters):
where a page's time goes; --explain: the plan of each page's slowest SELECT, run again under
EXPLAIN (ANALYZE, BUFFERS) (PostgreSQL); --cpu: the CPU seconds of this process beside each
page's time (SQLite works inside it: the figure to compare on a loaded machine).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from contextlib import contextmanager

from bench import monitor_pages, new_monitors, slow_pages, stats_pages
from core.db import connect, db
from core.db.models import Patent
from core.monitor import abnormal
from core.regions import divisions
from core.regions.query import Scope
from core.resolver import queue


def page_calls(region: str, today: dt.date) -> dict[str, callable]:
    """Page → one callable making its cold render's core calls."""
    scope = Scope(region)
    calls = {name: (lambda c=c: stats_pages.timed(c))
             for name, c in stats_pages.page_calls(scope).items()}
    calls |= {name.strip(): call for name, call in monitor_pages.page_calls(today, region).items()
              if not name.startswith(" ")}  # the default counting rule only
    calls |= {name: (lambda c=c: new_monitors.timed(c))
              for name, c in new_monitors.pages(region, today).items()}
    calls["非正常申请监测"] = lambda: abnormal.detect(region, today)
    calls["专利数据核查"] = lambda: (queue.stats(region), queue.queue_count(None, region),
                                queue.queue_page(None, region, limit=200))
    return calls


def cold(url: str, call, cpu: list | None = None) -> float:
    """Wall seconds of `call` on a new connection; its CPU seconds appended to `cpu`."""
    db.close()
    connect(url)
    started, used = time.perf_counter(), time.process_time()
    call()
    if cpu is not None:
        cpu.append(time.process_time() - used)
    return time.perf_counter() - started


@contextmanager
def statement_times(timed: list):
    """Append (seconds, sql) of every statement run inside to `timed`."""
    cls = type(db.obj)
    plain = cls.execute_sql

    def execute_sql(self, sql, params=None, *args, **kwargs):
        started = time.perf_counter()
        try:
            return plain(self, sql, params, *args, **kwargs)
        finally:
            timed.append((time.perf_counter() - started, sql, params))

    cls.execute_sql = execute_sql
    try:
        yield timed
    finally:
        cls.execute_sql = plain


def print_slowest(timed: list, n: int) -> None:
    for seconds, sql, _ in sorted(timed, key=lambda t: -t[0])[:n]:
        print(f"{'':8}{seconds:8.2f} s  {' '.join(sql.split())[:160]}", flush=True)


def print_plan(timed: list) -> None:
    """EXPLAIN ANALYZE of the slowest SELECT among `timed` (run again, warm)."""
    selects = [t for t in timed if t[1].lstrip().upper().startswith("SELECT")]
    if not selects:
        return
    _, sql, params = max(selects, key=lambda t: t[0])
    plan = db.execute_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params).fetchall()
    print(db.obj.cursor().mogrify(sql, params).decode()[:2000])
    print("\n".join(row[0] for row in plan), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--regions", default="32,3205")
    parser.add_argument("--target", type=float, default=2.0, help="seconds per page")
    parser.add_argument("--pages", default="", help="comma-separated parts of page names "
                        "(default: every page)")
    parser.add_argument("--statements", type=int, default=0,
                        help="print each page's N slowest SQL statements")
    parser.add_argument("--cpu", action="store_true", help="print each page's CPU seconds too")
    parser.add_argument("--explain", action="store_true",
                        help="print the plan of each page's slowest SELECT (PostgreSQL)")
    args = parser.parse_args()
    connect(args.db)
    divisions.names()  # read once per process, as the server does
    today = dt.date.today()
    patents = Patent.select().count()
    print(f"{patents:,} patents · {args.db.split('?')[0]} · load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    bare = cold(args.db, slow_pages.bare_read)
    print(f"baseline: bare read of the patent table (id, date, holder, region) {bare:.2f} s",
          flush=True)
    print(f"{'region':<8}{'page':<26}{'cold s':>8}{'÷ bare':>8}  target {args.target:g} s")
    missed = []
    for region in args.regions.split(","):
        for name, call in page_calls(region, today).items():
            if args.pages and not any(part in name for part in args.pages.split(",")):
                continue
            cpu = []
            with statement_times([]) as timed:
                seconds = cold(args.db, call, cpu)
            mark = "" if seconds < args.target else "  MISSED"
            if mark:
                missed.append(f"{region} {name}")
            used = f"  cpu {cpu[0]:.2f}" if args.cpu else ""
            print(f"{region:<8}{name:<26}{seconds:8.2f}{seconds / bare:8.2f}{used}{mark}",
                  flush=True)
            print_slowest(timed, args.statements)
            if args.explain:
                print_plan(timed)
    print(f"load average {os.getloadavg()[0]:.1f}; over the target: {', '.join(missed) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
