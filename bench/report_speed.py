"""Speed of the analysis report (分析报告): a monthly city report — every section built, the .docx
and the .xlsx written — on an existing database (e.g. the 1,000,000-patent demo), with each
section's time, against a bare read measured in the same run: one full scan of the patent table
(`SELECT COUNT(*), SUM(app_year) FROM patent`). Target: under 60 s at 1,000,000 patents.

    python bench/report_speed.py --db sqlite:////tmp/demo1m.db [--region 3205] [--period 2026-11]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.db import connect, db
from core.regions import divisions
from core.reports import build as builder
from core.reports.model import Report
from core.reports.period import parse
from core.reports.render import to_docx, to_xlsx
from core.reports.sections import BUILDERS


def bare_read() -> float:
    start = time.perf_counter()
    db.execute_sql("SELECT COUNT(*), SUM(app_year) FROM patent").fetchone()
    return time.perf_counter() - start


def report(region: str, period: str, on: dt.date) -> tuple[float, dict[str, float]]:
    """The whole report's time and each section's (building only)."""
    start = time.perf_counter()
    ctx = builder.context(region, parse(period), on)
    sections, times = [], {}
    for key, make in BUILDERS.items():
        began = time.perf_counter()
        sections.append(make(ctx))
        times[key] = time.perf_counter() - began
    began = time.perf_counter()
    built = Report(ctx, sections)
    to_docx(built), to_xlsx(built)
    times["docx + xlsx"] = time.perf_counter() - began
    return time.perf_counter() - start, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--region", default="3205")
    parser.add_argument("--period", default="2026-11")
    parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2026, 12, 6))
    opts = parser.parse_args()
    connect(opts.db)
    db.connect(reuse_if_open=True)
    divisions.names()
    patents = db.execute_sql("SELECT COUNT(*) FROM patent").fetchone()[0]
    baseline = min(bare_read() for _ in range(3))
    total, times = report(opts.region, opts.period, opts.on)
    print(f"patents: {patents:,}   region {opts.region}   period {opts.period}")
    for key, seconds in times.items():
        print(f"  {key:<14}{seconds:>8.2f} s")
    print(f"bare read (full scan of patent): {baseline:.3f} s")
    print(f"monthly report: {total:.2f} s  = {total / baseline:.1f} × bare read  "
          f"({'under' if total < 60 else 'OVER'} the 60 s target)")


if __name__ == "__main__":
    main()
