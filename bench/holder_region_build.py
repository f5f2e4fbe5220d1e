"""Build holder_region_cube alone on an existing database (the app's start builds it once after
migration step 40; this rebuilds it again, e.g. on a 5,000,000-patent copy): one transaction, then the planner's
statistics of the table, and the seconds each took.

    python -m bench.holder_region_build postgresql://postgres@127.0.0.1/bench5m

At 500,000 patents (PostgreSQL, load 3–6): 5.9–7.4 s; at 1,000,000 on SQLite 16.9 s.
"""
from __future__ import annotations

import argparse
import os
import time

from core.cubes import holder_region
from core.db import connect, db, is_postgres
from core.db.models import HolderRegionCube


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    args = parser.parse_args()
    connect(args.url)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    with db.atomic():
        seconds = holder_region.build()
    print(f"holder_region_cube built in {seconds:.1f} s: {HolderRegionCube.select().count():,} rows",
          flush=True)
    started = time.perf_counter()
    table = HolderRegionCube._meta.table_name
    db.execute_sql(f"VACUUM ANALYZE {table}" if is_postgres() else f"ANALYZE {table}")
    print(f"statistics in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
