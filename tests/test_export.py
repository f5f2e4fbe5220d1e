"""core/export: a search result written to a real .xlsx and read back with openpyxl."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl

from core.config import labels
from core.db.models import Agency, Holder, Patent, PatentHolder
from core.exports import search as export
from core.stats.search import SearchFilters

D = dt.date


def _load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _build():
    a = Holder.create(name="苏州电池科技有限公司", norm_name="a", kind="enterprise")
    b = Holder.create(name="=HYPERLINK(\"http://evil\",\"x\")", norm_name="b")
    ag = Agency.create(name="苏州创新专利代理事务所", norm_name="ag")
    p1 = Patent.create(app_no="2019100000019", patent_type="invention", title="一种电池",
                       app_date=D(2019, 3, 1), pub_no="CN110000001A", pub_date=D(2019, 9, 1),
                       grant_no="CN110000001B", grant_date=D(2021, 5, 1), first_holder=a,
                       status="valid", status_reason="granted", county_code="320506",
                       street_code="320506103", city_code="3205", ipc_main="H01M10/05",
                       ipc_all="H01M10/05; H01M4/13", agency=ag, agents="李四", inventors="王五",
                       address="苏州市吴中区木渎镇金枫路1号")
    PatentHolder.create(patent=p1, holder=a, seq=1)
    PatentHolder.create(patent=p1, holder=b, seq=2)
    p2 = Patent.create(app_no="2020200000022", patent_type="utility", title="-1+2 @cmd",
                       app_date=D(2020, 1, 2), first_holder=b, status="lapsed",
                       status_reason="unpaid_fee", county_code="320505", city_code="3205")
    PatentHolder.create(patent=p2, holder=b, seq=1)
    return p1, p2


def test_export_round_trip_has_chinese_headers_and_the_values(db):
    _build()
    seen = []
    data = export.to_xlsx(SearchFilters(region="3205", unpublished=True), total=2,
                          progress=lambda done, total: seen.append((done, total)))
    ws = _load(data)
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert ws.title == labels.EXPORT_SHEET
    assert rows[0] == ["申请号", "专利类型", "发明名称", "申请日", "公开（公告）号", "公开（公告）日",
                       "授权公告号", "授权公告日", "申请（专利权）人", "申请人地址", "所在区县",
                       "所在街道/乡镇", "法律状态", "法律状态原因", "主分类号", "IPC分类号",
                       "代理机构", "代理人", "发明人"]
    evil = "=HYPERLINK(\"http://evil\",\"x\")"
    assert rows[1:] == [  # p1's number printed with its dot; p2's wrong check character kept
        ["2020200000022", "实用新型", "-1+2 @cmd", dt.datetime(2020, 1, 2), None, None, None,
         None, evil, None, "虎丘区", None, "失效", "未缴年费", None, None, None, None, None],
        ["201910000001.9", "发明", "一种电池", dt.datetime(2019, 3, 1), "CN110000001A",
         dt.datetime(2019, 9, 1), "CN110000001B", dt.datetime(2021, 5, 1),
         f"苏州电池科技有限公司; {evil}", "苏州市吴中区木渎镇金枫路1号", "吴中区", "木渎镇", "有效",
         "授权", "H01M10/05", "H01M10/05; H01M4/13", "苏州创新专利代理事务所", "李四", "王五"],
    ]
    assert seen[-1] == (2, 2)


def test_formula_like_text_is_stored_as_text_never_as_a_formula(db):
    _build()
    ws = _load(export.to_xlsx(SearchFilters(region="3205", unpublished=True), total=2))
    risky = [c for row in ws.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert [c.coordinate for c in risky] == ["C2", "I2"]
    assert all(c.data_type == "s" for c in risky)
    assert all(c.quotePrefix for c in risky)


def test_export_respects_the_row_limit_and_reports_progress(db, monkeypatch):
    holder = Holder.create(name="h", norm_name="h")
    for i in range(7):
        Patent.create(app_no=f"20211{i:07d}0", patent_type="invention", title=f"t{i}",
                      first_holder=holder, status="valid")
    monkeypatch.setattr(export, "BATCH", 3)
    rows = list(export.export_rows(SearchFilters(unpublished=True), limit=5))
    assert [r["title"] for r in rows] == ["t6", "t5", "t4", "t3", "t2"]
    assert [r["title"] for r in export.export_rows(SearchFilters(unpublished=True))] == [
        f"t{i}" for i in range(6, -1, -1)]
    seen = []
    export._with_progress(iter(range(5)), 5, lambda d, t: seen.append((d, t)), every=2)
    list(export._with_progress(iter(range(5)), 5, lambda d, t: seen.append((d, t)), every=2))
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_the_search_export_is_fitted_filtered_and_frozen(db):
    _build()
    ws = _load(export.to_xlsx(SearchFilters(region="3205", unpublished=True), total=2))
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:S3"
    widths = {letter: dim.width for letter, dim in ws.column_dimensions.items()}
    assert widths["A"] == 16.0  # 201910000001.9: 14 + 2
    assert widths["J"] == 29.0  # 苏州市吴中区木渎镇金枫路1号: 13 CJK + "1" = 27, + 2
    assert ws["D2"].number_format == "yyyy-mm-dd"
