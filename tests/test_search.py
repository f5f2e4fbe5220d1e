"""core/search: every filter, keyset pagination, capped count and URL round trip, on both backends."""
from __future__ import annotations

import datetime as dt

import pytest

from core.db import is_postgres
from core.db.models import Agency, Holder, HolderTag, Industry, Patent, PatentHolder, PatentIndustry
from core.rules import numbers
from core.stats import search
from core.stats.search import SearchFilters

D = dt.date


def _holder(name, kind="enterprise"):
    return Holder.create(name=name, norm_name=name, kind=kind)


def _patent(serial, holder, ptype="invention", status="valid", county="320506", street=None,
            title="一种电池", app=D(2020, 1, 1), pub=None, grant=None, ipc="H01M10/05",
            agency=None, extra_holders=()):
    app_no = numbers.make(app.year, {"invention": 1, "utility": 2, "design": 3}[ptype], serial)
    p = Patent.create(app_no=app_no, patent_type=ptype, title=title, app_date=app,
                      app_year=app.year, pub_date=pub, grant_date=grant, ipc_main=ipc,
                      ipc_subclass=ipc[:4] if ipc else None, agency=agency,
                      first_holder=holder, status=status, province_code=county[:2],
                      city_code=county[:4], county_code=county, street_code=street)
    for seq, h in enumerate((holder, *extra_holders), start=1):
        PatentHolder.create(patent=p, holder=h, seq=seq)
    return p


@pytest.fixture
def data(db):
    a = _holder("苏州电池科技有限公司")
    b = _holder("苏州大学", "university")
    c = _holder("张三", "individual")
    HolderTag.create(holder=a, tag="hightech")
    ag = Agency.create(name="苏州创新专利代理事务所", norm_name="苏州创新专利代理事务所")
    ps = {
        "p1": _patent(1, a, app=D(2019, 3, 1), grant=D(2021, 5, 1), agency=ag,
                      street="320506103"),
        "p2": _patent(2, a, "utility", title="一种电池壳体 =SUM(A1)", app=D(2021, 6, 1),
                      ipc="H01M50/10"),
        "p3": _patent(3, b, status="pending", title="锂电池负极材料", app=D(2022, 2, 1),
                      pub=D(2022, 8, 1), ipc="C01B32/05", extra_holders=(c,)),
        "p4": _patent(4, c, "design", status="lapsed", title="包装盒", county="320505",
                      app=D(2018, 1, 5), ipc=None, agency=ag),
        "p5": _patent(5, b, county="320102", title="图像识别方法", app=D(2023, 1, 1),
                      ipc="G06V10/82"),
    }
    PatentIndustry.create(patent=ps["p1"], industry_code="new_energy")
    PatentIndustry.create(patent=ps["p3"], industry_code="new_energy")
    return {"patents": ps, "holders": (a, b, c), "agency": ag}


def _ids(data, filters):
    by_id = {p.id: k for k, p in data["patents"].items()}
    return sorted(by_id[r["id"]] for r in search.iter_rows(filters))


CASES = [
    (SearchFilters(unpublished=True), ["p1", "p2", "p3", "p4", "p5"]),
    (SearchFilters(unpublished=True, region="3205"), ["p1", "p2", "p3", "p4"]),
    (SearchFilters(unpublished=True, region="320506103"), ["p1"]),
    (SearchFilters(unpublished=True, region="320571"), []),  # legacy code of 工业园区 → 320576
    (SearchFilters(unpublished=True, types=("invention",)), ["p1", "p3", "p5"]),
    (SearchFilters(unpublished=True, types=("utility", "design")), ["p2", "p4"]),
    (SearchFilters(unpublished=True, statuses=("valid",)), ["p1", "p2", "p5"]),
    (SearchFilters(unpublished=True, statuses=("pending", "lapsed")), ["p3", "p4"]),
    (SearchFilters(unpublished=True, title="电池"), ["p1", "p2", "p3"]),
    (SearchFilters(unpublished=True, title="电池 壳体"), ["p2"]),
    (SearchFilters(unpublished=True, holder="苏州大学"), ["p3", "p5"]),
    (SearchFilters(unpublished=True, holder="张三"), ["p3", "p4"]),  # second holder of p3 counts
    (SearchFilters(unpublished=True, holder_kind="individual"), ["p4"]),
    (SearchFilters(unpublished=True, holder_tag="hightech"), ["p1", "p2"]),
    (SearchFilters(unpublished=True, agency="创新"), ["p1", "p4"]),
    (SearchFilters(unpublished=True, ipc="h01m"), ["p1", "p2"]),
    (SearchFilters(unpublished=True, ipc="H01M10"), ["p1"]),
    (SearchFilters(unpublished=True, industry="new_energy"), ["p1", "p3"]),
    (SearchFilters(unpublished=True, app_from=D(2020, 1, 1), app_to=D(2022, 12, 31)), ["p2", "p3"]),
    (SearchFilters(unpublished=True, pub_from=D(2022, 1, 1)), ["p3"]),
    (SearchFilters(unpublished=True, grant_to=D(2021, 12, 31)), ["p1"]),
    (SearchFilters(unpublished=True, region="3205", types=("invention",), statuses=("valid",)), ["p1"]),
]


def test_each_filter_selects_exactly_the_matching_patents(data):
    """Filings not yet published included (unpublished=True), so that every patent can match."""
    got = [(f, _ids(data, f), search.count(f)) for f, _ in CASES]
    assert got == [(f, expected, (len(expected), False)) for f, expected in CASES]


def test_by_default_only_patents_published_by_the_day(data):
    """公开 = published (or granted) on or before the day: p1 granted 2021-05-01, p3 published
    2022-08-01; the others never published."""
    a, b, c = data["holders"]
    for f, expected in ((search.SearchFilters(), ["p1", "p3"]),
                        (search.SearchFilters(public_on=D(2022, 7, 31)), ["p1"]),
                        (search.SearchFilters(public_on=D(2021, 4, 30)), []),
                        (search.SearchFilters(first_holder_id=b.id, unpublished=True), ["p3", "p5"]),
                        (search.SearchFilters(first_holder_id=c.id, unpublished=True), ["p4"]),
                        (search.SearchFilters(holder_id=c.id, unpublished=True), ["p3", "p4"])):
        assert (_ids(data, f), search.count(f)) == (expected, (len(expected), False)), f


def test_application_number_matches_in_any_written_form_or_as_prefix(data):
    p1 = data["patents"]["p1"]
    printed = f"CN{p1.app_no[:-1]}.{p1.app_no[-1]}"
    assert _ids(data, SearchFilters(unpublished=True, app_no=printed)) == ["p1"]
    assert _ids(data, SearchFilters(unpublished=True, app_no=p1.app_no[:-1])) == ["p1"]  # without check digit
    assert _ids(data, SearchFilters(unpublished=True, app_no="20191")) == ["p1"]
    assert _ids(data, SearchFilters(unpublished=True, app_no="2021")) == ["p2"]


def test_holder_id_selects_patents_where_the_holder_is_any_current_holder(data):
    c = data["holders"][2]
    assert _ids(data, SearchFilters(unpublished=True, holder_id=c.id)) == ["p3", "p4"]


def test_pages_are_newest_first_and_the_cursor_walks_every_row_once(data):
    ps = data["patents"]
    first = search.page(SearchFilters(unpublished=True), size=2)
    assert [r["id"] for r in first.rows] == [ps["p5"].id, ps["p4"].id]
    second = search.page(SearchFilters(unpublished=True), cursor=first.next_cursor, size=2)
    assert [r["id"] for r in second.rows] == [ps["p3"].id, ps["p2"].id]
    last = search.page(SearchFilters(unpublished=True), cursor=second.next_cursor, size=2)
    assert [r["id"] for r in last.rows] == [ps["p1"].id]
    assert last.next_cursor is None


def test_page_rows_carry_holder_and_agency_names(data):
    row = search.page(SearchFilters(unpublished=True, region="320506103")).rows[0]
    p1 = data["patents"]["p1"]
    assert row == {
        "id": p1.id, "app_no": "201910000001.9", "patent_type": "invention", "title": "一种电池",
        "app_date": D(2019, 3, 1), "pub_no": None, "pub_date": None, "grant_date": D(2021, 5, 1),
        "status": "valid", "status_reason": None, "ipc_main": "H01M10/05",
        "holder_name": "苏州电池科技有限公司", "agency_name": "苏州创新专利代理事务所",
        "county_code": "320506", "street_code": "320506103"}


def test_count_is_capped(data):
    assert search.count(SearchFilters(unpublished=True), cap=3) == (3, True)
    assert search.count(SearchFilters(unpublished=True), cap=5) == (5, False)


def test_filters_survive_a_round_trip_through_query_parameters():
    f = SearchFilters(unpublished=True, region="320506", types=("invention", "utility"),
                      statuses=("valid",), title="电池 壳体", holder_id=7, ipc="H01M", industry="new_energy",
                      app_from=D(2020, 1, 1), grant_to=D(2024, 12, 31))
    params = search.to_params(f)
    assert params == {"region": "320506", "types": "invention,utility", "status": "valid",
                      "q": "电池 壳体", "holder_id": "7", "ipc": "H01M",
                      "industry": "new_energy", "app_from": "2020-01-01",
                      "grant_to": "2024-12-31", "unpublished": "1"}
    assert search.from_params(params) == (f, [])


def test_invalid_query_parameters_are_reported_and_ignored():
    f, bad = search.from_params({"types": "invention,bogus", "app_from": "2020-13-01",
                                 "holder_id": "x", "q": "电池"})
    assert f == SearchFilters(title="电池")
    assert sorted(bad) == ["app_from", "holder_id", "types"]


def test_an_industry_filter_includes_the_industries_below_it(data):
    Industry.create(code="new_energy", name="新能源产业")
    Industry.create(code="battery", name="电池", parent_code="new_energy")
    Industry.create(code="cells", name="电芯", parent_code="battery")
    PatentIndustry.create(patent=data["patents"]["p2"], industry_code="cells")
    assert search.industry_codes("new_energy") == ["new_energy", "battery", "cells"]
    assert _ids(data, SearchFilters(unpublished=True, industry="new_energy")) == ["p1", "p2", "p3"]
    assert _ids(data, SearchFilters(unpublished=True, industry="battery")) == ["p2"]


def test_walking_the_table_newest_first_gives_the_same_pages(data, monkeypatch):
    """SQLite walks the table by id when many rows match instead of sorting them all; forced
    here (WALK_MIN 1), every case pages exactly as through the indexes."""
    def pages(f):
        out, cursor = [], None
        while True:
            page = search.page(f, cursor, size=2)
            out.append(page.rows)
            if page.next_cursor is None:
                return out
            cursor = page.next_cursor
    indexed = [pages(f) for f, _ in CASES]
    walked = []
    monkeypatch.setattr(search, "WALK_MIN", 1)
    original = search._walked
    def spy(*args):
        rows = original(*args)
        walked.append(rows is not None)
        return rows
    monkeypatch.setattr(search, "_walked", spy)
    assert [pages(f) for f, _ in CASES] == indexed
    assert any(walked) or is_postgres()  # PostgreSQL plans ORDER BY id LIMIT itself
