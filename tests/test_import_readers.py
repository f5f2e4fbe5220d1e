"""Reading files: encodings, sheets, and a corpus of broken files each refused with a clear
Chinese message naming the file (no database)."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.importer import readers
from core.importer.batch import prepare
from core.importer.report import Report

DATA = Path(__file__).resolve().parent / "data" / "import"
HEADER = ["申请号", "申请日", "公开号", "标题", "申请人"]
ROW = ["201810390462.7", "2018-04-25", "CN108572939B", "一种图像识别方法", "苏州科达科技股份有限公司"]


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8") -> bytes:
    return "\n".join(",".join(str(c) for c in row) for row in rows).encode(encoding)


def zip_bytes(names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


GOOD_XLSX = xlsx_bytes([HEADER, ROW])
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# (file name, content, words the message must contain)
BROKEN = [
    ("empty.xlsx", b"", "空文件"),
    ("empty.csv", b"", "空文件"),
    ("blank.csv", b" \n\n , ,\n", "没有任何数据行"),
    ("header_only.csv", csv_bytes([HEADER]), "只有表头"),
    ("report.xlsx", b"%PDF-1.7\n...", "PDF"),
    ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    ("page.xls", b"<html><body><table><tr><td>x</td></tr></table></body></html>", "网页"),
    ("letter.xlsx", zip_bytes(["word/document.xml", "[Content_Types].xml"]), "Word"),
    ("archive.xlsx", zip_bytes(["a.txt"]), "zip"),
    ("truncated.xlsx", GOOD_XLSX[: len(GOOD_XLSX) // 2], "损坏"),
    ("text.xlsx", csv_bytes([HEADER, ROW]), "文本文件"),
    ("book.csv", GOOD_XLSX, "Excel 2007+"),
    ("secret.xlsx", OLE + b"\x00" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64,
     "密码"),
    ("garbage.xls", OLE + b"\x00" * 100, "损坏"),
    ("notes.doc", b"hello", "不支持"),
    ("data.json", b'{"a": 1}', "不支持"),
    ("unknown.csv", csv_bytes([["甲", "乙", "丙"], ["1", "2", "3"]]), "找不到可识别的表头"),
    ("no_title.csv", csv_bytes([["申请号", "申请日", "发明人"], ["201810390462.7", "2018", "x"]]),
     "缺少必需的列"),
    ("bad_encoding.csv", b"\x80\x80\xff\xfe\x81" * 20, "编码"),
    ("binary.csv", b"abc\x00\x01\x02" * 50, "二进制"),
    ("packed.csv", gzip.compress(b"a,b"), "gzip"),
    ("book.xls", GOOD_XLSX, "Excel 2007+"),
    ("old.xlsx", (DATA / "soopat.xls").read_bytes(), "Excel 97-2003"),
    ("empty_sheet.xlsx", xlsx_bytes([]), "没有任何数据行"),
]


@pytest.mark.parametrize("name, content, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_are_refused_with_a_clear_message(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(readers.ReadError) as caught:
        prepare(readers.read(path), Report(name, "patents"), None, "auto", None)
    message = str(caught.value)
    assert words in message
    assert f"「{name}」" in message


def test_size_limit(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes([HEADER, ROW] * 200))
    with pytest.raises(readers.ReadError, match="超过上限"):
        readers.read(path, max_bytes=1000)


def test_missing_file(tmp_path):
    with pytest.raises(readers.ReadError, match="找不到文件"):
        readers.read(tmp_path / "nope.xlsx")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([HEADER, ROW], encoding))
    sheet, = readers.read(path)
    assert sheet.rows == [tuple(HEADER), tuple(ROW)]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_text_delimiters(tmp_path, delimiter):
    path = tmp_path / "list.txt"
    path.write_text("\n".join(delimiter.join(r) for r in [HEADER, ROW]), encoding="utf-8")
    sheet, = readers.read(path)
    assert sheet.rows[1] == tuple(ROW)


def test_quoted_cells_with_commas_and_newlines(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('申请号,标题\n"201810390462.7","一种方法,\n及装置"\n', encoding="utf-8")
    sheet, = readers.read(path)
    assert sheet.rows[1] == ("201810390462.7", "一种方法,\n及装置")


def test_xlsx_rows_keep_excel_row_numbers_and_skip_blank_rows():
    sheet, = readers.read(DATA / "cnipa.xlsx")
    assert sheet.name == "检索结果"
    assert sheet.row_numbers[:3] == [1, 3, 4]  # row 2 is blank
    assert sheet.rows[1][0] == "申请号"


def test_xls_date_cells_come_back_as_dates():
    sheet, = readers.read(DATA / "soopat.xls")
    assert sheet.rows[1][6] == dt.datetime(2016, 5, 4)


def test_several_sheets_the_ones_without_header_are_reported():
    report = Report("multisheet.xlsx", "patents")
    tables = prepare(readers.read(DATA / "multisheet.xlsx"), report, None, "auto", None)
    assert [t.sheet for t in tables] == ["专利"]
    assert report.skipped_sheets == ["说明", "空白"]
    assert tables[0].row_numbers == [4]


def test_sniff_recognises_file_kinds():
    assert readers.sniff(GOOD_XLSX) == "xlsx"
    assert readers.sniff((DATA / "soopat.xls").read_bytes()) == "xls"
    assert readers.sniff("申请号,标题".encode("gbk")) == "text"
