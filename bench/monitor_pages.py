"""Speed of the monitoring pages' data (年费预警, 届满通知, 专利失效分析, 专利创造指标分析).

For each page: the time of every core call the page makes on a cold render (no Streamlit cache),
against a naive approach in the same run: `SELECT *` of patent (+ holder) into pandas, then the
same numbers with pandas. Target: each page well under a second at 1,000,000 patents. --holder-rules adds the indicators
page under the holder counting rules (their summary rows are built first, timed: what their
first use in the app does). The naive baseline is computed for the home region only.

    python bench/monitor_pages.py [--patents 1000000] [--db URL] [--reuse] [--repeat 3]
        [--regions 3205,320505,320505001] [--holder-rules] [--drop-caches]

SQLite gets ANALYZE first (planner statistics: without them SQLite may pick an equality index
over the covering range index). The division names are loaded once before timing.
Without --db a temporary SQLite file is filled with synthetic rows (core.db.bulk_insert); with
--db an existing database is used as is when it holds patents and --reuse is given (e.g. one
made by `python -m core demo --patents 1000000 --db URL`), else filled first.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import warnings
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from bench.stats_pages import drop_caches
from core.config import params
from core.cubes import freshness
from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.db import bulk_insert, connect, db
from core.db.models import Holder, Patent
from core.monitor import expiry as ex
from core.monitor import fee_warnings as fw
from core.monitor import lapses
from core.regions import divisions
from core.regions.divisions import load_divisions
from core.regions.query import Scope
from core.rules import fees, terms
from core.rules.calendar import add_years
from core.rules.counting import CountingRule
from core.stats import indicators
from core.upkeep.bootstrap import upgrade_schema

REGION = "3205"
TYPES = (("invention", 30), ("utility", 55), ("design", 15))
LAPSE_REASONS = (("unpaid_fee", 70), ("expired", 15), ("surrendered", 6), ("invalidated", 3),
                 ("double_patenting", 2), ("unknown", 4))


# --- synthetic data -----------------------------------------------------------------------------

def _pick(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


@cache
def _due(app_date: dt.date, year: int) -> dt.date:
    return fees.due_date(app_date, year)


def _patent_row(i: int, rng, on: dt.date, streets: list[str], holders: int) -> tuple:
    kind = _pick(rng, TYPES)
    app = on - dt.timedelta(days=rng.randint(30, 20 * 365))
    term = terms.term_years(kind, app)
    expiry = add_years(app, term)
    street = rng.choice(streets)
    granted = rng.random() < 0.85
    grant_year = 3 if kind == "invention" else 2
    status, reason, lapse, paid, next_due = "pending", None, None, None, None
    year_now = terms.patent_year_on(app, on)
    if granted and expiry <= on:
        status, reason, lapse = "lapsed", "expired", expiry
    elif granted and year_now >= grant_year:
        roll = rng.random()
        if roll < 0.35:
            status, reason = "lapsed", _pick(rng, LAPSE_REASONS)
            lapse = on - dt.timedelta(days=rng.randint(1, 6 * 365))
        else:
            status = "valid"
            late = rng.random()
            # paid through this year (next due within 12 months), or one behind (grace/terminated)
            paid = year_now if late > 0.06 else max(grant_year, year_now - 1)
            paid = min(paid, term - 1)
            next_due = _due(app, paid + 1)
    elif not granted and rng.random() < 0.5:
        status, reason, lapse = "lapsed", "withdrawn", app + dt.timedelta(days=rng.randint(400, 900))
    return (f"B{i:012d}", kind, app, app.year, f"一种测试装置{i}", 1 + i % holders,
            "32", REGION, street[:6], street, "street", status, reason, lapse, expiry,
            app + dt.timedelta(days=700) if granted else None, grant_year if granted else None,
            paid, next_due, rng.random() < 0.3 and kind == "invention", rng.random() > 0.02,
            f"江苏省苏州市某路{i % 900}号")


PATENT_COLUMNS = ["app_no", "patent_type", "app_date", "app_year", "title", "first_holder",
                  "province_code", "city_code", "county_code", "street_code", "region_level",
                  "status", "status_reason", "lapse_date", "expiry_date", "grant_date",
                  "grant_patent_year", "paid_through_year", "next_fee_due", "high_value",
                  "domestic", "address"]


def fill(n: int, on: dt.date, seed: int = 7) -> float:
    started = time.perf_counter()
    rng = random.Random(seed)
    streets = [c for county, _ in divisions.children(REGION) for c, _ in divisions.children(county)]
    holders = max(100, n // 20)
    with db.atomic():
        bulk_insert(Holder, ["name", "norm_name", "address", "fee_reduction"],
                    [(f"苏州{i}科技有限公司", f"苏州{i}科技有限公司", f"苏州市某路{i}号", i % 3 == 0)
                     for i in range(1, holders + 1)])
    batch = []
    for i in range(n):
        batch.append(_patent_row(i, rng, on, streets, holders))
        if len(batch) == 50_000:
            with db.atomic():
                bulk_insert(Patent, PATENT_COLUMNS, batch)
            batch = []
    with db.atomic():
        bulk_insert(Patent, PATENT_COLUMNS, batch)
        params.set_value("population", 1295.8, region_code=REGION, year=on.year)
    db.execute_sql("ANALYZE")
    return time.perf_counter() - started


# --- the pages' data, as the pages ask for it -----------------------------------------------

def page_calls(on: dt.date, region: str = REGION) -> dict[str, callable]:
    """The core calls each page makes on a cold render (see pages/*.py)."""
    scope = Scope(region)

    def fees_page():
        q = fw.FeeQuery(scope, on, ("due_soon", "grace"))
        return fw.summary(q), fw.page(q, 0, 50)

    def expiry_page():
        q = ex.ExpiryQuery(scope, on, 12)
        return ex.summary(q), ex.indicator_effect(scope, on), ex.page(q, 0, 50)

    def lapse_page():
        q = lapses.LapseQuery(scope, on.replace(month=1, day=1), on)
        return lapses.summary(q), lapses.by_holder(q), lapses.page(q, 0, 50)

    def indicators_page(rule=None):
        return lambda: (indicators.compute(region, on.year, rule, on),
                        indicators.subregions(region, on.year, rule, on),
                        indicators.monthly(region, on.year, rule, on))

    return {"年费预警 fees": fees_page, "届满通知 expiry": expiry_page,
            "专利失效分析 lapse": lapse_page, "专利创造指标分析 indicators": indicators_page(),
            **{f"  口径：{name}": indicators_page(rule) for name, rule in HOLDER_RULES.items()}}


def _holder_rules() -> dict:
    return {"任一权利人": CountingRule(holder="any"),
            "原始第一申请人": CountingRule(basis="original"),
            "任一权利人·分数计数": CountingRule(holder="any", fractional=True)}


HOLDER_RULES: dict = {}


def build_holder_rules() -> None:
    """Build the holder rules' cube rows once (what their first use does), timed."""
    for name, rule in _holder_rules().items():
        HOLDER_RULES[name] = rule
        if indicator_cube.needs_build(rule):
            started = time.perf_counter()
            with db.atomic():
                indicator_cube.build_variant(indicator_cube.variant_of(rule))
            print(f"first use of 口径 {name}: summary rows built in "
                  f"{time.perf_counter() - started:.1f}s", flush=True)


# --- naive: everything into pandas ----------------------------------------------------------------

def naive_load():


    warnings.filterwarnings("ignore", message="pandas only supports SQLAlchemy")
    patents = pd.read_sql("SELECT * FROM patent", db.obj.connection())
    holders = pd.read_sql("SELECT * FROM holder", db.obj.connection())
    for col in ("next_fee_due", "expiry_date", "lapse_date", "app_date"):
        patents[col] = pd.to_datetime(patents[col])
    return patents, holders


def naive_calls(on: dt.date) -> dict[str, callable]:
    ts = pd.Timestamp(on)

    def fees(p, h):
        v = p[(p.city_code == REGION) & (p.status == "valid") & p.next_fee_due.notna()]
        w = v[(v.next_fee_due >= ts - pd.DateOffset(months=6)) & (v.next_fee_due <= ts + pd.Timedelta(days=90))]
        w = w.assign(state=(w.next_fee_due >= ts).map({True: "due_soon", False: "grace"}))
        w.groupby("state").size(), w.groupby(["state", "county_code"]).size()
        return w.sort_values(["next_fee_due", "id"]).head(50).merge(h, left_on="first_holder_id",
                                                                     right_on="id")

    def expiry(p, h):
        v = p[(p.city_code == REGION) & (p.status == "valid")]
        w = v[(v.expiry_date >= ts) & (v.expiry_date <= ts + pd.DateOffset(months=12))]
        w.groupby("patent_type").size(), w.groupby([w.expiry_date.dt.to_period("M"), "patent_type"]).size()
        w.groupby("county_code").size(), v[v.patent_type == "invention"].domestic.sum()
        return w.sort_values(["expiry_date", "id"]).head(50).merge(h, left_on="first_holder_id",
                                                                   right_on="id")

    def lapse(p, h):
        v = p[(p.city_code == REGION) & (p.status == "lapsed") & p.grant_date.notna()]
        w = v[(v.lapse_date >= pd.Timestamp(on.replace(month=1, day=1))) & (v.lapse_date <= ts)]
        w.groupby("status_reason").size(), w.groupby([w.lapse_date.dt.to_period("M"), "status_reason"]).size()
        w.groupby(["county_code", "status_reason"]).size()
        w.groupby("first_holder_id").size().nlargest(20)
        return w.sort_values(["lapse_date", "id"], ascending=False).head(50)

    def indicators(p, h):
        v = p[p.city_code == REGION]
        inv = v[(v.patent_type == "invention") & (v.status == "valid")]
        inv.domestic.sum(), (inv.domestic & inv.high_value).sum()
        inv.groupby("county_code").size()
        year = v[v.app_date >= pd.Timestamp(on.replace(month=1, day=1))]
        return year.groupby([year.app_date.dt.month, "patent_type"]).size()

    return {"年费预警 fees": fees, "届满通知 expiry": expiry, "专利失效分析 lapse": lapse,
            "专利创造指标分析 indicators": indicators}


# --- run -------------------------------------------------------------------------------------------

def timed(fn, repeat: int, cold=None) -> tuple[float, float]:
    """(first run, median of the following runs) in seconds; `cold` runs before the first."""
    times = []
    for i in range(max(1, repeat)):
        if i == 0 and cold:
            cold()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:] or times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--patents", type=int, default=1_000_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--reuse", action="store_true", help="use the patents already in --db")
    ap.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2026, 6, 15))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--regions", default=REGION,
                    help="comma-separated region codes (city, county, street, custom)")
    ap.add_argument("--holder-rules", action="store_true",
                    help="also the indicators page under the holder counting rules")
    ap.add_argument("--drop-caches", action="store_true",
                    help="empty the OS page cache before each cold run (root only)")
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory() if not args.db else None
    url = args.db or f"sqlite:///{tmp.name}/bench.db"
    database = connect(url)
    database.connect(reuse_if_open=True)
    upgrade_schema()
    load_divisions()
    if not (args.reuse and Patent.select().exists()):
        print(f"filling {args.patents:,} synthetic patents into {url} …", flush=True)
        print(f"  filled in {fill(args.patents, args.on):.1f}s", flush=True)
    db.execute_sql("ANALYZE")  # planner statistics, as a maintained database has them
    divisions.names()  # the division table is read once per process, not per page
    started = time.perf_counter()
    if not freshness.is_fresh():
        cubes.rebuild()  # what the import / nightly job does
        print(f"summary tables rebuilt in {time.perf_counter() - started:.1f}s")
    if args.holder_rules:
        build_holder_rules()
    n = Patent.select().count()
    print(f"{n:,} patents · {url.split('?')[0]} · as of {args.on}")
    cold = None
    if args.drop_caches:
        cold = drop_caches if drop_caches() else None
        print("cold runs after emptying the OS page cache" if cold else
              "(--drop-caches not permitted here: cold = first run in this process)")
    regions = args.regions.split(",")
    ours = {(region, name): timed(call, args.repeat, cold)
            for region in regions for name, call in page_calls(args.on, region).items()}
    naive = {}
    if not args.skip_naive:
        started = time.perf_counter()
        frames = naive_load()
        load = time.perf_counter() - started
        for name, call in naive_calls(args.on).items():
            first, _ = timed(lambda call=call: call(*frames), 1)
            naive[name] = load + first
        print(f"naive: SELECT * into pandas {load:.2f}s (paid by every naive page)")
    print(f"{'region':<11}{'page':<30}{'cold s':>9}{'warm s':>9}{'naive s':>10}{'ratio':>9}")
    for (region, name), (first, warm) in ours.items():
        base = naive.get(name) if region == REGION else None
        ratio = f"{base / first:8.1f}x" if base else "       -"
        print(f"{region:<11}{name:<30}{first:9.3f}{warm:9.3f}{(base or float('nan')):10.2f}"
              f"{ratio}")
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
