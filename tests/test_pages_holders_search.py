"""Pages 权利人统计, 代理机构统计, 专利运营统计, 公开专利数据查询 and 权利人管理 through AppTest."""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from core.db.models import Agency, AuditLog, Holder, HolderTag, LegalEvent, Patent, PatentHolder
from core.rules import numbers
from core.stats import holders

ROOT = Path(__file__).resolve().parents[1]
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
D = dt.date
VIEWER = {"authentication_status": True, "roles": ["viewer"], "username": "v", "name": "v"}
CHECKER = {"authentication_status": True, "roles": ["checker"], "username": "chk", "name": "c"}


def _page(path: str, state: dict | None = None, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.query_params.update(params or {})
    return at.run()


@pytest.fixture
def data(db, app_env):
    a = Holder.create(name="苏州甲科技有限公司", norm_name="甲", kind="enterprise",
                      first_filing=D(2023, 2, 1))
    b = Holder.create(name="乙大学", norm_name="乙", kind="university", first_filing=D(2010, 1, 1))
    HolderTag.create(holder=a, tag="hightech")
    ag = Agency.create(name="苏州丙专利代理事务所", norm_name="丙", city_code="3205",
                       county_code="320506", agent_count=7)
    rows = [(a, "invention", "一种电池", "320506", D(2023, 2, 1)),
            (a, "utility", "=CMD()", "320506", D(2023, 5, 1)),
            (b, "invention", "图像识别方法", "320505", D(2010, 1, 1))]
    patents = []
    for i, (h, ptype, title, county, app) in enumerate(rows, start=1):
        p = Patent.create(app_no=numbers.make(app.year, 1 if ptype == "invention" else 2, i),
                          patent_type=ptype, title=title, app_date=app, app_year=app.year,
                          first_holder=h, status="valid", city_code="3205", county_code=county,
                          agency=ag, ipc_subclass="H01M", pub_date=app)
        PatentHolder.create(patent=p, holder=h, seq=1)
        patents.append(p)
    LegalEvent.create(patent=patents[0], kind="transfer", date=D(2024, 3, 1),
                      county_before="320506", county_after="320102", parties_before="甲",
                      parties_after="丁")
    LegalEvent.create(patent=patents[2], kind="pledge", date=D(2024, 4, 1),
                      amount=Decimal("2000000"))
    return {"a": a, "b": b, "agency": ag, "patents": patents}


def _metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


@SQLITE_ONLY
def test_holders_page_lists_holders_and_marks_the_new_one(data):
    at = _page("pages/holders.py", VIEWER, {"from": "2023", "to": "2023"})
    assert not at.exception
    assert at.header[0].value == "权利人统计"
    assert _metrics(at) == {"持有有效专利的权利人": "2", "其中期内新增": "1", "其有效专利": "3"}
    table = at.dataframe[0].value
    assert table["name"].tolist() == ["苏州甲科技有限公司", "乙大学"]
    assert table["is_new"].tolist() == ["★ 新增", ""]
    assert table["tags"].tolist() == ["高新技术企业", ""]
    assert table["link"].iloc[0].startswith("/search?")
    assert f"holder_id={data['a'].id}" in table["link"].iloc[0]


@SQLITE_ONLY
def test_holders_page_filters_by_kind(data):
    at = _page("pages/holders.py", {**VIEWER, "hs_kinds": ["university"]})
    assert at.dataframe[0].value["name"].tolist() == ["乙大学"]


@SQLITE_ONLY
def test_agencies_page_ranks_agencies_with_local_share(data):
    at = _page("pages/agencies.py", VIEWER)
    assert not at.exception
    assert _metrics(at) == {"服务本地的代理机构": "1", "代理量（件）": "3",
                            "本地代理量占比": "100.0%", "未委托代理（件）": "0"}
    table = at.dataframe[0].value
    assert table[["name", "filings", "valid", "agent_count"]].values.tolist() == [
        ["苏州丙专利代理事务所", 3, 3, 7]]


@SQLITE_ONLY
def test_operations_page_shows_transfers_and_pledges(data):
    at = _page("pages/operations.py", VIEWER)
    assert not at.exception
    assert _metrics(at) == {"转入": "0", "转出": "1", "许可": "0", "质押": "1",
                            "质押金额（万元）": "200.0"}
    assert at.dataframe[0].value["申请号"].tolist() == ["202310000001.5"]  # stored 2023100000015


@SQLITE_ONLY
def test_search_page_reads_its_filters_from_the_link(data):
    at = _page("pages/search.py", VIEWER,
               {"region": "3205", "holder_id": str(data["a"].id), "types": "invention"})
    assert not at.exception
    assert at.subheader[0].value == "共 1 件"
    assert at.dataframe[0].value["申请号"].tolist() == ["202310000001.5"]  # stored 2023100000015
    assert "苏州甲科技有限公司" in at.info[0].value
    assert at.query_params["holder_id"] == str(data["a"].id)


@SQLITE_ONLY
def test_search_page_widgets_narrow_the_result_and_go_to_the_url(data):
    at = _page("pages/search.py", VIEWER)
    assert at.subheader[0].value == "共 3 件"
    at.text_input(key="sq_title").set_value("电池").run()
    assert at.subheader[0].value == "共 1 件"
    assert at.query_params["q"] == "电池"


@SQLITE_ONLY
def test_search_page_exports_an_xlsx_with_formula_text_kept_as_text(data):
    at = _page("pages/search.py", VIEWER)
    at.button(key="sq_export").click().run()
    assert not at.exception
    _, rows, content = at.session_state["sq_xlsx"]
    assert rows == 3
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    titles = [c.value for c in ws["C"]]
    assert titles == ["发明名称", "图像识别方法", "=CMD()", "一种电池"]
    assert ws["C3"].data_type == "s"


@SQLITE_ONLY
def test_holder_tagging_page_saves_tags_and_audits(data):
    at = _page("admin/holders.py", CHECKER)
    assert not at.exception
    assert at.header[0].value == "权利人管理"
    at.selectbox(key="ht_pick").set_value(data["b"].id).run()
    at.multiselect[0].set_value(["above_scale", "重点培育"])
    at.checkbox[0].check()
    at.button[0].click().run()
    assert not at.exception
    assert holders.tags_of([data["b"].id]) == {data["b"].id: ["above_scale", "重点培育"]}
    assert Holder.get_by_id(data["b"].id).fee_reduction is True
    log = AuditLog.get(AuditLog.object_type == "holder")
    assert (log.username, json.loads(log.payload)["tags"]) == (
        "chk", [[], ["above_scale", "重点培育"]])


@SQLITE_ONLY
@pytest.mark.parametrize("path", ["pages/holders.py", "pages/agencies.py",
                                  "pages/operations.py", "pages/search.py", "admin/holders.py"])
def test_anonymous_is_refused(app_env, path):
    at = _page(path)
    assert [w.value for w in at.warning] == ["请先登录"] and len(at.dataframe) == 0


@SQLITE_ONLY
def test_a_viewer_is_refused_the_tagging_page(app_env):
    at = _page("admin/holders.py", VIEWER)
    assert [e.value for e in at.error] == ["无权限访问该页面"] and len(at.dataframe) == 0


@pytest.mark.parametrize("params, bad", [
    ({"holder_id": "99999999999999999999999"}, "holder_id"),
    ({"agency_id": "-3"}, "agency_id"),
    ({"q": "电" * 20_000}, "q"),  # 60 KB: over SQLite's LIKE limit (AppTest drops 100,000)
    ({"holder": " ".join(["甲"] * 3000)}, "holder"),
])
def test_hostile_links_are_ignored_with_a_chinese_warning(data, params, bad):
    """An id beyond the database's integers, a very long term (SQLite: LIKE pattern too complex)
    or thousands of words (one LIKE each) in a link: the parameter is ignored and named, the
    page shows every patent."""
    at = _page("pages/search.py", VIEWER, params)
    assert not at.exception
    assert at.warning[0].value == f"链接中有无效的参数，已忽略：{bad}"
    assert at.subheader[0].value == "共 3 件"


def test_a_year_zero_in_a_link_is_ignored(data):
    at = _page("pages/search.py", VIEWER, {"from": "0000", "to": "99999-01-01"})
    assert not at.exception and at.subheader[0].value == "共 3 件"


def test_typed_words_beyond_the_limit_are_dropped_with_a_warning(data):
    at = _page("pages/search.py", VIEWER)
    at.text_input(key="sq_title").input("一种 " * 9 + "电池 " + "x " * 5).run()
    assert not at.exception
    assert at.warning[0].value == "每个检索框最多 100 个字符、10 个词，多出的部分未参与检索"
    assert at.subheader[0].value == "共 1 件"  # the ten first words: 一种 … 电池


def test_the_ignored_parameter_stays_named_until_a_filter_changes(data):
    at = _page("pages/search.py", VIEWER, {"holder_id": "99999999999999999999999"})
    at.run()  # a rerun (the login cookie's) keeps the warning
    assert [w.value for w in at.warning] == ["链接中有无效的参数，已忽略：holder_id"]
    at.text_input(key="sq_title").input("电池").run()
    assert not at.warning and at.subheader[0].value == "共 1 件"
