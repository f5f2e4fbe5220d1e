"""Server time of the pages that were slow at 1,000,000 patents (issue 17 item 4), each beside a
bare read of the patent table in the same run:

- 非正常申请监测: abnormal.detect for the home city (cold: first call on a fresh connection);
- 专利数据核查: the queue statistics (queue.stats) and the first queue page;
- the search export: the rows of a holder's patents (ids, then rows by id) and the .xlsx, rows/s.

    python bench/slow_pages.py --db sqlite:////tmp/copy-of-a-1m-demo.db [--region 3205]

Use a copy of a demo database (`python -m core demo --patents 1000000 --db ...`): opening it
applies pending migration steps (the step-24 indexes).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import peewee as pw

from core.db import connect, db
from core.db.models import Patent
from core.exports import search as export
from core.monitor import abnormal
from core.resolver import queue
from core.stats.search import SearchFilters
from core.upkeep.bootstrap import ensure_ready


def measured(url: str, fn) -> tuple[float, float, object]:
    """(wall s, CPU s, result) of fn on a fresh connection."""
    connect(url)
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bare_read() -> int:
    """Every patent's region and date columns, as a plain cursor returns them."""
    cursor = db.execute_sql("SELECT id, app_date, first_holder_id, city_code, county_code, "
                            "region_level FROM patent")
    return sum(1 for _ in cursor)


def busiest_holder() -> int:
    count = pw.fn.COUNT(pw.SQL("*"))
    return (Patent.select(Patent.first_holder).where(Patent.first_holder.is_null(False))
            .group_by(Patent.first_holder).order_by(count.desc()).limit(1).scalar())


def line(name: str, wall: float, cpu: float, extra: str = "") -> None:
    print(f"{name:<44} {wall * 1000:9.0f} ms wall {cpu * 1000:8.0f} ms cpu  {extra}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--region", default="3205")
    args = parser.parse_args(argv)
    os.environ.setdefault("PATENT_ADMIN_PASSWORD", "bench-only")
    ensure_ready(args.db)
    url, region, on = args.db, args.region, dt.date.today()
    print(f"database {url}: {Patent.select().count():,} patents; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (compare cpu columns)")
    wall, cpu, n = measured(url, bare_read)
    line(f"baseline: bare read of {n:,} patents", wall, cpu)
    wall, cpu, cases = measured(url, lambda: abnormal.detect(region, on))
    line("非正常申请监测 detect (target < 1 s)", wall, cpu, f"{len(cases)} cases")
    wall, cpu, _ = measured(url, lambda: queue.stats(region))
    line("专利数据核查 queue.stats (target < 1 s)", wall, cpu)
    wall, cpu, _ = measured(url, lambda: (queue.queue_count(None, region),
                                          queue.queue_page(None, region, limit=200)))
    line("专利数据核查 queue count + page", wall, cpu)
    f = SearchFilters(holder_id=busiest_holder())
    wall, cpu, rows = measured(url, lambda: sum(1 for _ in export.export_rows(f)))
    line(f"export rows of a holder ({rows:,})", wall, cpu, f"{rows / wall:,.0f} rows/s wall, "
         f"{rows / cpu:,.0f} rows/s cpu (target >= 20,000)")
    wall, cpu, data = measured(url, lambda: export.to_xlsx(f, rows))
    line("export .xlsx of the same", wall, cpu, f"{rows / wall:,.0f} rows/s wall, "
         f"{rows / cpu:,.0f} rows/s cpu, {len(data) / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
