"""Speed of the demo generator, the number behind the demo offer's stated time (ui/demo_offer.py,
core.demo.run.SECONDS_PER_1000): generates `--patents` demo patents into a new database and
prints the seconds per 1,000 patents, each stage's share, the CPU of the worker process that
makes the patents (core.demo.worker) and the ratio to the stated rate.
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
    stages: dict[str, tuple[float, float]] = {}  # stage → (wall, CPU) at its start
    started, cpu_start = time.monotonic(), time.process_time()

    def progress(done: int, total: int, stage: str) -> None:
        stages.setdefault(stage, (time.monotonic() - started, time.process_time() - cpu_start))

    generate(args.patents, progress=progress)
    total, cpu = time.monotonic() - started, time.process_time() - cpu_start
    marks = [*stages.items(), ("end", (total, cpu))]
    print(f"{'stage':12s} {'wall s':>8s} {'CPU s':>8s} {'CPU %':>6s}")
    for (stage, (at, cpu_at)), (_, (until, cpu_until)) in pairwise(marks):
        print(f"{stage:12s} {until - at:8.1f} {cpu_until - cpu_at:8.1f} "
              f"{100 * (cpu_until - cpu_at) / cpu:6.1f}")
    print(f"CPU {cpu:.1f} s of this process (SQLite runs inside it; PostgreSQL's server work is "
          f"not counted): the time alone on an idle machine, less the disk waits")
    children = os.times()
    worker = children.children_user + children.children_system
    if worker:
        print(f"worker process CPU {worker:.1f} s (it makes the patents while this process "
              f"writes them: the patents stage's critical path is the busier of the two)")
    rate = total / args.patents * 1000
    stated = SECONDS_PER_1000["postgres" if is_postgres() else "sqlite"]
    print(f"{args.patents:,} patents in {total:.1f} s: {rate:.2f} s per 1,000 "
          f"(stated {stated:.2f}; ratio {rate / stated:.2f}); load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
