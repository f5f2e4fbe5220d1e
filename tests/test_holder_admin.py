"""权利人管理 on both backends: a holder's industry (audited), its county and street corrected by a
decision that re-places its patents and is undone, bulk tags from Excel with per-row errors; each
write raises the data version. The page (admin/holders.py) through AppTest."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import streamlit as st
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from core.db import version
from core.db.models import Address, AuditLog, Holder, HolderTag, Industry, Patent
from core.importer import holder_tags
from core.resolver import decisions
from core.stats import holders
from tests.conftest import BACKENDS

ROOT = Path(__file__).resolve().parents[1]
D = dt.date
HUQIU, WUZHONG = "320505", "320506"
HENGTANG, CHANGQIAO = "320505001", "320506001"


@pytest.fixture
def world(db):
    Industry.create(code="sei1", name="新一代信息技术产业", kind="sei")
    Industry.create(code="sei101", name="下一代信息网络产业", kind="sei", parent_code="sei1")
    Industry.create(code="loc1", name="纺织服装", kind="local")
    home = Address.create(raw="苏州市虎丘区横塘街道1号", normalized="虎丘区横塘街道1号",
                          province_code="32", city_code="3205", county_code=HUQIU,
                          street_code=HENGTANG, status="auto")
    a = Holder.create(name="甲科技有限公司", norm_name="甲科技有限公司", kind="enterprise",
                      credit_code="91320500AAAA", address_ref=home, province_code="32",
                      city_code="3205", county_code=HUQIU, street_code=HENGTANG,
                      patent_count=2)
    b = Holder.create(name="乙（苏州）有限公司", norm_name="乙(苏州)有限公司", kind="enterprise",
                      patent_count=1)
    HolderTag.create(holder=b, tag="hightech")
    for n, holder in enumerate((a, a, b)):
        Patent.create(app_no=f"2024100{n:05d}X", patent_type="invention", title="t",
                      app_date=D(2024, 1, 1), app_year=2024, first_holder=holder,
                      address_ref=home, province_code="32", city_code="3205",
                      county_code=HUQIU, street_code=HENGTANG, status="valid")
    return a, b


def _regions(holder) -> set:
    return set(Patent.select(Patent.county_code, Patent.street_code)
               .where(Patent.first_holder == holder).tuples())


def test_a_holders_industry_is_set_audited_and_cleared(world):
    a, _ = world
    assert holders.industries() == {"sei1": "新一代信息技术产业", "loc1": "纺织服装"}
    before = version.current()
    assert holders.update_holder(a.id, "checker", industry="loc1") == {
        "industry_code": [None, "loc1"]}
    assert version.current() == before + 1
    assert holders.search_holders("甲")[["name", "county_code", "street_code",
                                        "industry_code"]].values.tolist() == [
        ["甲科技有限公司", HUQIU, HENGTANG, "loc1"]]
    assert holders.update_holder(a.id, "checker", industry="loc1") == {}
    assert holders.update_holder(a.id, "admin", industry="") == {"industry_code": ["loc1", None]}
    assert [(r.username, json.loads(r.payload)) for r in AuditLog.select().order_by(AuditLog.id)
            ] == [("checker", {"industry_code": [None, "loc1"]}),
                  ("admin", {"industry_code": ["loc1", None]})]
    with pytest.raises(holders.IndustryError, match="产业代码不存在：sei101"):
        holders.update_holder(a.id, "checker", industry="sei101")  # not a top-level industry
    assert Holder.get_by_id(a.id).industry_code is None


def test_correcting_a_holders_county_and_street_re_places_its_patents_and_is_undone(world):
    a, b = world
    before = version.current()
    first = decisions.set_holder_region(a.id, CHANGQIAO, "checker")
    assert _regions(a) == {(WUZHONG, CHANGQIAO)} and _regions(b) == {(HUQIU, HENGTANG)}
    assert decisions.patents_moved(first) == 2
    second = decisions.set_holder_region(a.id, WUZHONG, "checker")  # county only
    assert _regions(a) == {(WUZHONG, None)}
    with pytest.raises(decisions.DecisionError):
        decisions.undo(first, "checker")  # a newer decision stands on it
    undo = decisions.undo(second, "admin")
    assert _regions(a) == {(WUZHONG, CHANGQIAO)}
    assert version.current() == before + 3
    assert [(r["id"], r["username"], r["action"], r["message"], r["undone"])
            for r in decisions.history(holder_id=a.id)] == [
        (undo, "admin", "undo", f"撤销 #{second}", False),
        (second, "checker", "holder_region", f"甲科技有限公司 → {WUZHONG}", True),
        (first, "checker", "holder_region", f"甲科技有限公司 → {CHANGQIAO}", False)]
    assert decisions.history(holder_id=b.id) == []
    decisions.undo(first, "admin")
    assert _regions(a) == {(HUQIU, HENGTANG)}
    assert Holder.get_by_id(a.id).region_override is False


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_bulk_tags_are_added_to_the_tags_holders_have_in_one_audited_write(world):
    a, b = world
    before = version.current()
    data = _xlsx([["权利人名称", "统一社会信用代码", "标签"],
                  ["甲科技有限公司", None, "高企、重点培育"],
                  [None, None, None],
                  [None, "91320500AAAA", "重点培育，专精特新"],
                  ["乙(苏州)有限公司", "", "高新技术企业; 规上"]])
    result = holder_tags.import_tags(data, "标签.xlsx", "checker")
    assert (result.holders, result.tags, result.skipped, result.errors) == (2, 4, 1, [])
    assert holders.tags_of([a.id, b.id]) == {a.id: ["hightech", "专精特新", "重点培育"],
                                             b.id: ["above_scale", "hightech"]}
    assert version.current() == before + 1
    assert sorted((r.object_id, json.loads(r.payload)["tags"]) for r in AuditLog.select()) == [
        (str(a.id), [[], ["hightech", "专精特新", "重点培育"]]),
        (str(b.id), [["hightech"], ["above_scale", "hightech"]])]
    again = holder_tags.import_tags(data, "标签.xlsx", "checker")
    assert (again.holders, again.tags, version.current()) == (0, 0, before + 1)


def test_a_bad_tag_file_names_file_row_column_and_value_and_writes_nothing(world):
    before = version.current()
    data = _xlsx([["权利人名称", "统一社会信用代码", "标签"],
                  ["甲科技有限公司", None, "重点培育"],
                  ["不存在公司", None, "高企"],
                  [None, "9132XXXX", "高企"],
                  ["甲科技有限公司", None, " 、 "],
                  [None, None, "高企"],
                  ["乙（苏州）有限公司", "91320500AAAA", "高企"],
                  ["甲科技有限公司", None, "长" * 33]])
    result = holder_tags.import_tags(data, "t.xlsx", "checker")
    assert result.errors == [
        "t.xlsx 第 3 行「权利人名称」：不存在公司 在数据库中不存在",
        "t.xlsx 第 4 行「统一社会信用代码」：9132XXXX 在数据库中不存在",
        "t.xlsx 第 5 行「标签」：（空） 请至少填写一个标签",
        "t.xlsx 第 6 行「权利人名称」：（空） 请填写权利人名称或统一社会信用代码",
        "t.xlsx 第 7 行「统一社会信用代码」：91320500AAAA 与权利人名称「乙（苏州）有限公司」不是同一权利人",
        f"t.xlsx 第 8 行「标签」：{'长' * 33} 超过 32 个字符"]
    assert (HolderTag.select().count(), version.current()) == (1, before)
    missing = holder_tags.import_tags(_xlsx([["名称", "标签"]]), "m.xlsx", "c")
    assert missing.errors == ["m.xlsx：缺少列「权利人名称」或「统一社会信用代码」"]
    broken = holder_tags.import_tags(b"not a workbook", "x.xlsx", "c")
    assert broken.errors == ["x.xlsx：无法读取 Excel 文件（BadZipFile）"]


def test_the_template_has_the_columns_the_import_reads():
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(holder_tags.template())).worksheets[0]
    assert [c.value for c in sheet[1]] == ["权利人名称", "统一社会信用代码", "标签"]


# --- the page --------------------------------------------------------------------------------

def _page(role: str = "checker") -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "admin/holders.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = role
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def app_world(app_env, world):
    return world


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_the_page_names_regions_sets_the_industry_corrects_and_undoes_the_region(app_world):
    a, _ = app_world
    at = _page()
    _ok(at)
    assert at.header[0].value == "权利人管理"
    table = at.dataframe[0].value[["权利人", "区县", "街道", "所属产业", "标签"]]
    table = table.astype(object).where(table.notna(), None)  # no value: shown as "—"
    assert table.values.tolist() == [
        ["甲科技有限公司", "虎丘区", "横塘街道", None, ""],
        ["乙（苏州）有限公司", None, None, None, "高新技术企业"]]
    at.selectbox(key="ht_pick").set_value(a.id).run()
    at.selectbox(key=f"ht_industry_{a.id}").set_value("sei1")
    at.button(key=f"ht_save_{a.id}").click().run()
    _ok(at)
    assert at.success[0].value == "已保存：所属产业"
    assert at.dataframe[0].value["所属产业"].fillna("—").tolist() == ["新一代信息技术产业", "—"]
    at.selectbox(key=f"ht_county_{a.id}").set_value(WUZHONG).run()
    at.selectbox(key=f"ht_street_{a.id}_{WUZHONG}").set_value(CHANGQIAO).run()
    at.button(key="ht_region_apply").click().run()
    _ok(at)
    assert at.success[0].value == "已将权利人更正到 长桥街道，涉及 2 件专利"
    assert at.dataframe[0].value[["区县", "街道"]].values.tolist()[0] == ["吴中区", "长桥街道"]
    assert _regions(a) == {(WUZHONG, CHANGQIAO)}
    at.button(key="ht_region_undo").click().run()
    _ok(at)
    assert _regions(a) == {(HUQIU, HENGTANG)}
    assert at.dataframe[0].value[["区县", "街道"]].values.tolist()[0] == ["虎丘区", "横塘街道"]
    assert [(r.username, r.action) for r in AuditLog.select()
            .where(AuditLog.object_type == "holder").order_by(AuditLog.id)] == [
        ("checker", "change"), ("checker", "holder_region"), ("checker", "undo")]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_page_imports_tags_and_lists_the_errors_of_a_bad_file(app_world):
    a, _ = app_world
    at = _page()
    bad = _xlsx([["权利人名称", "标签"], ["不存在公司", "高企"]])
    at.file_uploader(key="ht_import").set_value(("坏.xlsx", bad, "application/octet-stream"))
    at.run()
    at.button(key="ht_import_apply").click().run()
    assert not at.exception
    assert at.error[0].value == "文件有 1 处错误，未导入任何标签："
    assert at.dataframe[-1].value.iloc[:, 0].tolist() == [
        "坏.xlsx 第 2 行「权利人名称」：不存在公司 在数据库中不存在"]
    good = _xlsx([["权利人名称", "标签"], ["甲科技有限公司", "高企、重点培育"]])
    at.file_uploader(key="ht_import").set_value(("好.xlsx", good, "application/octet-stream"))
    at.run()
    at.button(key="ht_import_apply").click().run()
    _ok(at)
    assert at.success[0].value == "已为 1 个权利人新增 2 个标签（跳过空行 0 行）"
    assert holders.tags_of([a.id]) == {a.id: ["hightech", "重点培育"]}
