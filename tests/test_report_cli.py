"""`python -m core report`: the Word file and its annex written, bad values named in one Chinese
line (exit code 2), on SQLite and PostgreSQL."""
from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document

from core import db as core_db
from core.__main__ import main
from core.config import labels


@pytest.fixture(autouse=True)
def unbind_after():
    yield
    core_db.db.initialize(None)


def test_report_of_an_empty_database_is_written_with_its_annex(app_env, tmp_path, capsys):
    db_url = app_env
    out = tmp_path / "报告.docx"
    code = main(["report", "--db", db_url, "--region", "320506", "--period", "2026Q3",
                 "--sections", "regions,overview", "--out", str(out), "--on", "2026-12-06"])
    assert code == 0
    assert capsys.readouterr().out.startswith(f"已生成报告：{out}")
    doc = Document(io.BytesIO(out.read_bytes()))
    assert doc.paragraphs[0].text == "吴中区2026年第三季度专利统计分析报告"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、概况", "二、区域排名"]  # report order, whatever the order asked
    book = openpyxl.load_workbook(out.with_suffix(".xlsx"))
    assert book.sheetnames[0] == labels.REPORT_INDEX_SHEET and len(book.sheetnames) > 2
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("args, message", [
    (["--region", "3205", "--period", "2026Q5", "--out", "{tmp}/a.docx"], "统计期“2026Q5”无法识别"),
    (["--region", "3205", "--period", "2026", "--sections", "overview,趋势", "--out",
      "{tmp}/a.docx"], "报告章节“趋势”不存在"),
    (["--region", "9999", "--period", "2026", "--out", "{tmp}/a.docx"], "区域“9999”不存在"),
    (["--region", "3205", "--period", "2026", "--out", "{tmp}/a.pdf"], "输出文件须以 .docx 结尾"),
    (["--region", "3205", "--period", "2026", "--out", "{tmp}/no/a.docx"], "输出目录不存在"),
])
def test_bad_values_are_named_in_one_line(app_env, tmp_path, capsys, args, message):
    db_url = app_env
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(["report", "--db", db_url, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("**/*.docx")) and not list(tmp_path.glob("**/*.xlsx"))
