"""Speed of the demo generator, the number behind the demo offer's stated time (ui/demo_offer.py,
core.demo.run.SECONDS_PER_1000): generates `--patents` demo patents into a new database and
prints the seconds per 1,000 patents, each stage's share, and the ratio to the stated rate.
Re-measure on the deployment server and adjust SECONDS_PER_1000 when the ratio is far from 1.

    python bench/demo_rate.py [--patents 50000] [--db sqlite:////tmp/demo_rate.db]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.db import is_postgres
from core.demo import generate
from core.demo.run import SECONDS_PER_1000
from core.upkeep.bootstrap import ensure_ready


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", type=int, default=50_000)
    parser.add_argument("--db", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="demo_rate_")
    os.environ.setdefault("PATENT_DATA_DIR", folder)
    ensure_ready(args.db or f"sqlite:///{folder}/demo.db")
    stages: dict[str, float] = {}
    started = time.monotonic()

    def progress(done: int, total: int, stage: str) -> None:
        stages.setdefault(stage, time.monotonic() - started)

    generate(args.patents, progress=progress)
    total = time.monotonic() - started
    marks = [*stages.items(), ("end", total)]
    for (stage, at), (_, until) in pairwise(marks):
        print(f"{stage:12s} {until - at:7.1f} s  {100 * (until - at) / total:5.1f} %")
    rate = total / args.patents * 1000
    stated = SECONDS_PER_1000["postgres" if is_postgres() else "sqlite"]
    print(f"{args.patents:,} patents in {total:.1f} s: {rate:.2f} s per 1,000 "
          f"(stated {stated:.2f}; ratio {rate / stated:.2f}); load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
