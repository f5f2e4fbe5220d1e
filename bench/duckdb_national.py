"""National-scale reads on Parquet: the Parquet export of bench/duckdb_reads.py copied N times as
N provinces (hive partitions province_code=…), then one province's page question and the national
roll-up, timed against the single-province export in the same run.

    python -m bench.duckdb_national [--parquet /tmp/bench_parquet] [--copies 10]

Run bench/duckdb_reads.py first (it writes the export). Copy 0 keeps the real codes (苏州市 3205);
copy k ≥ 1 gets province code "P<k>" and city codes "P<k>" + the last two digits, so a province's
question reads one partition and the national one reads them all.
"""
from __future__ import annotations

import argparse
import os
import shutil
import time

from bench.duckdb_reads import HOME, duck

PROVINCE = f"""
    SELECT app_year, patent_type, count(*) FROM {{src}}
    WHERE province_code = '{HOME[:2]}' AND city_code = '{HOME}' AND app_date IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2"""
NATIONAL = """
    SELECT province_code, app_year, count(*) FILTER (status = 'valid' AND patent_type = 'invention'),
           count(*) FROM {src} WHERE app_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"""


def source(folder: str) -> str:
    return f"read_parquet('{folder}/*/*.parquet', hive_partitioning = true)"


def replicate(single: str, target: str, copies: int) -> tuple[float, int, int]:
    """(seconds, rows, bytes) of writing `copies` provinces from the single export."""
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    con = duck()
    parts = [f"SELECT * FROM {source(single)}"]
    parts += [f"SELECT * REPLACE ('P{k}' AS province_code, 'P{k}' || substr(city_code, 3) AS "
              f"city_code, 'P{k}' || substr(county_code, 3) AS county_code) "
              f"FROM {source(single)}" for k in range(1, copies)]
    con.execute(f"COPY ({' UNION ALL '.join(parts)}) TO '{target}' "
                "(FORMAT parquet, PARTITION_BY (province_code))")
    rows = con.execute(f"SELECT count(*) FROM {source(target)}").fetchone()[0]
    con.close()
    size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(target) for f in fs)
    return time.perf_counter() - started, rows, size


def cold_warm(sql: str) -> tuple[float, float, list]:
    con = duck()
    started = time.perf_counter()
    answer = con.execute(sql).fetchall()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    con.execute(sql).fetchall()
    warm = time.perf_counter() - started
    con.close()
    return cold, warm, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parquet", default="/tmp/bench_parquet")
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    single = os.path.join(args.parquet, "patent")
    many = args.parquet.rstrip("/") + f"_x{args.copies}"
    seconds, rows, size = replicate(single, many, args.copies)
    print(f"{args.copies} provinces: {rows:,} patents written in {seconds:.1f} s, "
          f"{size / 1e6:.0f} MB Parquet")
    results = {}
    for label, folder in (("1 province", single), (f"{args.copies} provinces", many)):
        for question, sql in (("one province", PROVINCE), ("national", NATIONAL)):
            results[(label, question)] = cold_warm(sql.format(src=source(folder)))
    print(f"{'data':<14}{'question':<14}{'cold s':>9}{'warm s':>9}{'groups':>8}")
    for (label, question), (cold, warm, answer) in results.items():
        print(f"{label:<14}{question:<14}{cold:>9.3f}{warm:>9.3f}{len(answer):>8}")
    same = results[("1 province", "one province")][2] == \
        results[(f"{args.copies} provinces", "one province")][2]
    print("the province's answer is " + ("the same" if same else "DIFFERENT (bug)")
          + " with the other provinces present")
    shutil.rmtree(many, ignore_errors=True)


if __name__ == "__main__":
    main()
