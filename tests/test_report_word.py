"""core.reports.word and charts: documents read back with python-docx."""
import io
import logging
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from core.reports import charts, word


def _reopen(doc):
    return Document(io.BytesIO(word.to_bytes(doc)))


def _east_asian(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_styles_carry_chinese_fonts_in_the_east_asian_slot():
    doc = _reopen(word.new_document())
    assert _east_asian(doc.styles["Normal"]) == "宋体"
    assert _east_asian(doc.styles["Heading 1"]) == "黑体"
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_font_table_names_noto_stand_ins():
    blob = word.to_bytes(word.new_document())
    fonts = zipfile.ZipFile(io.BytesIO(blob)).read("word/fontTable.xml").decode()
    assert '<w:font w:name="宋体"><w:altName w:val="Noto Serif CJK SC"/>' in fonts


def test_table_numbers_right_aligned_with_separators():
    doc = word.new_document()
    word.table(doc, ["区县", "授权量", "占比"], [["上城区", 1234567, 12.5], ["西湖区", 7, None]])
    grid = _reopen(doc).tables[0]
    texts = [[c.text for c in row.cells] for row in grid.rows]
    assert texts == [["区县", "授权量", "占比"], ["上城区", "1,234,567", "12.5"], ["西湖区", "7", ""]]
    assert grid.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert grid.rows[1].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert grid.rows[0].cells[0].paragraphs[0].runs[0].bold


@pytest.mark.parametrize("value,text", [(1000, "1,000"), (-2500.5, "-2,500.5"), (0.125, "0.12"),
                                        (3.0, "3"), ("12%", "12%"), (None, "")])
def test_number_text(value, text):
    assert word.number_text(value) == text


def test_footer_has_page_fields_and_image_is_embedded():
    doc = word.new_document()
    word.image(doc, charts.bar_chart(["上城区", "西湖区"], {"授权": [3, 5]}, "测试"))
    back = _reopen(doc)
    footer = back.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert len(back.inline_shapes) == 1


def test_charts_are_png_and_use_a_cjk_font():
    for png in (charts.line_chart(["1月", "2月"], {"申请": [1, 2]}, "趋势"),
                charts.pie_chart(["甲", "乙"], [3, 1], "结构")):
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
    if charts.cjk_font() is None:
        pytest.skip("fonts-noto-cjk not installed")
    assert "CJK" in charts.cjk_font()


def test_a_line_over_years_draws_them_as_places_on_the_axis(caplog):
    """Labels that read as numbers ("2021") are ticks, not data: matplotlib logs nothing (the
    monthly report job logged its 'categorical units' notice a dozen times a report)."""
    with caplog.at_level(logging.INFO, logger="matplotlib"):
        png = charts.line_chart(["2021", "2022", "2023"], {"申请": [1, 3, 2], "授权": [0, 1, 1]})
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert [r.getMessage() for r in caplog.records] == []
