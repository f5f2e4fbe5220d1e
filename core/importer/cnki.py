"""CNKI (中国知网) patent exports in the two forms CNKI writes them, turned into a table.

- The text form: one record per block, one field per line, the field named by CNKI's bilingual
  tag (「SrcDatabase-来源库: 中国专利」, 「Title-题名: …」, 「PubNo-公开号: CN116510786B」), blank
  lines between records. A value may run on over lines without a tag (a long abstract); a
  colon may be ASCII or full-width and need not be followed by a space.
- The ".xls" form: not an Excel workbook but an HTML page holding one table whose first row is
  the same bilingual tags (Excel opens it). Cells may hold markup (TiO<sub>2</sub>), written as
  elements or as escaped text; it is taken out, the text kept.

Both become a header row (the tags in the order first met) and one row per record, so the rest
of the import treats them as any other vendor's table (dialects.py maps the tags, source
`cnki`). Field list learnt from real exports: see tests/data/README_vendors.md.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# A tag is an ASCII name, a dash and a short Chinese name (or an ASCII one: DOI-DOI); strict,
# so that a line of an abstract running on is not taken for a field.
TAG = r"[A-Za-z][A-Za-z_]*-(?:[\u4e00-\u9fff]{1,10}|[A-Z]{2,6})"
FIELD_LINE = re.compile(rf"^\ufeff?\s*({TAG})\s*[:：]\s*(.*)$")
HEADER_CELL = re.compile(rf"^{TAG}$")
SCAN_LINES = 12  # non-empty lines looked at to recognise the text form
# Inline markup CNKI leaves in titles and abstracts (chemical formulas, MathML, images).
MARKUP = re.compile(r"</?(?:sub|sup|i|b|u|em|strong|span|font|p|br|image|img|math|m[a-z]{1,6})"
                    r"(?:\s[^<>]*)?/?>", re.IGNORECASE)


@dataclass
class Records:
    """The text form as a table: headers, one row per record, the line each record starts on
    and, per record, the line of each of its fields (column index → line)."""
    headers: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    lines: list[dict[int, int]] = field(default_factory=list)


def clean(value: str, unescape: bool = True) -> str:
    """A cell's text without markup or entities, stripped: 「CO&lt;sub&gt;2&lt;/sub&gt;」 → CO2
    (unescape=False: entities were decoded already, by the HTML parser)."""
    if unescape:
        value = html.unescape(MARKUP.sub("", value))
    return MARKUP.sub("", value).strip()


def is_record_text(content: str) -> bool:
    """True when the text is CNKI's record form: its first non-empty line is a tagged field and
    most of the next ones are too (a CSV header such as 「SrcDatabase-来源库,Title-题名」 has no
    colon and is not)."""
    lines = [line for line in content[:20_000].splitlines() if line.strip()][:SCAN_LINES]
    if not lines or not FIELD_LINE.match(lines[0]):
        return False
    tagged = sum(1 for line in lines if FIELD_LINE.match(line))
    return tagged >= max(2, len(lines) // 2)


def read_records(content: str) -> Records:
    """Records of the text form. A record starts at the file's first tag (SrcDatabase-来源库) or
    where a tag repeats, so blank lines may sit between records or between fields alike;
    untagged lines continue the field above (lines before the first record are ignored)."""
    out = Records()
    columns: dict[str, int] = {}
    found: list[dict[int, str]] = []
    current: dict[int, str] = {}
    where: dict[int, int] = {}
    last, gap = None, False
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            gap = True
            continue
        match = FIELD_LINE.match(line)
        if match:
            column = columns.setdefault(match.group(1).strip(), len(columns))
            if column in current or column == 0:
                current, where = {}, {}
                found.append(current)
                out.starts.append(number)
                out.lines.append(where)
            current[column], where[column], last = match.group(2), number, column
        elif current and last is not None:
            current[last] += ("\n" if gap else " ") + line.strip()
        gap = False
    out.headers = list(columns)
    out.rows = [tuple(clean(row[i]) or None if i in row else None for i in range(len(columns)))
                for row in found]
    return out


def is_html_table(content: str) -> bool:
    """True when an HTML page's first table row is CNKI's bilingual tags."""
    rows = read_html(content, limit=1)
    return bool(rows) and sum(1 for cell in rows[0][1] if HEADER_CELL.match(cell or "")) >= 2


def read_html(content: str, limit: int | None = None) -> list[tuple[int, tuple]]:
    """(row number, cells) of the filled rows of the page's first table, numbered as Excel
    shows the page; cells as clean text, None when empty."""
    parser = _TableParser(limit)
    # CNKI cuts long claims short, even inside a MathML <![CDATA[ section it then never closes:
    # read as a marked section that would swallow every later row.
    parser.feed(content.replace("<![CDATA[", "").replace("]]>", ""))
    parser.close()
    return [(number, tuple(cell or None for cell in row)) for number, row in parser.rows]


class _TableParser(HTMLParser):
    """Rows of the first <table>: text of each <td>/<th>, markup inside a cell dropped, <br> a
    line break."""

    def __init__(self, limit: int | None):
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[str]]] = []
        self.count = 0  # <tr> met, filled or not
        self.limit = limit
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.depth = 0  # tables entered
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        elif tag == "tr" and self.depth == 1:
            self._end_row()
            self.row = []
            self.count += 1
        elif tag in ("td", "th") and self.row is not None:
            self._end_cell()
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if self.done:
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.cell is not None and not self.done:
            self.cell.append(data)

    def close(self):
        super().close()
        self._end_row()

    def _end_cell(self):
        if self.cell is not None and self.row is not None:
            self.row.append(clean("".join(self.cell), unescape=False))
        self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row is not None:
            if any(self.row):
                self.rows.append((self.count, self.row))
            self.row = None
            if self.limit and len(self.rows) >= self.limit:
                self.done = True
