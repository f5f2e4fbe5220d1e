"""Population (万人) and GDP (亿元) per region and year — the denominators of the per-capita and
per-GDP indicators — as one table: read the values in force, find the cells an editor changed,
read an Excel (.xlsx) sheet with a clear Chinese message per bad cell, and save the changes as new
versions (core.config.params: each audited, the data version raised) in one transaction."""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from core.config import labels, params
from core.db import db
from core.db.models import Parameter

KEYS = ("population", "gdp")
HIGHEST = {"population": 100_000.0, "gdp": 10_000_000.0}  # 万人, 亿元: above any one region
COLUMNS = ["region_code", "region_name", "year", "population", "gdp"]
FIRST_YEAR, LAST_YEAR = 1949, 2100
HEADER_ALIASES = {
    "region_code": ("区域代码", "区划代码", "代码", "行政区划代码"),
    "region_name": ("区域名称", "区域", "名称", "地区"),
    "year": ("年度", "年份", "年"),
    "population": ("年末常住人口（万人）", "年末常住人口", "常住人口（万人）", "常住人口", "人口（万人）",
                   "人口"),
    "gdp": ("地区生产总值（亿元）", "地区生产总值", "GDP（亿元）", "GDP"),
}


@dataclass(frozen=True)
class Change:
    key: str  # population | gdp
    region: str
    year: int
    value: float


def table(regions: dict[str, str], years: Iterable[int]) -> pd.DataFrame:
    """One row per region and year (regions in the given order, years ascending): the values in
    force today, empty (NaN) where none is stored."""
    years = sorted(set(years))
    found = _in_force(list(regions), years)
    rows = [{"region_code": code, "region_name": name, "year": year,
             "population": found.get(("population", code, year)),
             "gdp": found.get(("gdp", code, year))}
            for code, name in regions.items() for year in years]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"population": "float64", "gdp": "float64"})


def _in_force(regions: list[str], years: list[int]) -> dict[tuple, float]:
    rows = (Parameter.select(Parameter.key, Parameter.region_code, Parameter.year, Parameter.value)
            .where(Parameter.key.in_(KEYS) & Parameter.region_code.in_(regions)
                   & Parameter.year.in_(years) & (Parameter.effective_from <= dt.date.today()))
            .order_by(Parameter.effective_from, Parameter.id).tuples())
    return {(key, code, year): float(json.loads(value)) for key, code, year, value in rows}


def changes(before: pd.DataFrame, after: pd.DataFrame) -> list[Change]:
    """The cells of `after` (same rows as `before`) holding a new value. An emptied cell is no
    change: a stored value is replaced by a new version, never removed."""
    out = []
    for old, new in zip(before.to_dict("records"), after.to_dict("records")):
        for key in KEYS:
            value = _blank_to_none(new[key])
            if value is not None and value != _blank_to_none(old[key]):
                out.append(Change(key, str(new["region_code"]), int(new["year"]),
                                  check_value(key, value)))
    return out


def check_value(key: str, value: Any) -> float:
    """A valid population / GDP as float; ValueError (Chinese) otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(labels.REGIONAL_NOT_NUMBER.format(what=labels.PARAM_LABEL[key],
                                                           value=value))
    if not 0 < value <= HIGHEST[key]:
        raise ValueError(labels.REGIONAL_RANGE.format(what=labels.PARAM_LABEL[key],
                                                      value=f"{value:g}",
                                                      high=f"{HIGHEST[key]:,.0f}"))
    return float(value)


def save(found: list[Change], effective_from: dt.date | None = None, source: str | None = None,
         note: str | None = None, by: str | None = None) -> int:
    """Store every change that differs from the value in force as a new version, all in one
    transaction. Returns how many were stored."""
    with db.atomic():
        stored = _in_force(sorted({c.region for c in found}), sorted({c.year for c in found}))
        fresh = [c for c in found if stored.get((c.key, c.region, c.year)) != c.value]
        for change in fresh:
            params.set_value(change.key, change.value, change.region, change.year,
                             effective_from, source or None, note or None, by=by)
    return len(fresh)


# --- Excel import -------------------------------------------------------------------------------
def read_xlsx(data: bytes, file_name: str, known: dict[str, str]) -> tuple[list[Change], list[str]]:
    """The changes an .xlsx sheet asks for (first sheet, header in row 1) and one Chinese message
    per bad cell naming the file, row, column and value. `known`: region code → name."""
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except Exception:  # openpyxl raises many kinds for a file that is not an .xlsx workbook
        return [], [labels.REGIONAL_BAD_FILE.format(file=file_name)]
    if not rows:
        return [], [labels.REGIONAL_EMPTY.format(file=file_name)]
    where, problem = _header(rows[0])
    if problem:
        return [], [problem.format(file=file_name)]
    found, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if all(_blank_to_none(cell) is None for cell in row):
            continue
        cells = {name: (row[i] if i < len(row) else None, header) for name, (i, header)
                 in where.items()}
        row_changes, row_errors = _row(cells, known)
        found += row_changes
        errors += [labels.REGIONAL_CELL.format(file=file_name, row=number, column=column,
                                               value=_shown(value), reason=reason)
                   for column, value, reason in row_errors]
    return found, errors


def _header(cells: tuple) -> tuple[dict[str, tuple[int, str]], str | None]:
    """Column name → (index, header as written); or the message of a missing column."""
    where = {}
    for index, cell in enumerate(cells):
        text = _norm(cell)
        for name, aliases in HEADER_ALIASES.items():
            if name not in where and text in {_norm(a) for a in aliases}:
                where[name] = (index, str(cell).strip())
    for required in ("region_code", "year"):
        if required not in where:
            return {}, labels.REGIONAL_NO_COLUMN.format(file="{file}",
                                                        column=HEADER_ALIASES[required][0])
    if not set(KEYS) & set(where):
        return {}, labels.REGIONAL_NO_VALUES.format(file="{file}")
    return where, None


def _row(cells: dict, known: dict[str, str]) -> tuple[list[Change], list[tuple]]:
    errors = []
    code_cell, code_header = cells["region_code"]
    code = _code(code_cell)
    if code not in known:
        errors.append((code_header, code_cell, labels.REGIONAL_UNKNOWN_REGION))
    year_cell, year_header = cells["year"]
    year = _year(year_cell)
    if year is None:
        errors.append((year_header, year_cell, labels.REGIONAL_BAD_YEAR.format(
            low=FIRST_YEAR, high=LAST_YEAR)))
    found = []
    for key in KEYS:
        if key not in cells or _blank_to_none(cells[key][0]) is None:
            continue
        value, header = cells[key]
        try:
            number = check_value(key, _number(value))
        except ValueError as exc:
            errors.append((header, value, str(exc)))
            continue
        if code in known and year is not None:
            found.append(Change(key, code, year, number))
    return ([] if errors else found), errors


def _code(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell if cell is not None else "").strip()


def _year(cell: Any) -> int | None:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell if cell is not None else "").strip().removesuffix("年")
    if isinstance(cell, bool) or not re.fullmatch(r"\d{4}", text):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _number(cell: Any) -> Any:
    """A number cell as is; a text cell like "1,296.5" as a number, other text unchanged."""
    if isinstance(cell, str):
        try:
            return float(cell.replace(",", "").replace("，", "").strip())
        except ValueError:
            return cell
    return cell


def _norm(cell: Any) -> str:
    text = str(cell if cell is not None else "")
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").upper()


def _blank_to_none(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _shown(value: Any) -> str:
    return "（空）" if _blank_to_none(value) is None else str(value)
