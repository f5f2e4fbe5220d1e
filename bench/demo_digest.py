"""A digest of the data the demo generates for a seed and a day: run it before and after a change
meant to make the demo faster, on the two versions of the code, and compare the lines (the same
digests: the same data). Not a test: a legitimate change of the demo changes the digests.

    python bench/demo_digest.py [--patents 20000] [--seed 7] [--today 2026-06-30] [--inline]

Every table is read in full, sorted, without the columns stamped with the time of the run
(created/updated/logged at), the summary tables' row ids, the last bits of floats, and without
the accounts (the admin password is random); prints a
digest per table, the CPU seconds of the generation and one digest of all tables. Runs with
PYTHONHASHSEED=0 (it restarts itself so): the industry rules' ids follow the order of a set.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import peewee

from core.cubes import freshness
from core.db import db
from core.db.models import ALL_MODELS
from core.demo import generate
from core.upkeep.bootstrap import ensure_ready

SKIPPED_TABLES = {"user", "login_throttle", "audit_log", "job_run", "schema_version"}


def _value(value) -> str:
    """A float rounded to 9 decimals: sums of holder shares (1/n) added in another order differ
    in their last bits, which is not a change of the data."""
    return repr(round(value, 9) if isinstance(value, float) else value)


def table_digest(model) -> tuple[int, str]:
    """Rows sorted; a summary table's rows without their id (the order they were written in,
    core.cubes), floats rounded (_value)."""
    summary = model in freshness.TABLES
    fields = [f for f in model._meta.sorted_fields
              if not isinstance(f, peewee.DateTimeField) and not (summary and f.name == "id")]
    rows = sorted(tuple(map(_value, row)) for row in
                  model.select(*fields).tuples().iterator())
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return len(rows), digest


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patents", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 6, 30))
    parser.add_argument("--inline", action="store_true",
                        help="make the patents in this process (default: a worker from 20,000)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="demo_digest_")
    os.environ.setdefault("PATENT_DATA_DIR", folder)
    ensure_ready(f"sqlite:///{folder}/demo.db")
    cpu = time.process_time()
    generate(args.patents, seed=args.seed, today=args.today,
             in_worker=False if args.inline else None)
    cpu = time.process_time() - cpu
    total = hashlib.sha256()
    for model in ALL_MODELS:
        name = model._meta.table_name
        if name in SKIPPED_TABLES or not model.table_exists():
            continue
        count, digest = table_digest(model)
        total.update(f"{name}:{digest}".encode())
        print(f"{name:<22}{count:>10,}  {digest}")
    db.close()
    print(f"all tables  {total.hexdigest()[:16]}  ({args.patents:,} patents, seed {args.seed}, "
          f"day {args.today}; generation CPU {cpu:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
