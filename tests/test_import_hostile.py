"""Hostile and odd files (issue 18, items 6 and 7): bounded reading, field sizes, formula cells,
a list without 标题, conflicting duplicates, implausible dates and bidi controls, each answered
by a Chinese message or a 提示 row in the report; database cases on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from openpyxl import Workbook

from core.db.models import Agency, Holder, ImportBatch, Patent
from core.importer import history, readers
from core.importer.batch import import_file
from core.importer.report import errors_xlsx

HEADER = ["申请号", "申请日", "公开号", "标题", "申请人", "代理机构"]
FIRST = ["201810390462.7", "2018-04-25", "CN108572939A", "一种图像识别方法", "苏州科达科技股份有限公司",
         "苏州创元专利商标事务所有限公司"]
SECOND = ["201910390462.1", "2019-04-25", "CN110000001A", "一种电池", "苏州某新能源有限公司", None]
RLO, PDF = "\u202e", "\u202c"


def xlsx(path, rows, extra=None):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref, value in (extra or {}).items():
        sheet[ref] = value
    book.save(path)
    return path


def run(path, **kw):
    kw.setdefault("after", False)
    return import_file(path, **kw)


# ---- reading bounded ---------------------------------------------------------------------------

def test_a_cell_at_xfd1048576_is_refused_naming_it(tmp_path):
    path = xlsx(tmp_path / "far.xlsx", [HEADER, FIRST], {"XFD1048576": "x"})
    with pytest.raises(readers.ReadError) as err:
        readers.read(path)
    assert "XFD1048576" in str(err.value) and "far.xlsx" in str(err.value)
    assert "超过上限 1000 列" in str(err.value)


def test_the_declared_dimension_is_not_trusted(tmp_path):
    """A sheet claiming A1:XFD1048576 with two filled rows reads as those two rows."""
    path = xlsx(tmp_path / "claims.xlsx", [HEADER, FIRST])
    data = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b'<dimension ref="A1:F2"/>',
                                    b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in body
            dst.writestr(info, body)
    sheets = readers.read_bytes(data.getvalue(), "claims.xlsx")
    assert [len(s.rows) for s in sheets] == [2] and len(sheets[0].rows[1]) == len(HEADER)


def test_too_many_cells_are_refused_before_reading_on(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELLS", 50)
    path = xlsx(tmp_path / "many.xlsx", [HEADER] + [FIRST] * 20)
    with pytest.raises(readers.ReadError) as err:
        readers.read(path)
    assert "单元格已超过上限 50 个" in str(err.value) and "第 9 行" in str(err.value)


def test_an_overlong_csv_cell_is_a_row_error_not_a_broken_file(db, tmp_path):
    path = tmp_path / "long.csv"
    long_title = "电" * 200_000
    path.write_text("\n".join(",".join(r) for r in (
        HEADER[:5], FIRST[:5], [*SECOND[:3], long_title, SECOND[4]])), "utf-8")
    report = run(path)
    assert report.fatal is None and (report.inserted, report.rejected) == (1, 1)
    error = report.errors[0]
    assert (error.row, error.column) == (3, "标题")
    assert "200,000 个字符" in error.reason and "32,767" in error.reason


# ---- field sizes -------------------------------------------------------------------------------

def test_a_long_agency_name_is_a_row_error_on_every_import(db, tmp_path):
    """An agency name of 300 characters: the row is refused naming the column, the same file
    imports again (and as a dry run) without an IntegrityError."""
    long_agency = "苏州" + "很长" * 149
    path = xlsx(tmp_path / "agency.xlsx", [HEADER, FIRST, [*SECOND[:5], long_agency]])
    for dry_run in (True, False, False, True):
        report = run(path, dry_run=dry_run)
        assert report.fatal is None
        assert report.rejected == 1 and len(report.errors) == 1
        error = report.errors[0]
        assert (error.row, error.column) == (3, "代理机构")
        assert "300 个字符" in error.reason and "255" in error.reason
    assert Patent.select().count() == 1 and Agency.select().count() == 1


def test_a_name_longer_once_normalised_is_refused_too(db, tmp_path):
    """NFKC turns ㈱ into (株): a name of 255 characters whose key would be longer."""
    name = "苏" * 250 + "㈱" * 5
    path = xlsx(tmp_path / "holder.xlsx", [HEADER, FIRST, [*SECOND[:4], name, None]])
    for _ in range(2):
        report = run(path)
        assert report.rejected == 1 and report.errors[0].column == "申请人"
    assert Holder.select().where(Holder.name.startswith("苏苏")).count() == 0


# ---- formulas, missing title, duplicates, dates --------------------------------------------------

def test_formula_cells_without_a_value_are_named(db, tmp_path):
    """openpyxl saves formulas without their result, as some export scripts do."""
    path = xlsx(tmp_path / "formula.xlsx", [HEADER, FIRST, [*SECOND[:3], "=A2&B2", *SECOND[4:]]])
    report = run(path, dry_run=True)
    error = report.errors[0]
    assert (error.row, error.column) == (3, "标题")
    assert "单元格 D3 是公式" in error.reason and "标题为空" in error.reason
    assert any("1 个公式单元格没有保存计算结果（如 D3）" in w for w in report.warnings)


def test_a_patent_list_without_title_gets_one_clear_message(db, tmp_path):
    """申请号/申请日/公开号/申请人/法律状态 and no 标题: not an event list with 20 empty errors."""
    rows = [["申请号", "申请日", "公开号", "申请人", "法律状态"]]
    rows += [[FIRST[0], FIRST[1], FIRST[2], FIRST[4], "授权"]] * 25
    report = run(xlsx(tmp_path / "notitle.xlsx", rows), dry_run=True)
    assert report.kind == "patents"
    assert report.fatal == "文件「notitle.xlsx」缺少必需的列：标题"
    assert report.errors == []


def test_an_event_list_without_any_date_column_is_refused_once(db, tmp_path):
    rows = [["申请号", "公开号", "法律状态"]] + [[FIRST[0], FIRST[2], "权利转移"]] * 20
    report = run(xlsx(tmp_path / "events.xlsx", rows), kind="events", dry_run=True)
    assert report.fatal == "文件「events.xlsx」缺少必需的列：生效日或公告日或法律状态信息"


def test_a_row_error_without_a_column_names_none(db, tmp_path):
    """The day is looked for in 法律状态信息; a row without one names no empty column."""
    rows = [["申请号", "公开号", "法律状态", "法律状态信息"], [FIRST[0], FIRST[2], "权利转移", "变更"]]
    report = run(xlsx(tmp_path / "events.xlsx", rows), kind="events", dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "")]
    assert "  工作表「Sheet」第 2 行：日期为空" in report.summary_lines()
    assert not any("列「」" in line for line in report.summary_lines())


@pytest.fixture
def duplicates(tmp_path):
    return xlsx(tmp_path / "dup.xlsx", [
        HEADER, FIRST, [*FIRST[:3], "完全不同的标题", *FIRST[4:]],
        SECOND, [*SECOND[:3], "一种电池", *SECOND[4:]],
        # a grant row of the first patent under its granted title: a document, not a conflict
        ["201810390462.7", "2018-04-25", "CN108572939B", "图像识别方法", FIRST[4], FIRST[5]]])


def test_a_duplicate_number_with_another_title_is_listed(db, duplicates):
    report = run(duplicates)
    assert (report.rows_read, report.inserted, report.merged) == (5, 2, 3)
    assert [(n.row, n.column, n.value) for n in report.notes] == [(3, "标题", "完全不同的标题")]
    assert "与第 2 行相同但标题不同" in report.notes[0].reason
    assert "一种图像识别方法" in report.notes[0].reason
    assert Patent.get(Patent.app_no == "2018103904627").title == "一种图像识别方法"
    shown = history.history()[0]
    assert (shown["rows_read"], shown["inserted"], shown["merged"]) == (5, 2, 3)
    summary = json.loads(ImportBatch.get().summary)
    assert summary["notes"][0]["row"] == 3
    assert any(line.startswith("共 1 条提示") for line in report.summary_lines())


def test_the_error_report_lists_the_notes(db, duplicates):
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(errors_xlsx(run(duplicates, dry_run=True))))
    rows = list(book["提示"].iter_rows(values_only=True))
    assert rows[0] == ("工作表", "行号", "列", "值", "原因") and rows[1][1:3] == (3, "标题")


def test_implausible_dates_are_flagged(db, tmp_path):
    rows = [HEADER + ["授权公告日"], [*FIRST, None],
            [*SECOND[:1], "2099-04-25", *SECOND[2:], None],
            ["202010123456.2", "2020-05-01", "CN111111111B", "一种方法", "苏州甲公司", None,
             "2019-01-01"]]
    report = run(xlsx(tmp_path / "dates.xlsx", rows))
    assert report.inserted == 3 and report.rejected == 0
    assert [(n.row, n.column, n.value) for n in report.notes] == [
        (3, "申请日", "2099-04-25"), (4, "授权公告日", "2019-01-01")]
    assert "晚于今天" in report.notes[0].reason
    assert "早于申请日 2020-05-01" in report.notes[1].reason
    assert Patent.get(Patent.app_no == "2019103904621").app_date == dt.date(2099, 4, 25)


# ---- bidi controls -------------------------------------------------------------------------------

def test_bidi_controls_are_dropped_from_names_and_the_file_name(db, tmp_path):
    holder = f"苏州{RLO}司公限有技科{PDF}"
    path = xlsx(tmp_path / "bidi.xlsx", [HEADER, [*FIRST[:4], holder, f"{RLO}代理所"]])
    report = run(path, display_name=f"清单{RLO}xslx.xlsx")
    assert report.file_name == "清单xslx.xlsx"
    assert Holder.get().name == "苏州司公限有技科"
    assert Agency.get().name == "代理所"
    assert ImportBatch.get().file_name == "清单xslx.xlsx"
