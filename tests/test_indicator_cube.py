"""core.cubes.indicator: indicators read from the cube (whole months) plus the live unfinished
month equal the live aggregates over the patent table — for many days (month ends, 28/29
February, 1 January, mid-month), both stock bases, domestic on/off, the long-maintained rule
counted from filing or grant over 8 and 10 years, whole regions, counties, streets, custom regions
and sub-region splits; SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from pandas.testing import assert_frame_equal

from core.config import params
from core.config import rules as ruleparams
from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.cubes.indicator import Flow, Stock, month_end, month_index, month_start
from core.db.models import (
    Holder,
    IndicatorCube,
    Industry,
    LegalEvent,
    PatentHolder,
    PatentIndustry,
)
from core.rules.counting import CountingRule
from core.stats import indicators
from tests.sql_plans import recorded
from tests.stats_builder import D, custom_region, patent

STREETS = ("320506001", "320506003", "320505001", "320505002", None)
DAYS = (D(2026, 2, 27), D(2026, 2, 28), D(2026, 3, 1), D(2024, 2, 28), D(2024, 2, 29),
        D(2025, 12, 31), D(2026, 1, 1), D(2025, 6, 30), D(2026, 11, 24), D(2026, 1, 31),
        D(2025, 4, 15))
# Dates at the edges the cube's month arithmetic must get right.
EDGES = (D(2016, 2, 28), D(2016, 2, 29), D(2014, 2, 28), D(2015, 12, 31), D(2016, 3, 31),
         D(2018, 2, 28), D(2016, 1, 31), D(2024, 2, 29), D(2025, 12, 31), D(2026, 2, 28))


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _day(rng) -> dt.date:
    if rng.random() < 0.3:
        return rng.choice(EDGES)
    return D(rng.randint(2012, 2026), rng.randint(1, 12), rng.randint(1, 28)) + \
        dt.timedelta(days=rng.choice((0, 0, 1, 2, 3)))


HOLDER_PLACES = (("320506001", True), ("320506003", True), ("320505001", True),
                 ("320505002", True), ("320507", True), ("320506001", False), (None, True),
                 ("320602001", True))


def _holders() -> list[Holder]:
    """Holders in streets, in a county only, nowhere known, foreign, in another city."""
    out = []
    for i, (code, domestic) in enumerate(HOLDER_PLACES):
        county = code[:6] if code else None
        out.append(Holder.create(
            name=f"H{i}", norm_name=f"H{i}", kind="enterprise", domestic=domestic,
            province_code=county and county[:2], city_code=county and county[:4],
            county_code=county, street_code=code if code and len(code) == 9 else None))
    return out


def _links(rng, p, holders) -> None:
    """1–3 current holders; some patents were transferred (their original holders kept)."""
    current = rng.sample(holders, rng.choice((1, 1, 1, 2, 2, 3)))
    for seq, h in enumerate(current, 1):
        PatentHolder.create(patent=p, holder=h, seq=seq, current=True)
    if rng.random() < 0.2:
        for seq, h in enumerate(rng.sample(holders, rng.choice((1, 2))), 1):
            PatentHolder.create(patent=p, holder=h, seq=seq, current=False)


def _high_value_data(rng, p) -> None:
    """The dateless categories (SEI class, overseas family, award) on a few patents, pledges
    over and under the threshold, dated (edge days) or not, on others."""
    p.overseas_family = rng.random() < 0.08
    p.award = "中国专利奖" if rng.random() < 0.05 else None
    p.save()
    if rng.random() < 0.1:
        PatentIndustry.create(patent=p, industry_code=SEI)
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        LegalEvent.create(patent=p, kind="pledge", date=_day(rng) if rng.random() < 0.9 else None,
                          amount=rng.choice((5_000_000, 10_000_000, 30_000_000)))


SEI = "S01"


@pytest.fixture
def many(db):
    """200 patents with varied regions, types, statuses and (edge) dates, some missing, and
    holders placed in streets, counties, nowhere, abroad, with co-owners and transfers."""
    rng = random.Random(5)
    holders = _holders()
    Industry.create(code=SEI, name="新一代信息技术产业", kind="sei")
    for _ in range(200):
        street = rng.choice(STREETS)
        county = street[:6] if street else rng.choice(("320506", "320505", "320507"))
        app = _day(rng) if rng.random() < 0.95 else None
        grant = _day(rng) if rng.random() < 0.7 else None
        status = rng.choice(("valid", "valid", "lapsed", "lapsed", "pending", "unknown"))
        lapse = _day(rng) if status == "lapsed" and rng.random() < 0.9 else None
        p = patent(street, county, type_=rng.choice(("invention", "invention", "utility",
                                                     "design")),
                   app=app, pub=_day(rng) if rng.random() < 0.6 else None, grant=grant,
                   status=status, lapse=lapse, domestic=rng.random() < 0.85)
        p.high_value = rng.random() < 0.3  # today's stored flag: the cube must not read it
        _high_value_data(rng, p)
        _links(rng, p, holders)
    custom_region("C9001", "园区", ["320506001", "320505002", "320507"])
    # a street inside a member county, and a member city's county: each patent counts once
    custom_region("C9002", "片区", ["320506", "320506001", "320505002", "3206", "320602"])
    return db


def _live(monkeypatch, fn, *args):
    with monkeypatch.context() as m:
        m.setattr(indicator_cube, "usable", lambda *a: False)
        return fn(*args)


def _all_specs(day: dt.date, rule: CountingRule) -> list:
    year = day.year
    specs = indicators._specs(year, day, rule, True)
    specs += [Stock("valid_design", day, ("design",), True), Stock("long_all", day, long=True),
              Flow("pubs", "pub", month_start(month_index(day)), day)]
    return specs


RULES = [CountingRule(), CountingRule(domestic_only=False), CountingRule(stock_basis="status"),
         CountingRule(filing_basis="pub")]
HOLDER_RULES = [CountingRule(holder="any"), CountingRule(basis="original"),
                CountingRule(holder="any", fractional=True),
                CountingRule(holder="any", basis="original"),
                CountingRule(holder="any", basis="original", fractional=True, stock_basis="status")]
REGIONS = [None, "3205", "320506", "320505001", "C9001", "C9002"]


@pytest.mark.parametrize("long_rule", [{"maintained_from": "app", "maintained_years": 10},
                                       {"maintained_from": "grant", "maintained_years": 8}])
def test_every_spec_equals_the_live_count(many, long_rule):
    params.set_value("high_value_rules", long_rule)
    ruleparams.clear()
    cubes.rebuild()
    for number, rule in enumerate(RULES + HOLDER_RULES):
        assert indicator_cube.usable(rule) != indicator_cube.needs_build(rule)
        cubes.build_rule(rule)
        assert indicator_cube.usable(rule)
        _assert_cube_equals_live(rule, _days_of(number))


def _days_of(number: int) -> tuple:
    """Every edge day for the default rule (number 0); a third of them in turn for each other
    rule, so that each day is still checked under several rules. Each comparison builds both
    queries with peewee (about 0.1 s each): all days under all nine rules took 33–40 s a case."""
    return DAYS if number == 0 else DAYS[number % 3::3]


def _live_condition(spec, rule):
    """The spec as a plain condition on the patent table (the definition the cube must meet)."""
    from core.db.models import Patent
    from core.rules import highvalue
    from core.rules.counting import domestic, valid_on
    cond = Patent.patent_type.in_(list(spec.types)) if spec.types else Patent.id > 0
    if isinstance(spec, Flow):
        return cond & getattr(Patent, f"{spec.kind}_date").between(spec.start, spec.end)
    cond &= valid_on(spec.day, rule)
    if spec.domestic:
        cond &= domestic(rule)
    if spec.high_value:
        cond &= highvalue.condition(spec.day)
    if spec.long:
        cond &= highvalue.category_condition("long_maintained", spec.day)
    return cond


def _aggregate(region, rule, conditions, by_child):
    from core.rules.counting import aggregate
    return aggregate(region, rule, conditions, True, by_child)


def _by_code(rows: list[dict]) -> dict:
    """Rows by sub-region without the all-zero ones; holder shares rounded (sums of 1/n added
    in another order differ in the last bits)."""
    return {row.get("code"): {k: round(v, 9) for k, v in row.items() if k != "code"}
            for row in rows if any(v for k, v in row.items() if k != "code")}


def test_indicator_reports_equal_the_live_path(many, monkeypatch):
    params.set_value("population", 1000, "3205", 2026)
    params.set_value("target", {"valid_inventions": 10}, "3205", 2026)
    for day in (D(2026, 11, 24), D(2026, 3, 31), D(2025, 12, 31)):
        for rule in RULES + HOLDER_RULES:
            for region in ("3205", "320506", "C9001", "C9002"):
                args = (region, day.year, rule, day)
                for fn in (lambda *a: indicators.compute(*a).frame(), indicators.subregions,
                           indicators.monthly):
                    assert_frame_equal(fn(*args), _live(monkeypatch, fn, *args),
                                       check_exact=False, rtol=1e-12)


def test_the_cube_is_used_and_rebuilt_when_the_long_rule_changes(many, monkeypatch):
    cubes.rebuild()
    reads = []
    original = indicator_cube.read
    monkeypatch.setattr(indicator_cube, "read", lambda *a: reads.append(a) or original(*a))
    day = D(2026, 11, 24)
    before = indicators.compute("3205", 2026, None, day).get("long_per_1tn_gdp").numerator
    assert reads, "the default rule reads the cube"
    params.set_value("high_value_rules", {"maintained_years": 3})
    ruleparams.clear()
    after = indicators.compute("3205", 2026, None, day).get("long_per_1tn_gdp").numerator
    assert after > before
    assert after == _live(monkeypatch, indicators.compute, "3205", 2026, None,
                          day).get("long_per_1tn_gdp").numerator


def test_every_holder_rule_is_built_with_the_rebuild_and_kept_by_a_change(many, monkeypatch):
    from core.cubes import delta
    from core.db.models import Patent
    cubes.rebuild(variants=False)  # tables built before every rule was: built on first use
    assert indicator_cube.built_variants() == []
    rule, day = CountingRule(holder="any"), D(2026, 11, 24)
    live = indicators.compute("3205", 2026, rule, day).get("valid_inventions").numerator
    assert indicator_cube.built_variants() == []  # reading never builds
    cubes.build_rule(rule)  # what the indicators page asks for before its first read
    assert indicator_cube.built_variants() == ["any/current"]
    assert indicators.compute("3205", 2026, rule, day).get("valid_inventions").numerator == live
    cubes.rebuild()
    assert indicator_cube.built_variants() == sorted(indicator_cube.VARIANTS)
    first = indicators.compute("3205", 2026, rule, day).get("valid_inventions").numerator
    assert first == live
    with delta.change():  # a new patent of holder H0, kept by the change's delta
        patent("320506001", type_="invention", app=D(2010, 1, 1), grant=D(2012, 1, 1),
               status="valid")
        p = Patent.select().order_by(Patent.id.desc()).get()
        PatentHolder.create(patent=p, holder=Holder.get(Holder.name == "H0"), seq=1,
                            current=True)
    assert indicator_cube.usable(rule)
    assert indicator_cube.built_variants() == sorted(indicator_cube.VARIANTS)
    assert indicators.compute("3205", 2026, rule, day).get("valid_inventions").numerator == \
        first + 1
    assert first + 1 == _live(monkeypatch, indicators.compute, "3205", 2026, rule,
                              day).get("valid_inventions").numerator


def test_custom_regions_under_any_holder_read_the_patent_table(many, monkeypatch):
    cubes.rebuild()
    monkeypatch.setattr(indicator_cube, "read", lambda *a: pytest.fail("cube read"))
    indicators.compute("C9001", 2026, CountingRule(holder="any"), D(2026, 11, 24))


def test_cube_rows_are_monthly_changes(db):
    """One patent, granted 2020-05-10, lapsed 2023-01-31, filed 2016-02-28 (long from filing,
    10 years: from 2026-03-01, after the lapse): the rows say so, month by month."""
    patent("320506001", type_="invention", app=D(2016, 2, 28), grant=D(2020, 5, 10),
           status="lapsed", lapse=D(2023, 1, 31), pub=D(2017, 9, 1))
    cubes.rebuild()
    rows = sorted((r.kind, r.month) for r in IndicatorCube.select().where(
        indicator_cube.rows_of("fast", "s")))  # the plain patents' rows and the default's
    m = month_index
    # high-value only through the long-maintained line, which it passes after its lapse
    assert rows == sorted([("app", m(D(2016, 2, 1))), ("pub", m(D(2017, 9, 1))),
                           ("grant", m(D(2020, 5, 1))), ("in", m(D(2020, 5, 1))),
                           ("out", m(D(2023, 1, 1))), ("long_in", m(D(2026, 3, 1))),
                           ("long_out", m(D(2026, 3, 1))), ("hv_in", m(D(2026, 3, 1))),
                           ("hv_out", m(D(2026, 3, 1)))])


def test_street_rows_hold_the_patents_with_a_street_only(many):
    """The additive rules' street rows leave out the patents without a street: the county rows
    count them, and a street-level read takes them from there (read.py)."""
    cubes.rebuild()
    c = IndicatorCube
    streetless = c.select().where((c.grain == "s") & c.street_code.is_null())
    assert streetless.count() == 0
    county = c.select().where((c.grain == "c") & (c.variant == "fast")).count()
    assert county > 0


def test_sub_region_rows_do_not_depend_on_the_path(db, monkeypatch):
    """A street whose only patent counts in no indicator of the year (filed in 2010, never
    granted) has cube rows but no live count: neither path lists it."""
    patent("320506001", type_="invention", app=D(2010, 1, 5), status="pending")
    patent("320506003", type_="invention", app=D(2020, 1, 1), grant=D(2022, 1, 1),
           status="valid")
    cubes.rebuild()
    day = D(2026, 11, 24)
    cube = indicators.subregions("320506", 2026, None, day)
    assert_frame_equal(cube, _live(monkeypatch, indicators.subregions, "320506", 2026, None, day))
    assert cube["code"].tolist() == ["320506003"]
    assert cube["valid_inventions"].tolist() == [1]


def test_month_helpers():
    assert month_index(D(2026, 1, 15)) == 2026 * 12
    assert month_start(month_index(D(2024, 2, 17))) == D(2024, 2, 1)
    assert month_end(month_index(D(2024, 2, 17))) == D(2024, 2, 29)
    assert month_end(month_index(D(2025, 12, 3))) == D(2025, 12, 31)


def test_holder_rules_with_odd_links_equal_the_live_count(many):
    """The build repeats the default placement's rows for the patents every rule places alike:
    patents with no holder link, a lone link that is not first (seq 2) or a lone earlier holder
    (not current) must still count as each rule says."""
    from core.db.models import Patent
    ids = [p for (p,) in Patent.select(Patent.id).order_by(Patent.id).tuples()]
    PatentHolder.delete().where(PatentHolder.patent.in_(ids[:6])).execute()  # no link
    holders = list(Holder.select().order_by(Holder.id))
    for i, pid in enumerate(ids[6:12]):
        PatentHolder.delete().where(PatentHolder.patent == pid).execute()
        PatentHolder.create(patent=pid, holder=holders[i % len(holders)], seq=1 + (i % 2),
                            current=i % 3 != 0)
    cubes.rebuild()
    for rule in [CountingRule(), *HOLDER_RULES, CountingRule(holder="first", basis="original")]:
        _assert_cube_equals_live(rule, (D(2026, 11, 24), D(2025, 12, 31), D(2024, 2, 29)))


def _assert_cube_equals_live(rule, days) -> None:
    """Every spec read from the cube equals the live count, per region and sub-region, on `days`."""
    for day in days:
        specs = _all_specs(day, rule)
        conditions = {s.name: _live_condition(s, rule) for s in specs}
        for region in REGIONS:
            for by_child in (False, True):
                if not indicator_cube.supports(rule, region, by_child):
                    continue
                got = _by_code(indicator_cube.read(region, specs, rule, by_child))
                want = _by_code(_aggregate(region, rule, conditions, by_child))
                assert got == want, (rule, day, region, by_child)


def test_a_rules_rows_are_found_by_the_index_wherever_they_lie(db, monkeypatch):
    """Whether a counting rule's rows are built is asked on every change and every read under
    a holder rule. After a rebuild a rule's rows lie behind every row built before them: the
    check must seek them (PostgreSQL took a scan of the table for the way to a first row)."""
    from core.db import is_postgres
    rows = [{"variant": variant, "grain": grain, "county_code": "320506", "patent_type": "invention",
             "kind": "app", "month": month, "n": 1}
            for variant in ("plain", "fast") for grain in ("c", "s") for month in range(1, 6001)]
    for start in range(0, len(rows), 2000):
        IndicatorCube.insert_many(rows[start:start + 2000]).execute()
    if is_postgres():
        db.execute_sql("ANALYZE indicator_cube")
    assert [v for v in ("plain", "fast", "any/current") if indicator_cube.is_built(v)] == \
        ["plain", "fast"]
    assert indicator_cube.built_variants() == []  # holder rules only
    IndicatorCube.create(variant="any/current", grain="c", county_code="320506",
                         patent_type="invention", kind="app", month=1, n=1)
    assert indicator_cube.built_variants() == ["any/current"]
    if not is_postgres():
        return
    seen = recorded(db, monkeypatch)
    assert indicator_cube.is_built("fast")
    [(sql, params)] = seen
    plan = seen.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params).fetchone()[0]
    scans = _nodes(plan[0]["Plan"])
    assert all("Index" in node["Node Type"] for node in scans), scans
    assert sum(node["Actual Rows"] for node in scans) == 1, scans


def _nodes(node: dict) -> list[dict]:
    """The scans of a plan."""
    inner = [n for child in node.get("Plans", []) for n in _nodes(child)]
    return inner + ([node] if "Scan" in node["Node Type"] else [])
