"""Seconds of the full rebuild of the summary tables (core.cubes.rebuild), each builder apart and
the indicator cube last, inside one transaction rolled back at the end: the database is left as
it was, so two versions of the code can be timed back to back on one copy. The code timed is
the one PYTHONPATH names:

    PYTHONPATH=/path/to/tree nice python bench/rebuild_speed.py sqlite:////path/copy.db

Prints wall and CPU seconds (SQLite: the work is in this process), the indicator cube's rows
per variant as the rebuild left them, and the load average.
"""
from __future__ import annotations

import argparse
import os
import time

from peewee import fn


def timed(label: str, func, *args) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    func(*args)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"  {label:<34} {wall:8.1f} s  (CPU {cpu:.1f} s)", flush=True)
    return wall


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def indicator_rows() -> dict[str, int]:
    from core.db.models import IndicatorCube as c
    query = c.select(c.variant, fn.COUNT(c.id)).group_by(c.variant).tuples()
    return dict(query)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    args = parser.parse_args()
    from core.cubes import rebuild
    from core.db import connect, db
    from core.db.models import Patent
    connect(args.url)
    print(f"code: {os.environ.get('PYTHONPATH', '.')}  patents: {Patent.select().count():,}  "
          f"load average: {load()}")
    with db.atomic() as txn:
        total = sum(timed(build.__module__, build) for build in rebuild.BUILDERS)
        total += timed("indicator cube (every rule)", rebuild._indicator_cube, True)
        rows = indicator_rows()
        txn.rollback()
    print(f"  {'total':<34} {total:8.1f} s  (load average after: {load()})")
    print("  indicator cube rows: " + ", ".join(f"{v} {n:,}" for v, n in sorted(rows.items())))


if __name__ == "__main__":
    main()
