"""Speed of 权利人统计, 代理机构统计, 专利运营统计, 公开专利数据查询 and the .xlsx export.

Prints, for each page, the time of the core calls it makes on a render (cold = first call on a
fresh connection, warm = repeated), the search page for typical filters (count + first page +
a deep keyset page), the export of 100,000 rows, and the same numbers computed the naive way in
the same run: `SELECT *` of patent (+ holder, agency, legal events) into pandas, then pandas.

    python bench/search_export.py [--db URL] [--patents 1000000] [--export-rows 100000]

With --db pointing at a database that holds patents (e.g. /tmp/bench1m.db made by
`python -m core demo --patents 1000000 --db sqlite:////tmp/bench1m.db`) it is used as is;
otherwise a temporary SQLite file is filled with synthetic rows through core.db.bulk_insert.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from core.db import bulk_insert, connect, db
from core.db.models import Agency, Holder, HolderTag, LegalEvent, Patent, PatentHolder
from core.exports import search as export
from core.regions import divisions
from core.regions.query import Scope
from core.stats import agencies, holders, operations, search
from core.stats.search import SearchFilters
from core.upkeep.bootstrap import ensure_ready

REGION = "3205"
TYPES = ("invention", "utility", "design")


# --- synthetic data ---------------------------------------------------------------------------

def fill(n: int, seed: int = 1) -> None:
    """n patents over Suzhou streets, n/15 holders, 400 agencies, ~n/20 legal events."""
    rng = random.Random(seed)
    counties = [c for c, _ in divisions.children(REGION)]
    streets = [(c, s) for c in counties for s, _ in divisions.children(c)]
    n_holders, n_agencies = max(10, n // 15), 400
    kinds = ["enterprise"] * 80 + ["university"] * 5 + ["institute"] * 3 + ["individual"] * 12
    with db.atomic():
        bulk_insert(Agency, ["name", "norm_name", "city_code", "county_code", "agent_count"], [
            (f"代理所{i}", f"代理所{i}", "3205" if i % 3 else "1101",
             rng.choice(counties) if i % 3 else "110108", rng.randint(1, 80))
            for i in range(n_agencies)])
        bulk_insert(Holder, ["name", "norm_name", "kind", "first_filing"], [
            (f"持有人{i}有限公司", f"持有人{i}", rng.choice(kinds),
             dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 7000)))
            for i in range(n_holders)])
        bulk_insert(HolderTag, ["holder", "tag"], [
            (i, "hightech") for i in range(1, n_holders + 1, 7)])
    _fill_patents(n, rng, streets, n_holders, n_agencies)
    with db.atomic():
        bulk_insert(LegalEvent, ["patent", "kind", "date", "county_before", "county_after",
                                 "amount", "parties_before", "parties_after"],
                    [_event(rng, n, counties) for _ in range(n // 20)])
    db.obj.execute_sql("ANALYZE")


def _fill_patents(n, rng, streets, n_holders, n_agencies, chunk=100_000) -> None:
    words = ["电池", "图像", "识别", "装置", "方法", "系统", "材料", "电机", "控制", "传感器"]
    ipcs = ["H01M", "G06F", "G06V", "B65D", "A61K", "H04L", "F16H", "C08L"]
    for start in range(0, n, chunk):
        rows, links = [], []
        for i in range(start, min(n, start + chunk)):
            ptype = rng.choices(TYPES, (30, 55, 15))[0]
            app = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 7300))
            county, street = rng.choice(streets)
            ipc = rng.choice(ipcs)
            holder = rng.randint(1, n_holders)
            status = rng.choices(("valid", "lapsed", "pending"), (55, 30, 15))[0]
            rows.append((f"{app.year}{TYPES.index(ptype) + 1}{i:07d}X", ptype, app, app.year,
                         app + dt.timedelta(days=540), f"一种{rng.choice(words)}"
                         f"{rng.choice(words)}{i}", f"{ipc}{rng.randint(1, 99)}/{rng.randint(1, 99)}",
                         ipc, rng.randint(1, n_agencies) if rng.random() < 0.8 else None,
                         holder, "32", "3205", county, street, "street", status))
            links.append((i + 1, holder, 1))
        with db.atomic():
            bulk_insert(Patent, ["app_no", "patent_type", "app_date", "app_year", "pub_date",
                                 "title", "ipc_main", "ipc_subclass", "agency", "first_holder",
                                 "province_code", "city_code", "county_code", "street_code",
                                 "region_level", "status"], rows)
            bulk_insert(PatentHolder, ["patent", "holder", "seq"], links)


def _event(rng, n, counties) -> tuple:
    kind = rng.choices(("transfer", "license", "pledge"), (60, 20, 20))[0]
    before = rng.choice(counties + ["320102", "310115"])
    after = rng.choice(counties + ["320102", "310115", None])
    amount = rng.randint(10, 5000) * 10000 if kind == "pledge" else None
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3600))
    return (rng.randint(1, n), kind, date, before if kind == "transfer" else None,
            after if kind == "transfer" else None, amount, "甲", "乙")


# --- timing -----------------------------------------------------------------------------------

CPU: dict[str, float] = {}  # name -> CPU seconds of the cold call (the machine may be shared)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cpu_timed(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def cold_warm(url: str, fn) -> tuple[float, float, float]:
    """Wall time of the first call on a fresh connection, best wall time of two repeats, and
    the CPU time of the first call."""
    connect(url)
    cold, cpu = cpu_timed(fn)
    return cold, min(timed(fn), timed(fn)), cpu


def page_calls(today: dt.date) -> dict:
    last_year = Scope(REGION, dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
    city = Scope(REGION)
    return {
        "权利人统计 (city, page 1 + totals + kinds)": lambda: (
            holders.holder_stats(last_year, limit=100), holders.holder_totals(last_year)),
        "权利人统计 (county, sort by inventions)": lambda: (
            holders.holder_stats(Scope("320506"), "valid_invention", 100),
            holders.holder_totals(Scope("320506"))),
        "代理机构统计 (city, last year)": lambda: agencies.summary(
            last_year, agencies.ranking(last_year, None)),
        "代理机构统计 (city, all years)": lambda: agencies.summary(
            city, agencies.ranking(city, None)),
        "专利运营统计 (city)": lambda: (operations.per_year(city), operations.per_subregion(city),
                                   [operations.events(city, k) for k in
                                    ("transfer", "license", "pledge")]),
    }


def search_calls() -> dict:
    cases = {
        "no filter (city)": SearchFilters(region=REGION),
        "county + invention + valid": SearchFilters(region="320506", types=("invention",),
                                                    statuses=("valid",)),
        "title word 电池": SearchFilters(region=REGION, title="电池"),
        "IPC H01M + 2020": SearchFilters(region=REGION, ipc="H01M",
                                         app_from=dt.date(2020, 1, 1),
                                         app_to=dt.date(2020, 12, 31)),
        "holder id": SearchFilters(holder_id=3),
        "app no prefix 2019": SearchFilters(app_no="2019"),
    }

    def run(f):
        search.count(f)
        first = search.page(f)
        deep = first.next_cursor
        for _ in range(20):  # walk 20 pages further (keyset)
            if deep is None:
                break
            deep = search.page(f, deep).next_cursor
    return {f"公开专利数据查询: {k}": (lambda f=f: run(f)) for k, f in cases.items()}


# --- naive baseline ---------------------------------------------------------------------------

def naive(url: str) -> dict:
    """The same numbers from whole tables loaded into pandas."""

    connect(url)
    times = {}
    start, cpu = time.perf_counter(), time.process_time()
    patents = pd.read_sql('SELECT * FROM patent', db.obj.connection())
    holder_rows = pd.read_sql('SELECT id, name, kind, first_filing FROM holder', db.obj.connection())
    times["load patent + holder"] = time.perf_counter() - start
    times["load (cpu)"] = time.process_time() - cpu
    start = time.perf_counter()
    valid = patents[(patents.city_code == REGION) & (patents.status == "valid")]
    stats = valid.pivot_table(index="first_holder_id", columns="patent_type", values="id",
                              aggfunc="count", fill_value=0)
    stats["total"] = stats.sum(axis=1)
    stats.sort_values("total", ascending=False).head(100).join(holder_rows.set_index("id"))
    times["holders in pandas"] = time.perf_counter() - start
    start = time.perf_counter()
    patents[patents.city_code == REGION].groupby("agency_id").agg(
        filings=("id", "count"), valid=("status", lambda s: (s == "valid").sum()))
    times["agencies in pandas"] = time.perf_counter() - start
    start = time.perf_counter()
    hits = patents[(patents.city_code == REGION) & patents.title.str.contains("电池")]
    hits.sort_values("id", ascending=False).head(50)
    times["search 电池 in pandas"] = time.perf_counter() - start
    return times


# --- main -------------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--patents", type=int, default=1_000_000)
    parser.add_argument("--export-rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    url = prepare(args)
    n = Patent.select().count()
    print(f"database: {url}  patents: {n:,}  load average: {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores", flush=True)
    results = {}
    for name, fn in {**page_calls(dt.date.today()), **search_calls()}.items():
        results[name] = cold_warm(url, fn)
        print(f"{name:<46} cold {results[name][0] * 1000:8.1f} ms (cpu "
              f"{results[name][2] * 1000:7.1f})   warm {results[name][1] * 1000:8.1f} ms",
              flush=True)
    export_s = export_time(url, args.export_rows)
    naive_times = naive(url)
    report(results, export_s, args.export_rows, naive_times)
    return 0


def prepare(args) -> str:
    os.environ.setdefault("PATENT_ADMIN_PASSWORD", "bench-only")  # no password file in data/
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'search_bench.db'}"
    ensure_ready(url)
    if not Patent.select().exists():
        started = time.perf_counter()
        fill(args.patents)
        print(f"filled {args.patents:,} synthetic patents in {time.perf_counter() - started:.1f}s")
    return url


def export_time(url: str, rows: int) -> float:
    connect(url)
    steps = []
    out = {}
    seconds, cpu = cpu_timed(lambda: out.setdefault("data", export.to_xlsx(
        SearchFilters(region=REGION), rows, lambda d, t: steps.append(d), limit=rows)))
    print(f"export {steps[-1]:,} rows to .xlsx: {seconds:.1f} s (cpu {cpu:.1f} s, "
          f"{len(out['data']) / 2**20:.1f} MB, {len(steps)} progress callbacks)", flush=True)
    return seconds


def report(results: dict, export_s: float, rows: int, naive_times: dict) -> None:
    load = naive_times["load patent + holder"]
    naive_times = {k: v for k, v in naive_times.items() if k != "load (cpu)"} | {
        "load (cpu)": naive_times["load (cpu)"]}
    print("\nnaive baseline (same run):")
    for name, seconds in naive_times.items():
        print(f"  {name:<30} {seconds * 1000:9.1f} ms", flush=True)
    worst = max(r[0] for r in results.values())
    worst_cpu = max(r[2] for r in results.values())
    holders_cold = results["权利人统计 (city, page 1 + totals + kinds)"][0]
    search_cold = results["公开专利数据查询: title word 电池"][0]
    print(f"\nslowest page data cold: {worst * 1000:.0f} ms wall, {worst_cpu * 1000:.0f} ms cpu")
    print(f"ratio naive/ours — 权利人统计: "
          f"{(load + naive_times['holders in pandas']) / holders_cold:.0f}x, "
          f"search 电池: {(load + naive_times['search 电池 in pandas']) / search_cold:.0f}x")
    print(f"export {rows:,} rows: {export_s:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
