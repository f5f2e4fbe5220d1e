"""Read an uploaded file into sheets of raw rows, or refuse it with a clear Chinese message.

Checks, in order: exists and not empty, size limit, what the bytes really are (magic numbers)
against the extension, password protection, encoding (UTF-8 with/without BOM, UTF-16 with BOM,
GB18030/GBK), then the sheets themselves. Rows come back as tuples of raw cell values (str, int,
float, datetime or None) so the value parsers see what the vendor wrote.
"""
from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import xlrd
from openpyxl.utils import get_column_letter

from core.config import labels
from core.importer import cnki, formulas

MB = 10**6  # megabytes as the browser's upload widget counts them
MAX_BYTES = 100 * MB  # parameter: largest accepted upload
MAX_COLUMNS = 1000  # widest sheet read (vendor exports have up to ~100 columns)
MAX_CELLS = 20_000_000  # cells read in all sheets, counted up to each row's last filled column
MAX_UNZIPPED = 2 * 2**30  # an .xlsx whose parts unpack to more is refused (a "zip bomb")
EXCEL_EXTS = {".xlsx", ".xlsm", ".xls"}
TEXT_EXTS = {".csv", ".txt", ".tsv"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
OTHER_KINDS = (  # (magic prefix, what the file really is: key of labels.IMP_REAL_KIND)
    (b"%PDF", "pdf"), (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"),
    (b"\x1f\x8b", "gzip"), (b"Rar!", "rar"), (b"7z\xbc\xaf", "7z"), (b"{\\rtf", "rtf"),
    (b"MZ", "exe"),
)


class ReadError(Exception):
    """The file cannot be read at all; the message is Chinese and names the file."""


@dataclass
class Sheet:
    """One worksheet (or the single table of a text file): all non-empty rows with their
    1-based row numbers as a user sees them in Excel. formulas: row number → {column index:
    cell reference} of formula cells the file saved without a computed value (read as empty).
    records: for a file of records rather than rows (CNKI's text form), row number (the line
    the record starts on) → (the record's ordinal, {column index: line of that field})."""
    name: str
    rows: list[tuple] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    formulas: dict[int, dict[int, str]] = field(default_factory=dict)
    records: dict[int, tuple[int, dict[int, int]]] = field(default_factory=dict)


class Budget:
    """The cells a file may still hold (MAX_CELLS) and the widest row it may have; a file past
    either is refused with a message naming the sheet and the cell, before more is read."""

    def __init__(self, name: str):
        self.name, self.cells, self.columns, self.limit = name, MAX_CELLS, MAX_COLUMNS, MAX_CELLS

    def take(self, sheet: str, row: int, width: int, rows: int = 1) -> None:
        """Count `rows` rows of `width` cells, the last of them row number `row`."""
        if width > self.columns:
            cell = (labels.IMP_TOO_WIDE_CELL.format(cell=f"{get_column_letter(width)}{row}")
                    if width <= 16384 else "")
            raise ReadError(labels.IMP_TOO_WIDE.format(file=self.name, sheet=sheet, row=row,
                                                       width=width, cell=cell,
                                                       limit=self.columns))
        self.cells -= width * rows
        if self.cells < 0:
            raise ReadError(labels.IMP_TOO_MANY_CELLS.format(file=self.name, sheet=sheet,
                                                             row=row, limit=self.limit))


def read(path: str | Path, display_name: str | None = None,
         max_bytes: int = MAX_BYTES) -> list[Sheet]:
    """All sheets of the file at `path` (display_name is the user's file name, for messages)."""
    path = Path(path)
    name = display_name or path.name
    data = load_bytes(path, name, max_bytes)
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> list[Sheet]:
    ext = Path(name).suffix.lower()
    kind = sniff(data)
    if kind == "html" and ext == ".xls":  # CNKI's ".xls" is an HTML table
        content = decode(data, name)
        if cnki.is_html_table(content):
            return [_cnki_html_sheet(content, name)]
    _check_kind(name, ext, kind, data)
    if kind == "xlsx":
        sheets = _read_xlsx(data, name)
    elif kind == "xls":
        sheets = _read_xls(data, name)
    else:
        sheets = [_read_text(data, name)]
    if not any(s.rows for s in sheets):
        raise ReadError(labels.IMP_NO_ROWS.format(file=name))
    return sheets


def load_bytes(path: Path, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes after the existence, empty and size checks."""
    if not path.exists():
        raise ReadError(labels.IMP_MISSING.format(file=name))
    size = path.stat().st_size
    if size == 0:
        raise ReadError(labels.IMP_EMPTY.format(file=name))
    if size > max_bytes:
        raise ReadError(too_big(name, size, max_bytes))
    return path.read_bytes()


def too_big(name: str, size: int, max_bytes: int | None = None) -> str:
    """The Chinese message for a file of `size` bytes over the limit (default MAX_BYTES; sizes
    in MB as the browser shows them)."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    return labels.IMP_TOO_BIG.format(file=name, size=size / MB, limit=limit / MB)


def sniff(data: bytes) -> str:
    """What the bytes are: xlsx, ole (xls or an encrypted Office file), zip, html, text, binary,
    or a label from OTHER_KINDS."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return "encrypted" if ENCRYPTED_STREAM in data else "xls"
    for magic, label in OTHER_KINDS:
        if data.startswith(magic):
            return label
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return "html"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in data[:8192]:
        return "binary"
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return "broken_zip"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def _check_kind(name: str, ext: str, kind: str, data: bytes) -> None:
    if ext not in EXCEL_EXTS | TEXT_EXTS:
        raise ReadError(labels.IMP_BAD_EXT.format(file=name, ext=ext or labels.IMP_NO_EXT))
    if kind == "encrypted":
        raise ReadError(labels.IMP_PASSWORD.format(file=name))
    if kind == "broken_zip":
        raise ReadError(labels.IMP_BROKEN.format(file=name, detail=labels.IMP_BROKEN_ZIP))
    if kind == "html":
        raise ReadError(labels.IMP_HTML.format(file=name))
    expected = {".xlsx": ("xlsx",), ".xlsm": ("xlsx",), ".xls": ("xls",)}.get(ext, ("text",))
    if kind in expected:
        return
    real = labels.IMP_REAL_KIND.get(kind, kind)
    raise ReadError(labels.IMP_MISMATCH.format(file=name, ext=ext, real=real))


def _read_xlsx(data: bytes, name: str) -> list[Sheet]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
        raise ReadError(labels.IMP_UNZIPPED_TOO_BIG.format(file=name,
                                                           limit=MAX_UNZIPPED // 2**30))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ReadError(labels.IMP_BROKEN.format(file=name, detail=type(exc).__name__)) from exc
    budget = Budget(name)
    try:
        return [_xlsx_sheet(ws, archive, budget) for ws in book.worksheets]
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(labels.IMP_BROKEN.format(file=name, detail=type(exc).__name__)) from exc
    finally:
        book.close()


def _xlsx_sheet(ws, archive: zipfile.ZipFile, budget: Budget) -> Sheet:
    """The sheet's filled rows. The <dimension> a file declares is not trusted (incoPat writes
    A1, a hostile file XFD1048576): rows are read as they are stored, never padded to it, and
    each row's width counts against the budget before the next row is read."""
    ws.reset_dimensions()
    sheet = Sheet(ws.title)
    rows, numbers = sheet.rows, sheet.row_numbers
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if not row:
            continue
        budget.take(ws.title, number, len(row))
        for value in row:
            if value is not None and value != "":
                rows.append(row)
                numbers.append(number)
                break
    sheet.formulas = formulas.uncomputed(archive, getattr(ws, "_worksheet_path", ""))
    return sheet


def _read_xls(data: bytes, name: str) -> list[Sheet]:
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ReadError(labels.IMP_PASSWORD.format(file=name)) from exc
        raise ReadError(labels.IMP_BROKEN.format(file=name, detail=str(exc))) from exc
    except Exception as exc:
        raise ReadError(labels.IMP_BROKEN.format(file=name, detail=type(exc).__name__)) from exc
    budget = Budget(name)
    return [_xls_sheet(book, book.sheet_by_index(i), budget) for i in range(book.nsheets)]


def _xls_sheet(book, ws, budget: Budget) -> Sheet:
    sheet = Sheet(ws.name)
    budget.take(ws.name, ws.nrows, ws.ncols, rows=ws.nrows)  # the sizes xlrd knows up front
    for r in range(ws.nrows):
        values = []
        for cell in ws.row(r):
            value = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value = None
            values.append(value)
        if any(v not in (None, "") for v in values):
            sheet.rows.append(tuple(values))
            sheet.row_numbers.append(r + 1)
    return sheet


def decode(data: bytes, name: str) -> str:
    """Text of a CSV/TXT file: UTF-16 or UTF-8 by BOM, else UTF-8, else GB18030 (covers GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(labels.IMP_ENCODING.format(file=name))


def _read_text(data: bytes, name: str) -> Sheet:
    content = decode(data, name)
    if "\x00" in content:
        raise ReadError(labels.IMP_MISMATCH.format(file=name, ext=Path(name).suffix,
                                                   real=labels.IMP_REAL_KIND["binary"]))
    if cnki.is_record_text(content):
        return _cnki_records_sheet(content, name)
    delimiter = _delimiter(content)
    sheet = Sheet(Path(name).stem)
    budget = Budget(name)
    csv.field_size_limit(MAX_BYTES)  # a long cell is a row error (table.check_cells), not a crash
    try:
        for number, row in enumerate(csv.reader(io.StringIO(content), delimiter=delimiter),
                                     start=1):
            budget.take(sheet.name, number, len(row))
            if any(cell.strip() for cell in row):
                sheet.rows.append(tuple(row))
                sheet.row_numbers.append(number)
    except csv.Error as exc:
        raise ReadError(labels.IMP_BROKEN.format(file=name, detail=str(exc))) from exc
    return sheet


def _cnki_records_sheet(content: str, name: str) -> Sheet:
    """CNKI's text form: a header row of the field tags, then one row per record, numbered by
    the line the record starts on."""
    records = cnki.read_records(content)
    sheet = Sheet(Path(name).stem)
    budget = Budget(name)
    width = len(records.headers)
    sheet.rows.append(tuple(records.headers))
    sheet.row_numbers.append(0)
    for ordinal, (row, start, lines) in enumerate(zip(records.rows, records.starts,
                                                      records.lines), start=1):
        budget.take(sheet.name, start, width)
        sheet.rows.append(row)
        sheet.row_numbers.append(start)
        sheet.records[start] = (ordinal, lines)
    return sheet


def _cnki_html_sheet(content: str, name: str) -> Sheet:
    sheet = Sheet(Path(name).stem)
    budget = Budget(name)
    for number, row in cnki.read_html(content):
        budget.take(sheet.name, number, len(row))
        sheet.rows.append(row)
        sheet.row_numbers.append(number)
    return sheet


def _delimiter(content: str, scan: int = 20) -> str:
    """Comma, tab or semicolon: the one a line among the first `scan` uses most often, so a
    banner line above the header (Google Patents' search URL, Derwent's export title) does
    not decide."""
    lines = content.split("\n", scan)[:scan]
    return max(",\t;", key=lambda d: max(line.count(d) for line in lines))
