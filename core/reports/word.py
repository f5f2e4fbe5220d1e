"""Small python-docx primitives shared by the analysis report and the reminder letters.

Chinese text in Word takes its font from the run's East Asian slot (w:rFonts/@w:eastAsia), not
from font.name, so every style sets both. Body text is 宋体, headings 黑体, both with an alternative
name in the document's font table (w:altName: Noto Serif/Sans CJK SC) that LibreOffice uses where
the Windows fonts are absent (this machine and CI have fonts-noto-cjk, not 宋体).
"""
from __future__ import annotations

import io
import numbers
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
FALLBACK = {"宋体": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC", "仿宋": "Noto Serif CJK SC"}
BODY_SIZE, TABLE_SIZE, NOTE_SIZE = Pt(12), Pt(10), Pt(9)
HEADING_SIZES = {0: Pt(22), 1: Pt(16), 2: Pt(14), 3: Pt(12)}
A4 = (Cm(21.0), Cm(29.7))
MARGINS = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}  # GB/T 9704 layout
TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6


def set_font(target, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Set the Latin and the East Asian font of a style or a run (python-docx sets only Latin)."""
    target.font.name = latin
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _style(doc, name: str, east_asian: str, size, bold: bool | None = None) -> None:
    style = doc.styles[name]
    set_font(style, east_asian)
    style.font.size = size
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = None


def _add_font_fallbacks(doc) -> None:
    """Name each Chinese font's Noto CJK stand-in in the font table (w:altName)."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for name, alternative in FALLBACK.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), alternative)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(alt)
        font.append(charset)
        table.append(font)
    part._blob = serialize_part_xml(table)


def new_document() -> Any:
    """An empty A4 portrait document with Chinese body and heading fonts and page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    for side, size in MARGINS.items():
        setattr(section, f"{side}_margin", size)
    _style(doc, "Normal", BODY_FONT, BODY_SIZE)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.25
    _style(doc, "Title", HEADING_FONT, HEADING_SIZES[0], bold=False)
    for level in (1, 2, 3):
        _style(doc, f"Heading {level}", HEADING_FONT, HEADING_SIZES[level], bold=level > 1)
    _add_font_fallbacks(doc)
    page_numbers(doc)
    return doc


def heading(doc, text: str, level: int = 1):
    """A heading; level 0 is the centred report title."""
    paragraph = doc.add_heading(text, level=level)
    if level == 0:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def paragraph(doc, text: str = "", *, bold: bool = False, size=None, center: bool = False,
              indent: bool = True, right: bool = False):
    """A body paragraph (first line indented two characters unless centred or right-aligned)."""
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.bold = bold or None
    if size is not None:
        run.font.size = size
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif indent:
        para.paragraph_format.first_line_indent = Pt(24)
    return para


def note(doc, text: str):
    """A small note under a number or table: the counting rule (口径)."""
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.font.size = NOTE_SIZE
    para.paragraph_format.space_after = Pt(6)
    return para


def number_text(value: Any) -> str:
    """Numbers with thousands separators (decimals kept to two places); other values as text."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{value:,}"
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def _cell_text(cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    para = cell.paragraphs[0]
    run = para.add_run(text)
    run.font.size = TABLE_SIZE
    run.bold = bold or None
    para.paragraph_format.first_line_indent = None
    para.alignment = align


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Column widths in cm over the text width: text columns (names) get twice a number's share."""
    weights = [1.0 if any(_is_number(row[i]) for row in rows) else 2.0
               for i in range(len(header))]
    return [TEXT_WIDTH_CM * w / sum(weights) for w in weights]


def _row_flag(row, name: str) -> None:
    """Set a row property: w:tblHeader (repeated at the top of each page the table runs onto)
    or w:cantSplit (never broken across two pages)."""
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def table(doc, header: Sequence[str], rows: Sequence[Sequence[Any]], empty: str = "—"):
    """A bordered table: a bold header row repeated on every page, numbers (and `empty`, the
    mark of a missing number) right-aligned, numbers with thousands separators."""
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = _widths(header, rows)
    for cell, title in zip(grid.rows[0].cells, header):
        _cell_text(cell, str(title), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _row_flag(grid.rows[0], "w:tblHeader")
    for row in rows:
        added = grid.add_row()
        _row_flag(added, "w:cantSplit")
        cells = added.cells
        for cell, value in zip(cells, row):
            right = _is_number(value) or value == empty
            _cell_text(cell, number_text(value),
                       align=WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT)
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)  # the grid LibreOffice lays out by; Word reads the cells'
        for cell in column.cells:
            cell.width = Cm(width)
    return grid


def image(doc, png: bytes, width_cm: float = TEXT_WIDTH_CM - 1):
    """A centred picture from PNG bytes."""
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.first_line_indent = None
    picture.paragraph_format.keep_with_next = True  # stays with the caption below it
    return picture


def _field(run, instruction: str) -> None:
    """Append a Word field (e.g. PAGE) to `run`; Word and LibreOffice compute it when shown."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == instruction else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def page_numbers(doc) -> None:
    """'第 N 页 共 M 页' centred in the footer of every section."""
    for section in doc.sections:
        para = section.footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run("第 ")
        _field(para.add_run(), "PAGE")
        para.add_run(" 页 共 ")
        _field(para.add_run(), "NUMPAGES")
        para.add_run(" 页")
        for run in para.runs:
            run.font.size = NOTE_SIZE


def page_break(doc) -> None:
    doc.add_page_break()


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
