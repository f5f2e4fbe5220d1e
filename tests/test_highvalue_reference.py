"""高价值发明专利 judged as of a day, and the valid stocks, against the independent reference
tests/reference_highvalue.py on random small databases and random days (past year-ends and
mid-year included); SQLite and PostgreSQL, summary tables and live.

tests/test_indicator_reference.py compares the indicator numerators of the region under the
default high-value parameters. This file covers what it does not: the bureau's own parameter
high_value_rules (categories switched off, 3/8/10 maintained years counted from filing or grant,
pledge thresholds of 5, 10 and 20 million) under every counting rule; the categories one by
one (highvalue.categories_of) and per region (category_counts), and the stored flag
(highvalue.refresh); blank award texts, pledges without an amount or a date, industries below a
strategic emerging industry or of the local kind, filing dates at an anniversary; the
month-end stocks (indicators.monthly) and the sub-region rows (indicators.subregions) of 指标;
and the year-end valid stocks of every type (趋势统计, trend.valid_stock), undated rows
included."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.config import params
from core.config import rules as ruleparams
from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.db import db as proxy
from core.db.models import Industry, LegalEvent, Patent, PatentIndustry
from core.regions import divisions
from core.regions.query import Scope
from core.regions.scope import region_filter
from core.rules import highvalue
from core.rules.counting import CountingRule
from core.stats import indicators, trend
from tests import reference_highvalue as hv
from tests import reference_stock as ref
from tests import test_indicator_reference as base
from tests.stats_builder import patent

SEI, SEI_CHILD, LOCAL = base.SEI, "S01-1", "L01"
AWARDS = (None, "", "中国专利奖", "国家科学技术奖")
REGIONS = ("3205", "320506", "320505001", "C9001")

days = base.days | base.year_ends
rules = st.builds(
    hv.Rule, enabled=st.frozensets(st.sampled_from(hv.CATEGORIES)),  # none enabled too
    maintained_years=st.sampled_from((3, 8, 10)), maintained_from=st.sampled_from(("app", "grant")),
    pledge_amount=st.sampled_from((5_000_000, 10_000_000, 20_000_000)))


@st.composite
def patents(draw):
    """reference_stock's random patent, with what the categories read drawn more widely: the
    award text, links to a sub-industry of the SEI or to a local industry, pledges without an
    amount, and a filing (or grant) date near a day the tests look at."""
    row = draw(base.patents())
    if draw(st.integers(0, 3)) == 0 and row["app"] is not None:  # near a 10th/8th anniversary
        row["app"] = draw(st.sampled_from((dt.date(2014, 12, 31), dt.date(2015, 1, 1),
                                           dt.date(2016, 2, 29), dt.date(2016, 12, 30))))
    row["award_text"] = draw(st.sampled_from(AWARDS))
    row["links"] = draw(st.lists(st.sampled_from((SEI_CHILD, LOCAL)), max_size=2, unique=True))
    row["pledges"] = row["pledges"] + draw(st.lists(st.tuples(days, st.none()), max_size=1))
    return row


def _fill(rows: list[dict], rule: hv.Rule) -> None:
    """The rows as test_indicator_reference builds them, then the extra facts (the patents are
    created in order: their ids follow the rows)."""
    extra = [(row.pop("award_text"), row.pop("links")) for row in rows]
    for row in rows:
        row["award"] = False
    with proxy.atomic():
        base._fill(rows)
        Industry.create(code=SEI_CHILD, name="人工智能", kind="sei", parent_code=SEI)
        Industry.create(code=LOCAL, name="纳米新材料", kind="local")
        for p, (award, links) in zip(Patent.select().order_by(Patent.id), extra):
            Patent.update(award=award).where(Patent.id == p.id).execute()
            for code in links:
                PatentIndustry.create(patent=p, industry_code=code)
        params.set_value("high_value_rules", rule.as_param())
    ruleparams.clear()


def _inside(region: str):
    """The patents the region holds by the patent's own address (custom: member street or
    county)."""
    custom = ref.members(region) if region == base.CUSTOM else None
    return lambda row: ref.placed(row, region, custom)


SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@SETTINGS
@given(rows=st.lists(patents(), max_size=20), picked=st.lists(days, min_size=1, max_size=3),
       rule=rules)
def test_categories_counts_and_the_stored_flag_on_a_day(db, rows, picked, rule):
    """Categories judged on the day (the valid inventions of that day: highvalue.categories_of);
    the counts per category and the stored flag, whose validity is today's stored status by
    their contract (the flag is today's judgement, written by the nightly job with today)."""
    _fill(rows, rule)
    facts = hv.load()
    for day in picked:
        for pid, f in facts.items():
            if hv.valid_invention_on(f, day):
                assert set(highvalue.categories_of(pid, day)) == hv.categories_on(f, day, rule), \
                    (pid, day)
        for region in REGIONS:
            got = highvalue.category_counts(region_filter(region), day)
            assert got == hv.category_counts(facts, _inside(region), day, rule, "status"), \
                (region, day)
        highvalue.refresh(day, reassign_industries=False)
        flagged = {p.id for p in Patent.select().where(Patent.high_value == True)}  # noqa: E712
        assert flagged == {pid for pid, f in facts.items()
                           if hv.high_value_on(f, day, rule, "status")}, day


COUNTING = base.FIRST_HOLDER_RULES + base.HOLDER_RULES


def _numerators(region: str, day: dt.date, counting: CountingRule) -> dict:
    report = indicators.compute(region, day.year, counting, day)
    return {"hv_dom": round(report.get("hv_inventions_per_10k").numerator, 9),
            "long_dom": round(report.get("long_per_1tn_gdp").numerator, 9),
            "vi": round(report.get("valid_inventions").numerator, 9)}


@SETTINGS
@given(rows=st.lists(patents(), max_size=20), picked=st.lists(days, min_size=1, max_size=2),
       rule=rules, counting=st.sampled_from(COUNTING))
def test_indicators_under_the_bureau_s_high_value_rule(db, monkeypatch, rows, picked, rule,
                                                       counting):
    """The high-value and long-maintained numerators under any parameter high_value_rules and
    any counting rule, from the summary tables and live."""
    _fill(rows, rule)
    cubes.rebuild()
    cubes.build_rule(counting)
    facts = hv.load()
    for day in picked:
        for region in REGIONS:
            custom = ref.members(region) if region == base.CUSTOM else None
            want = {k: round(v, 9) for k, v in
                    hv.indicator_counts(facts, region, day, rule, counting, custom).items()}
            assert _numerators(region, day, counting) == want, (region, day, "cube")
            with monkeypatch.context() as m:
                m.setattr(indicator_cube, "usable", lambda *a: False)
                assert _numerators(region, day, counting) == want, (region, day, "live")


@SETTINGS
@given(rows=st.lists(patents(), max_size=20), on=days, rule=rules,
       counting=st.sampled_from(COUNTING))
def test_month_end_stocks_of_the_indicator_page(db, monkeypatch, rows, on, rule, counting):
    """指标's progress through the year: valid inventions at each month end up to the as-of day
    (every holder rule), from the summary tables and live."""
    _fill(rows, rule)
    cubes.rebuild()
    cubes.build_rule(counting)
    facts = hv.load()
    for region in REGIONS:
        custom = ref.members(region) if region == base.CUSTOM else None
        want = None
        for usable in (True, False):
            with monkeypatch.context() as m:
                if not usable:
                    m.setattr(indicator_cube, "usable", lambda *a: False)
                frame = indicators.monthly(region, on.year, counting, on)
            got = [(d, round(float(v), 9)) for d, v in zip(frame["month_end"],
                                                           frame["valid_inventions"])]
            want = want or [(d, round(hv.indicator_counts(facts, region, d, rule, counting,
                                                          custom)["vi"], 9))
                            for d, _ in got]
            assert got == want, (region, on, usable)
            assert got and got[-1][0] <= on


@SETTINGS
@given(rows=st.lists(patents(), max_size=25), first=st.integers(2008, 2020), cube=st.booleans())
def test_year_end_valid_stocks_of_every_type(db, rows, first, cube):
    """趋势统计's valid patents at each year end, per type: granted by the year end and in
    force on it — undated grants and lapses, and lapses dated before the grant, included."""
    _fill(rows, hv.Rule())
    if cube:
        cubes.rebuild()
    facts = hv.load()
    last = dt.date.today().year - 1
    for region in REGIONS:
        frame = trend.valid_stock(Scope(region), first, last)
        for year, *counts in zip(frame["period"], frame["invention"], frame["utility"],
                                 frame["design"]):
            want = hv.valid_by_type(facts, _inside(region), dt.date(int(year), 12, 31))
            assert [int(c) for c in counts] == list(want.values()), (region, year, cube)


def test_pledges_without_amount_or_date_and_blank_awards_make_nothing_high_value(db):
    """By hand: a valid invention filed 2020 with a blank award text, a pledge of unknown amount
    on 2023-05-01 and a 30-million pledge without a date is not high-value on 2024-12-31; with
    the award recorded it is (the award category only)."""
    p = Patent.create(app_no="H1", patent_type="invention", title="t", status="valid",
                      app_date=dt.date(2020, 1, 1), grant_date=dt.date(2022, 1, 1),
                      city_code="3205", county_code="320506", award="")
    LegalEvent.create(patent=p, kind="pledge", date=dt.date(2023, 5, 1), amount=None)
    LegalEvent.create(patent=p, kind="pledge", date=None, amount=30_000_000)
    day = dt.date(2024, 12, 31)
    assert highvalue.categories_of(p.id, day) == []
    Patent.update(award="中国专利奖").where(Patent.id == p.id).execute()
    assert highvalue.categories_of(p.id, day) == ["award"]


UNDATED = [  # (what the row lacks, the patent's fields): valid on 2020-12-31 by definition?
    ("a grant without its date", dict(status="valid"), 1),  # filed 2020-03-01
    ("a lapse without its date", dict(status="lapsed", reason="unpaid_fee",
                                     grant=dt.date(2016, 5, 1)), 0),
    ("a lapse dated before the grant", dict(status="lapsed", reason="unpaid_fee",
                                           grant=dt.date(2021, 5, 1),
                                           lapse=dt.date(2020, 6, 1)), 0),
]


@pytest.mark.parametrize("cube", [False, True], ids=["live", "cube"])
@pytest.mark.parametrize("case, fields, valid", UNDATED, ids=[c[0] for c in UNDATED])
def test_year_end_valid_stock_of_undated_rows_equals_the_indicator(db, case, fields, valid, cube):
    """By hand: an invention of 320506001 lacking a date is valid on 2020-12-31 or not by the
    definition (granted from its filing date without a grant date; a lapse without a date or
    before the grant leaves it out of force). 指标's 有效发明专利 says so; 趋势统计's year-end
    valid stock must say the same, from the summary tables as live."""
    patent("320506001", **fields)
    if cube:
        cubes.rebuild()
    day = dt.date(2020, 12, 31)
    facts = hv.load()
    assert hv.valid_by_type(facts, _inside("320506"), day)["invention"] == valid
    report = indicators.compute("320506", 2020, CountingRule(domestic_only=False), day)
    assert report.get("valid_inventions").numerator == valid
    frame = trend.valid_stock(Scope("320506"), 2020, 2020)
    assert int(frame["invention"].iloc[0]) == valid, case
    assert indicator_cube.usable(CountingRule()) == cube


@settings(SETTINGS, max_examples=10)
@given(rows=st.lists(patents(), max_size=20), day=days, rule=rules,
       counting=st.sampled_from(COUNTING))
def test_sub_region_rows_of_the_indicator_page(db, monkeypatch, rows, day, rule, counting):
    """指标's sub-region table: each county of the city and each street of a county holds its
    valid inventions and high-value inventions per 10,000 people (population 1万: the count)
    on the day, under the bureau's high-value rule and the counting rule; cube and live."""
    _fill(rows, rule)
    cubes.rebuild()
    cubes.build_rule(counting)
    facts = hv.load()
    for region in ("3205", "320506"):
        # every sub-region has a population, so that each shows a per-capita value (a
        # sub-region without one shows none, whichever path lists it)
        codes = [code for code, _ in divisions.children(region)]
        for code in codes:
            params.set_value("population", 1, code, day.year)
        ruleparams.clear()
        for usable in (True, False):
            with monkeypatch.context() as m:
                if not usable:
                    m.setattr(indicator_cube, "usable", lambda *a: False)
                table = indicators.subregions(region, day.year, counting, day)
            # the unplaced remainder (code NaN) is tests/test_placement.py's
            shown = {} if table.empty else {
                code: (vi, per_10k) for code, vi, per_10k in zip(
                    table["code"], table["valid_inventions"], table["hv_inventions_per_10k"])
                if isinstance(code, str) and code}
            for code in set(codes) | set(shown):  # a sub-region left out counts nothing
                vi, per_10k = shown.get(code, (0, 0))
                want = hv.indicator_counts(facts, code, day, rule, counting)
                assert abs(vi - want["vi"]) < 0.006, (code, day, usable)
                assert abs(per_10k - want["hv_dom"]) < 0.006, (code, day, usable)


def test_with_every_category_off_a_lapse_leaves_no_negative_high_value_stock(db, monkeypatch):
    """By hand: every high-value category switched off; a domestic invention of 320506 filed
    2016-03-01, granted 2018-01-01, lapsed 2020-01-28 (unpaid fee). Nothing is high-value on any
    day: 0 on 2019-12-31 and on 2020-12-31, from the summary tables as live."""
    params.set_value("high_value_rules", hv.Rule(enabled=frozenset()).as_param())
    ruleparams.clear()
    patent("320506001", app=dt.date(2016, 3, 1), grant=dt.date(2018, 1, 1), status="lapsed",
           reason="unpaid_fee", lapse=dt.date(2020, 1, 28))
    cubes.rebuild()
    for day in (dt.date(2019, 12, 31), dt.date(2020, 12, 31)):
        with monkeypatch.context() as m:
            m.setattr(indicator_cube, "usable", lambda *a: False)
            assert _numerators("3205", day, CountingRule())["hv_dom"] == 0, (day, "live")
        assert _numerators("3205", day, CountingRule())["hv_dom"] == 0, (day, "cube")
