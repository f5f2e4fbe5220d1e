"""core/agencies: ranking, client mix, main fields, local share and the abnormal-volume flag."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.config import params
from core.db.models import Agency, Holder, Patent
from core.regions.query import Scope
from core.stats import agencies

D = dt.date
_serial = iter(range(1, 100_000))


def _patent(agency, holder, ptype="invention", status="valid", county="320506",
            app=D(2022, 1, 1), ipc="H01M", reason=None):
    return Patent.create(app_no=f"{app.year}1{next(_serial):07d}0", patent_type=ptype, title="t",
                         app_date=app, app_year=app.year, first_holder=holder, status=status,
                         status_reason=reason, city_code=county[:4], county_code=county,
                         agency=agency, ipc_subclass=ipc)


@pytest.fixture
def data(db):
    local = Agency.create(name="苏州甲代理", norm_name="a", city_code="3205", county_code="320506",
                          agent_count=12)
    remote = Agency.create(name="北京乙代理", norm_name="b", city_code="1101",
                           county_code="110108", agent_count=40)
    ent = Holder.create(name="企业", norm_name="e", kind="enterprise")
    uni = Holder.create(name="大学", norm_name="u", kind="university")
    ind = Holder.create(name="个人", norm_name="i", kind="individual")
    gov = Holder.create(name="协会", norm_name="g", kind="government")
    _patent(local, ent, ipc="H01M")
    _patent(local, ent, "utility", ipc="H01M")
    _patent(local, uni, ipc="G06F")
    _patent(local, gov, status="lapsed", ipc="G06F", reason="unpaid_fee")
    _patent(local, ind, app=D(2019, 1, 1), ipc="A01B")  # outside the period
    _patent(remote, uni, ipc="G06F")
    _patent(remote, ind, status="lapsed", reason="withdrawn", ipc="G06F")
    _patent(remote, ent, county="320102", ipc="B01D")  # holder outside the region
    _patent(None, ent)  # no agency
    return local, remote


def test_ranking_for_the_region_and_period(data):
    local, remote = data
    got = agencies.ranking(Scope(region="3205", date_from=D(2021, 1, 1)))
    expected = pd.DataFrame([
        [local.id, "苏州甲代理", True, 4, 3, 2, 12, 2, 1, 0, 0, 1, 0, 4 / 6,
         "G06F(2) H01M(2)", False, ""],
        [remote.id, "北京乙代理", False, 2, 1, 1, 40, 0, 1, 0, 1, 0, 1, 2 / 6, "G06F(2)",
         False, ""],
    ], columns=agencies.RANK_COLUMNS)
    pd.testing.assert_frame_equal(got, expected)
    only_first = agencies.ranking(Scope(region="3205", date_from=D(2021, 1, 1)), detail=1)
    assert only_first[["top_fields", "university", "individual"]].values.tolist() == [
        ["G06F(2) H01M(2)", 1, 0], ["", 0, 0]]


def test_summary_gives_the_local_share(data):
    got = agencies.summary(Scope(region="3205", date_from=D(2021, 1, 1)))
    assert got == {"agencies": 2, "filings": 6, "local_filings": 4, "local_share": 4 / 6,
                   "unagented": 1}


def test_abnormal_flag_follows_the_parameter(data):
    q = Scope(region="3205")
    assert agencies.abnormal_rule("3205") == agencies.DEFAULT_ABNORMAL
    params.set_value("agency_abnormal", {"min_filings": 2, "volume_ratio": 1.4,
                                         "withdrawn_share": 0.9}, by="admin")
    got = agencies.ranking(q)[["name", "filings", "abnormal", "abnormal_reason"]]
    assert got.values.tolist() == [["苏州甲代理", 5, True, "volume"],
                                   ["北京乙代理", 2, False, ""]]
    params.set_value("agency_abnormal", {"min_filings": 2, "volume_ratio": 9,
                                         "withdrawn_share": 0.5}, by="admin")
    got = agencies.ranking(q)[["name", "abnormal", "abnormal_reason"]]
    assert got.values.tolist() == [["苏州甲代理", False, ""], ["北京乙代理", True, "withdrawn"]]


def test_type_filter_and_empty_region(data):
    got = agencies.ranking(Scope(region="3205", patent_types=("utility",)))
    assert got[["name", "filings"]].values.tolist() == [["苏州甲代理", 1]]
    empty = agencies.ranking(Scope(region="320505"))
    assert empty.empty and empty.columns.tolist() == agencies.RANK_COLUMNS
    assert agencies.summary(Scope(region="320505"))["local_share"] == 0.0


def _rank_frame():
    return pd.DataFrame([
        [1, "甲所", True, 10, 6, 2, 5, 6, 2, 1, 1, 0, 0, 0.8, "H01M(4)", False, ""],
        [2, "乙所", False, 3, 1, 0, 9, 0, 0, 0, 3, 0, 1, 0.2, "G06F(1)", True, "volume"],
    ], columns=agencies.RANK_COLUMNS)


def test_ranking_and_client_mix_charts():
    import json

    from ui.charts import agencies as charts
    options = json.loads(charts.ranking(_rank_frame()).dump_options())
    assert options["yAxis"][0]["data"] == ["甲所", "乙所"]
    assert [(s["name"], s["data"]) for s in options["series"]] == [
        ("代理量", [10, 3]), ("有效专利", [6, 1])]
    mix = json.loads(charts.client_mix(_rank_frame()).dump_options())
    assert [(s["name"], s["data"]) for s in mix["series"]] == [
        ("企业", [6, 0]), ("高校", [2, 0]), ("科研院所", [1, 0]), ("个人", [1, 3]),
        ("其他", [0, 0])]
    pie = json.loads(charts.local_share({"local_filings": 8, "filings": 10}).dump_options())
    assert pie["series"][0]["data"] == [{"name": "本地机构", "value": 8},
                                        {"name": "其他", "value": 2}]


def test_main_fields_from_the_summary_table_equal_the_patents(db):
    """agency_field_cube's main fields equal the patents' for every undated province, city and
    type scope (ties by subclass), and it is read only for those scopes."""
    import random

    from core.cubes import rebuild
    rng = random.Random(7)
    firms = [Agency.create(name=f"代理{i}", norm_name=f"d{i}") for i in range(4)]
    holder = Holder.create(name="企业", norm_name="e", kind="enterprise")
    for n in range(160):
        province, city, county = rng.choice([("32", "3205", "320506"), ("32", "3205", "320505"),
                                             ("32", "3201", "320102"), ("32", None, None),
                                             ("31", "3101", "310115"), (None, None, None)])
        p = _patent(rng.choice(firms + [None]), holder, rng.choice(["invention", "utility",
                                                                     "design"]),
                    county=county or "000000", app=D(2015 + n % 9, 1, 1),
                    ipc=rng.choice(["H01M", "G06F", "A01B", "B01D", None]))
        Patent.update(province_code=province, city_code=city, county_code=county).where(
            Patent.id == p.id).execute()
    ids = [f.id for f in firms]
    scopes = [Scope(r, patent_types=t) for r in (None, "32", "3205", "3201", "31")
              for t in ((), ("invention",), ("invention", "utility"))]
    live = {s: agencies.top_fields(s, ids, per_agency=5) for s in scopes}
    rebuild.rebuild(variants=False)
    for scope in scopes:
        assert agencies._fields_cube(scope)
        assert agencies.top_fields(scope, ids, per_agency=5) == live[scope], scope
    assert not agencies._fields_cube(Scope("320506"))
    assert not agencies._fields_cube(Scope("3205", D(2020, 1, 1), D(2020, 12, 31)))
