"""Safe .xlsx export: a header row of Chinese titles, then one row per record.

Text that a spreadsheet could read as a formula (starting with = + - @, or a tab / carriage return
before one) is stored as a plain string cell with the quote-prefix flag, so it shows as text and can
never execute. Control characters Excel rejects are dropped. Dates are written as dates.
"""
from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
MAX_SHEET_TITLE = 31


def is_risky(text: str) -> bool:
    """True when a spreadsheet might treat `text` as a formula."""
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def _plain(value: Any) -> Any:
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


def _cell(ws, value: Any) -> WriteOnlyCell:
    value = _plain(value)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # never "f": a string is always text
        if is_risky(text):
            cell.quotePrefix = True
        return cell
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = DATE_FORMAT
    return cell


def write_rows(ws, rows: Iterable[Mapping[str, Any]], columns: dict[str, str]) -> int:
    """Append the header and `rows` (mappings keyed by column) to a write-only sheet."""
    header = []
    for title in columns.values():
        cell = _cell(ws, title)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    count = 0
    keys = list(columns)
    for row in rows:
        ws.append([_cell(ws, row.get(key)) for key in keys])
        count += 1
    return count


def rows_to_xlsx_bytes(rows: Iterable[Mapping[str, Any]], columns: dict[str, str],
                       sheet: str) -> bytes:
    """Like to_xlsx_bytes but from any iterable of dicts (streams large query results)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(sheet))
    ws.freeze_panes = "A2"
    write_rows(ws, rows, columns)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_xlsx_bytes(frame, columns: dict[str, str], sheet: str) -> bytes:
    """An .xlsx file of `frame` restricted to `columns` (column → Chinese header), in that order."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"columns not in frame: {missing}")
    return rows_to_xlsx_bytes(frame[list(columns)].to_dict("records"), columns, sheet)


def _sheet_title(sheet: str) -> str:
    clean = "".join(ch for ch in (sheet or "Sheet1") if ch not in "[]:*?/\\")
    return (clean or "Sheet1")[:MAX_SHEET_TITLE]
