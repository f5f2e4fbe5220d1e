"""Value formats, header dialects and status/event mapping of the importer (no database)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.importer import dialects, legal
from core.importer import values as v

D = dt.date


@pytest.mark.parametrize("raw, expected", [
    ("20190920", (D(2019, 9, 20), 2019)),
    (20190920, (D(2019, 9, 20), 2019)),
    (20190920.0, (D(2019, 9, 20), 2019)),
    ("2019-09-20", (D(2019, 9, 20), 2019)),
    ("2019/9/2", (D(2019, 9, 2), 2019)),
    ("2019.09.20", (D(2019, 9, 20), 2019)),
    ("2019年9月20日", (D(2019, 9, 20), 2019)),
    ("2019-09-20 00:00:00", (D(2019, 9, 20), 2019)),
    (43728, (D(2019, 9, 20), 2019)),  # Excel serial
    (43728.5, (D(2019, 9, 20), 2019)),
    ("43728", (D(2019, 9, 20), 2019)),
    (dt.datetime(2019, 9, 20, 0, 0), (D(2019, 9, 20), 2019)),
    (D(2019, 9, 20), (D(2019, 9, 20), 2019)),
    ("2020", (None, 2020)),
    (2020, (None, 2020)),
    ("2020年", (None, 2020)),
    (None, (None, None)),
    ("", (None, None)),
    ("-", (None, None)),
    ("无", (None, None)),
])
def test_dates_in_every_vendor_format(raw, expected):
    assert v.parse_date(raw) == expected


@pytest.mark.parametrize("raw, reason", [
    ("20190231", "日期不存在"), ("2019-13-01", "日期不存在"), ("next week", "无法识别"),
    ("1900", "年份超出"), ("19600101", "超出合理范围"), ("20190920x", "无法识别"),
])
def test_bad_dates_raise_a_chinese_reason(raw, reason):
    with pytest.raises(ValueError, match=reason):
        v.parse_date(raw)


@pytest.mark.parametrize("raw, expected", [
    ("甲公司;乙公司", ["甲公司", "乙公司"]),
    ("甲公司；乙公司", ["甲公司", "乙公司"]),
    ("甲公司 | 乙公司 | 丙大学", ["甲公司", "乙公司", "丙大学"]),
    ("甲公司;;乙公司", ["甲公司", "乙公司"]),
    ("甲公司; 乙公司; ", ["甲公司", "乙公司"]),
    ("甲,乙", ["甲", "乙"]),
    ("甲，乙", ["甲", "乙"]),
    ("Humaxa,  Inc.", ["Humaxa, Inc."]),
    ("Apple, Inc.; Foo Co., Ltd.", ["Apple, Inc.", "Foo Co., Ltd."]),
    ("阿波罗智联（北京）科技有限公司", ["阿波罗智联（北京）科技有限公司"]),
    ("-", []), ("", []), (None, []), ("0", []),
])
def test_multi_values_split_on_every_separator(raw, expected):
    assert v.split_multi(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "--", "—", "0", "无", "N/A", "null", "\u3000"])
def test_null_spellings(raw):
    assert v.text(raw) is None


@pytest.mark.parametrize("raw, expected", [
    ("G09B  9/00", "G09B 9/00"), ("G10L15/01", "G10L 15/01"), ("g06f 16/9537", "G06F 16/9537"),
    ("H04W 4/40", "H04W 4/40"), ("B25B", "B25B"), ("-", None), ("Ｇ０６Ｆ　３／０４８８", "G06F 3/0488"),
])
def test_ipc_normalised(raw, expected):
    assert v.norm_ipc(raw) == expected


def test_ipc_list_dedupes_and_keeps_order():
    assert v.ipc_list("H04L 67/12 | H04W  4/40 | H04L67/12") == ["H04L 67/12", "H04W 4/40"]


@pytest.mark.parametrize("raw, expected", [
    ("201810390462.7", ("2018103904627", None)),
    ("CN201810390462.7", ("2018103904627", None)),
    ("ZL 201810390462.7", ("2018103904627", None)),
    ("2018103904627", ("2018103904627", None)),
    ("CN201810390462", ("2018103904627", "check_computed")),
    ("CN 201810390462 A", ("2018103904627", "check_computed")),
    ("CN201810390462-A", ("2018103904627", "check_computed")),
    ("202411662208.X", ("202411662208X", None)),
    ("90101673.X", ("90101673X", None)),
    (2018103904627, ("2018103904627", None)),
    (None, (None, None)),
])
def test_application_numbers(raw, expected):
    assert v.parse_app_no(raw) == expected


def test_derwent_short_application_number_needs_the_filing_year():
    assert v.parse_app_no("CN10733357", 2021) == ("2021107333570", "year_added")
    with pytest.raises(ValueError, match="格式不正确"):  # 8 digits of 2010: type digit 7
        v.parse_app_no("CN10733357")


@pytest.mark.parametrize("raw, reason", [
    ("201810390462.3", "校验位错误"), ("2018103904", "格式不正确"), ("US18000001", "格式不正确"),
])
def test_bad_application_numbers_are_row_errors(raw, reason):
    with pytest.raises(ValueError, match=reason):
        v.parse_app_no(raw)


@pytest.mark.parametrize("words, expected", [
    ("发明公布", "invention"), ("发明申请", "invention"), ("授权发明", "invention"),
    ("发明授权", "invention"), ("发明专利", "invention"), ("实用新型", "utility"),
    ("外观设计", "design"), ("外观", "design"), ("Utility model", "utility"), ("-", None),
])
def test_patent_type_from_words(words, expected):
    assert v.type_from_words(words) == expected


@pytest.mark.parametrize("pub_no, kind, grant", [
    ("CN108572939B", "invention", True), ("CN111341297A", "invention", False),
    ("CN209123456U", "utility", True), ("CN305123456S", "design", True),
    ("CN1340998A", "invention", False), ("CN2069429Y", "utility", True), ("CN305000004", "design",
                                                                        False),
])
def test_type_from_kind_code_and_number(pub_no, kind, grant):
    assert v.type_from_pub_no(pub_no) == kind
    assert v.is_grant_document(pub_no, None) is grant


def test_pub_numbers_normalised():
    assert v.norm_pub_no("CN-108572939-A") == "CN108572939A"  # Google Patents
    assert v.norm_pub_no("CN108572939-B") == "CN108572939B"  # Derwent
    assert v.norm_pub_no("US-9254383-B2") == "US9254383B2"
    assert v.norm_pub_no("cn 108572939 b") == "CN108572939B"
    assert v.norm_pub_no("108572939B") == "CN108572939B"
    assert v.norm_pub_no("US2023000001A1") == "US2023000001A1"


@pytest.mark.parametrize("raw, expected", [
    ("900", Decimal("900.00")), ("¥1,200", Decimal("1200.00")), ("$ 3,500", Decimal("3500.00")),
    ("1200元", Decimal("1200.00")), ("1,200万", Decimal("12000000.00")), (960.5, Decimal("960.50")),
    ("-", None),
])
def test_amounts(raw, expected):
    assert v.parse_amount(raw) == expected


@pytest.mark.parametrize("raw, expected", [("5", 5), (5, 5), ("第5年", 5), ("第五年度", 5),
                                           ("第十二年", 12), ("12年", 12)])
def test_patent_years(raw, expected):
    assert v.parse_patent_year(raw) == expected


@pytest.mark.parametrize("name, kind", [
    ("苏州科达科技股份有限公司", "enterprise"), ("苏州某某机械厂", "enterprise"),
    ("苏州大学", "university"), ("苏州工业职业技术学院", "university"),
    ("中国科学院苏州纳米技术与纳米仿生研究所", "institute"), ("江苏省某某研究院", "institute"),
    ("苏州市某某研究中心", "institute"), ("苏州某研究院有限公司", "enterprise"),
    ("张小明", "individual"), ("欧阳娜娜", "individual"), ("苏州市公安局", "government"),
    ("Example Inc.", "enterprise"), ("某某", "individual"),
])
def test_holder_kind_guess(name, kind):
    assert v.holder_kind(name) == kind


def test_holder_names_normalised_across_bracket_and_space_variants():
    variants = ["阿波罗智联（北京）科技有限公司", "阿波罗智联(北京)科技有限公司", "阿波罗智联 (北京) 科技有限公司",
                "阿波罗智联【北京】科技有限公司"]
    assert len({v.norm_name(x) for x in variants}) == 1


@pytest.mark.parametrize("header, norm", [
    ("公开（公告）号", "公开公告号"), ("公开(公告)号", "公开公告号"), ("公开公告号", "公开公告号"),
    ("标题 (中文)", "标题中文"), ("当前申请(专利权)人州/省", "当前申请专利权人州省"),
    ("\ufeff公开号", "公开号"), ("[标]当前申请(专利权)人", "标当前申请专利权人"), ("IPC主分类", "ipc主分类"),
])
def test_header_normalisation(header, norm):
    assert dialects.norm_header(header) == norm


@pytest.mark.parametrize("headers, source", [
    (["公开公告号", "标题", "简单法律状态", "法律状态事件", "受理局"], "patsnap"),
    (["序号", "标题 (中文)", "公开（公告）号", "公开国别", "链接到incoPat"], "incopat"),
    (["公开号", "申请号", "国际分类", "国际主分类", "美国分类"], "patentics"),
    (["申请号", "发明名称", "申请（专利权）人", "申请人地址", "申请人邮编"], "cnipa"),
    (["公开(公告)号", "申请号", "专利名称", "权利要求书"], "baiten"),
    (["名称", "主权项", "申请人名称", "主分类号", "分类号"], "soopat"),
    (["公开号", "标题", "标题 - DWPI", "专利权人/申请人", "申请日期", "IPC - 现版"], "derwent"),
    (["Publication Number", "Title - DWPI", "Assignee/Applicant", "IPC - Current"], "derwent"),
    (["PN", "TI", "AU", "AE", "GA", "AB", "DC", "MC", "IP", "PD", "AD", "PI"], "dii"),
    (["#", "Jurisdiction", "Kind", "Display Key", "Lens ID", "Application Number"], "lens"),
    (["id", "title", "assignee", "inventor/author", "priority date", "result link"], "google"),
    (["申请号", "标题"], None),
])
def test_source_detection(headers, source):
    assert dialects.detect_source(headers) == source


def test_mapping_prefers_current_owner_keeps_main_and_all_ipc_apart_and_reports_unknown():
    headers = ["申请人", "当前权利人", "主分类号", "分类号", "摘要附图", "申请号", "标题"]
    mapping = dialects.map_columns(headers, "patents")
    assert mapping.as_names() == {"app_no": "申请号", "title": "标题", "owners": "当前权利人",
                                  "applicants": "申请人", "ipc_main": "主分类号",
                                  "ipc_all": "分类号"}
    assert mapping.unmapped == ["摘要附图"]


def test_mapping_override_corrects_and_ignores_columns():
    headers = ["申请号", "标题", "备注地址", "申请人地址"]
    mapping = dialects.map_columns(headers, "patents",
                                   {"备注地址": "address", "申请人地址": None})
    assert mapping.as_names() == {"app_no": "申请号", "title": "标题", "address": "备注地址"}
    assert mapping.unmapped == []


@pytest.mark.parametrize("header, rest, tags, number", [
    ("[标]当前申请(专利权)人", "当前申请(专利权)人", ("标",), None),
    ("【标】申请人", "申请人", ("标",), None),
    ("标题(译)(简体中文)", "标题", ("简体中文", "译"), None),
    ("标题 (中文)", "标题", ("中文",), None),
    ("专利权人/申请人 (原始语言)", "专利权人/申请人", ("原始语言",), None),
    ("Title - DWPI", "Title", ("dwpi",), None),
    ("Title (English)", "Title", ("english",), None),
    ("申请人2", "申请人", (), 2), ("申请人（3）", "申请人", (), 3),
    ("申请人(其他)", "申请人(其他)", (), None),  # not a language tag: kept
    ("IPC主分类号(小类)", "IPC主分类号(小类)", (), None),
])
def test_header_tags_and_numbers(header, rest, tags, number):
    assert dialects.split_header(header) == (rest, tags, number)


def test_tagged_headers_feed_their_field_and_back_up_the_plain_one():
    # Patsnap: only the standardised owner and the translated title
    mapping = dialects.map_columns(["公开(公告)号", "标题(译)(简体中文)", "[标]当前申请(专利权)人"],
                                   "patents")
    assert mapping.as_names() == {"pub_no": "公开(公告)号", "title": "标题(译)(简体中文)",
                                  "owners": "[标]当前申请(专利权)人"}
    # both present: the plain column first, the tagged one where it is empty
    headers = ["公开号", "标题", "标题 (原文)", "标题 - DWPI", "专利权人/申请人", "专利权人 - DWPI"]
    mapping = dialects.map_columns(headers, "patents")
    assert mapping.as_names() == {"pub_no": "公开号", "title": "标题", "applicants": "专利权人/申请人"}
    assert mapping.fallbacks == {"title": [2, 3]} and mapping.unmapped == ["专利权人 - DWPI"]


def test_one_column_per_holder_is_joined():
    from core.importer.table import Table
    headers = ["申请号", "标题", "申请人1", "申请人2", "申请人3", "发明人1", "发明人2"]
    mapping = dialects.map_columns(headers, "patents")
    assert mapping.joined == {"applicants": [3, 4], "inventors": [6]}
    get = Table("s", mapping, [], []).getter(
        ("2018103904627", "甲", "苏州大学", "苏州某公司", None, "张三", "李四"))
    assert (get("applicants"), get("inventors")) == ("苏州大学; 苏州某公司", "张三; 李四")


def test_english_dates_and_derwent_ipc():
    assert v.parse_date("30 Jun 2021") == (dt.date(2021, 6, 30), 2021)
    assert v.parse_date("1 Dec 2019") == (dt.date(2019, 12, 1), 2019)
    assert v.norm_ipc("C02F-009/14") == "C02F 9/14"
    with pytest.raises(ValueError):
        v.parse_date("30 Foo 2021")


def test_header_row_found_below_title_rows():
    rows = [("专利检索结果",), (None,), ("申请号", "申请日", "标题"), ("2018103904627", "", "x")]
    assert dialects.find_header(rows, "patents") == 2
    assert dialects.find_header([("a", "b"), ("c", "d")], "patents") is None


@pytest.mark.parametrize("headers, kind", [
    (["申请号", "标题", "发明人"], "patents"),
    (["申请号", "法律状态公告日", "法律状态", "法律状态信息"], "events"),
    (["申请号", "出质人", "质权人", "登记日"], "events"),
    (["申请号", "缴费年度", "金额", "缴费日"], "fees"),
])
def test_kind_guessed_from_headers(headers, kind):
    assert dialects.guess_kind(headers) == kind


@pytest.mark.parametrize("tag, kind", [
    ("授权", "grant"), ("质押", "pledge"), ("权利转移", "transfer"), ("许可", "license"),
    ("未缴年费", "lapse_unpaid"), ("一案双申", "other"), ("无效程序", "other"), ("保全", "preservation"),
    ("驳回", "rejection"), ("撤回", "withdrawal"), ("实质审查", "exam"), ("公开", "publication"),
    ("专利申请权、专利权的转移", "transfer"), ("专利权质押合同登记的生效", "pledge"),
    ("专利权质押合同登记的注销", "pledge_release"), ("专利实施许可合同备案的生效", "license"),
    ("专利权的终止(未缴年费专利权终止)", "lapse_unpaid"), ("专利权的终止(②专利权有效期届满)", "expiry"),
    ("专利权的无效宣告(专利权全部无效)", "invalidation"), ("被视为撤回的申请", "withdrawal"),
    ("避免重复授权放弃专利权", "double_patenting"), ("专利权的主动放弃", "surrender"),
    ("权利的恢复", "restoration"), ("CF01", "lapse_unpaid"), ("TR01 专利权的转移", "transfer"),
    ("口头审理", "other"),
])
def test_event_names_codes_and_tags(tag, kind):
    assert legal.event_kind(tag) == kind


def test_event_tags_of_a_pipe_joined_cell():
    assert legal.event_tags("授权 | 质押 | 一案双申") == [("grant", "授权"), ("pledge", "质押"),
                                                     ("other", "一案双申")]


@pytest.mark.parametrize("simple, detail, expected", [
    ("有效", "授权 | 质押", ("valid", "granted")),
    ("审中", "实质审查 | 一案双申", ("pending", "examining")),
    ("审中", "公开", ("pending", "published")),
    ("失效", "未缴年费", ("lapsed", "unpaid_fee")),
    ("失效", "撤回 | 一案双申", ("lapsed", "withdrawn")),
    ("失效", "一案双申", ("lapsed", "double_patenting")),
    ("失效", None, ("lapsed", "unknown")),
    (None, "驳回", ("lapsed", "rejected")),
    (None, "有效", ("valid", "granted")),
    (None, "无效", ("lapsed", "unknown")),
    (None, "公开", ("pending", "published")),
    (None, "其他", ("unknown", None)),
    (None, "专利权有效期届满", ("lapsed", "expired")),
    (None, "未缴年费专利权终止", ("lapsed", "unpaid_fee")),
    ("未确认", None, ("unknown", None)),
])
def test_vendor_status_text(simple, detail, expected):
    assert legal.status_of(simple, detail) == expected
