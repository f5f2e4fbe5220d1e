"""Upkeep in proportion to a change (core.cubes.delta, core.importer.batch): after random imports
of patent lists (one holder or two: a patent may turn "hard" or plain for the indicator cube)
and legal events, address decisions, holder regions, holder kinds and undos, every summary table
— every counting rule of the indicator cube included —, the refreshed patent columns (status,
fee columns, industries, high-value marks) and the holders' patent counts and first filings
equal what a full refresh and rebuild make of the same data; SQLite and PostgreSQL, whole tables
compared."""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from peewee import DecimalField, FloatField, fn

from core import db as core_db
from core.cubes import delta, freshness
from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.db.models import (
    ActorCube,
    Address,
    Agency,
    Holder,
    IndicatorCube,
    Patent,
    PatentHolder,
    PatentIndustry,
)
from core.demo import generate
from core.importer.batch import import_file
from core.resolver import decisions
from core.rules import highvalue, numbers, status
from core.stats.holders import refresh_holder_columns, update_holder
from tests.conftest import BACKENDS, fresh_url

TODAY = dt.date.today()  # the import refreshes as of today: the demo is generated as of today
CODES = ("320506", "320505001", "320507", "320508", "310115", "320581", "320506001")
LAPSE_TEXTS = ("未缴年费专利权终止", "授权", "专利权的终止", "专利申请权、专利权的转移",
               "专利权质押合同登记的生效")
KINDS = ("enterprise", "university", "institute", "individual")
PATENT_HEADER = ("申请号", "申请日", "公开（公告）号", "公开（公告）日", "发明名称", "申请（专利权）人",
                 "申请人地址", "发明人", "IPC分类号", "主分类号", "代理机构", "发明类型", "法律状态")
TYPES = {"invention": "发明专利", "utility": "实用新型", "design": "外观设计"}
TYPE_DIGITS = {"invention": 1, "utility": 2, "design": 3}
ADDRESSES = ("江苏省苏州市吴中区东吴北路1号", "江苏省苏州市相城区元和街道春申路8号",
             "昆山市玉山镇前进路99号", "上海市浦东新区张江路1号", "江苏省苏州市高新区金山路131号")
IPCS = ("H01M 10/05", "G06K 9/00", "A61K 31/00", "B65G 1/00", "C12N 15/00", "H05K 7/20")


@pytest.fixture(scope="module", params=BACKENDS)
def demo_db(request, tmp_path_factory):
    """A 400-patent demo as of today with fresh summary tables, every counting rule built."""
    url = fresh_url(request, tmp_path_factory.mktemp("delta"))
    database = core_db.connect(url)
    database.connect(reuse_if_open=True)
    generate(400, seed=5, today=TODAY)
    _full_upkeep()
    yield tmp_path_factory.mktemp("files")
    database.close()


def _full_upkeep() -> None:
    status.refresh_all(TODAY)
    highvalue.refresh(TODAY)
    refresh_holder_columns()
    cubes.rebuild()


def _rows(model) -> Counter:
    """Every row but the id as a multiset (rows have no order), floats rounded, decimals as
    floats. The database's own values, unconverted: both sides of a comparison come from one
    backend, and peewee's conversion of every value took a third of this file's time."""
    columns = [f for f in model._meta.sorted_fields if f.name != "id"]
    numeric = [i for i, f in enumerate(columns) if isinstance(f, (FloatField, DecimalField))]
    rows = model._meta.database.execute(model.select(*columns)).fetchall()
    if not numeric:
        return Counter(map(tuple, rows))
    return Counter(tuple(_rounded(row, numeric)) for row in rows)


def _rounded(row, numeric: list[int]) -> list:
    row = list(row)
    for i in numeric:
        if row[i] is not None:
            row[i] = round(float(row[i]), 6)
    return row


def _state() -> dict:
    tables = {m.__name__: _rows(m) for m in freshness.TABLES if m.__name__ != "CubeStamp"}
    tables["patent"] = list(Patent.select(
        Patent.id, Patent.status, Patent.status_reason, Patent.status_date, Patent.lapse_date,
        Patent.paid_through_year, Patent.next_fee_due, Patent.term_extension_days,
        Patent.expiry_date, Patent.high_value, Patent.province_code,
        Patent.city_code, Patent.county_code, Patent.street_code).order_by(Patent.id).tuples())
    tables["patent_industry"] = _rows(PatentIndustry)
    tables["holder"] = list(Holder.select(Holder.id, Holder.patent_count, Holder.first_filing)
                            .order_by(Holder.id).tuples())
    return tables


def _write(path, header, rows) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _day(draw_int: int) -> str:
    return (dt.date(2008, 1, 1) + dt.timedelta(days=draw_int)).strftime("%Y-%m-%d")


patent_rows = st.lists(st.tuples(
    st.booleans(),  # an existing patent (update) or a new one
    st.integers(0, 10_000), st.sampled_from(sorted(TYPES)), st.integers(0, 6000),
    st.sampled_from(("有效", "授权", "实质审查", "未缴年费专利权终止", "驳回", "公开")),
    st.sampled_from(ADDRESSES), st.integers(0, 40), st.sampled_from(IPCS)), max_size=12)
event_rows = st.lists(st.tuples(st.integers(0, 10_000), st.integers(3000, 6500),
                                st.sampled_from(LAPSE_TEXTS)), max_size=8)
actions = st.lists(st.one_of(
    st.tuples(st.just("patents"), patent_rows),
    st.tuples(st.just("events"), event_rows),
    st.tuples(st.just("decide"), st.integers(0, 10_000), st.sampled_from(CODES)),
    st.tuples(st.just("holder_region"), st.integers(0, 10_000), st.sampled_from(CODES)),
    st.tuples(st.just("holder_kind"), st.integers(0, 10_000), st.sampled_from(KINDS)),
    st.tuples(st.just("undo"),)), min_size=1, max_size=3)


def _existing_app_nos() -> list[str]:
    return [a for (a,) in Patent.select(Patent.app_no).where(Patent.app_no.is_null(False))
            .order_by(Patent.id).tuples()]


def _patents_file(folder, rows, serial: list[int]) -> str:
    stored = _existing_app_nos()
    lines = []
    for existing, pick, ptype, day, text, address, holder, ipc in rows:
        if existing:
            app_no = stored[pick % len(stored)]
        else:
            serial[0] += 1
            app_no = numbers.make(2025, TYPE_DIGITS[ptype], 900_000 + serial[0])
        lines.append((app_no, _day(day), "", "", f"方法{pick}", _holder_names(holder),
                      address, "张三", ipc, ipc, "", TYPES[ptype], text))
    path = folder / f"patents_{serial[0]}_{len(lines)}.csv"
    _write(path, PATENT_HEADER, lines)
    return str(path)


def _holder_names(holder: int) -> str:
    """One holder, or two for every fifth: a re-import moves a patent between one current first
    holder link (plain: every counting rule places it alike) and two (hard)."""
    names = [f"苏州测试{holder}有限公司"] + ([f"苏州测试{holder + 1}有限公司"] if holder % 5 == 4 else [])
    return ";".join(names)


def _events_file(folder, rows, serial: list[int]) -> str:
    stored = _existing_app_nos()
    serial[0] += 1
    lines = [(stored[pick % len(stored)], _day(day).replace("-", ""), text,
              f"变更后权利人：苏州受让{pick % 7}有限公司；变更后地址：{ADDRESSES[pick % 5]}"
              if text.endswith("转移") else "",
              str(pick * 5000) if "质押" in text else "")  # over the threshold from pick 2000
             for pick, day, text in rows]
    path = folder / f"events_{serial[0]}.csv"
    _write(path, ("申请号", "法律状态公告日", "法律状态", "法律状态信息", "质押金额"), lines)
    return str(path)


def _nth(model, pick: int, where=True):
    rows = list(model.select(model.id).where(where).order_by(model.id).tuples())
    return rows[pick % len(rows)][0] if rows else None


def _run(action, folder, serial) -> None:
    name = action[0]
    if name == "patents" and action[1]:
        import_file(_patents_file(folder, action[1], serial))
    elif name == "events" and action[1]:
        import_file(_events_file(folder, action[1], serial), kind="events")
    elif name == "decide":
        address = _nth(Address, action[1], Address.status == "queued") or _nth(Address, action[1])
        decisions.decide(address, action[2], "tester")
    elif name == "holder_region":
        decisions.set_holder_region(_nth(Holder, action[1]), action[2], "tester")
    elif name == "holder_kind":
        update_holder(_nth(Holder, action[1]), "tester", kind=action[2])
    elif name == "undo":
        done = [h for h in decisions.history(20) if h["action"] != "undo" and not h["undone"]]
        if done:
            with contextlib.suppress(decisions.DecisionError):  # a later one comes first
                decisions.undo(done[0]["id"], "tester")


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=actions)
@example(steps=[("holder_region", 0, "310115"), ("undo",), ("holder_kind", 1, "university")])
@example(steps=[("patents", [(True, 3, "invention", 100, "实质审查", ADDRESSES[0], 1, IPCS[0]),
                             (True, 4, "utility", 0, "有效", ADDRESSES[2], 1, IPCS[1]),
                             (False, 0, "invention", 5000, "公开", ADDRESSES[1], 2, IPCS[2])])])
@example(steps=[("patents", [(False, 7, "utility", 4000, "有效", ADDRESSES[1], 3, IPCS[2]),
                             (True, 8, "invention", 4100, "授权", ADDRESSES[0], 4, IPCS[0])])])
@example(steps=[("decide", 3, "320505001"), ("events", [(5, 5000, "专利申请权、专利权的转移")]),
                ("undo",)])
@example(steps=[("decide", 0, "320505001"), ("decide", 0, "310115")])  # a street, a county
@example(steps=[("events", [(pick, 4000 + pick, "专利权质押合同登记的生效")
                            for pick in (7, *range(4001, 4008))])])
@example(steps=[("patents", [(True, pick, "invention", 100, "有效", ADDRESSES[0], 4, IPCS[0])
                             for pick in range(20, 26)]),  # two holders: plain ones turn hard
                ("patents", [(True, pick, "invention", 100, "有效", ADDRESSES[0], 1, IPCS[0])
                             for pick in range(20, 26)])])  # one again: plain
def test_upkeep_by_delta_equals_a_full_rebuild(demo_db, steps):
    serial = [len(list(demo_db.iterdir())) * 100]
    for action in steps:
        _run(action, demo_db, serial)
        assert freshness.usable(), "the change left the summary tables fresh"
        assert set(indicator_cube.built_variants()) == set(indicator_cube.VARIANTS)
        assert freshness.stamp().patents == Patent.select().count(), "the stamp's count"
    kept = _state()
    _full_upkeep()
    rebuilt = _state()
    for table in rebuilt:
        assert kept[table] == rebuilt[table], table


# --- direct changes of the columns actor_cube counts by (distinct holders and agencies) -----

REGIONS = (("32", "3205", "320506"), ("32", "3205", "320505"), ("32", "3205", None),
           ("31", "3101", "310115"), (None, None, None))
INVENTOR_NAMES = ("张三", "李四", "王五", "赵六", "钱七")
edits = st.lists(st.tuples(
    st.integers(0, 10_000),  # the patent
    st.sampled_from(("holder", "agency", "type", "filed", "region", "inventors", "copy",
                     "links", "ipc")),
    st.integers(0, 60)), min_size=1, max_size=8)


def _edit(patent_id: int, column: str, value: int) -> None:
    """One write to one patent (a copy of it under another holder for "copy")."""
    sets: dict = {}
    if column == "holder":  # a few holders, so that holders share cells and types
        sets = {"first_holder": _nth(Holder, value % 6) if value % 7 else None}
    elif column == "agency":
        agencies = [a for (a,) in Patent.select(Patent.agency).where(Patent.agency.is_null(False))
                    .distinct().order_by(Patent.agency).limit(3).tuples()]
        sets = {"agency": agencies[value % len(agencies)] if agencies and value % 4 else None}
    elif column == "type":  # "other": a stored type outside the three (the every-type set only)
        sets = {"patent_type": (*sorted(TYPES), "other")[value % 4]}
    elif column == "filed":  # now and then a year alone (an import's 申请年) or a date alone
        day = dt.date(2019 + value % 5, 1 + value % 12, 1)
        sets = {"app_date": None if value % 9 in (0, 1) else day,
                "app_year": None if value % 9 in (0, 2) else day.year}
    elif column == "region":
        sets = dict(zip(("province_code", "city_code", "county_code"), REGIONS[value % 5]))
    elif column == "ipc":  # agency_field_cube
        sets = {"ipc_subclass": ("H01M", "G06F", None)[value % 3]}
    elif column == "inventors":  # the list too: inventor_cube and inventor_year_cube
        names = INVENTOR_NAMES[value % 3:value % 3 + value % 4]
        sets = {"inventor_count": len(names), "inventors": ";".join(names) if value % 5 else None}
    if column == "links":
        _relink(patent_id, value)
        return
    if column != "copy":
        Patent.update(sets).where(Patent.id == patent_id).execute()
        return
    copy = Patent.get_by_id(patent_id)
    copy.id, copy.app_no, copy.pub_no = None, None, None
    copy.first_holder = _nth(Holder, value % 6)
    copy.save(force_insert=True)


def _relink(patent_id: int, value: int) -> None:
    """A second current holder link, an original holder's (not current) link, or every link but
    the current first one dropped: the patent turns hard, or plain (core.cubes.indicator)."""
    if value % 3 == 2:
        PatentHolder.delete().where((PatentHolder.patent == patent_id) & ~(
            PatentHolder.current & (PatentHolder.seq == 1))).execute()
        return
    current = value % 3 == 0
    seq = 1 + PatentHolder.select().where((PatentHolder.patent == patent_id)
                                          & (PatentHolder.current == current)).count()
    PatentHolder.create(patent=patent_id, holder=_nth(Holder, value), seq=seq, current=current)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batches=st.lists(edits, min_size=1, max_size=3))
@example(batches=[[(0, "holder", 1), (1, "holder", 1), (0, "type", 2)], [(0, "type", 0)]])
@example(batches=[[(3, "agency", 1), (3, "filed", 4), (4, "copy", 1), (3, "region", 4)]])
@example(batches=[[(pick, column, value) for pick in (13, 14) for column, value in (
    ("agency", 1), ("region", 0))] + [(13, "filed", 1), (14, "filed", 6)]])
@example(batches=[[(pick, column, value) for pick in (15, 16) for column, value in (
    ("holder", 2), ("region", 0))] + [(15, "filed", 2), (16, "filed", 12)]])
@example(batches=[[(9, "agency", 1), (9, "ipc", 0), (10, "ipc", 2), (11, "ipc", 1)],
                  [(9, "ipc", 1), (10, "agency", 2), (11, "region", 3)]])
@example(batches=[[(5, "links", 0), (6, "links", 1), (7, "links", 2)],
                  [(5, "links", 2), (6, "links", 2), (8, "links", 3)]])
def test_actor_cube_by_delta_equals_a_rebuild(demo_db, statuses_restored, batches):
    """Random writes to the columns actor_cube's distinct counts depend on (first holder, agency,
    type, filing date and year, region, inventors — the lists too, for the inventor tables; new
    patents) and to the holder links (a patent turns hard or plain for the indicator cube), in
    one change of one to three batches noted before their writes (a patent may come again in a
    later batch): every summary table equals a rebuild."""
    with delta.change():
        for batch in batches:
            ids = [_nth(Patent, pick) for pick, _, _ in batch]  # before the copies join
            delta.before_ids(i for i, (_, column, _) in zip(ids, batch) if column != "copy")
            for patent_id, (_, column, value) in zip(ids, batch):
                _edit(patent_id, column, value)
    assert freshness.usable(), "the change left the summary tables fresh"
    kept = _state()
    cubes.rebuild()
    rebuilt = _state()
    for table in rebuilt:
        assert kept[table] == rebuilt[table], table


@pytest.fixture
def statuses_restored(demo_db):
    """After every example of a test that writes patents directly (their statuses, fee columns
    and marks left as they were, a type outside the three): the three types back and a full
    upkeep, so that the tests that follow compare their upkeep with a full refresh from a
    consistent state. Once for the test, not once an example: each example compares the summary
    tables its change kept with a rebuild from the same stored columns, whatever their statuses
    (a full upkeep after each example was a third of this test's time)."""
    yield
    # the status rules know the three types only
    Patent.update(patent_type="invention").where(Patent.patent_type == "other").execute()
    _full_upkeep()


def test_actor_cube_keeps_a_key_seen_in_another_city_of_the_province(demo_db):
    """An agency's only two filings of a year sit in two cities of one province; one of them
    moves to another province. The agency still files in the province that year (through the
    unchanged filing, outside every city and county the move touched): the distinct counts read
    the key's filings in the province too, and equal a rebuild."""
    agency = Agency.create(name="苏州测试专利代理事务所", norm_name="苏州测试专利代理事务所")
    moved, kept = (_nth(Patent, pick) for pick in (11, 12))
    day = dt.date(2021, 3, 1)
    for patent_id, (city, county) in ((moved, ("3205", "320506")), (kept, ("3202", "320206"))):
        Patent.update(agency=agency, app_date=day, app_year=day.year, province_code="32",
                      city_code=city, county_code=county).where(Patent.id == patent_id).execute()
    cubes.rebuild()
    with delta.change():
        delta.before_ids([moved])
        Patent.update(province_code="31", city_code="3101", county_code="310115").where(
            Patent.id == moved).execute()
    kept_rows = _rows(ActorCube)
    cubes.rebuild()
    assert kept_rows == _rows(ActorCube)


def test_a_change_splits_each_batch_of_inventor_lists_once(demo_db, monkeypatch):
    """inventor_cube and inventor_year_cube read one split of a batch's inventor lists (the
    split is Python, per patent): one split when the old rows leave and one when the new ones
    join, not one per table and side — and both tables still equal a rebuild."""
    from core.cubes import inventor
    splits = []
    counts = inventor._counts
    monkeypatch.setattr(inventor, "_counts", lambda only: splits.append(only) or counts(only))
    ids = [_nth(Patent, pick) for pick in (1, 2, 3)]
    with delta.change():
        delta.before_ids(ids)
        Patent.update(inventors="甲;乙", inventor_count=2).where(Patent.id.in_(ids)).execute()
    assert len(splits) == 2
    kept = _state()
    cubes.rebuild()
    rebuilt = _state()
    for table in ("InventorCube", "InventorYearCube"):
        assert kept[table] == rebuilt[table], table


def test_the_indicator_cube_delta_holds_one_net_row_per_key(demo_db, monkeypatch):
    """The indicator cube's part of a change emits both sides' rows netted (one row per key,
    none 0), so its merge groups nothing: an address decision moving patents — one with two
    holders among them (every holder rule places it) — to another county of their city leaves
    a delta of unique keys (the province and city rows of whole counting cancel and are left
    out), and the cube equals a rebuild."""
    from core.cubes import delta as delta_module
    seen = {}
    spec = next(s for s in delta_module.SPECS if s.model is IndicatorCube)
    merge = spec.merge

    def checked():
        keys = ", ".join(spec.keys)
        seen["rows"], seen["keys"], seen["zero"] = core_db.db.execute_sql(
            f"SELECT COUNT(*), (SELECT COUNT(*) FROM (SELECT DISTINCT {keys} FROM {spec.delta}) k),"
            f" SUM(CASE WHEN ABS(n) < 1e-9 THEN 1 ELSE 0 END) FROM {spec.delta}").fetchone()
        merge()
    monkeypatch.setattr(spec, "merge", checked)
    two = (PatentHolder.select(PatentHolder.patent).where(PatentHolder.current == True)  # noqa: E712
           .group_by(PatentHolder.patent).having(fn.COUNT(PatentHolder.id) > 1))
    address, county = (Patent.select(Patent.address_ref, Patent.county_code).where(
        Patent.address_ref.is_null(False) & Patent.county_code.startswith("3205")
        & Patent.id.in_(two)).order_by(Patent.id).tuples().first())
    decisions.decide(address, "320507" if county != "320507" else "320508", "tester")
    assert seen["rows"] and seen["rows"] == seen["keys"] and not seen["zero"]
    kept = _rows(IndicatorCube)
    cubes.rebuild()
    assert kept == _rows(IndicatorCube)


def test_a_decision_inside_a_city_emits_no_province_or_city_rows_of_the_holder_rules(
        demo_db, monkeypatch):
    """An address decision moving patents — one with two holders among them — to another county
    of their city changes no holder rule's province or city rows: those statements are not run
    (their rows before and after cancel), the county and street ones are, and the cube equals
    a rebuild; a decision moving them to another province runs the province grain again."""
    from core.cubes.indicator import changes
    built = []
    net = changes._net

    def recorded(query, variant, grain, *args):
        built.append((variant, grain))
        return net(query, variant, grain, *args)
    monkeypatch.setattr(changes, "_net", recorded)
    two = (PatentHolder.select(PatentHolder.patent).where(PatentHolder.current == True)  # noqa: E712
           .group_by(PatentHolder.patent).having(fn.COUNT(PatentHolder.id) > 1))
    address, county = (Patent.select(Patent.address_ref, Patent.county_code).where(
        Patent.address_ref.is_null(False) & Patent.county_code.startswith("3205")
        & Patent.id.in_(two)).order_by(Patent.id.desc()).tuples().first())
    decisions.decide(address, "320507" if county != "320507" else "320508", "tester")
    whole = {g for v, g in built if v.startswith("any/")}
    assert whole == {"c", "s"}, built
    assert {g for v, g in built if v.startswith("frac/")} == {"c", "s"}
    kept = _rows(IndicatorCube)
    cubes.rebuild()
    assert kept == _rows(IndicatorCube)
    built.clear()
    decisions.decide(address, "310115", "tester")
    assert {g for v, g in built if v.startswith("any/")} == {"p", "t", "c", "s"}
    kept = _rows(IndicatorCube)
    cubes.rebuild()
    assert kept == _rows(IndicatorCube)


def test_a_hard_patents_month_moving_moves_every_holder_rules_rows(demo_db):
    """A patent with two holders whose grant month moves — alone, then with its own county (its
    holders stay where they are, so do its placements) — moves every holder rule's rows at
    every grain: a change that skipped the grains whose placements stay would leave them."""
    two = (PatentHolder.select(PatentHolder.patent).where(PatentHolder.current == True)  # noqa: E712
           .group_by(PatentHolder.patent).having(fn.COUNT(PatentHolder.id) > 1))
    patent = (Patent.select().where(Patent.id.in_(two) & Patent.grant_date.is_null(False)
                                    & Patent.county_code.startswith("3205"))
              .order_by(Patent.id).first())
    for county in (None, "320507" if patent.county_code != "320507" else "320508"):
        moved = {"grant_date": patent.grant_date - dt.timedelta(days=62)}
        if county:
            moved.update(county_code=county, street_code=None)
        with core_db.db.atomic(), delta.change():
            delta.before_ids([patent.id])
            Patent.update(**moved).where(Patent.id == patent.id).execute()
        patent = Patent.get_by_id(patent.id)
        kept = _rows(IndicatorCube)
        cubes.rebuild()
        assert kept == _rows(IndicatorCube), county


def test_an_import_hands_the_delta_only_the_patents_it_changes(demo_db, monkeypatch):
    """A re-export with nothing new changes no summary row: the stored patents it lists
    unchanged never enter the change (their old rows are not subtracted, their status, industries
    and high-value marks not refreshed); a row whose only news is its abstract (the industry
    keywords read it) does. The tables still equal a rebuild."""
    _full_upkeep()  # the direct edits of the tests above left statuses unsettled
    noted = []
    before_ids = delta.before_ids
    monkeypatch.setattr(delta, "before_ids", lambda ids: noted.append(set(ids)) or before_ids(ids))
    stored = Patent.select(Patent.id, Patent.app_no).where(Patent.app_no.is_null(False)) \
        .order_by(Patent.id).limit(6).tuples()
    ids = {app_no: pid for pid, app_no in stored}
    header = (*PATENT_HEADER, "摘要")
    lines = [(app_no, f"2019-03-0{i + 1}", "", "", f"重新导出{i}", "苏州重导有限公司",
              ADDRESSES[0], "张三", IPCS[0], IPCS[0], "", "发明专利", "实质审查", "一种电池")
             for i, app_no in enumerate(ids)]
    for name, rows in (("first.csv", lines), ("again.csv", lines),
                       ("abstract.csv", [(*lines[2][:-1], "一种锂电池的负极材料")])):
        _write(demo_db / f"reexport_{name}", header, rows)
        noted.clear()
        report = import_file(demo_db / f"reexport_{name}")
        assert report.balanced and not report.rejected, report.summary_lines(5)
        changed = set().union(*noted)
        if name == "first.csv":
            assert changed == set(ids.values()) and report.updated == len(ids)
        elif name == "again.csv":
            assert changed == set() and (report.updated, report.unchanged) == (0, len(ids))
        else:
            assert changed == {ids[lines[2][0]]} and report.updated == 1
            assert report.changed_fields == {"abstract": 1}
        assert freshness.usable()
    kept = _state()
    _full_upkeep()
    rebuilt = _state()
    for table in rebuilt:
        assert kept[table] == rebuilt[table], table


def test_the_planner_knows_the_size_of_a_decisions_temporary_tables(demo_db, monkeypatch):
    """PostgreSQL never analyzes a temporary table by itself, and its planner then takes one
    for about 2,550 rows: joined with the patent table, it scanned every patent to find those
    of one address (1.2 s at 5,000,000 patents). At each statement of an address decision that
    reads a table of ids (the touched addresses, the batch of patents, every patent of the
    change), the planner's row count of that table is its true count."""
    if not core_db.is_postgres():
        pytest.skip("SQLite's planner uses no row counts of its own")
    database = core_db.db.obj
    execute = database.execute_sql
    seen: dict[str, list[tuple[float, int]]] = {}

    def watched(sql, params=None, *args, **kwargs):
        for table in ('"_touched_ids"', '"upkeep_batch"', '"upkeep_ids"'):
            at = sql.find(f"FROM {table}")
            if at < 0 or sql.startswith(("ANALYZE", "DROP")):
                continue
            name = sql[at + 5:].split('"')[1]
            known = execute("SELECT reltuples FROM pg_class WHERE relname = %s "
                            "AND relpersistence = 't'", (name,)).fetchone()[0]
            count = execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            seen.setdefault(name, []).append((known, count))
        return execute(sql, params, *args, **kwargs)
    monkeypatch.setattr(database, "execute_sql", watched)
    address, county = (Patent.select(Patent.address_ref, Patent.county_code).where(
        Patent.address_ref.is_null(False) & Patent.county_code.startswith("3205"))
        .order_by(Patent.id).tuples().first())
    decisions.decide(address, "320507" if county != "320507" else "320508", "tester")
    assert {"_touched_ids", "upkeep_batch", "upkeep_ids"} <= set(seen), seen
    wrong = {name: sizes for name, sizes in seen.items()
             if any(known != count for known, count in sizes)}
    assert not wrong, wrong


def test_every_table_said_indexed_seeks_a_changed_keys_row(demo_db, monkeypatch):
    """A summary table whose upkeep spec says `indexed` pairs each net row of an address
    decision with its own row through an index (at 1,000,000 patents on PostgreSQL a scan per
    pattern of NULL keys, or a county's rows of an industry walked per key, took 0.8 s of a
    decision). The plans are made as each pairing runs, with its temporary tables present."""
    from tests.sql_plans import plan
    database = core_db.db.obj
    execute = database.execute_sql
    plans: dict[str, str] = {}

    def planned(sql, params=None, *args, **kwargs):
        if sql.startswith('CREATE TEMPORARY TABLE "dp_'):
            table = sql.split('"')[1][len("dp_"):]
            plans[table] = plan(execute, sql.split(" AS ", 1)[1], params)
        return execute(sql, params, *args, **kwargs)
    monkeypatch.setattr(database, "execute_sql", planned)
    address, county = (Patent.select(Patent.address_ref, Patent.county_code).where(
        Patent.address_ref.is_null(False) & Patent.county_code.startswith("3205"))
        .order_by(Patent.id.desc()).tuples().first())
    decisions.decide(address, "320507" if county != "320507" else "320508", "tester")
    indexed = {spec.table for spec in (*delta.SPECS,) if spec.indexed}
    assert {"patent_cube", "holder_cube", "agency_year_cube", "industry_cube"} <= indexed
    assert indexed & set(plans) >= {"patent_cube", "industry_cube", "indicator_cube"}, plans
    scans = {table: plans[table] for table in indexed & set(plans)
             if f"Seq Scan on {table} c" in plans[table]
             or any(step.startswith(("SCAN c", "SEARCH c USING AUTOMATIC"))
                    for step in plans[table].split(" | "))}
    assert not scans, scans
