"""Reminder letters (core.reports.letters) on a hand-built database, both engines: every table
row of every letter, opened with python-docx, against fees worked out by hand from the rules'
text (domain-facts §1: the fee table, the 85 % / 70 % reduction for 10 years from the grant year,
the surcharge on the full fee by month late, the last day six months after the anniversary moved
off a rest day); the .zip's files and the summary sheet read back with openpyxl; the batch
records and the 已提醒 days."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from docx import Document
from playhouse.shortcuts import model_to_dict

from core.config import catalog, display
from core.config import rules as ruleparams
from core.db.models import AuditLog, ReminderBatch, ReminderLetter
from core.monitor.expiry import ExpiryQuery
from core.monitor.fee_warnings import FeeQuery
from core.regions.query import Scope
from core.reports.letters import batch, content, history
from tests.monitor_data import WUZHONG, XIANGCHENG, YUEXI, day, holder, patent

ON = day("2025-04-16")
TODAY = day("2025-04-17")
ALL_STATES = ("due_soon", "grace", "terminated")


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _fee(app_no, h, kind, app, grant_year, paid, due, **extra):
    """A valid patent whose next fee (year paid + 1) is due on `due` (worked out by hand)."""
    extra.setdefault("county", WUZHONG)
    extra.setdefault("street", YUEXI)
    return patent(app_no, h, extra.pop("county"), extra.pop("street"), kind,
                  app_date=day(app), grant_patent_year=grant_year, paid_through_year=paid,
                  next_fee_due=day(due), status=extra.pop("status", "valid"), **extra)


def _build_fees():
    a = holder("苏州甲科技有限公司", address="苏州市吴中区越溪街道1号")
    b = holder("苏州乙大学", address="苏州市相城区元和街道2号", fee_reduction=True)
    # year 7 of an invention filed 2019-03-15: anniversary 2025-03-15 is a Saturday → due Mon 03-17
    _fee("F1", a, "invention", "2019-03-15", 3, 6, "2025-03-17")
    # year 8, anniversary Sun 2025-03-16 → due 03-17
    _fee("F2", a, "invention", "2018-03-16", 3, 7, "2025-03-17")
    # utility year 6, due Tue 2025-05-20: 34 days ahead, due soon
    _fee("F3", b, "utility", "2020-05-20", 2, 5, "2025-05-20", county=XIANGCHENG, street=None)
    # year 10 of an invention filed 2016-01-05: anniversary Sun 2025-01-05 → due Mon 01-06
    _fee("F6", b, "invention", "2016-01-05", 3, 9, "2025-01-06")
    # utility year 5 (2021-06-10 + 4 years), two co-owners, due Tue 2025-06-10
    _fee("F9", b, "utility", "2021-06-10", 2, 4, "2025-06-10", holder_count=2)
    # past the last day (2024-10-10 + 6 months): terminated, no payment reminder
    _fee("F5", a, "invention", "2015-10-10", 3, 9, "2024-10-10")
    _fee("F7", a, "invention", "2019-03-15", 3, 6, "2025-03-17", status="lapsed")
    _fee("F8", None, "invention", "2019-03-15", 3, 6, "2025-03-17")  # nobody to write to
    return a, b


# Letter rows worked out by hand, ON = 2025-04-16 (序号, 申请号, 名称, 年度, 缴费截止日, 应缴年费,
# 滞纳金, 合计, 最后缴费日). Amounts: fee table invention years 7-9 2,000, year 10 4,000; utility
# year 5 900, year 6 1,200. 乙大学 is registered for the reduction: a single holder pays 15 %, co-
# owners 30 %, for 10 years from the grant year. Surcharge: on the FULL fee, 0 % up to one full
# month after the anniversary (inclusive), 5 % in the second month, 10 %, 15 %, ... Last day: the
# anniversary + 6 months, moved to the next working day.
B_ROWS = [
    # F6: 4,000 × 15 % = 600; 04-16 is after 04-05 (3 months), so month 4: 15 % × 4,000 = 600;
    # last day 2025-07-05 is a Saturday → Mon 07-07
    ["1", "F6", "专利F6", "10", "2025-01-06", "600", "600", "1,200", "2025-07-07"],
    # F3: 1,200 × 15 % = 180, not yet due; last day 2025-11-20 (Thu)
    ["2", "F3", "专利F3", "6", "2025-05-20", "180", "0", "180", "2025-11-20"],
    # F9: 900 × 30 % = 270 (co-owners), not yet due; last day 2025-12-10 (Wed)
    ["3", "F9", "专利F9", "5", "2025-06-10", "270", "0", "270", "2025-12-10"],
]
A_ROWS = [
    # F1: full 2,000; anniversary 03-15, one full month ends 04-15, so 04-16 is month 2: 5 % = 100;
    # last day 2025-09-15 (Mon)
    ["1", "F1", "专利F1", "7", "2025-03-17", "2,000", "100", "2,100", "2025-09-15"],
    # F2: anniversary 03-16, one full month ends 04-16 inclusive: 0 %; last day 2025-09-16 (Tue)
    ["2", "F2", "专利F2", "8", "2025-03-17", "2,000", "0", "2,000", "2025-09-16"],
]
FEE_HEADER = ["序号", "申请号", "专利名称", "年度", "缴费截止日", "应缴年费", "滞纳金", "合计", "最后缴费日"]


def _fee_query(**kw) -> FeeQuery:
    scope = Scope(kw.pop("region", "3205"), patent_types=kw.pop("types", ()),
                  holder=kw.pop("holder", ""))
    return FeeQuery(scope, ON, kw.pop("states", ALL_STATES))


def _docs(made: batch.Batch) -> dict[str, Document]:
    with zipfile.ZipFile(io.BytesIO(made.zip_bytes)) as zf:
        return {name: Document(io.BytesIO(zf.read(name))) for name in zf.namelist()
                if name.endswith(".docx")}


def _table(doc) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in doc.tables[0].rows]


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text]


def test_every_fee_row_of_every_letter_is_the_hand_computed_one(db):
    _build_fees()
    made = batch.build(_fee_query(), "checker1", TODAY)
    docs = _docs(made)
    assert list(docs) == ["001_苏州乙大学.docx", "002_苏州甲科技有限公司.docx"]
    assert _table(docs["001_苏州乙大学.docx"]) == [FEE_HEADER, *B_ROWS]
    assert _table(docs["002_苏州甲科技有限公司.docx"]) == [FEE_HEADER, *A_ROWS]
    assert (made.letters, made.patents) == (2, 5)
    assert [len(doc.tables) for doc in docs.values()] == [1, 1]  # nothing left of letter 1
    props = docs["002_苏州甲科技有限公司.docx"].core_properties
    assert (props.author, props.title) == ("苏州市知识产权局", "专利年费缴费提醒函")


def test_the_letter_reads_as_the_bureau_wrote_it(db):
    _build_fees()
    texts = _texts(_docs(batch.build(_fee_query(), "checker1", TODAY))["001_苏州乙大学.docx"])
    assert texts[:3] == ["苏州市知识产权局", "专利年费缴费提醒函", "苏州乙大学："]
    assert texts[3].startswith("经查询，贵单位（个人）作为第一专利权人的下列3件专利")
    assert any(t.startswith("注：金额单位为元，滞纳金与合计按2025年4月16日缴纳计算。") and
               "1个月内0%、2个月内5%、3个月内10%、4个月内15%、5个月内20%、6个月内25%" in t
               for t in texts)
    assert texts[-3:] == ["特此提醒。", "苏州市知识产权局", "2025年4月17日"]  # signed by the bureau
    assert not any(t.startswith(("地址：", "联系电话：")) for t in texts)  # not set: left out


def test_the_letterhead_parameter_fills_the_placeholders(db):
    _build_fees()
    catalog.save_value("reminder_letters", {
        "bureau": "{本地区}吴中分局", "phone": "0512-65000000", "address": "苏州市吴中区1号",
        "signature": "{发函单位}（盖章）", "fee_title": "致{权利人}的缴费提醒",
        "fee_body": "共{专利件数}件，基准日{基准日}。\n请{权利人}尽快缴纳。", "closing": "特此函告。"},
        by="admin")
    doc = _docs(batch.build(_fee_query(holder="甲科技"), "checker1", TODAY))[
        "001_苏州甲科技有限公司.docx"]
    assert _texts(doc) == [
        "苏州市吴中分局", "致苏州甲科技有限公司的缴费提醒", "苏州甲科技有限公司：",
        "共2件，基准日2025年4月16日。", "请苏州甲科技有限公司尽快缴纳。", _texts(doc)[5], "特此函告。",
        "苏州市吴中分局（盖章）", "2025年4月17日", "地址：苏州市吴中区1号", "联系电话：0512-65000000"]
    assert _table(doc) == [FEE_HEADER, *A_ROWS]


def test_the_summary_sheet_and_the_zip(db):
    _build_fees()
    made = batch.build(_fee_query(), "checker1", TODAY)
    with zipfile.ZipFile(io.BytesIO(made.zip_bytes)) as zf:
        names = zf.namelist()
        inside = zf.read("汇总表.xlsx")
    assert names == ["001_苏州乙大学.docx", "002_苏州甲科技有限公司.docx", "汇总表.xlsx"]
    assert inside == made.summary_bytes
    sheet = openpyxl.load_workbook(io.BytesIO(made.summary_bytes)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    at = dt.datetime.fromisoformat
    assert rows == [
        ["序号", "权利人", "联系地址", "专利件数", "应缴年费合计（元）", "滞纳金合计（元）", "合计（元）",
         "最早缴费截止日", "最早最后缴费日", "文件名"],
        [1, "苏州乙大学", "苏州市相城区元和街道2号", 3, 600 + 180 + 270, 600, 1200 + 180 + 270,
         at("2025-01-06"), at("2025-07-07"), "001_苏州乙大学.docx"],
        [2, "苏州甲科技有限公司", "苏州市吴中区越溪街道1号", 2, 4000, 100, 4100,
         at("2025-03-17"), at("2025-09-15"), "002_苏州甲科技有限公司.docx"]]
    assert made.zip_name == f"缴费提醒函_2025-04-16_第{made.id}批.zip"


def test_a_batch_is_recorded_and_the_lists_show_when_a_holder_was_reminded(db):
    a, b = _build_fees()
    assert history.reminded_on("fee", [a.id, b.id]) == {}
    made = batch.build(_fee_query(states=("grace",)), "checker1", TODAY)
    saved = ReminderBatch.get_by_id(made.id)
    assert (saved.kind, saved.on_date, saved.region_code, saved.holders, saved.patents,
            saved.created_by) == ("fee", ON, "3205", 2, 3, "checker1")
    assert saved.filters == "苏州市 · 状态：滞纳期 · 基准日 2025-04-16"
    letters = ReminderLetter.select().where(ReminderLetter.batch == made.id).order_by(
        ReminderLetter.number)
    assert [(x.number, x.holder_id, x.holder_name, x.patents) for x in letters] == [
        (1, b.id, "苏州乙大学", 1), (2, a.id, "苏州甲科技有限公司", 2)]
    logged = AuditLog.get(AuditLog.object_type == "reminder_batch")
    assert logged.object_id == str(made.id)
    shown = display.audit_row(model_to_dict(logged))  # as 操作日志 shows it
    assert (shown["action"], shown["object_type"], shown["object_repr"], shown["message"]) == \
        ("新增", "提醒函", "苏州市 · 状态：滞纳期 · 基准日 2025-04-16", "缴费提醒函")
    listed = history.recent("fee")
    assert listed[["id", "created_by", "holders", "patents"]].values.tolist() == [
        [made.id, "checker1", 2, 3]]
    assert history.recent("expiry").empty
    today = saved.created_at.date()
    assert history.reminded_on("fee", [a.id, b.id, 999]) == {a.id: today, b.id: today}
    assert history.reminded_on("expiry", [a.id]) == {}


def test_the_list_page_gets_the_reminded_column(db):
    from core.monitor import fee_warnings
    a, b = _build_fees()
    made = batch.build(_fee_query(holder="乙大学"), "checker1", TODAY)
    page = history.with_reminded(fee_warnings.page(_fee_query(), 0, 50), "fee")
    day_made = ReminderBatch.get_by_id(made.id).created_at.date()
    got = dict(zip(page["app_no"], page["reminded"]))
    assert got == {"F5": None, "F6": day_made, "F1": None, "F2": None, "F8": None,
                   "F3": day_made, "F9": day_made}


def test_nothing_to_write_is_refused_and_nothing_recorded(db):
    _build_fees()
    with pytest.raises(ValueError, match="没有可发函的专利"):
        batch.build(_fee_query(states=("terminated",)), "checker1", TODAY)
    with pytest.raises(ValueError, match="没有可发函的专利"):
        batch.build(_fee_query(holder="不存在"), "checker1", TODAY)
    assert ReminderBatch.select().count() == 0
    assert content.totals(_fee_query(states=("terminated",))) == (0, 0)
    assert content.totals(_fee_query()) == (2, 5)


def test_too_many_letters_are_refused(db, monkeypatch):
    _build_fees()
    monkeypatch.setattr(batch, "LETTER_LIMIT", 1)
    with pytest.raises(ValueError, match="涉及 2 个权利人，超过一次最多生成的 1 封"):
        batch.build(_fee_query(), "checker1", TODAY)
    assert ReminderBatch.select().count() == 0


def test_a_selection_of_too_many_patents_is_not_counted_per_holder(db, monkeypatch):
    _build_fees()
    monkeypatch.setattr(content, "PATENT_LIMIT", 4)
    assert content.totals(_fee_query()) == (None, 6)  # F8 has no holder
    with pytest.raises(ValueError, match="有 6 件专利，超过一次最多处理的 4 件"):
        batch.build(_fee_query(), "checker1", TODAY)
    assert content.totals(_fee_query(holder="甲科技")) == (1, 2)
    assert ReminderBatch.select().count() == 0


def test_file_names_keep_only_safe_characters():
    letter = content.Letter(12, 7, "‮../甲公司:*?<>|（苏州）", "")
    assert batch.file_name(letter) == "012_甲公司_（苏州）.docx"
    assert batch.file_name(content.Letter(3, 7, "///", "")) == "003_7.docx"


def _build_expiry():
    a = holder("苏州甲科技有限公司", address="苏州市吴中区长桥街道1号")
    b = holder("苏州丙研究所", address="苏州市相城区2号")
    # expiry dates by hand: invention 20 years, utility 10 years from the filing date (term
    # ends on the anniversary); E3 with 30 days of term compensation
    rows = [("E1", a, "invention", "2005-06-01", "2025-06-01"),
            ("E2", b, "utility", "2015-05-10", "2025-05-10"),
            ("E3", a, "invention", "2005-09-20", "2025-10-20"),
            ("E4", a, "invention", "2006-06-01", "2026-06-01")]  # beyond 12 months
    for app_no, h, kind, app, end in rows:
        patent(app_no, h, WUZHONG, YUEXI, kind, app_date=day(app), expiry_date=day(end),
               status="valid", term_extension_days=30 if app_no == "E3" else 0)


def test_expiry_letters_list_the_patents_with_their_expiry_dates(db):
    _build_expiry()
    made = batch.build(ExpiryQuery(Scope("3205"), ON, 12), "admin", TODAY)
    docs = _docs(made)
    header = ["序号", "申请号", "专利名称", "类型", "申请日", "届满日"]
    assert list(docs) == ["001_苏州丙研究所.docx", "002_苏州甲科技有限公司.docx"]
    assert _table(docs["001_苏州丙研究所.docx"]) == [
        header, ["1", "E2", "专利E2", "实用新型", "2015-05-10", "2025-05-10"]]
    assert _table(docs["002_苏州甲科技有限公司.docx"]) == [
        header, ["1", "E1", "专利E1", "发明", "2005-06-01", "2025-06-01"],
        ["2", "E3", "专利E3", "发明", "2005-09-20", "2025-10-20"]]
    texts = _texts(docs["002_苏州甲科技有限公司.docx"])
    assert texts[1] == "专利权期限届满提醒函"
    assert "下列2件专利，将在2026年4月16日之前保护期限届满" in texts[3]
    sheet = openpyxl.load_workbook(io.BytesIO(made.summary_bytes)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["序号", "权利人", "地址", "专利件数", "最早届满日", "最晚届满日", "文件名"]
    assert rows[2][3:6] == [2, dt.datetime(2025, 6, 1), dt.datetime(2025, 10, 20)]
    saved = ReminderBatch.get_by_id(made.id)
    assert (saved.kind, saved.holders, saved.patents) == ("expiry", 2, 3)
    assert saved.filters == "苏州市 · 届满至 2026-04-16 · 基准日 2025-04-16"
