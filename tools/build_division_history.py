"""Build data/divisions/history.csv: every county- and prefecture-level division abolished or
renamed since 1981, with the division(s) of the shipped NBS edition that hold its area today.

    python tools/build_division_history.py RESULT_CSV [COMMIT]

RESULT_CSV is result.csv of github.com/yescallop/areacodes (CC0 1.0; compiled from the Ministry of
Civil Affairs' yearly code lists and its 县级以上行政区划变更情况). COMMIT is written to the
README beside the data.

How a successor is found: an abolished record (弃用) passes its area to the codes in 新代码
without a bracketed year (bracketed ones are earlier partial transfers); a renamed record (变更)
keeps its own code. The chain is followed until it reaches codes that exist in the shipped
edition (data/divisions/areas.csv, cities.csv); records that reach none are left out.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIVISIONS = ROOT / "data" / "divisions"
OUT = DIVISIONS / "history.csv"
LEVELS = {"县级": "county", "地级": "city"}
CODE = re.compile(r"^(\d{6})(?:\[(\d{4})\])?$")
COLUMNS = ["old_code", "old_name", "level", "province", "parent", "from_year", "changed_in",
           "change", "successors"]


def current_codes() -> set[str]:
    codes = set()
    for name, width in (("areas", 6), ("cities", 4)):
        with (DIVISIONS / f"{name}.csv").open(encoding="utf-8") as fh:
            codes |= {r["code"][:width] for r in csv.DictReader(fh)}
    return codes


def short(code: str) -> str:
    """areacodes writes prefecture codes with 6 digits (320500); the shipped files use 4."""
    return code[:4] if code.endswith("00") else code


def read_records(path: Path) -> dict[str, list[dict]]:
    by_code: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8-sig") as fh:
        for rec in csv.DictReader(fh):
            by_code.setdefault(rec["代码"], []).append(rec)
    return by_code


def next_codes(rec: dict) -> list[str]:
    if rec["状态"] == "变更":
        return [rec["代码"]]
    parts = [CODE.match(p.strip()) for p in rec["新代码"].split(";") if p.strip()]
    plain = [m.group(1) for m in parts if m and not m.group(2)]
    return plain or [m.group(1) for m in parts if m]


def record_at(records: list[dict], year: int) -> dict | None:
    for rec in records:
        end = int(rec["变更/弃用时间"] or 9999)
        if int(rec["启用时间"]) <= year < end:
            return rec
    return None


def successors(rec: dict, by_code: dict, current: set[str], depth: int = 0) -> list[str]:
    """Codes of the shipped edition that hold the area of `rec` today."""
    if depth > 12:
        return []
    year = int(rec["变更/弃用时间"])
    found: list[str] = []
    for code in next_codes(rec):
        later = record_at(by_code.get(code, []), year)
        if later is None or later["状态"] == "在用":
            if short(code) in current:
                found.append(short(code))
            continue
        found += successors(later, by_code, current, depth + 1)
    return list(dict.fromkeys(found))


def build(path: Path) -> list[dict]:
    by_code = read_records(path)
    current = current_codes()
    rows = []
    for records in by_code.values():
        for rec in records:
            if rec["状态"] == "在用" or rec["级别"] not in LEVELS:
                continue
            codes = successors(rec, by_code, current)
            if not codes:
                continue
            rows.append({"old_code": short(rec["代码"]), "old_name": rec["名称"],
                         "level": LEVELS[rec["级别"]], "province": rec["一级行政区"],
                         "parent": rec["二级行政区"], "from_year": rec["启用时间"],
                         "changed_in": rec["变更/弃用时间"],
                         "change": "renamed" if rec["状态"] == "变更" else "abolished",
                         "successors": ";".join(codes)})
    rows.sort(key=lambda r: (r["old_code"], r["from_year"]))
    return rows


def main(argv: list[str]) -> None:
    rows = build(Path(argv[1]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} changes → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv)
