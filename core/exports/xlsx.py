"""Safe .xlsx export: a header row of Chinese titles, then one row per record; ready to read
in Excel or WPS — columns as wide as their content (a CJK character counts as two), a filter on
the header row, the header frozen, numbers with thousands separators and the decimals the column
needs, years without separators, dates as dates.

Text that a spreadsheet could read as a formula (starting with = + - @, or a tab / carriage return
before one) is stored as a plain string cell with the quote-prefix flag, so it shows as text and can
never execute. Control characters Excel rejects are dropped.

Rows are streamed (openpyxl write-only mode, for workbooks of several sheets; a one-sheet list
export goes through core.exports.sheet, several times faster): the widths and number formats are
measured on the first SAMPLE_ROWS rows, which are held back until the header is written.
"""
from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import chain, islice
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
YEAR_FORMAT = "0"
MAX_SHEET_TITLE = 31
SAMPLE_ROWS = 1000
MIN_WIDTH, MAX_WIDTH, PADDING = 6, 60, 2
MAX_DECIMALS = 4
YEAR_TITLES = ("年度", "年份", "年")


def is_risky(text: str) -> bool:
    """True when a spreadsheet might treat `text` as a formula."""
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def text_width(text: str) -> int:
    """Width of `text` in Excel character units: wide (CJK, full-width) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def plain(value: Any) -> Any:
    """A python value openpyxl can store: None for missing, dates as date, numbers as numbers."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        try:
            value = value.to_pydatetime()
        except ValueError:
            return None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, Decimal):
        return float(value)
    if type(value).__module__ == "numpy":
        return value.item()
    if value.__class__.__name__ in ("NaTType", "NAType"):
        return None
    return value


# --- column widths and number formats, measured on a sample ---------------------------------
def _decimals(value: float) -> int:
    text = f"{round(value, MAX_DECIMALS):.{MAX_DECIMALS}f}".rstrip("0")
    return len(text.split(".")[1])


def number_format(title: str, values: Sequence[Any]) -> str | None:
    """The format of a column from its title and sample values (None: not a number column)."""
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not numbers:
        return None
    if all(isinstance(v, int) for v in numbers) and title.endswith(YEAR_TITLES):
        return YEAR_FORMAT
    decimals = max(_decimals(float(v)) for v in numbers)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _shown(value: Any, fmt: str | None) -> str:
    """The text Excel shows for `value` under the column's format."""
    if isinstance(value, dt.datetime):
        return "0000-00-00 00:00"
    if isinstance(value, dt.date):
        return "0000-00-00"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if fmt == YEAR_FORMAT:
        return str(value)
    decimals = len(fmt.split(".")[1]) if fmt and "." in fmt else 0
    return f"{value:,.{decimals}f}"


def column_width(title: str, values: Sequence[Any], fmt: str | None) -> float:
    widest = max([text_width(line) for v in values for line in _shown(v, fmt).splitlines()]
                 + [text_width(title) + PADDING])  # room for the filter button
    return float(min(MAX_WIDTH, max(MIN_WIDTH, widest + PADDING)))


# --- writing --------------------------------------------------------------------------------
def _cell(ws, value: Any, fmt: str | None = None) -> WriteOnlyCell:
    value = plain(value)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # never "f": a string is always text
        if is_risky(text):
            cell.quotePrefix = True
        return cell
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif fmt and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = fmt
    return cell


def start_sheet(ws, titles: Sequence[str], sample: Sequence[Sequence[Any]]) -> list[str | None]:
    """Fit the column widths to the titles and sample rows (plain values, in column order),
    freeze and write the bold header row. Returns the number format of each column."""
    formats = []
    for index, title in enumerate(titles):
        values = [row[index] for row in sample]
        fmt = number_format(title, values)
        formats.append(fmt)
        ws.column_dimensions[get_column_letter(index + 1)].width = column_width(title, values, fmt)
    ws.freeze_panes = "A2"
    header = []
    for title in titles:
        cell = _cell(ws, title)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    return formats


def finish_sheet(ws, columns: int, rows: int) -> None:
    """The filter buttons on the header row, over every written row."""
    ws.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{rows + 1}"


def write_rows(ws, rows: Iterable[Mapping[str, Any]], columns: dict[str, str]) -> int:
    """Write the header and `rows` (mappings keyed by column) to a write-only sheet."""
    keys = list(columns)
    rows = iter(rows)
    sample = [[plain(row.get(key)) for key in keys] for row in islice(rows, SAMPLE_ROWS)]
    formats = start_sheet(ws, list(columns.values()), sample)
    count = 0
    for values in chain(sample, ([row.get(key) for key in keys] for row in rows)):
        ws.append([_cell(ws, value, fmt) for value, fmt in zip(values, formats)])
        count += 1
    finish_sheet(ws, len(keys), count)
    return count


def sheet_title(sheet: str) -> str:
    clean = "".join(ch for ch in (sheet or "Sheet1") if ch not in "[]:*?/\\")
    return (clean or "Sheet1")[:MAX_SHEET_TITLE]
