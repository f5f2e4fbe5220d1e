"""Two whole-table steps of the upkeep at province scale, each beside a bare read of the patent
table in the same run, and rolled back (the database is left as it was):

- the indicator cube's months table, the first step of a summary rebuild (core.cubes.indicator
  months_table: one scan of every patent with its months of change);
- the high-value refresh of an import's 10,000 patents (core.rules.highvalue.refresh with
  `only` in the import's form: a temporary id table UNION the patents above the old top),
  the industry assignment timed apart;
- the nightly high-value refresh of every patent (`hvall`: core.rules.highvalue.refresh, the
  industries kept).

    nice python -m bench.refresh_parts postgresql://postgres@127.0.0.1/bench5m [--parts months,hv,hvall]
        [--timeout 600]

`--timeout` (seconds, PostgreSQL): a step still running then is cancelled and reported as such.
"""
from __future__ import annotations

import argparse
import os
import random
import time

from core.db import connect, db, is_postgres
from core.db.models import Patent
from core.db.sql import load_temp

TOUCHED = "bench_touched"
ROWS = 10_000


class Cancelled(Exception):
    """The step outran --timeout and was cancelled by the server."""


def step(label: str, func, baseline: float | None = None) -> float:
    """Run func in a transaction rolled back; print its wall and this process's CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with db.atomic() as txn:
            func()
            txn.rollback()
    except Exception as exc:  # the server's cancel (statement_timeout) ends the step
        if "statement timeout" not in str(exc):
            raise
        print(f"  {label:<52} cancelled after {time.perf_counter() - started:.0f} s", flush=True)
        return float("nan")
    seconds = time.perf_counter() - started
    ratio = f"  ÷ bare {seconds / baseline:6.2f}" if baseline else ""
    print(f"  {label:<52} {seconds:8.2f} s (CPU here {time.process_time() - cpu:.2f} s){ratio}",
          flush=True)
    return seconds


def bare_read() -> None:
    sum(1 for _ in db.execute_sql("SELECT id, app_date, first_holder_id, city_code, "
                                  "county_code, region_level FROM patent"))


def months() -> None:
    from core.cubes.indicator import months_table
    with months_table():
        pass


def touched_sql() -> str:
    """The import's `only`: 10,000 stored patents in a temporary table (chosen as the import
    bench does), UNION the patents above the top id (none here)."""
    ids = [i for (i,) in Patent.select(Patent.id).order_by(Patent.id).tuples()]
    load_temp(TOUCHED, [("id", "INTEGER PRIMARY KEY")],
              ((i,) for i in random.Random(3).sample(ids, ROWS)))
    return f'SELECT id FROM "{TOUCHED}" UNION SELECT id FROM patent WHERE id > {max(ids)}'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--parts", default="months,hv")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    connect(args.url)
    from core.rules import highvalue, industries
    if is_postgres():
        db.execute_sql(f"SET statement_timeout = '{args.timeout}s'")
    print(f"{Patent.select().count():,} patents · load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores", flush=True)
    bare = step("baseline: bare read of the patent table", bare_read)
    parts = args.parts.split(",")
    if "months" in parts:
        step("indicator cube months table (every patent)", months, bare)
    if "hv" in parts:
        only = touched_sql()
        step(f"industries of {ROWS:,} patents (industries.assign)",
             lambda: industries.assign(only=only), bare)
        step(f"high-value marks of {ROWS:,} patents (refresh, industries kept)",
             lambda: highvalue.refresh(reassign_industries=False, only=only), bare)
    if "hvall" in parts:
        step("high-value marks of every patent (refresh, industries kept)",
             lambda: highvalue.refresh(reassign_industries=False), bare)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
