"""One reminder letter as a Word document, with the report primitives of core.reports.word: the
bureau's name over a red rule, the title, the holder, the body, the table of patents, the rule
note, the signature and date, the bureau's contact lines."""
from __future__ import annotations

import datetime as dt

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from core.config import labels
from core.reports import word
from core.reports.letters.content import ExpiryLine, FeeLine, Letter
from core.reports.letters.letterhead import Letterhead, chinese_date

RED = RGBColor(0xC0, 0x00, 0x00)
BUREAU_SIZE, TITLE_SIZE = Pt(22), Pt(16)
# column widths in cm, summing to the text width (15.6 cm)
FEE_WIDTHS = (0.9, 2.6, 3.2, 1.1, 1.9, 1.4, 1.3, 1.3, 1.9)
EXPIRY_WIDTHS = (0.9, 2.8, 5.5, 1.8, 2.3, 2.3)


def render(letter: Letter, head: Letterhead, on: dt.date, today: dt.date,
           rules_note: str = "") -> bytes:
    """The .docx bytes of `letter`; amounts as of `on`, dated `today`; `rules_note` under the
    table."""
    doc = word.new_document()
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
        word.note(doc, rules_note)
    for text in (head.signature, chinese_date(today)):
        word.paragraph(doc, text, right=True)
    for text in head.contact_lines:
        word.paragraph(doc, text, indent=False, size=word.TABLE_SIZE)
    return word.to_bytes(doc)


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
    """Fixed column widths (Word reads the cells, LibreOffice the grid)."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _fee_row(n: int, line: FeeLine) -> tuple:
    year = labels.LETTER_YEAR.format(n=line.fee_year) if line.fee_year else ""
    return (n, line.app_no, line.title, year, _date(line.due), line.amount, line.surcharge,
            line.total, _date(line.last_day))


def _expiry_row(n: int, line: ExpiryLine) -> tuple:
    return (n, line.app_no, line.title, line.type_label, _date(line.app_date),
            _date(line.expiry_date))


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
