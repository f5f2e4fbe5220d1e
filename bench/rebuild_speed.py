"""Seconds of the full rebuild of the summary tables (core.cubes.rebuild), each builder apart and
the indicator cube last (core.cubes.rebuild.rebuild, its steps wrapped), inside one transaction
rolled back at the end: the database is left as it was, so two versions of the code can be
timed back to back on one copy. The code timed is the one PYTHONPATH names:

    PYTHONPATH=/path/to/tree nice python bench/rebuild_speed.py sqlite:////path/copy.db [--keep]

--keep commits it instead: the copy is then in the layout of the code timed. --indicator-only
times the indicator cube's step alone (its rows of every counting rule).

Prints wall and CPU seconds (SQLite: the work is in this process), the indicator cube's rows
per variant as the rebuild left them, and the load average.
"""
from __future__ import annotations

import argparse
import os
import time

from peewee import fn


def timed(label: str, func):
    """`func` printing its wall and CPU seconds at each call."""
    def run(*args):
        started, cpu = time.perf_counter(), time.process_time()
        out = func(*args)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        print(f"  {label:<34} {wall:8.1f} s  (CPU {used:.1f} s)", flush=True)
        return out
    return run


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def indicator_rows() -> dict[str, int]:
    from core.db.models import IndicatorCube as c
    query = c.select(c.variant, fn.COUNT(c.id)).group_by(c.variant).tuples()
    return dict(query)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--keep", action="store_true", help="commit the rebuild")
    parser.add_argument("--indicator-only", action="store_true",
                        help="the indicator cube's step alone (every rule)")
    args = parser.parse_args()
    from core.cubes import rebuild
    from core.db import connect, db
    from core.db.models import Patent
    connect(args.url)
    print(f"code: {os.environ.get('PYTHONPATH', '.')}  patents: {Patent.select().count():,}  "
          f"load average: {load()}")
    rebuild.BUILDERS = tuple(timed(b.__module__, b) for b in rebuild.BUILDERS)
    rebuild._indicator_cube = timed("indicator cube (every rule)", rebuild._indicator_cube)
    with db.atomic() as txn:
        timed("total", rebuild._indicator_cube if args.indicator_only else rebuild.rebuild)(
            *([True] if args.indicator_only else []))
        rows = indicator_rows()
        if not args.keep:
            txn.rollback()
    print(f"  load average after: {load()}")
    print("  indicator cube rows: " + ", ".join(f"{v} {n:,}" for v, n in sorted(rows.items())))


if __name__ == "__main__":
    main()
