"""Six page questions answered four ways in one run: the app (core.stats / core.monitor on its
indexes and summary tables), DuckDB reading the SQLite file read-only through the sqlite scanner,
DuckDB on a copy of the analytical columns (in memory, and exported to Parquet), and the naive
pandas load.

    python -m bench.duckdb_reads [--db sqlite:////tmp/bench1m.db] [--parquet /tmp/bench_parquet]
                                 [--no-naive]

Needs requirements-dev.txt (duckdb and duckdb-ext-sqlite: the scanner is loaded by its file path
inside that package, nothing is downloaded at run time). The database must hold patents (e.g.
`python -m core demo --patents 1000000 --db sqlite:////tmp/bench1m.db`); it is only read.

Questions (home region 苏州市 3205; YEAR = last calendar year):
- 有效发明/区县: valid inventions per county at 31 Dec YEAR (专利创造指标分析, core.stats.indicators.sums)
- 申请量/年/类型: filings per year and type (趋势统计, core.stats.trend.applications)
- 区县排名: valid, valid inventions, filings per county (专利概况, core.stats.overview.subregions)
- 权利人前十: first holders with the most valid patents (专利概况, overview.top_holders)
- 运营/年: transfers in/out/within, licences, pledges and amounts per year (专利运营统计,
  core.stats.operations.per_year)
- 失效/原因: granted patents lapsed in YEAR by reason (专利失效分析, core.monitor.lapses.by_reason)

Cold: the first call on a new connection (SQLite: empty page cache of the connection; DuckDB: a
new connection, scanner attached / Parquet opened anew); warm: the same call again. The OS page
cache stays warm for every engine alike. Every engine's answers are compared with the app's;
mismatches are printed. Ratios are within this run only (the machine may be loaded).
"""
from __future__ import annotations

import argparse
import datetime as dt
import glob
import os
import shutil
import sysconfig
import time
from collections.abc import Callable

import pandas as pd

from core.cubes import freshness
from core.db import connect, db
from core.db.models import Patent
from core.monitor import lapses
from core.regions.query import Scope
from core.rules.counting import GRANTED_REASONS, default_rule
from core.stats import indicators, operations, overview, trend
from core.upkeep.bootstrap import ensure_ready

HOME = "3205"
TODAY = dt.date.today()
YEAR = TODAY.year - 1
DAY = dt.date(YEAR, 12, 31)
JAN1 = dt.date(YEAR, 1, 1)
SCOPE = Scope(HOME)

# The analytical columns the questions read (what a columnar copy would hold).
PATENT_COLUMNS = ("id", "patent_type", "app_date", "app_year", "grant_date", "status",
                  "status_reason", "lapse_date", "city_code", "county_code", "first_holder_id")
EVENT_COLUMNS = ("id", "patent_id", "kind", "date", "county_before", "county_after", "amount")
HOLDER_COLUMNS = ("id", "name")
TABLES = {"patent": PATENT_COLUMNS, "legal_event": EVENT_COLUMNS, "holder": HOLDER_COLUMNS}


# --- the app ------------------------------------------------------------------------------------

def app_valid_inventions() -> dict:
    rule = default_rule()
    rows = indicators.sums(HOME, YEAR, DAY, rule, by_child=True, with_quality=False)
    return {r["code"]: int(r["vi"]) for r in rows if r.get("code") and r["vi"]}


def app_filings() -> dict:
    frame = trend.applications(SCOPE, "year")
    return {(int(r.period), t): int(getattr(r, t)) for r in frame.itertuples()
            for t in ("invention", "utility", "design") if getattr(r, t)}


def app_subregions() -> list:
    frame = overview.subregions(SCOPE)
    return [(r.code, int(r.valid), int(r.valid_inventions), int(r.applications))
            for r in frame.itertuples() if r.valid or r.applications]


def app_top_holders() -> list:
    frame = overview.top_holders(SCOPE, False, 10)
    return [(int(r.holder_id), r.name, int(r.valid)) for r in frame.itertuples()]


def app_operations() -> dict:
    frame = operations.per_year(SCOPE)
    return {int(r.year): (int(r.transfer_in), int(r.transfer_out), int(r.transfer_within),
                          int(r.license), int(r.pledge), round(float(r.pledge_amount), 2))
            for r in frame.itertuples()}


def app_lapses() -> dict:
    frame = lapses.by_reason(lapses.LapseQuery(SCOPE, JAN1, DAY))
    return {r.reason: int(r.n) for r in frame.itertuples()}


APP = {"有效发明/区县": app_valid_inventions, "申请量/年/类型": app_filings,
       "区县排名": app_subregions, "权利人前十": app_top_holders, "运营/年": app_operations,
       "失效/原因": app_lapses}


# --- DuckDB: the same questions in SQL over tables patent, legal_event, holder ------------------

def _granted_by(day: str) -> str:
    reasons = ", ".join(f"'{r}'" for r in GRANTED_REASONS)
    known = f"(status = 'valid' OR (status = 'lapsed' AND status_reason IN ({reasons})))"
    return (f"(grant_date <= DATE '{day}' OR (grant_date IS NULL AND {known} "
            f"AND (app_date IS NULL OR app_date <= DATE '{day}')))")


def sql_valid_inventions(con) -> dict:
    alive = f"(status = 'valid' OR (status = 'lapsed' AND lapse_date > DATE '{DAY}'))"
    rows = con.execute(f"""
        SELECT county_code, count(*) FROM patent
        WHERE city_code = '{HOME}' AND patent_type = 'invention' AND county_code IS NOT NULL
          AND {_granted_by(str(DAY))} AND {alive}
        GROUP BY 1""").fetchall()
    return {c: int(n) for c, n in rows if n}


def sql_filings(con) -> dict:
    rows = con.execute(f"""
        SELECT app_year, patent_type, count(*) FROM patent
        WHERE city_code = '{HOME}' AND app_date IS NOT NULL GROUP BY 1, 2""").fetchall()
    return {(int(y), t): int(n) for y, t, n in rows if n}


def sql_subregions(con) -> list:
    rows = con.execute(f"""
        SELECT county_code, count(*) FILTER (status = 'valid') AS valid,
               count(*) FILTER (status = 'valid' AND patent_type = 'invention'),
               count(*) FILTER (app_date IS NOT NULL)
        FROM patent WHERE city_code = '{HOME}' AND county_code IS NOT NULL
        GROUP BY 1 ORDER BY valid DESC, county_code""").fetchall()
    return [(c, int(v), int(vi), int(a)) for c, v, vi, a in rows if v or a]


def sql_top_holders(con) -> list:
    rows = con.execute(f"""
        WITH top AS (SELECT first_holder_id AS id, count(*) AS n FROM patent
                     WHERE city_code = '{HOME}' AND status = 'valid'
                       AND first_holder_id IS NOT NULL
                     GROUP BY 1 ORDER BY n DESC, id LIMIT 10)
        SELECT top.id, holder.name, top.n FROM top LEFT JOIN holder USING (id)
        ORDER BY top.n DESC, top.id""").fetchall()
    return [(int(i), name, int(n)) for i, name, n in rows]


def sql_operations(con) -> dict:
    b_in = f"coalesce(county_before LIKE '{HOME}%', false)"
    a_in = f"coalesce(county_after LIKE '{HOME}%', false)"
    moves = con.execute(f"""
        SELECT year(date), count(*) FILTER ({a_in} AND NOT {b_in}),
               count(*) FILTER ({b_in} AND NOT {a_in}), count(*) FILTER ({b_in} AND {a_in})
        FROM legal_event WHERE kind = 'transfer' AND date IS NOT NULL AND ({b_in} OR {a_in})
        GROUP BY 1""").fetchall()
    local = con.execute(f"""
        SELECT year(e.date), count(*) FILTER (e.kind = 'license'),
               count(*) FILTER (e.kind = 'pledge'),
               coalesce(sum(CASE WHEN e.kind = 'pledge' THEN e.amount END), 0)
        FROM legal_event e JOIN patent p ON p.id = e.patent_id
        WHERE e.kind IN ('license', 'pledge') AND e.date IS NOT NULL AND p.city_code = '{HOME}'
        GROUP BY 1""").fetchall()
    out = {int(y): [int(i), int(o), int(w), 0, 0, 0.0] for y, i, o, w in moves}
    for y, lic, pledge, amount in local:
        row = out.setdefault(int(y), [0, 0, 0, 0, 0, 0.0])
        row[3:] = [int(lic), int(pledge), float(amount)]
    return {y: (*r[:5], round(r[5], 2)) for y, r in out.items()}


def sql_lapses(con) -> dict:
    rows = con.execute(f"""
        SELECT coalesce(status_reason, 'unknown'), count(*) FROM patent
        WHERE city_code = '{HOME}' AND status = 'lapsed' AND grant_date IS NOT NULL
          AND lapse_date BETWEEN DATE '{JAN1}' AND DATE '{DAY}'
        GROUP BY 1""").fetchall()
    return {r: int(n) for r, n in rows}


SQL = {"有效发明/区县": sql_valid_inventions, "申请量/年/类型": sql_filings,
       "区县排名": sql_subregions, "权利人前十": sql_top_holders, "运营/年": sql_operations,
       "失效/原因": sql_lapses}


def scanner_path(name: str = "sqlite_scanner") -> str:
    """A scanner extension shipped by its duckdb-ext-* wheel (no download at run time)."""
    import duckdb
    pattern = os.path.join(sysconfig.get_paths()["purelib"], "duckdb_ext", "extensions",
                           f"v{duckdb.__version__}", "*", f"{name}.duckdb_extension")
    found = glob.glob(pattern)
    if not found:
        raise SystemExit(f"no {name} at {pattern}: pip install -r requirements-dev.txt")
    return found[0]


def duck():
    import duckdb
    return duckdb.connect(config={"autoinstall_known_extensions": False,
                                  "autoload_known_extensions": False})


def attached(path: str, as_main: bool = True):
    """A new DuckDB connection with the SQLite file attached read-only (as the default schema
    when as_main, so the questions' table names resolve to it)."""
    con = duck()
    con.execute(f"LOAD '{scanner_path()}'")
    con.execute(f"ATTACH '{path}' AS s (TYPE sqlite, READ_ONLY)")
    if as_main:
        con.execute("USE s")
    return con


def copied(path: str):
    """A new in-memory DuckDB holding the analytical columns copied from the SQLite file."""
    con = attached(path, as_main=False)
    for table, cols in TABLES.items():
        con.execute(f"CREATE TABLE {table} AS SELECT {', '.join(cols)} FROM s.{table}")
    con.execute("DETACH s")
    return con


def export_parquet(path: str, folder: str) -> int:
    """The analytical columns as Parquet (patent partitioned by province code); bytes written."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    con = attached(path, as_main=False)
    for table, cols in TABLES.items():
        target = os.path.join(folder, table)
        extra = ", PARTITION_BY (province_code)" if table == "patent" else ""
        select = ", ".join(cols) + (", province_code" if table == "patent" else "")
        con.execute(f"COPY (SELECT {select} FROM s.{table}) TO '{target}' "
                    f"(FORMAT parquet{extra})" if extra else
                    f"COPY (SELECT {select} FROM s.{table}) TO '{target}.parquet' "
                    f"(FORMAT parquet)")
    con.close()
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(folder) for f in fs)


def on_parquet(folder: str):
    con = duck()
    con.execute(f"CREATE VIEW patent AS SELECT * FROM read_parquet('{folder}/patent/*/*.parquet',"
                " hive_partitioning = true)")
    for table in ("legal_event", "holder"):
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM '{folder}/{table}.parquet'")
    return con


# --- naive: every row of the three tables into pandas ------------------------------------------

def naive_load(url: str) -> dict[str, pd.DataFrame]:
    connect(url)
    conn = db.obj.connection()
    frames = {"patent": pd.read_sql("SELECT * FROM patent", conn),
              "legal_event": pd.read_sql("SELECT * FROM legal_event", conn),
              "holder": pd.read_sql("SELECT id, name FROM holder", conn)}
    db.obj.close()
    for table, cols in (("patent", ("app_date", "grant_date", "lapse_date")),
                        ("legal_event", ("date",))):
        for col in cols:
            frames[table][col] = pd.to_datetime(frames[table][col]).dt.date
    return frames


def pd_valid_inventions(f) -> dict:
    p = f["patent"]
    p = p[(p.city_code == HOME) & (p.patent_type == "invention") & p.county_code.notna()]
    known = (p.status == "valid") | ((p.status == "lapsed")
                                     & p.status_reason.isin(GRANTED_REASONS))
    granted = (p.grant_date.notna() & (p.grant_date <= DAY)) | (
        p.grant_date.isna() & known & (p.app_date.isna() | (p.app_date <= DAY)))
    alive = (p.status == "valid") | ((p.status == "lapsed") & (p.lapse_date > DAY))
    counts = p[granted & alive].groupby("county_code").size()
    return {c: int(n) for c, n in counts.items() if n}


def pd_filings(f) -> dict:
    p = f["patent"]
    counts = p[(p.city_code == HOME) & p.app_date.notna()].groupby(["app_year",
                                                                     "patent_type"]).size()
    return {(int(y), t): int(n) for (y, t), n in counts.items() if n}


def pd_subregions(f) -> list:
    p = f["patent"]
    p = p[(p.city_code == HOME) & p.county_code.notna()]
    valid = p.status == "valid"
    g = pd.DataFrame({"county": p.county_code, "v": valid,
                      "vi": valid & (p.patent_type == "invention"),
                      "a": p.app_date.notna()}).groupby("county").sum()
    g = g.reset_index().sort_values(["v", "county"], ascending=[False, True])
    return [(c, int(v), int(vi), int(a)) for c, v, vi, a in g.itertuples(index=False)
            if v or a]


def pd_top_holders(f) -> list:
    p = f["patent"]
    p = p[(p.city_code == HOME) & (p.status == "valid") & p.first_holder_id.notna()]
    g = p.groupby("first_holder_id").size().reset_index(name="n")
    g = g.sort_values(["n", "first_holder_id"], ascending=[False, True]).head(10)
    names = f["holder"].set_index("id")["name"]
    return [(int(i), names.get(int(i)), int(n)) for i, n in g.itertuples(index=False)]


def pd_operations(f) -> dict:
    e = f["legal_event"]
    e = e[e.date.notna()]
    year = e.date.map(lambda d: d.year)
    t = e[e.kind == "transfer"]
    b_in = t.county_before.fillna("").str.startswith(HOME)
    a_in = t.county_after.fillna("").str.startswith(HOME)
    moves = pd.DataFrame({"y": year[t.index], "i": a_in & ~b_in, "o": b_in & ~a_in,
                          "w": a_in & b_in})[a_in | b_in].groupby("y").sum()
    local = e[e.kind.isin(["license", "pledge"])]
    home = f["patent"].loc[f["patent"].city_code == HOME, "id"]
    local = local[local.patent_id.isin(home)]
    lp = pd.DataFrame({"y": year[local.index], "l": local.kind == "license",
                       "p": local.kind == "pledge",
                       "amt": local.amount.where(local.kind == "pledge", 0).fillna(0)
                       .astype(float)}).groupby("y").sum()
    out = {int(y): [int(r.i), int(r.o), int(r.w), 0, 0, 0.0] for y, r in moves.iterrows()}
    for y, r in lp.iterrows():
        out.setdefault(int(y), [0, 0, 0, 0, 0, 0.0])[3:] = [int(r.l), int(r.p), float(r.amt)]
    return {y: (*r[:5], round(r[5], 2)) for y, r in out.items()}


def pd_lapses(f) -> dict:
    p = f["patent"]
    p = p[(p.city_code == HOME) & (p.status == "lapsed") & p.grant_date.notna()
          & p.lapse_date.notna()]
    p = p[(p.lapse_date >= JAN1) & (p.lapse_date <= DAY)]
    return {r: int(n) for r, n in p.status_reason.fillna("unknown").value_counts().items()}


PANDAS = {"有效发明/区县": pd_valid_inventions, "申请量/年/类型": pd_filings,
          "区县排名": pd_subregions, "权利人前十": pd_top_holders, "运营/年": pd_operations,
          "失效/原因": pd_lapses}


# --- the run ------------------------------------------------------------------------------------

def timed(func: Callable, *args) -> tuple[float, object]:
    start = time.perf_counter()
    answer = func(*args)
    return time.perf_counter() - start, answer


def cold_warm(calls: dict[str, Callable], *args) -> dict[str, tuple[float, float, object]]:
    out = {}
    for name, func in calls.items():
        cold, answer = timed(func, *args)
        warm, _ = timed(func, *args)
        out[name] = (cold, warm, answer)
    return out


def run_app(url: str) -> dict:
    out = {}
    for name, func in APP.items():
        db.obj.close()
        connect(url)  # a new connection per question: cold
        cold, answer = timed(func)
        warm, _ = timed(func)
        out[name] = (cold, warm, answer)
    db.obj.close()
    return out


def run_duck(factory: Callable, *args) -> tuple[float, dict]:
    """(seconds to open / copy, per question (cold, warm, answer)); a new connection for each
    question's cold call."""
    setup, con = timed(factory, *args)
    con.close()
    out = {}
    for name, func in SQL.items():
        con = factory(*args)
        cold, answer = timed(func, con)
        warm, _ = timed(func, con)
        con.close()
        out[name] = (cold, warm, answer)
    return setup, out


def mismatches(reference: dict, other: dict, label: str) -> list[str]:
    lines = []
    for name, (_, _, expected) in reference.items():
        got = other[name][2]
        if got != expected:
            lines.append(f"MISMATCH {label} · {name}:\n  app   {_short(expected)}\n"
                         f"  {label:<5} {_short(got)}")
    return lines


def _short(value) -> str:
    text = repr(sorted(value.items()) if isinstance(value, dict) else value)
    return text if len(text) < 400 else text[:400] + " …"


def report(runs: dict[str, dict], setups: dict[str, float]) -> None:
    names = list(APP)
    head = f"{'question':<14}" + "".join(f"{k + ' cold':>13}{'warm':>8}" for k in runs)
    print(head)
    for name in names:
        print(f"{name:<14}" + "".join(f"{r[name][0]:>13.3f}{r[name][1]:>8.3f}"
                                      for r in runs.values()))
    totals = {k: (sum(r[n][0] for n in names), sum(r[n][1] for n in names))
              for k, r in runs.items()}
    print(f"{'sum':<14}" + "".join(f"{c:>13.3f}{w:>8.3f}" for c, w in totals.values()))
    app_cold, app_warm = totals["app"]
    for key, (cold, warm) in totals.items():
        extra = setups.get(key)
        note = f" · setup {extra:.1f} s" if extra is not None else ""
        print(f"  {key:<8} cold {cold / app_cold:5.2f}x app · warm {warm / app_warm:5.2f}x app"
              f"{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:////tmp/bench1m.db")
    parser.add_argument("--parquet", default="/tmp/bench_parquet")
    parser.add_argument("--no-naive", action="store_true", help="skip the pandas baseline")
    args = parser.parse_args()
    if not args.db.startswith("sqlite:///"):
        raise SystemExit("--db must be a SQLite URL (the scanner reads the file)")
    path = args.db[len("sqlite:///"):]
    ensure_ready(args.db)
    count, cubes = Patent.select().count(), freshness.usable()
    db.obj.close()
    print(f"{count:,} patents · {args.db} · region {HOME} · year {YEAR} · "
          f"summary tables {'fresh (app reads them)' if cubes else 'stale (app reads patent)'}")
    runs = {"app": run_app(args.db)}
    setups: dict[str, float] = {}
    setups["scan"], runs["scan"] = run_duck(attached, path)
    setups["copy"], runs["copy"] = run_duck(copied, path)
    size_s, size = timed(export_parquet, path, args.parquet)
    setups["parq"], runs["parq"] = run_duck(on_parquet, args.parquet)
    print(f"Parquet export of {', '.join(TABLES)}: {size_s:.1f} s, {size / 1e6:.1f} MB "
          f"(SQLite file {os.path.getsize(path) / 1e6:.0f} MB)")
    if not args.no_naive:
        load, frames = timed(naive_load, args.db)
        setups["pandas"] = load
        runs["pandas"] = cold_warm({n: (lambda f=f: f(frames)) for n, f in PANDAS.items()})
    report(runs, setups)
    problems = [line for key, run in runs.items() if key != "app"
                for line in mismatches(runs["app"], run, key)]
    print("\n".join(problems) if problems else "answers: every engine equals the app")


if __name__ == "__main__":
    main()
