"""Import speed: 100,000 patent rows from .xlsx and from .csv into a fresh database.

Prints rows/second and the ratio to the bare read of the same file in the same run (openpyxl
read-only for .xlsx, pandas.read_csv for .csv). Target: ≤ 2.5× the bare read for .xlsx.

    python bench/import_speed.py [--rows 100000] [--db sqlite:///… | postgresql://…]
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from openpyxl import Workbook, load_workbook

from core.db import connect, db
from core.importer.batch import import_file
from core.regions.divisions import load_divisions
from core.rules.numbers import make
from core.upkeep.bootstrap import upgrade_schema

HEADER = ["申请号", "申请日", "公开（公告）号", "公开（公告）日", "发明名称", "申请（专利权）人",
          "申请人地址", "发明人", "IPC分类号", "主分类号", "专利类型", "法律状态", "代理机构", "代理人"]
TYPES = (("1", "发明专利", "A"), ("2", "实用新型", "U"), ("3", "外观设计", "S"))
STREETS = ("工业园区星湖街328号", "吴中区东吴北路", "相城区元和街道", "昆山市玉山镇", "常熟市虞山街道")


def make_rows(count: int, offset: int = 0, seed: int = 7) -> list[list]:
    rng = random.Random(seed)
    rows = []
    for i in range(offset, offset + count):
        year = 2015 + i % 9
        digit, words, kind = TYPES[i % 3]
        app_no = make(year, int(digit), 100000 + i)
        holder = f"苏州{rng.randint(1, 20000)}科技有限公司"
        rows.append([
            f"{app_no[:-1]}.{app_no[-1]}", f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
            f"CN{100000000 + i}{kind}", f"{year + 1}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            f"一种测试装置及其方法{i}", f"{holder};苏州大学" if i % 7 == 0 else holder,
            f"江苏省苏州市{STREETS[i % 5]}{i % 300}号", "张三;李四;王五", "G06F 16/00;H04L 9/32",
            "G06F 16/00", words, ("有效", "审中", "失效")[i % 3], "苏州某某专利代理事务所",
            "赵六"])
    return rows


def write_files(count: int, folder: Path) -> tuple[Path, Path]:
    """The .xlsx and the .csv hold different patents, so both insert into one database."""
    xlsx, text = folder / "bench.xlsx", folder / "bench.csv"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("专利")
    sheet.append(HEADER)
    for row in make_rows(count):
        sheet.append(row)
    book.save(xlsx)
    with text.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(make_rows(count, offset=count))
    return xlsx, text


def bare_read(path: Path) -> float:
    started = time.perf_counter()
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            pass
        book.close()
    else:
        pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    return time.perf_counter() - started


def timed_import(path: Path, url: str) -> tuple[float, object]:
    connect(url)  # schema and divisions only: no admin account for a bench database
    with db.connection_context():
        upgrade_schema()
        load_divisions()
    started = time.perf_counter()
    report = import_file(path, after=False)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed, report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file per format)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx, text = write_files(args.rows, folder)
        for path in (xlsx, text):
            url = args.db or f"sqlite:///{folder / (path.suffix[1:] + '.db')}"
            bare = bare_read(path)
            elapsed, report = timed_import(path, url)
            assert report.balanced and report.inserted == args.rows, report.summary_lines(5)
            print(f"{path.suffix}: {args.rows:,} rows imported in {elapsed:.1f} s = "
                  f"{args.rows / elapsed:,.0f} rows/s; bare read {bare:.1f} s; "
                  f"ratio {elapsed / bare:.2f}× (target ≤ 2.5× for .xlsx)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
