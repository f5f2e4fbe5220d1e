"""One reminder letter as a Word document, with the report primitives of core.reports.word: the
bureau's name over a red rule, the title, the holder, the body, the table of patents, the rule
note, the signature and date, the bureau's contact lines."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from core.config import labels
from core.reports import word
from core.reports.letters.content import ExpiryLine, FeeLine, Letter
from core.reports.letters.letterhead import Letterhead, chinese_date

RED = RGBColor(0xC0, 0x00, 0x00)
BUREAU_SIZE, TITLE_SIZE = Pt(22), Pt(16)
SIDE_MARGIN = Cm(2.2)  # narrower than a report's (GB/T 9704), for the nine columns of a fee table
# column widths in cm, summing to the text width (21 - 2 × 2.2 = 16.6 cm): a date or an
# application number at 10 pt takes 2.2 / 3.0 cm with the cell margins, two bold characters 1.1
FEE_WIDTHS = (1.1, 3.0, 3.0, 1.1, 2.2, 1.3, 1.3, 1.4, 2.2)
EXPIRY_WIDTHS = (1.1, 3.0, 6.2, 1.8, 2.25, 2.25)


class LetterWriter:
    """Writes the letters of a batch on one document: its body is emptied and refilled for each
    letter and only the body part is serialised and compressed again, appended to the other
    parts (styles, fonts, footer) as compressed once. A letter costs a fifth of a new
    document's time."""

    def __init__(self, author: str = "", title: str = "", at: dt.datetime | None = None) -> None:
        self.doc = word.new_document()
        section = self.doc.sections[0]
        section.left_margin = section.right_margin = SIDE_MARGIN
        _properties(self.doc.core_properties, author, title, at or dt.datetime.now())
        self.body_name = str(self.doc.part.partname).lstrip("/")
        base = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(word.to_bytes(self.doc))) as full, \
                zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in full.namelist():
                if name != self.body_name:
                    zf.writestr(name, full.read(name))
        self.base = base.getvalue()  # every part but the body, compressed once

    def render(self, letter: Letter, head: Letterhead, today: dt.date,
               rules_note: str = "") -> bytes:
        """The .docx bytes of `letter`, dated `today`; `rules_note` under the table."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        _letter(self.doc, letter, head, today, rules_note)
        buffer = io.BytesIO(self.base)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(self.body_name, self.doc.part.blob)
        return buffer.getvalue()


def _properties(props, author: str, title: str, at: dt.datetime) -> None:
    """Who wrote the file and when (File → Properties), instead of python-docx's template's."""
    props.author = props.last_modified_by = author
    props.title, props.comments = title, ""
    props.created = props.modified = at


def _letter(doc, letter: Letter, head: Letterhead, today: dt.date, rules_note: str) -> None:
    _bureau(doc, head.bureau)
    word.paragraph(doc, head.title, bold=True, size=TITLE_SIZE, center=True)
    word.paragraph(doc, labels.LETTER_SALUTATION.format(holder=letter.holder), indent=False)
    for text in head.body.splitlines():
        if text.strip():
            word.paragraph(doc, text.strip())
    fee = bool(letter.lines) and isinstance(letter.lines[0], FeeLine)
    header = labels.LETTER_FEE_COLUMNS if fee else labels.LETTER_EXPIRY_COLUMNS
    rows = [(_fee_row if fee else _expiry_row)(n, line) for n, line in
            enumerate(letter.lines, start=1)]
    grid = word.table(doc, header, rows)
    _widths(grid, FEE_WIDTHS if fee else EXPIRY_WIDTHS)
    if rules_note:
        word.note(doc, rules_note).paragraph_format.space_before = Pt(4)
    if head.closing.strip():
        word.paragraph(doc, head.closing.strip())
    for text in (head.signature, chinese_date(today)):
        word.paragraph(doc, text, right=True)
    for text in head.contact_lines:
        word.paragraph(doc, text, indent=False, size=word.TABLE_SIZE)


def _bureau(doc, name: str) -> None:
    """The bureau's name in red, centred, over a red rule (the letterhead)."""
    para = word.paragraph(doc, name, bold=True, size=BUREAU_SIZE, center=True)
    run = para.runs[0]
    run.font.color.rgb = RED
    word.set_font(run, word.HEADING_FONT)
    rule = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"),
                        ("w:color", "C00000")):
        bottom.set(qn(attr), value)
    rule.append(bottom)
    para._p.get_or_add_pPr().append(rule)
    para.paragraph_format.space_after = Pt(18)


def _widths(grid, widths: tuple[float, ...]) -> None:
    """Fixed column widths (Word reads the cells, LibreOffice the grid), set on the XML: the
    python-docx column and cell lists are built anew on every access. The header row repeats
    on every page the table runs over."""
    grid.autofit = False
    grid._tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats on page 2
    sizes = [Cm(w) for w in widths]
    for column, size in zip(grid._tbl.tblGrid.gridCol_lst, sizes):
        column.w = size
    for row in grid._tbl.tr_lst:
        for cell, size in zip(row.tc_lst, sizes):
            cell.width = size


def _fee_row(n: int, line: FeeLine) -> tuple:
    return (n, line.app_no, line.title, line.fee_year, _date(line.due), line.amount, line.surcharge,
            line.total, _date(line.last_day))


def _expiry_row(n: int, line: ExpiryLine) -> tuple:
    return (n, line.app_no, line.title, line.type_label, _date(line.app_date),
            _date(line.expiry_date))


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
