"""Speed of the statistics pages (专利概况, 产业统计, 趋势统计, 区域统计, 权利人统计, 代理机构统计,
专利运营统计, 公开专利数据查询) at 1,000,000 patents.

    python -m bench.stats_pages [--db sqlite:////tmp/bench1m.db] [--patents 1000000]
                                [--drop-caches] [--pages 专利概况,趋势统计] [--calls]
                                [--dates 2020-01-01:2024-12-31] [--region 320506]

Uses the database if it already holds patents (e.g. the demo: `python -m core demo --patents
1000000 --db sqlite:////tmp/bench1m.db`); otherwise fills it with a quick synthetic city first.
For each page it runs exactly the core calls the page makes, for the whole home region: cold
(a new connection, empty SQLite page cache) and warm (again, same connection), then a naive
baseline in the same run: load every patent (and events, industry links, holders, agencies)
into pandas and compute the same numbers there. Prints seconds per page and the ratio
naive / cold. --drop-caches empties the OS page cache before each cold run (root only: `sync;
echo 3 > /proc/sys/vm/drop_caches`; the run says when it was not permitted). --calls also
prints each call's cold and warm time.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time

import pandas as pd

from core.db import bulk_insert, connect, db
from core.db.models import Agency, Holder, Industry, LegalEvent, Patent, PatentIndustry
from core.regions import divisions
from core.regions.query import Scope
from core.stats import agencies, holders, industry, operations, overview, regions, search, trend
from core.upkeep.bootstrap import ensure_ready

HOME = "3205"
TODAY = dt.date.today()


def page_calls(scope: Scope) -> dict[str, list]:
    """Per page, the (function, args) the page calls on first render."""
    y = TODAY.year
    return {
        "专利概况": [(overview.has_patents, ()), (overview.data_updated_at, ()),
                 (overview.cards, (scope, TODAY)), (overview.subregions, (scope,)),
                 (overview.yearly, (scope, y - 9, y)), (overview.type_split, (scope,)),
                 (overview.streets, (scope,)), (overview.top_holders, (scope, False)),
                 (overview.top_holders, (scope, True)),
                 (overview.operations, (scope, dt.date(y, 1, 1), TODAY)),
                 (overview.watched, (scope, None))],
        "产业统计": [(industry.summary, (scope,)), (industry.trend, (scope, y - 9, y)),
                 (industry.matrix, (scope,)), (industry.emerging_share, (scope, y - 9, y))],
        "趋势统计": [(trend.applications, (scope, "year")), (trend.grants, (scope, "year")),
                 (trend.valid_stock, (scope, y - 14, y)), (trend.actors, (scope, "year")),
                 (trend.pipeline, (scope,)), (trend.operations, (scope, "year"))],
        "区域统计": [(regions.table, (scope, "child")),
                 (regions.top_holders, (scope.with_region("320506"), "applications")),
                 (regions.top_holders, (scope.with_region("320506"), "grants"))],
        **other_pages(scope),
    }


def other_pages(scope: Scope) -> dict[str, list]:
    """权利人统计, 代理机构统计, 专利运营统计, 公开专利数据查询: the core calls of a first render
    with the default filters (pages/holders.py, agencies.py, operations.py, search.py)."""
    sf = search.with_scope(search.SearchFilters(), scope)
    return {
        "权利人统计": [(overview.has_patents, ()), (holders.tags_in_use, ()), (industry.tops, ()),
                  (_holders_summary, (scope,)),
                  (holders.holder_stats, (scope, "valid_total", 100, 0))],
        "代理机构统计": [(overview.has_patents, ()), (_agencies_data, (scope,))],
        "专利运营统计": [(operations.per_year, (scope,)), (operations.per_subregion, (scope,)),
                   *[(operations.events, (scope, kind)) for kind in ("transfer", "license",
                                                             "pledge")]],
        "公开专利数据查询": [(holders.tags_in_use, ()), (industry.tops, ()), (search.count, (sf,)),
                     (search.page, (sf, None))],
    }


def _holders_summary(q: Scope) -> dict:
    kinds = holders.kind_split(q)  # as pages/holders.py _summary
    return {"totals": holders.holder_totals(q, kinds), "kinds": kinds}


def _agencies_data(q: Scope) -> dict:
    ranked = agencies.ranking(q, limit=None)  # as pages/agencies.py _data
    return {"ranking": ranked, "summary": agencies.summary(q, ranked),
            "rule": agencies.abnormal_rule(q.region)}


def timed(calls, per_call: list | None = None) -> float:
    start = time.perf_counter()
    for func, args in calls:
        began = time.perf_counter()
        func(*args)
        if per_call is not None:
            per_call.append((func.__name__, time.perf_counter() - began))
    return time.perf_counter() - start


def drop_caches() -> bool:
    """Empty the OS page cache (root only); False when not permitted."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


# --- naive baseline: everything into pandas ---------------------------------------------------

def naive(url: str) -> dict[str, float]:
    connect(url)
    start = time.perf_counter()
    p = pd.read_sql("SELECT * FROM patent", db.obj.connection())
    ev = pd.read_sql("SELECT * FROM legal_event", db.obj.connection())
    pi = pd.read_sql("SELECT * FROM patent_industry", db.obj.connection())
    holder = pd.read_sql("SELECT id, name, kind, first_filing FROM holder", db.obj.connection())
    agency = pd.read_sql("SELECT * FROM agency", db.obj.connection())
    load = time.perf_counter() - start
    p = p[p["city_code"] == HOME]
    valid = p[p["status"] == "valid"]
    out = {}
    t = time.perf_counter()
    _ = (len(p), len(valid), (valid["patent_type"] == "invention").sum(),
         valid.groupby("county_code").size(), p.groupby("app_year").size(),
         p.groupby("grant_year").size(), p.groupby("patent_type").size(),
         valid.groupby("street_code").size().nlargest(15),
         valid.groupby("first_holder_id").size().nlargest(10),
         ev[ev["kind"].isin(["transfer", "license", "pledge"])].groupby("kind").size())
    out["专利概况"] = time.perf_counter() - t
    t = time.perf_counter()
    m = pi.merge(p[["id", "app_year", "status", "county_code"]], left_on="patent_id",
                 right_on="id")
    _ = (m.groupby("industry_code")["patent_id"].nunique(),
         m.groupby(["industry_code", "app_year"]).size(),
         m[m["status"] == "valid"].groupby(["industry_code", "county_code"]).size())
    out["产业统计"] = time.perf_counter() - t
    t = time.perf_counter()
    _ = (p.groupby(["app_year", "patent_type"]).size(),
         p.groupby(["grant_year", "patent_type"]).size(),
         p.groupby("app_year")["first_holder_id"].nunique(),
         ev.merge(p[["id"]], left_on="patent_id", right_on="id").groupby("kind").size())
    out["趋势统计"] = time.perf_counter() - t
    t = time.perf_counter()
    _ = (p.groupby("county_code").agg(n=("id", "size")), valid.groupby("county_code").size(),
         p[p["county_code"] == "320506"].groupby("first_holder_id").size().nlargest(10))
    out["区域统计"] = time.perf_counter() - t
    out.update(_naive_others(p, valid, ev, holder, agency))
    db.obj.close()
    return {k: v + load for k, v in out.items()} | {"_load": load}


def _naive_others(p, valid, ev, holder, agency) -> dict[str, float]:
    out = {}
    t = time.perf_counter()
    by_type = valid.pivot_table(index="first_holder_id", columns="patent_type", values="id",
                                aggfunc="count", fill_value=0)
    by_type["total"] = by_type.sum(axis=1)
    kinds = by_type.join(holder.set_index("id")).groupby("kind")["total"].agg(["size", "sum"])
    _ = (kinds, by_type.sort_values("total", ascending=False).head(100).join(holder.set_index("id")))
    out["权利人统计"] = time.perf_counter() - t
    t = time.perf_counter()
    a = p[p["agency_id"].notna()]
    ranked = a.groupby("agency_id").agg(
        filings=("id", "size"), valid=("status", lambda s: (s == "valid").sum()),
        withdrawn=("status_reason", lambda s: s.isin(["withdrawn", "rejected"]).sum()))
    top = ranked.nlargest(30, "filings").index
    mix = (a[a["agency_id"].isin(top)].merge(holder[["id", "kind"]], left_on="first_holder_id",
                                            right_on="id").groupby(["agency_id", "kind"]).size())
    fields = a[a["agency_id"].isin(top)].groupby(["agency_id", "ipc_subclass"]).size()
    _ = (ranked.join(agency.set_index("id")), mix, fields, (p["agency_id"].isna()).sum())
    out["代理机构统计"] = time.perf_counter() - t
    t = time.perf_counter()
    ops = ev[ev["kind"].isin(["transfer", "license", "pledge"]) & ev["date"].notna()].copy()
    ops["year"] = ops["date"].astype(str).str[:4]
    moves = ops[ops["kind"] == "transfer"]
    inside_b = moves["county_before"].fillna("").str.startswith(HOME)
    inside_a = moves["county_after"].fillna("").str.startswith(HOME)
    local = ops[ops["kind"] != "transfer"].merge(p[["id", "county_code"]], left_on="patent_id",
                                                 right_on="id")
    _ = (moves[inside_a & ~inside_b].groupby("year").size(),
         moves[inside_b & ~inside_a].groupby("year").size(),
         local.groupby(["year", "kind"]).agg(n=("id_x", "size"), amount=("amount", "sum")),
         local.groupby(["county_code", "kind"]).size(),
         moves[inside_a & ~inside_b].groupby("county_after").size(),
         ops.sort_values("date").tail(500))
    out["专利运营统计"] = time.perf_counter() - t
    t = time.perf_counter()
    hits = p[p["pub_date"].notna() | p["grant_date"].notna()]
    _ = (len(hits), hits.sort_values("id", ascending=False).head(50))
    out["公开专利数据查询"] = time.perf_counter() - t
    return out


# --- synthetic city (only when the database has no patents) -----------------------------------

def build(url: str, n: int, seed: int = 7) -> None:
    """Fill an empty database with `n` synthetic patents of the home city, fast."""
    ensure_ready(url)
    rng = random.Random(seed)
    counties = [c for c, _ in divisions.children(HOME)]
    streets = {c: [s for s, _ in divisions.children(c) if int(s[6:]) < 200] for c in counties}
    weights = [rng.uniform(0.5, 3) for _ in counties]
    with db.atomic():
        _industries()
        bulk_insert(Holder, ["name", "norm_name", "kind"],
                    [(f"H{i}", f"h{i}", "enterprise") for i in range(60000)])
        bulk_insert(Agency, ["name", "norm_name"], [(f"A{i}", f"a{i}") for i in range(300)])
    rows, events, links = [], [], []
    for i in range(n):
        pid = i + 1
        county = rng.choices(counties, weights)[0]
        street = rng.choice(streets[county]) if rng.random() < 0.9 else None
        rows.append(_patent(rng, i, county, street))
        events.extend(_events(rng, pid, rows[-1], counties, streets))
        links.extend((pid, code) for code in _industry_codes(rng))
        if len(rows) >= 50000:
            _flush(rows, events, links)
    _flush(rows, events, links)
    db.obj.execute_sql("ANALYZE") if url.startswith("sqlite") else None


PATENT_COLS = ["app_no", "patent_type", "app_date", "app_year", "pub_date", "grant_date",
               "grant_year", "title", "first_holder", "agency", "inventor_count", "province_code",
               "city_code", "county_code", "street_code", "status", "status_reason",
               "status_date", "lapse_date"]


def _patent(rng, i, county, street):
    ptype = rng.choices(("invention", "utility", "design"), (35, 50, 15))[0]
    year = min(TODAY.year, 2005 + int(21 * rng.random() ** 0.6))
    app = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    app = min(app, TODAY)
    lag = {"invention": rng.randrange(500, 1500), "utility": rng.randrange(150, 330),
           "design": rng.randrange(100, 200)}[ptype]
    grant = app + dt.timedelta(days=lag)
    granted = grant <= TODAY and rng.random() < (0.55 if ptype == "invention" else 0.95)
    pub = app + dt.timedelta(days=540) if ptype == "invention" else (grant if granted else None)
    pub = pub if pub and pub <= TODAY else None
    status, reason, sdate, lapse = "pending", "examining", None, None
    if granted:
        status, reason = "valid", "granted"
        if rng.random() < min(0.8, (TODAY - grant).days / 365 * 0.08):
            lapse = min(TODAY, grant + dt.timedelta(days=rng.randrange(365, 365 * 8)))
            status, reason, sdate = "lapsed", "unpaid_fee", lapse
    elif ptype == "invention" and (TODAY - app).days > 365 * 4:
        status, reason = "lapsed", rng.choice(("rejected", "withdrawn"))
        sdate = app + dt.timedelta(days=rng.randrange(700, 1400))
    holder = int(60000 * rng.random() ** 3) + 1
    return (f"B{i:09d}", ptype, app, app.year, pub, grant if granted else None,
            grant.year if granted else None, "t", holder,
            rng.randrange(1, 301) if rng.random() < 0.7 else None, rng.randrange(1, 7),
            "32", HOME, county, street, status, reason, sdate, lapse)


def _events(rng, pid, row, counties, streets):
    if row[5] is None or rng.random() > 0.06:
        return []
    kind = rng.choices(("transfer", "license", "pledge"), (50, 20, 30))[0]
    day = min(TODAY, row[5] + dt.timedelta(days=rng.randrange(30, 3000)))
    before, after = row[13], rng.choice(counties) if rng.random() < 0.8 else "310115"
    if kind != "transfer":
        return [(pid, kind, day, None, None, None, None)]
    sb = row[14]
    sa = rng.choice(streets[after]) if streets.get(after) else None
    return [(pid, kind, day, before, after, sb, sa)]


def _industry_codes(rng):
    codes = []
    if rng.random() < 0.45:
        codes.append(f"sei{rng.randrange(1, 10)}")
    if rng.random() < 0.08:
        codes.append(f"sei{rng.randrange(1, 10)}")
    if rng.random() < 0.3:
        codes.append(f"L0{rng.randrange(1, 4)}")
    return set(codes)


def _industries():
    names = ["新一代信息技术产业", "高端装备制造产业", "新材料产业", "生物产业", "新能源汽车产业",
             "新能源产业", "节能环保产业", "数字创意产业", "相关服务业"]
    bulk_insert(Industry, ["code", "name", "kind"],
                [(f"sei{i + 1}", n, "sei") for i, n in enumerate(names)]
                + [("L01", "纳米技术", "local"), ("L02", "纺织服装", "local"),
                   ("L03", "精密机械", "local")])


def _flush(rows, events, links):
    with db.atomic():
        bulk_insert(Patent, PATENT_COLS, rows)  # ids 1..n in order: events refer to them
        bulk_insert(LegalEvent, ["patent", "kind", "date", "county_before", "county_after",
                                 "street_before", "street_after"], events)
        bulk_insert(PatentIndustry, ["patent", "industry_code"], links)
    rows.clear(), events.clear(), links.clear()


# --- main -------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:////tmp/bench1m.db")
    parser.add_argument("--patents", type=int, default=1_000_000)
    parser.add_argument("--drop-caches", action="store_true",
                        help="empty the OS page cache before each cold run (root only)")
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    parser.add_argument("--calls", action="store_true", help="print each call's times too")
    parser.add_argument("--no-naive", action="store_true", help="skip the pandas baseline")
    parser.add_argument("--dates", help="FROM:TO (ISO dates) — a dated scope instead of none")
    parser.add_argument("--region", default=HOME, help=f"scope region (default {HOME})")
    args = parser.parse_args()
    ensure_ready(args.db)
    count = Patent.select().count()
    if not count:
        started = time.perf_counter()
        build(args.db, args.patents)
        count = Patent.select().count()
        print(f"built {count:,} synthetic patents in {time.perf_counter() - started:.0f} s")
    scope = Scope(args.region)
    if args.dates:
        start, end = (dt.date.fromisoformat(d) for d in args.dates.split(":"))
        scope = Scope(args.region, start, end)
    chosen = args.pages.split(",") if args.pages else None
    results, dropped = {}, None
    for page, calls in page_calls(scope).items():
        if chosen and page not in chosen:
            continue
        db.obj.close()
        if args.drop_caches:
            dropped = drop_caches()
        connect(args.db)  # a new connection: cold SQLite page cache
        cold_calls, warm_calls = [], []
        cold = timed(calls, cold_calls)
        warm = timed(calls, warm_calls)
        results[page] = (cold, warm)
        if args.calls:
            for (name, c), (_, w) in zip(cold_calls, warm_calls):
                print(f"  {page} {name:<22} cold {c:7.3f}  warm {w:7.3f}", flush=True)
    db.obj.close()
    if dropped is False:
        print("OS page cache NOT dropped (not permitted): cold = new connection only")
    elif dropped:
        print("OS page cache dropped before each cold run")
    base = {} if args.no_naive else naive(args.db)
    print(f"{count:,} patents · {args.db} · scope {scope} · naive load "
          f"{base.get('_load', 0):.1f} s")
    print(f"{'page':<10}{'cold s':>9}{'warm s':>9}{'naive s':>10}{'naive/cold':>12}")
    for page, (cold, warm) in results.items():
        slow = base.get(page)
        tail = f"{slow:>10.2f}{slow / cold:>11.0f}x" if slow else ""
        print(f"{page:<10}{cold:>9.3f}{warm:>9.3f}{tail}")


if __name__ == "__main__":
    main()
