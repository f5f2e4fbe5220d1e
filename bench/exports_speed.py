"""Speed of every list export a user can download (公开专利数据查询, 年费预警, 届满通知, 专利失效分析,
专利数据核查 queue), against the bare read of the same rows in the same run: CPU seconds of this
process for reading the export's rows alone, then for the whole export (read + .xlsx), as rows/s
of CPU and the ratio export/read (1.0: writing the sheet is free).

    nice python bench/exports_speed.py --db sqlite:////tmp/copy_of_demo.db [--region 3205]
        [--rows 200000] [--only search,fees] [--repeat 2]

The database is read only; use a copy of a demo database (`python -m core demo`).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.config import labels
from core.db import connect, db
from core.exports import search
from core.exports.sheet import rows_to_xlsx_bytes
from core.monitor import expiry, fee_warnings, lapses
from core.regions.query import Scope
from core.resolver import queue, workbook
from core.stats.search import SearchFilters

SHORT = {"search": "公开专利数据查询", "fees": "年费预警", "expiry": "届满通知", "lapses": "专利失效分析",
         "queue": "专利数据核查"}


def picked(only: str) -> set[str]:
    """The export names `--only` asks for, by short or Chinese name; SystemExit on an unknown
    one (it used to match nothing and print an empty table)."""
    names = {SHORT.get(n.strip(), n.strip()) for n in only.split(",") if n.strip()}
    unknown = names - set(SHORT.values())
    if unknown:
        raise SystemExit(f"unknown export: {', '.join(sorted(unknown))} (one of {', '.join(SHORT)})")
    return names


def cpu(func: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = func()
    return time.process_time() - start, result


def exports(region: str, rows: int) -> dict[str, tuple[Callable[[], Iterable], Callable[[], bytes]]]:
    """name → (the export's rows, the export's .xlsx bytes)."""
    today = dt.date.today()
    scope = Scope(region)
    found = SearchFilters(region=region)
    fee = fee_warnings.FeeQuery(scope, today, fee_warnings.WARN_STATES)
    due = expiry.ExpiryQuery(scope, today, max(expiry.HORIZONS))
    lapse = lapses.LapseQuery(scope, dt.date(1985, 1, 1), today, granted_only=False)
    return {
        "公开专利数据查询": (lambda: search.export_tuples(found, rows),
                     lambda: search.to_xlsx(found, rows, limit=rows)),
        "年费预警": (lambda: fee_warnings.export_rows(fee, rows),
                 lambda: rows_to_xlsx_bytes(fee_warnings.export_rows(fee, rows),
                                            fee_warnings.EXPORT_COLUMNS, labels.FEE_SHEET)),
        "届满通知": (lambda: expiry.export_rows(due, rows),
                 lambda: rows_to_xlsx_bytes(expiry.export_rows(due, rows),
                                            labels.EXPIRY_LIST_COLUMNS, labels.EXPIRY_SHEET)),
        "专利失效分析": (lambda: lapses.export_rows(lapse, rows),
                   lambda: rows_to_xlsx_bytes(lapses.export_rows(lapse, rows),
                                              lapses.EXPORT_COLUMNS, labels.LAPSE_SHEET)),
        "专利数据核查": (lambda: queue.queue_page(within=region, limit=rows),
                   lambda: workbook.export_queue(region, limit=rows)),
    }


def measure(read: Callable[[], Iterable], export: Callable[[], bytes],
            repeat: int) -> tuple[int, float, float, int]:
    """(rows, best CPU seconds of the read, best CPU seconds of the export, bytes)."""
    reads, writes = [], []
    for _ in range(repeat):
        took, rows = cpu(lambda: sum(1 for _ in read()))
        reads.append(took)
        took, data = cpu(export)
        writes.append(took)
    return rows, min(reads), min(writes), len(data)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--region", default="3205")
    parser.add_argument("--rows", type=int, default=200_000, help="at most this many per export")
    parser.add_argument("--only", default="", help="comma-separated export names (search, fees, "
                        "expiry, lapses, queue or the Chinese names)")
    parser.add_argument("--repeat", type=int, default=1)
    opts = parser.parse_args(argv)
    only = picked(opts.only)
    connect(opts.db)
    db.connect(reuse_if_open=True)
    print(f"database: {opts.db}  load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'export':<14}{'rows':>9}{'read rows/s':>13}{'export rows/s':>15}{'ratio':>7}"
          f"{'MB':>7}")
    for name, (read, export) in exports(opts.region, opts.rows).items():
        if only and name not in only:
            continue
        rows, read_s, export_s, size = measure(read, export, opts.repeat)
        read_rate, export_rate = rows / max(read_s, 1e-9), rows / max(export_s, 1e-9)
        print(f"{name:<14}{rows:>9,}{read_rate:>13,.0f}{export_rate:>15,.0f}"
              f"{export_rate / read_rate:>7.2f}{size / 2**20:>7.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
