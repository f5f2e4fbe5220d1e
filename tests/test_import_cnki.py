"""CNKI (中国知网) patent exports, text form and HTML ".xls" form (tests/data/cnki_exports.py: real
field tags, made-up values), imported into SQLite and PostgreSQL: recognised by content, every
Chinese patent stored once, the Taiwanese document skipped, holders, inventors, province and
IPC mapped, the report's figures add up, a second import changes nothing, and a bad field is
named with its record and line."""
from __future__ import annotations

import datetime as dt

import pytest

from core.db.models import Holder, Patent, PatentHolder
from core.importer import cnki
from core.importer.batch import import_file
from core.importer.readers import ReadError, read_bytes
from tests.data.cnki_exports import P1, P1_GRANT, P2, RECORDS, TAGS, html_form, text_form
from tests.test_import_db import snapshot

FORMS = {  # file name → bytes as CNKI or a user's editor may save them
    "utf8_bom_crlf.txt": lambda: text_form(newline="\r\n").encode("utf-8-sig"),
    "gbk_tight.txt": lambda: text_form(colon=":", gap=2).encode("gbk"),
    "fullwidth_colon.txt": lambda: text_form(colon="： ").encode("utf-8"),
    "utf16.txt": lambda: text_form().encode("utf-16"),
    "CNKI-20250409100038269.xls": lambda: html_form().encode("utf-8"),
}


def holders(patent_id: int) -> list[str]:
    query = (PatentHolder.select(Holder.name).join(Holder)
             .where(PatentHolder.patent == patent_id, PatentHolder.current)
             .order_by(PatentHolder.seq))
    return [name for name, in query.tuples()]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_cnki_export_imports_every_chinese_patent_once(db, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(FORMS[name]())
    report = import_file(path, after=False)
    assert report.fatal is None and (report.source, report.kind) == ("cnki", "patents")
    # 4 records: P1's A and B documents (one patent), P2, and TWI800001B (skipped)
    assert (report.rows_read, report.inserted, report.merged, report.skipped,
            report.rejected) == (4, 2, 1, 1, 0)
    assert report.balanced and report.skipped_offices == {"TW": 1}
    assert report.unmapped == ["SrcDatabase-来源库", "Claims-主权项"]
    assert Patent.select().count() == 2
    p1 = Patent.get(Patent.pub_no == "CN108572939A").__data__
    p2 = Patent.get(Patent.pub_no == "CN209123456U").__data__
    assert (p1["grant_no"], p1["grant_date"]) == ("CN108572939B", dt.date(2019, 9, 20))
    assert (p2["grant_no"], p2["grant_date"]) == ("CN209123456U", dt.date(2019, 7, 12))
    assert (p1["pub_date"], p1["app_no"], p1["app_date"]) == (dt.date(2018, 9, 28), None, None)
    assert (p1["patent_type"], p2["patent_type"]) == ("invention", "utility")
    assert (p1["title"], p2["title"]) == ("一种图像识别方法", "一种CO2散热装置")  # markup taken out
    assert holders(p1["id"]) == ["苏州科达科技股份有限公司", "苏州大学"]
    assert holders(p2["id"]) == ["苏州某某电子有限公司"]
    assert (p1["inventors"], p1["inventor_count"], p2["inventors"]) == ("张三; 李四", 2, "赵六")
    assert (p1["address"], p2["address"]) == ("江苏省", "江苏省")  # 国省名称 江苏 / 江苏省
    assert (p1["ipc_main"], p1["ipc_all"]) == ("G06K 9/00", "G06K 9/00; G06T 7/00")
    assert p2["ipc_main"] == "H05K 7/20"
    state = snapshot()
    again = import_file(path, after=False)
    assert snapshot() == state
    assert (again.inserted, again.updated, again.unchanged, again.merged, again.skipped,
            again.rejected) == (0, 0, 2, 1, 1, 0)


def test_a_bad_field_names_file_record_line_field_and_value(db, tmp_path):
    bad = [list(r) for r in RECORDS]
    bad[2][TAGS.index("PubTime-公开日期")] = "2019-13-45"
    path = tmp_path / "CNKI-export.txt"
    path.write_text(text_form(bad), encoding="utf-8")
    report = import_file(path, after=False)
    assert (report.inserted, report.merged, report.skipped, report.rejected) == (1, 1, 1, 1)
    assert report.balanced
    (error,) = report.errors
    # record 3 starts on line 1 + 2 * 11 = 23; PubTime is its 7th line: 29
    assert (error.sheet, error.row, error.column, error.value) == (
        "CNKI-export", 23, "PubTime-公开日期", "2019-13-45")
    assert error.reason.startswith("第 3 条记录（该字段在第 29 行）：")
    lines = report.summary_lines()
    assert "CNKI-export.txt" in lines[0]
    assert ("  工作表「CNKI-export」第 23 行，列「PubTime-公开日期」，值「2019-13-45」："
            "第 3 条记录（该字段在第 29 行）：") in "\n".join(lines)


def test_records_continue_over_untagged_lines_and_split_where_a_tag_repeats():
    content = ("CNKI 导出\n"  # a line before the first record is not a record
               "SrcDatabase-来源库:中国专利\nTitle-题名：一种方法\nSummary-摘要: 第一段，\n接着写。\n\n"
               "第二段。\nPubNo-公开号: CN1A\n"
               "SrcDatabase-来源库: 中国专利\nTitle-题名: 标题: 带冒号\nPubNo-公开号: CN2A\n")
    assert cnki.is_record_text(content.split("\n", 1)[1])
    records = cnki.read_records(content)
    assert records.headers == ["SrcDatabase-来源库", "Title-题名", "Summary-摘要", "PubNo-公开号"]
    assert records.rows == [("中国专利", "一种方法", "第一段， 接着写。\n第二段。", "CN1A"),
                            ("中国专利", "标题: 带冒号", None, "CN2A")]
    assert records.starts == [2, 9]
    assert records.lines[0] == {0: 2, 1: 3, 2: 4, 3: 8}
    spaced = "Title-题名: 甲\n\nPubNo-公开号: CN1A\n\n\nTitle-题名: 乙\n\nPubNo-公开号: CN2A\n"
    assert cnki.read_records(spaced).rows == [("甲", "CN1A"), ("乙", "CN2A")]  # blank lines
    no_gap = "Title-题名: 甲\nPubNo-公开号: CN1A\nTitle-题名: 乙\nPubNo-公开号: CN2A\n"
    assert cnki.read_records(no_gap).rows == [("甲", "CN1A"), ("乙", "CN2A")]  # no blank line


def test_only_cnki_html_is_read_as_a_table():
    rows = cnki.read_html(html_form([P1, P2]))
    assert [n for n, _ in rows] == [1, 2, 3]
    assert rows[0][1] == tuple(TAGS)
    assert rows[1][1][1] == "张三;\n        李四" and rows[2][1][3] == "一种CO2散热装置"
    page = b"<html><body><table><tr><td>x</td><td>y</td></tr></table></body></html>"
    with pytest.raises(ReadError, match="网页"):
        read_bytes(page, "page.xls")
    with pytest.raises(ReadError, match="网页"):  # a CNKI page renamed .xlsx is not taken
        read_bytes(html_form().encode(), "export.xlsx")


@pytest.mark.parametrize("content", [
    "SrcDatabase-来源库,Title-题名,PubNo-公开号\n中国专利,一种方法,CN1A\n",  # CSV of the tags
    "申请号,标题\nCN201810390462.7,一种方法: 装置\n",
    "Title: a method\nAbstract: text\n",  # no Chinese name after a dash
])
def test_other_text_is_not_taken_for_records(content):
    assert not cnki.is_record_text(content)


def test_lists_holding_one_document_each_keep_the_publication(db, tmp_path):
    """Subject lists overlap: one holds only P1's grant, the next only its publication, a third
    the grant again. The patent keeps its publication number and date, gains the grant, and the
    third list changes nothing (it used to move pub_date to the grant's day)."""
    grant_only, publication_only = tmp_path / "grant.txt", tmp_path / "publication.txt"
    grant_only.write_text(text_form([P1_GRANT]), encoding="utf-8")
    publication_only.write_text(text_form([P1]), encoding="utf-8")
    assert import_file(grant_only, after=False).inserted == 1
    assert import_file(publication_only, after=False).updated == 1
    state = snapshot()
    third = import_file(grant_only, after=False)
    assert (third.updated, third.unchanged) == (0, 1) and snapshot() == state
    p1 = Patent.get().__data__
    assert (p1["pub_no"], p1["pub_date"]) == ("CN108572939A", dt.date(2018, 9, 28))
    assert (p1["grant_no"], p1["grant_date"]) == ("CN108572939B", dt.date(2019, 9, 20))


def test_a_grant_row_for_a_stored_publication_adds_the_grant(db, tmp_path):
    """Publication first, then a list with the grant only: the grant is added, the publication
    number and date stay."""
    publication_only, grant_only = tmp_path / "publication.txt", tmp_path / "grant.txt"
    publication_only.write_text(text_form([P1]), encoding="utf-8")
    grant_only.write_text(text_form([P1_GRANT]), encoding="utf-8")
    import_file(publication_only, after=False)
    second = import_file(grant_only, after=False)
    assert second.updated == 1
    assert {c["field"] for c in second.changes} == {"grant_no", "grant_date", "grant_year"}
    p1 = Patent.get().__data__
    assert (p1["pub_no"], p1["pub_date"]) == ("CN108572939A", dt.date(2018, 9, 28))
    assert (p1["grant_no"], p1["grant_date"]) == ("CN108572939B", dt.date(2019, 9, 20))


@pytest.mark.parametrize(("number", "kind"), [
    ("CN88100001", "invention"), ("CN86204632", "utility"), ("CN87300015", "design"),
    ("CN1030747", "invention"), ("CN85102292A", "invention"), ("CN89100001", None)])
def test_the_type_of_a_1985_1988_number_is_its_third_digit(number, kind):
    """1985-1988: YY + type digit + serial was application and publication number at once
    (domain-facts); CNKI lists such patents by that bare number."""
    from core.importer.values import type_from_pub_no
    assert type_from_pub_no(number) == kind


def test_a_claim_cut_inside_mathml_cdata_loses_no_row():
    """CNKI cuts a long claim short, once inside a MathML <![CDATA[ it never closes (a real
    export lost 191 of 479 rows so): every later row is still read."""
    cut = list(P1)
    cut[TAGS.index("Claims-主权项")] = '1.一种方法<maths num="0001"><math><![CDATA[<mrow><mi>u</mi>'
    page = html_form([cut, P1_GRANT, P2])
    rows = cnki.read_html(page)
    assert [cells[5] for _, cells in rows[1:]] == ["CN108572939A", "CN108572939B", "CN209123456U"]
    assert rows[1][1][8] == "1.一种方法u"
