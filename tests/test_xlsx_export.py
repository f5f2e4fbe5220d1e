"""core/xlsx_export: a real .xlsx round trip through openpyxl, formula injection included."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from core.exports.sheet import rows_to_xlsx_bytes, to_xlsx_bytes
from core.exports.xlsx import is_risky

COLUMNS = {"app_no": "申请号", "title": "专利名称", "amount": "金额（元）", "due": "缴费截止日"}


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "app_no": ["2019101234567", "2020201234560", "2021301234561", "2022101234562"],
        "title": ["=HYPERLINK(\"http://x\",\"点我\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "一种电池"],
        "amount": [1200, 900.5, None, 0],
        "due": [dt.date(2026, 3, 16), None, dt.date(2026, 1, 31), dt.date(2025, 12, 1)],
        "ignored": ["x", "y", "z", "w"],
    })


def _load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_round_trip_values_and_header():
    ws = _load(to_xlsx_bytes(_frame(), COLUMNS, "年费预警"))
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ws.title == "年费预警"
    assert values == [
        ["申请号", "专利名称", "金额（元）", "缴费截止日"],
        ["2019101234567", "=HYPERLINK(\"http://x\",\"点我\")", 1200, dt.datetime(2026, 3, 16)],
        ["2020201234560", "+cmd|' /C calc'!A0", 900.5, None],
        ["2021301234561", "@SUM(A1)", None, dt.datetime(2026, 1, 31)],
        ["2022101234562", "一种电池", 0, dt.datetime(2025, 12, 1)],
    ]


def test_formula_text_is_stored_as_text_not_formula():
    data = to_xlsx_bytes(_frame(), COLUMNS, "s")
    ws = _load(data)
    titles = [ws.cell(row=r, column=2) for r in range(2, 6)]
    assert [c.data_type for c in titles] == ["s", "s", "s", "s"]
    assert [bool(c.quotePrefix) for c in titles] == [True, True, True, False]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    # application numbers stay text (no lost leading zeros or float rounding)
    assert ws.cell(row=2, column=1).data_type == "s"


def test_rows_iterable_and_illegal_characters():
    rows = iter([{"a": "ok\x01\x02", "b": -5}, {"a": "-1+2", "b": None}])
    ws = _load(rows_to_xlsx_bytes(rows, {"a": "文本", "b": "数"}, "bad:/name*"))
    assert ws.title == "badname"
    assert [[c.value for c in r] for r in ws.iter_rows()] == [["文本", "数"], ["ok", -5],
                                                           ["-1+2", None]]
    assert ws.cell(row=3, column=1).data_type == "s"


def test_unknown_column_is_an_error():
    with pytest.raises(KeyError):
        to_xlsx_bytes(_frame(), {"nope": "无"}, "s")


@pytest.mark.parametrize("text,risky", [("=1", True), (" =1", True), ("+1", True), ("-x", True),
                                        ("@a", True), ("\t=1", True), ("a=1", False),
                                        ("苏州", False), ("", False)])
def test_is_risky(text, risky):
    assert is_risky(text) is risky


def _widths(ws) -> dict[str, float]:
    return {letter: dim.width for letter, dim in ws.column_dimensions.items()}


def test_a_sheet_is_ready_to_read_widths_filter_frozen_header_and_formats():
    rows = [{"name": "苏州电池科技有限公司", "code": "AB", "year": 2025, "count": 1234567,
             "ratio": 0.0025, "share": 12.5, "day": dt.date(2026, 3, 16),
             "at": dt.datetime(2026, 3, 16, 8, 30)},
            {"name": "x", "code": "ABCDEFGHIJ", "year": 2026, "count": 3, "ratio": 1.0,
             "share": 7.0, "day": None, "at": None}]
    columns = {"name": "权利人", "code": "代码", "year": "年度", "count": "有效发明（件）",
               "ratio": "每万人口", "share": "占比（%）", "day": "缴费截止日", "at": "时间"}
    ws = _load(rows_to_xlsx_bytes(rows, columns, "表"))
    # ten CJK characters = 20 units, + 2 padding; Latin one unit each; a title gets + 2 for
    # its filter button
    assert _widths(ws) == {"A": 22.0, "B": 12.0, "C": 8.0, "D": 18.0, "E": 12.0, "F": 13.0,
                           "G": 14.0, "H": 18.0}
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H3"
    assert [c.font.b for c in ws[1]] == [True] * 8
    second = {c.column_letter: c.number_format for c in ws[2]}
    assert (second["C"], second["D"], second["E"], second["F"], second["G"], second["H"]) == \
        ("0", "#,##0", "#,##0.0000", "#,##0.0", "yyyy-mm-dd", "yyyy-mm-dd hh:mm")
    assert ws["D2"].value == 1234567 and ws["E2"].value == 0.0025


def test_widths_are_capped_and_measured_beyond_the_header():
    rows = [{"t": "很" * 100}, {"t": "短"}]
    ws = _load(rows_to_xlsx_bytes(rows, {"t": "标题"}, "s"))
    assert _widths(ws) == {"A": 60.0}
    assert ws.auto_filter.ref == "A1:A3"


def test_an_empty_export_still_has_its_header_filter_and_freeze():
    ws = _load(rows_to_xlsx_bytes([], {"a": "申请号", "b": "专利名称"}, "s"))
    assert [[c.value for c in r] for r in ws.iter_rows()] == [["申请号", "专利名称"]]
    assert ws.auto_filter.ref == "A1:B1" and ws.freeze_panes == "A2"
    assert _widths(ws) == {"A": 10.0, "B": 12.0}


def test_text_width_counts_wide_characters_twice():
    from core.exports.xlsx import text_width
    assert [text_width(t) for t in ("abc", "苏州", "（万人）", "A股")] == [3, 4, 8, 3]
