"""A built report as a Word file (sections of sentences, charts and tables, the counting rule
under every table) and as an .xlsx annex holding every table (one sheet each, and an index sheet
with each table's counting rule)."""
from __future__ import annotations

import io

from openpyxl import Workbook

from core.config import labels
from core.exports.xlsx import MAX_SHEET_TITLE, sheet_title, write_rows
from core.reports import word
from core.reports.model import Report, Table
from core.reports.period import day_name


def title(report: Report) -> str:
    ctx = report.context
    return labels.REPORT_TITLE.format(region=ctx.region_name, period=ctx.period.name)


def _front(doc, report: Report) -> None:
    ctx = report.context
    word.heading(doc, title(report), 0)
    word.paragraph(doc, labels.REPORT_SUBTITLE.format(
        start=day_name(ctx.period.start), end=day_name(ctx.period.end), prior=ctx.prior.name,
        day=day_name(ctx.on)), center=True, size=word.NOTE_SIZE)


def _table(doc, table: Table, number: int) -> None:
    caption = word.paragraph(doc, labels.REPORT_TABLE_TITLE.format(n=number, title=table.title),
                             bold=True, center=True, size=word.TABLE_SIZE)
    caption.paragraph_format.keep_with_next = True  # never a caption alone at a page's foot
    if table.rows:
        word.table(doc, table.header, table.rows)
    else:
        word.paragraph(doc, labels.REPORT_NO_DATA, center=True, size=word.TABLE_SIZE)
    word.note(doc, labels.REPORT_RULE.format(text=table.rule))


def to_docx(report: Report) -> bytes:
    doc = word.new_document()
    _front(doc, report)
    tables = charts = 0
    for index, section in enumerate(report.sections):
        word.heading(doc, labels.REPORT_HEADING.format(n=labels.REPORT_NUMERALS[index],
                                                       title=section.title), 1)
        for sentence in section.sentences:
            word.paragraph(doc, sentence)
        for chart in section.charts:
            charts += 1
            word.image(doc, chart.png)
            word.paragraph(doc, labels.REPORT_CHART_TITLE.format(n=charts, title=chart.title),
                           center=True, size=word.TABLE_SIZE)
        for table in section.tables:
            tables += 1
            _table(doc, table, tables)
    return word.to_bytes(doc)


def sheet_names(report: Report) -> list[str]:
    """One unique sheet title per table: 表N + its title, cut to Excel's 31 characters."""
    return [sheet_title(labels.REPORT_TABLE_TITLE.format(n=i + 1, title=t.title))[:MAX_SHEET_TITLE]
            for i, t in enumerate(report.tables)]


def to_xlsx(report: Report) -> bytes:
    wb = Workbook(write_only=True)
    names = sheet_names(report)
    sections = {t.key: s.title for s in report.sections for t in s.tables}
    index = [{"sheet": name, "section": sections[t.key], "title": t.title, "rule": t.rule}
             for name, t in zip(names, report.tables)]
    write_rows(wb.create_sheet(labels.REPORT_INDEX_SHEET), index, labels.REPORT_INDEX_COLUMNS)
    for name, table in zip(names, report.tables):
        columns = {f"c{i}": header for i, header in enumerate(table.header)}
        rows = [{f"c{i}": value for i, value in enumerate(row)} for row in table.rows]
        write_rows(wb.create_sheet(name), rows, columns)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
