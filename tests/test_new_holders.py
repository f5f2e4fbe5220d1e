"""New holders (core.stats.new_holders and the rule in core.stats.holders) on SQLite and
PostgreSQL: new where the first patent in the region was filed in the period — a company older
elsewhere is new where it arrives — with kind, tags, fields, first patents and the digest."""
from __future__ import annotations

import pandas as pd
import pytest

from core.db.models import HolderTag
from core.regions.query import Scope
from core.stats import holders, new_holders
from tests.monitor_data import holder, patent
from tests.stats_builder import D

YEAR = Scope("3205", D(2025, 1, 1), D(2025, 12, 31))


@pytest.fixture
def world(db):
    a = holder("甲公司", kind="enterprise")
    b = holder("乙大学", kind="university")
    c = holder("丙", kind="individual")
    d = holder("丁公司", kind="enterprise")
    HolderTag.create(holder=a, tag="hightech")
    HolderTag.create(holder=b, tag="hightech")
    HolderTag.create(holder=b, tag="above_scale")
    rows = [
        ("A1", a, "320506", D(2015, 3, 1), "旧电池", "H01M"),
        ("A2", a, "320505", D(2025, 3, 1), "新电池", "H01M"),
        ("B1", b, "320506", D(2025, 2, 1), "电极", "H01M"),
        ("B2", b, "320506", D(2025, 6, 1), "隔膜", "H01M"),
        ("B3", b, "320505", D(2025, 4, 1), "图像识别", "G06F"),
        ("B4", b, "320505", D(2025, 8, 1), "电解液", "H01M"),
        ("C1", c, "320102", D(2025, 5, 1), "手工艺品", None),
        ("D1", d, "320506", D(2024, 12, 31), "阀门", "F16K"),
        ("D2", d, "320506", None, "无申请日", "F16K"),
    ]
    for app_no, h, county, app, title, ipc in rows:
        patent(app_no, h, county, None, app_date=app, app_year=app and app.year, city_code=county[:4],
               title=title,
               ipc_subclass=ipc, status="valid")
    return a, b, c, d


def test_new_in_the_city_lists_kind_tags_fields_and_first_patents(world):
    a, b, c, d = world
    expected = pd.DataFrame(
        [(b.id, "乙大学", "university", "above_scale,hightech", D(2025, 2, 1), 4,
          "H01M(3) G06F(1)", "电极；图像识别；隔膜")], columns=new_holders.LIST_COLUMNS)
    pd.testing.assert_frame_equal(new_holders.listing(YEAR), expected)
    assert new_holders.count(YEAR) == 1


def test_a_holder_older_elsewhere_is_new_where_it_arrives(world):
    a, b, c, d = world
    county = Scope("320505", D(2025, 1, 1), D(2025, 12, 31))
    got = new_holders.listing(county)
    assert got[["name", "first_date", "patents", "fields"]].values.tolist() == [
        ["乙大学", D(2025, 4, 1), 2, "G06F(1) H01M(1)"], ["甲公司", D(2025, 3, 1), 1, "H01M(1)"]]
    everywhere = new_holders.listing(Scope("", D(2024, 6, 1), D(2025, 12, 31)), limit=2)
    assert everywhere["name"].tolist() == ["丙", "乙大学"]  # newest first, then the limit


def test_the_period_bounds_are_inclusive_and_no_period_means_nobody_is_new(world):
    assert new_holders.listing(Scope("3205", D(2024, 12, 31), D(2024, 12, 31)))["name"].tolist() \
        == ["丁公司"]
    assert new_holders.listing(Scope("3205")).empty and new_holders.count(Scope("3205")) == 0
    assert new_holders.digest(Scope("3205"))["holders"] == 0


def test_the_digest_of_the_period(world):
    got = new_holders.digest(Scope("", D(2025, 1, 1), D(2025, 12, 31)))
    assert got == {"holders": 2, "patents": 5, "kinds": {"individual": 1, "university": 1},
                   "tags": {"above_scale": 1, "hightech": 1}, "fields": [("H01M", 3),
                                                                        ("G06F", 1)],
                   "top": [("乙大学", 4), ("丙", 1)]}


def test_the_holders_statistics_mark_and_filter_by_the_same_rule(world):
    a, b, c, d = world
    county = Scope("320505", D(2025, 1, 1), D(2025, 12, 31))
    assert holders.holder_stats(county)[["name", "is_new"]].values.tolist() == [
        ["乙大学", True], ["甲公司", True]]
    assert holders.holder_totals(YEAR) == {"holders": 3, "new": 1, "valid": 8}
    assert holders.holder_stats(YEAR.with_holders(new_only=True))["name"].tolist() == ["乙大学"]


# --- 权利人统计 through AppTest ---------------------------------------------------------------

def _holders_page(scope: Scope):
    from pathlib import Path

    import streamlit as st
    from streamlit.testing.v1 import AppTest
    st.cache_data.clear()
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "pages/holders.py"),
                           default_timeout=60)
    for key, value in dict(authentication_status=True, roles=["viewer"], username="viewer",
                           scope_state=scope).items():
        at.session_state[key] = value
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_holders_page_shows_the_new_holders_with_their_digest(app_env, world):
    a, b, c, d = world
    at = _holders_page(YEAR)
    assert {m.label: m.value for m in at.metric} == {
        "持有有效专利的权利人": "3", "其中期内新增": "1", "其有效专利": "8"}
    assert at.caption[0].value == "期内新增按 2025-01-01 至 2025-12-31 统计"
    assert at.subheader[-1].value == "期内新增权利人"
    assert at.markdown[-1].value == (
        "2025-01-01 至 2025-12-31，本区域新增权利人 1 家（高校 1），在本区域共有专利 4 件。"
        "其中规上企业 1、高新技术企业 1。主要技术领域：H01M 3、G06F 1。"
        "专利最多的新增权利人：乙大学 4。")
    listed = at.dataframe[-1].value
    assert listed[["name", "kind", "tags", "patents", "first_patents"]].values.tolist() == [
        ["乙大学", "高校", "规上企业、高新技术企业", 4, "电极；图像识别；隔膜"]]
    assert f"holder_id={b.id}" in listed["link"].iloc[0]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_holders_page_reads_the_new_holders_once_per_render(app_env, world, monkeypatch):
    calls = []

    def counted(q):
        calls.append(q)
        return read(q)
    read = holders.new_holders
    monkeypatch.setattr(holders, "new_holders", counted)
    monkeypatch.setattr(new_holders, "new_holders", counted)
    at = _holders_page(YEAR)
    assert calls == [Scope("3205", D(2025, 1, 1), D(2025, 12, 31))]
    at.toggle(key="hs_new").set_value(True).run()  # the same period: read already
    assert not at.exception and len(calls) == 1
    assert at.dataframe[0].value["name"].tolist() == ["乙大学"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_without_dates_the_holders_page_counts_this_years_new_holders(app_env, world):
    at = _holders_page(Scope("3205"))
    year = D.today().year
    assert at.caption[0].value == (f"期内新增按 {year}-01-01 至 {D.today()} 统计"
                                   "（筛选栏未选期间，默认为本年度至今）")
    assert at.info[-1].value == "所选期间内本区域没有新增权利人"


def test_very_many_new_holders_are_matched_through_a_temporary_table(world, monkeypatch):
    listed = holders.holder_stats(YEAR.with_holders(new_only=True))
    split = holders.kind_split(YEAR)
    monkeypatch.setattr(holders, "MAX_ID_LIST", 0)
    pd.testing.assert_frame_equal(holders.holder_stats(YEAR.with_holders(new_only=True)), listed)
    pd.testing.assert_frame_equal(holders.kind_split(YEAR), split)
    assert split["new"].sum() == 1


# --- the candidates from the summary tables against the live scan and the definition ------------

NEW_SCOPES = [Scope("3205", D(2025, 1, 1), D(2025, 12, 31)), Scope("3205", D(2024, 3, 5),
                                                                       D(2025, 7, 9)),
              Scope("320506", D(2023, 1, 1), D(2024, 6, 30)), Scope("", D(2025, 6, 1), None),
              Scope("32", None, D(2022, 2, 2)), Scope("320506001", D(2024, 1, 1), D(2025, 1, 1))]


def _random_holders(rng) -> list[tuple]:
    """Random patents of 8 holders; returns (holder id, county, street, filed) per patent."""
    people = [holder(f"权利人{i}", kind="enterprise").id for i in range(8)]
    made = []
    for i in range(rng.randint(20, 60)):
        h, county = rng.choice(people), rng.choice(("320506", "320505", "320102"))
        street = "320506001" if county == "320506" and rng.random() < 0.5 else None
        filed = None if rng.random() < 0.05 else D(rng.randint(2020, 2026), rng.randint(1, 12),
                                                   rng.choice((1, 5, 9, 28)))
        patent(f"N{i}", h, county, street, app_date=filed, app_year=filed and filed.year,
               city_code=county[:4], status=rng.choice(("valid", "pending")))
        made.append((h, county, street, filed))
    return made


def _new_reference(made, scope: Scope) -> list[tuple]:
    """Holders whose earliest filing in the region lies in the period, with their patents
    there (those with a filing date)."""
    firsts: dict[int, list] = {}
    for h, county, street, filed in made:
        if filed is None or (not (street or county).startswith(scope.region) and \
                not county.startswith(scope.region)):
            continue
        first, n = firsts.get(h, (filed, 0))
        firsts[h] = (min(first, filed), n + 1)
    return sorted((h, first, n) for h, (first, n) in firsts.items()
                  if (scope.date_from or first) <= first <= (scope.date_to or first))


@pytest.mark.parametrize("seed", range(3))
def test_new_holders_from_the_cubes_and_live_equal_the_definition(db, seed):
    import random

    from core.cubes import rebuild
    made = _random_holders(random.Random(seed))
    for cube in (False, True):
        if cube:
            rebuild.rebuild()
        for i, scope in enumerate(NEW_SCOPES):
            assert (holders._first_year_candidates(scope) is not None) == (cube and i < 5)
            got = sorted((int(h), new_holders._as_date(d), int(n))
                         for h, d, n in holders.new_holders(scope))
            assert got == _new_reference(made, scope), (cube, scope)
            assert sorted(holders.new_holder_ids(scope)) == [h for h, _, _ in got]
            _same_with_found(scope)


def test_candidates_read_in_many_chunks_equal_the_definition(db, monkeypatch):
    """A province's candidates are read CANDIDATE_CHUNK holders at a time, and more new holders
    than MAX_ID_LIST are matched through a temporary table: both lowered here so that the
    eight holders cross them; the parts of 权利人统计 stay those of one list of ids."""
    import random

    from core.cubes import rebuild
    made = _random_holders(random.Random(7))
    rebuild.rebuild()
    scopes = NEW_SCOPES[:5]
    one_list = [(holders.kind_split(s), holders.holder_stats(s.with_holders(new_only=True)))
                for s in scopes]
    monkeypatch.setattr(holders, "CANDIDATE_CHUNK", 2)
    monkeypatch.setattr(holders, "MAX_ID_LIST", 1)
    for scope, (split, listed) in zip(scopes, one_list):
        got = sorted((int(h), new_holders._as_date(d), int(n))
                     for h, d, n in holders.new_holders(scope))
        assert got == _new_reference(made, scope), scope
        pd.testing.assert_frame_equal(holders.kind_split(scope), split)
        pd.testing.assert_frame_equal(holders.holder_stats(scope.with_holders(new_only=True)),
                                      listed)
    assert max(len(_new_reference(made, s)) for s in scopes) > 2  # chunks and the table crossed


def _same_with_found(scope: Scope) -> None:
    """The parts of 权利人统计 given the new holders read once equal those reading them."""
    found = holders.new_holders(scope)
    pd.testing.assert_frame_equal(holders.kind_split(scope, found), holders.kind_split(scope))
    for q in (scope, scope.with_holders(new_only=True)):
        pd.testing.assert_frame_equal(holders.holder_stats(q, found=found),
                                      holders.holder_stats(q))
    given, read = new_holders.report(scope, found=new_holders.firsts(scope, found)), \
        new_holders.report(scope)
    assert given["digest"] == read["digest"]
    pd.testing.assert_frame_equal(given["list"], read["list"])
