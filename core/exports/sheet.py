"""A streamed one-sheet .xlsx written as XML directly: about 10x the rows per second of
openpyxl's write-only mode, for exports of 100,000+ rows; every one-sheet list export goes through
it (rows_to_xlsx_bytes, to_xlsx_bytes). Bold header row, frozen below it; text as inline strings
(characters XML forbids dropped; text a spreadsheet could read as a formula stored with the
quote-prefix flag, core.exports.xlsx.is_risky; empty text as an empty cell); dates as dates
(yyyy-mm-dd); numbers as numbers in the column's format; None and NaN as an empty cell. Like every
export (core.exports.xlsx): columns fitted to the first SAMPLE_ROWS rows, a filter on the header
row. Rows are turned into XML a chunk and a column at a time, so a column of plain text, dates or
integers costs one comprehension, not a call per cell. openpyxl reads the result back (tests do).
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

from core.exports.xlsx import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    SAMPLE_ROWS,
    column_width,
    is_risky,
    number_format,
    plain,
    sheet_title,
)

BOLD, DATE, QUOTED, DATETIME = 1, 2, 3, 4  # cell style indexes in STYLES; number formats follow
EPOCH_DAY = dt.date(1899, 12, 30).toordinal()
MIDNIGHT = dt.time(0)
MAYBE_RISKY = frozenset(" =+-@\t\r")  # first characters of text is_risky may flag
NONE = type(None)
_PRESERVE = ' xml:space="preserve"'  # only where spaces lead or trail, as openpyxl
_first = itemgetter(0)
CHUNK = 1000  # rows written (and turned into columns) at a time
# characters XML 1.0 forbids (openpyxl's ILLEGAL_CHARACTERS_RE, surrogates, U+FFFE/U+FFFF): dropped
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# a character to drop or to escape (a raw \r would read back as \n: XML normalises line ends)
_SPECIAL = re.compile(_FORBIDDEN.pattern[:-1] + "&<>\r]")
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SML}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{SML}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{SML}.styles+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>'
    '</Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{REL}">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="{nfmts}">{numfmts}</numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="{nxfs}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '{xfs}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')
FIRST_FORMAT_ID = 166  # ids 164/165 are the date and datetime formats


def _styles(formats: list[str]) -> str:
    """STYLES with one number-format style per distinct column format (style 5, 6, ...)."""
    codes = [DATE_FORMAT, DATETIME_FORMAT, *formats]
    numfmts = "".join(f'<numFmt numFmtId="{164 + i}" formatCode="{escape(c, {chr(34): "&quot;"})}"/>'
                      for i, c in enumerate(codes))
    xfs = "".join(f'<xf numFmtId="{FIRST_FORMAT_ID + i}" fontId="0" fillId="0" borderId="0" xfId="0" '
                  'applyNumberFormat="1"/>' for i in range(len(formats)))
    return STYLES.format(nfmts=len(codes), numfmts=numfmts, nxfs=5 + len(formats), xfs=xfs)


SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>{cols}<sheetData>')
SHEET_END = '</sheetData><autoFilter ref="A1:{last}{rows}"/></worksheet>'


def _text(ref: str, value: str, style: int = 0) -> str:
    special = _SPECIAL.search(value) is not None  # one search for the rare cases below
    if special:
        value = _FORBIDDEN.sub("", value)
    if not value:  # an empty cell, as openpyxl writes ""
        return ""
    if style == 0 and value[:1] in MAYBE_RISKY and is_risky(value):
        style = QUOTED
    space = _PRESERVE if value != value.strip() else ""
    if special:
        value = (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                 .replace("\r", "&#13;"))
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t{space}>{value}</t></is></c>'


def _cell(ref: str, value, number_style: int = 0) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _text(ref, value)
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime) and value.time() != MIDNIGHT:
        days = (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
        return f'<c r="{ref}" s="{DATETIME}"><v>{days!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{DATE}"><v>{(value.toordinal() - EPOCH_DAY)}</v></c>'
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return ""
        s = f' s="{number_style}"' if number_style else ""
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    shown = plain(value)  # Decimal, numpy and pandas values
    if shown is not value:
        return _cell(ref, shown, number_style)
    return _text(ref, str(value))


def _rows(chunk: list[Sequence], first: int, letters: list[str], styles: list[int]) -> str:
    """The <row> elements of `chunk`, numbered from `first`, built a column at a time."""
    columns = [_column(letter, values, first, style)
               for letter, values, style in zip(letters, zip(*chunk), styles)]
    return "".join([f'<row r="{n}">{"".join(cells)}</row>'
                    for n, cells in enumerate(zip(*columns), first)])


def _column(letter: str, values: Sequence, first: int, number_style: int) -> list[str]:
    """The cells of one column (an empty string for an empty cell). A column of only text,
    dates or integers takes one comprehension without a call per cell; text only when nothing
    in the whole column is to drop, escape or quote (else _cell, cell by cell)."""
    kinds = set(map(type, values)) - {NONE}
    if kinds == {str}:
        texts = [v for v in values if v]
        if _plain("".join(texts)) and MAYBE_RISKY.isdisjoint(map(_first, texts)):
            space = _PRESERVE if texts != list(map(str.strip, texts)) else ""
            return [f'<c r="{letter}{n}" t="inlineStr"><is><t{space}>{v}</t></is></c>'
                    if v else "" for n, v in enumerate(values, first)]
    elif kinds == {dt.date}:
        return [f'<c r="{letter}{n}" s="{DATE}"><v>{v.toordinal() - EPOCH_DAY}</v></c>'
                if v is not None else "" for n, v in enumerate(values, first)]
    elif kinds == {int}:
        s = f' s="{number_style}"' if number_style else ""
        return [f'<c r="{letter}{n}"{s}><v>{v}</v></c>' if v is not None else ""
                for n, v in enumerate(values, first)]
    return [_cell(f"{letter}{n}", v, number_style) for n, v in enumerate(values, first)]


def _plain(text: str) -> bool:
    """True when `text` has nothing to drop or escape: isprintable() is False for every character
    XML forbids and for \r (and for some harmless ones, \n or U+3000, which then go cell by
    cell); half the cost of a search with _SPECIAL; str.count of one character is nearly free."""
    return text.isprintable() and not (text.count("&") or text.count("<") or text.count(">"))


def _layout(header: Sequence[str], sample: list[Sequence]) -> tuple[str, list[str], list[int]]:
    """The <cols> element fitted to the header and sample, the distinct number formats and each
    column's number style (0: none)."""
    formats: list[str] = []
    styles, cols = [], []
    for index, title in enumerate(header):
        values = [row[index] for row in sample]
        fmt = number_format(title, values)
        if fmt and fmt not in formats:
            formats.append(fmt)
        styles.append(5 + formats.index(fmt) if fmt else 0)
        width = column_width(title, values, fmt)
        cols.append(f'<col min="{index + 1}" max="{index + 1}" width="{width}" customWidth="1"/>')
    return f"<cols>{''.join(cols)}</cols>", formats, styles


def write(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """The .xlsx bytes of one sheet named `title`: bold `header`, then `rows`."""
    letters = [get_column_letter(i + 1) for i in range(len(header))]
    rows = iter(rows)
    sample = [[plain(v) for v in row] for row in islice(rows, SAMPLE_ROWS)]
    cols, formats, styles = _layout(header, sample)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK.format(name=escape(title, {'"': "&quot;"})))
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _styles(formats))
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_START.format(cols=cols).encode())
            cells = "".join(_text(f"{c}1", h, BOLD) for c, h in zip(letters, header))
            sheet.write(f'<row r="1">{cells}</row>'.encode())
            n = 1
            for chunk in chain([sample], iter(lambda: list(islice(rows, CHUNK)), [])):
                sheet.write(_rows(chunk, n + 1, letters, styles).encode())
                n += len(chunk)
            sheet.write(SHEET_END.format(last=letters[-1] if letters else "A", rows=n).encode())
    return buffer.getvalue()


def rows_to_xlsx_bytes(rows: Iterable[Mapping[str, Any]], columns: dict[str, str],
                       title: str) -> bytes:
    """The .xlsx bytes of `rows` (mappings; a missing key is an empty cell) under the Chinese
    headers of `columns` (key → header), in that order, on a sheet named after `title`."""
    keys = list(columns)
    return write(sheet_title(title), list(columns.values()),
                 (tuple(map(row.get, keys)) for row in rows))


def to_xlsx_bytes(frame, columns: dict[str, str], title: str) -> bytes:
    """An .xlsx file of `frame` restricted to `columns` (column → Chinese header), in that order."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"columns not in frame: {missing}")
    return rows_to_xlsx_bytes(frame[list(columns)].to_dict("records"), columns, title)
