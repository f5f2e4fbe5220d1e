"""研发团队 (core.stats.teams) against a hand-built database on SQLite and PostgreSQL: a holder's
co-inventor groups with their output and fields, and the region's core inventors."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest

from core.config import labels
from core.cubes import rebuild
from core.db.models import CubeStamp, Holder, Patent
from core.regions.query import Scope
from core.stats import teams
from tests.conftest import BACKENDS
from tests.stats_builder import D, holder, patent

ROOT = Path(__file__).resolve().parents[1]
CZ = "320506001"


def _p(h, inventors, type_="invention", status="valid", year=2020, ipc=None, county=None):
    p = patent(None if county else CZ, county=county, type_=type_, status=status,
               app=D(year, 3, 1), holder_=h)
    Patent.update(inventors=inventors, ipc_main=ipc).where(Patent.id == p.id).execute()
    return p


@pytest.fixture
def world(db):
    a, b = holder("甲科技有限公司"), holder("乙公司")
    _p(a, "张三; 李四", year=2020, ipc="H01L 21/56")
    _p(a, "李四;王五", type_="utility", year=2021, ipc="H01L 23/31")
    _p(a, "赵六", status="lapsed", year=2019, ipc="G06F 3/041")
    _p(a, "张三", status="pending", year=2022, ipc="G06F 16/27")
    _p(a, "钱七; 孙八", type_="design", year=2023)
    _p(a, "赵六; 吴十", county="320602")  # outside 苏州
    _p(b, "张三; 周九", year=2022, ipc="A61K 9/20")  # another 张三
    return a, b


def test_inventor_lists_are_split_on_semicolons_once_per_name():
    assert teams.split_inventors(" 张三; 李四;张三 ;") == ["张三", "李四"]
    assert teams.split_inventors(None) == []


def test_a_holders_teams_are_its_co_inventor_groups_with_output_and_fields(world):
    a, _ = world
    got = teams.holder_teams(Scope("3205"), a.id)
    expected = pd.DataFrame(
        [(1, 3, "张三", "张三、李四、王五", 3, 2, 2, 2020, 2022, "H01L、G06F"),
         (2, 2, "孙八", "孙八、钱七", 1, 0, 1, 2023, 2023, ""),
         (3, 1, "赵六", "赵六", 1, 1, 0, 2019, 2019, "G06F")], columns=teams.TEAM_COLUMNS)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert teams.team_summary(got) == {"teams": 3, "inventors": 6, "largest": 3, "solo": 1}
    dated = teams.holder_teams(Scope("3205", D(2021, 1, 1), D(2022, 12, 31)), a.id)
    assert dated[["size", "members", "patents"]].values.tolist() == [
        [2, "李四、王五", 1], [1, "张三", 1]]  # the 2020 patent that linked 张三 and 李四 is out
    assert teams.holder_teams(Scope("3206"), a.id)[["members", "patents"]].values.tolist() == [
        ["吴十、赵六", 1]]


@pytest.mark.parametrize("cube", [False, True], ids=["live", "cube"])
def test_the_regions_core_inventors_are_the_most_productive_names_per_holder(world, cube):
    a, b = world
    if cube:
        rebuild.rebuild()
    got, complete = teams.core_inventors(Scope("3205"), top=5)
    expected = pd.DataFrame(
        [("张三", a.id, "甲科技有限公司", 2, 2, 3), ("李四", a.id, "甲科技有限公司", 2, 1, 3),
         ("赵六", a.id, "甲科技有限公司", 1, 1, 1), ("周九", b.id, "乙公司", 1, 1, 2),
         ("张三", b.id, "乙公司", 1, 1, 2)], columns=teams.CORE_COLUMNS)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert complete
    top2, complete = teams.core_inventors(Scope("3205"), top=2)  # live: 乙公司 is never read
    assert top2["name"].tolist() == ["张三", "李四"] and complete


def test_reading_stops_at_the_holder_cap_and_says_the_ranking_may_be_partial(world, monkeypatch):
    monkeypatch.setattr(teams, "MAX_HOLDERS", 1)
    got, complete = teams.core_inventors(Scope("3205"), top=10)
    assert set(got["holder"]) == {"甲科技有限公司"} and not complete


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_the_holders_page_shows_a_holders_teams_and_the_core_inventors(app_env, world):
    a, b = world
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "pages/holders.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["viewer"]
    at.session_state["username"] = "viewer"
    at.session_state["scope_state"] = Scope("3205")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "研发团队" in [s.value for s in at.subheader]
    picker = at.selectbox(key="hs_team_holder")
    assert picker.options == ["甲科技有限公司", "乙公司"]
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    team_table = tables[tuple(labels.TEAM_COLUMNS.values())]
    assert team_table[["人数", "核心成员", "专利数"]].values.tolist() == [
        [3, "张三", 3], [2, "孙八", 1], [1, "赵六", 1]]
    assert [(m.label, m.value) for m in at.metric][-4:] == [
        ("团队数", "3"), ("发明人数", "6"), ("最大团队人数", "3"), ("单人团队", "1")]
    assert ("发明人", "所在权利人", "专利数", "发明", "所在团队人数") not in tables
    at.toggle(key="hs_core_inventors").set_value(True).run()
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    core = tables[("发明人", "所在权利人", "专利数", "发明", "所在团队人数")]
    assert core[["发明人", "所在权利人", "专利数"]].values.tolist()[:2] == [
        ["张三", "甲科技有限公司", 2], ["李四", "甲科技有限公司", 2]]
    picker.set_value(b.id).run()
    assert not at.exception
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    assert tables[tuple(labels.TEAM_COLUMNS.values())]["主要成员"].tolist() == ["周九、张三"]


# --- core inventors on random databases: cube, live and a reference from the definition -------

COUNTIES = ("320506", "320505", "320602", None)  # None: placed in 苏州 above county level
POOL = ("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十")
SEPARATORS = (";", "; ", " ;", ";;")
TYPES = ("invention", "utility", "design")
HOLDERS = 6

random_patents = hs.lists(hs.tuples(
    hs.integers(0, HOLDERS),  # HOLDERS: no first holder
    hs.lists(hs.sampled_from(POOL), max_size=4, unique=True),
    hs.sampled_from(([], [""], ["张三"])),  # an empty entry, a repeated name
    hs.sampled_from(SEPARATORS), hs.booleans(),  # stray spaces
    hs.booleans(),  # no inventor list at all
    hs.sampled_from(COUNTIES), hs.sampled_from(TYPES),
    hs.dates(D(2018, 1, 1), D(2021, 12, 31))), min_size=1, max_size=60)
random_scopes = hs.lists(hs.tuples(
    hs.sampled_from(("3205", "320506", "32", "", "320505", "3206", "320506001")),
    hs.sampled_from(((), ("invention",), ("invention", "utility"), ("design",), TYPES)),
    hs.sampled_from((None, (2019, 2019), (2019, 2020), (2018, 2021), (2021, None),
                     (None, 2019), (D(2019, 3, 2), D(2020, 12, 31))))),  # the last: exact days
    min_size=1, max_size=6)


def _random_world(rows) -> list[tuple]:
    """The drawn patents (holder id, county, type, filing date, stored inventor list)."""
    owners = [holder(f"公司{i}") for i in range(HOLDERS)]
    made = []
    for owner, names, extra, separator, spaced, missing, county, ptype, day in rows:
        owner = owners[owner] if owner < HOLDERS else None
        text = None if missing else separator.join(
            f" {n}" if spaced else n for n in [*names, *extra])
        p = patent(county=county, type_=ptype, app=day, holder_=owner)
        Patent.update(inventors=text).where(Patent.id == p.id).execute()
        made.append((owner.id if owner else None, county, ptype, day, text))
    return made


def _reference(made: list[tuple], region: str, types: tuple, dates: tuple,
               top: int) -> list[tuple]:
    """From the definition: per (holder, name) the patents and inventions in scope; the team
    size is the size of the name's connected part of the holder's co-inventor graph (breadth-
    first search); ranked by patents, inventions, holder id, name."""
    counts, inventions, links = {}, {}, {}
    for holder_id, county, ptype, day, text in made:
        names = []
        for part in (text or "").split(";"):
            if part.strip() and part.strip() not in names:
                names.append(part.strip())
        inside = ((county or "3205").startswith(region) and (not types or ptype in types)
                  and (dates[0] is None or dates[0] <= day)
                  and (dates[1] is None or day <= dates[1]))
        if holder_id is None or not names or not inside:
            continue
        for name in names:
            key = (holder_id, name)
            counts[key] = counts.get(key, 0) + 1
            inventions[key] = inventions.get(key, 0) + (ptype == "invention")
            links.setdefault(key, set()).update((holder_id, other) for other in names)
    ranked = sorted(counts, key=lambda k: (-counts[k], -inventions[k], k[0], k[1]))[:top]
    return [(name, holder_id, counts[(holder_id, name)], inventions[(holder_id, name)],
             _reach(links, (holder_id, name))) for holder_id, name in ranked]


def _reach(links: dict, start: tuple) -> int:
    seen, todo = {start}, [start]
    while todo:
        for other in links[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return len(seen)


def _dates(span) -> tuple:
    """A drawn period: None, whole years (first, last; None open) or exact days."""
    if span is None:
        return None, None
    first, last = span
    if isinstance(first, D) or isinstance(last, D):
        return first, last
    return (D(first, 1, 1) if first else None), (D(last, 12, 31) if last else None)


def _wipe() -> None:
    CubeStamp.delete().execute()  # the cubes are stale until this example rebuilds them
    Patent.delete().execute()
    Holder.delete().execute()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=random_patents, scopes=random_scopes, cap=hs.integers(1, 3))
@example(rows=[(0, ["张三"], [], ";", False, False, "320506", "utility", D(2020, 1, 1))] * 2
         + [(1, ["李四"], [], ";", False, False, "320506", "invention", D(2020, 1, 1))] * 2,
         scopes=[("3205", ("invention", "utility"), None)], cap=1)  # a tie at the bound
@example(rows=[(0, [n], [], ";", False, False, "320506", "invention", D(2020, 1, 1))
               for n in ("张三", "李四", "王五")]
         + [(1, [n], [], ";", False, False, "320506", "invention", D(2020, 1, 1))
            for n in ("赵六", "钱七")]
         + [(2, ["孙八"], [], ";", False, False, "320506", "invention", D(2020, 1, 1))] * 2,
         scopes=[("3205", ("invention",), None)], cap=1)  # the top pair beyond the first grouping
def test_core_inventors_from_the_cubes_and_live_equal_the_definition(db, monkeypatch, rows,
                                                                    scopes, cap):
    """Live (stale tables; every holder read), then from inventor_cube (undated, every type)
    or inventor_year_cube (some types or whole filing years; the first `cap` holders only, so
    that the bound on the other holders decides; `cap` + 1 holders counted by the first
    grouping, so that some examples group again; one holder summed a query, so that the bound
    rises) or live again (exact days, a street) — each
    equal to the reference."""
    _wipe()
    made = _random_world(rows)
    for cube in (False, True):
        if cube:
            rebuild.rebuild(variants=False)
        for region, types, span in scopes:
            dates = _dates(span)
            scope = Scope(region, *dates, patent_types=types)
            division = len(region) != 9
            whole = span is None or not isinstance(span[0], D)
            every = not types or set(types) == set(TYPES)
            inventions = set(types) == {"invention"}
            assert teams._cube_answers(scope) == (cube and division and span is None
                                                  and (every or inventions))
            assert teams._years_answer(scope) == (cube and division and whole)
            monkeypatch.setattr(teams, "MAX_HOLDERS", cap if teams._years_answer(scope) else 100)
            monkeypatch.setattr(teams, "HOLDERS_READ", cap + 1)  # grouped again when all reach
            monkeypatch.setattr(teams, "HOLDER_CHUNK", 1)  # the bound rises after each holder
            for top in (1, 3, 20):
                got, complete = teams.core_inventors(scope, top=top)
                want = _reference(made, region, types, dates, top)
                assert complete
                assert got[["name", "holder_id", "patents", "inventions", "team_size"]
                           ].values.tolist() == [list(w) for w in want], (cube, scope, top)
