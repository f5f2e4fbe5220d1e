"""The stock indicators on the cube path and on the live path equal the independent reference
(tests.reference_stock) on random databases and random days, past year-ends included, under every
counting rule (first holder, any holder, fractional; current or original holders; both stock
bases; domestic or not) and with high-value judged on the day; SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.config import rules as ruleparams
from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.db import db as proxy
from core.db.models import (
    CubeStamp,
    Holder,
    Industry,
    LegalEvent,
    Patent,
    PatentHolder,
    PatentIndustry,
)
from core.rules.counting import CountingRule
from core.stats import indicators
from tests import reference_stock as ref
from tests.stats_builder import custom_region, patent

STREETS = ("320506001", "320506003", "320505001", None)
REGIONS = (None, "3205", "320506", "320505001", "C9001")
CUSTOM = "C9001"
REASONS = {"lapsed": (None, "rejected", "withdrawn", "unpaid_fee", "expired", "invalidated",
                      "surrendered"),
           "valid": (None, "granted"), "pending": (None,), "unknown": (None,)}
KEYS = {"valid_inventions": "vi", "inventions_per_10k": "vi_dom", "long_per_1tn_gdp": "long_dom",
        "hv_inventions_per_10k": "hv_dom"}
SEI = "S01"
# Where holders sit: streets, a county only, another city, nowhere known; domestic or not.
HOLDER_PLACES = (("320506001", True), ("320506003", True), ("320505001", True), ("320507", True),
                 ("320602001", True), (None, True), ("320506001", False))

days = st.dates(dt.date(2008, 1, 1), dt.date(2026, 12, 31))
year_ends = st.integers(2010, 2025).map(lambda y: dt.date(y, 12, 31))


@st.composite
def patents(draw):
    status = draw(st.sampled_from(("valid", "valid", "lapsed", "lapsed", "pending", "unknown")))
    app = draw(st.none() | days)
    grant = draw(st.none() | days) if status in ("valid", "lapsed") else draw(st.none())
    return {"street": draw(st.sampled_from(STREETS)),
            "county": draw(st.sampled_from(("320506", "320505", "320507"))),
            "type_": draw(st.sampled_from(("invention", "invention", "utility", "design"))),
            "app": app, "grant": grant, "status": status,
            "reason": draw(st.sampled_from(REASONS[status])),
            "lapse": draw(st.none() | days) if status == "lapsed" else None,
            "domestic": draw(st.booleans()),
            "sei": draw(st.integers(0, 9)) == 0, "overseas": draw(st.integers(0, 9)) == 0,
            "award": draw(st.integers(0, 14)) == 0,
            "pledges": draw(st.lists(st.tuples(st.none() | days | year_ends,
                                               st.sampled_from((5e6, 1e7, 3e7))), max_size=2)),
            "current": draw(st.lists(st.integers(0, len(HOLDER_PLACES) - 1), max_size=3,
                                     unique=True)),
            "before": draw(st.lists(st.integers(0, len(HOLDER_PLACES) - 1), max_size=2,
                                    unique=True))}


def _holders() -> list[Holder]:
    out = []
    for i, (code, domestic) in enumerate(HOLDER_PLACES):
        county = code[:6] if code else None
        out.append(Holder.create(
            name=f"H{i}", norm_name=f"H{i}", kind="enterprise", domestic=domestic,
            province_code=county and county[:2], city_code=county and county[:4],
            county_code=county, street_code=code if code and len(code) == 9 else None))
    return out


def _extras(p: Patent, row: dict, holders: list[Holder]) -> None:
    """High-value data and holder links (current, and earlier holders of a transfer)."""
    p.overseas_family, p.award = row["overseas"], "中国专利奖" if row["award"] else None
    p.save()
    if row["sei"]:
        PatentIndustry.create(patent=p, industry_code=SEI)
    for day, amount in row["pledges"]:
        LegalEvent.create(patent=p, kind="pledge", date=day, amount=amount)
    for current, picks in ((True, row["current"]), (False, row["before"])):
        for seq, i in enumerate(picks, 1):
            PatentHolder.create(patent=p, holder=holders[i], seq=seq, current=current)


def _fill(rows: list[dict]) -> None:
    # The stamp goes too: on SQLite the new patents may take the old ids, and a stamp of an
    # earlier example's summary tables with the same highest ids would pass them as fresh.
    for model in (CubeStamp, LegalEvent, PatentHolder, PatentIndustry, Patent, Holder, Industry):
        model.delete().execute()
    Industry.create(code=SEI, name="新一代信息技术产业", kind="sei")
    holders = _holders()
    for row in rows:
        row = dict(row)
        street = row.pop("street")
        county = street[:6] if street else row.pop("county")
        extras = {k: row.pop(k) for k in ("sei", "overseas", "award", "pledges", "current",
                                          "before")}
        row.pop("county", None)
        _extras(patent(street, county, **row), extras, holders)
    if not ref.Region.select().where(ref.Region.code == CUSTOM).exists():
        custom_region(CUSTOM, "园区", ["320506001", "320505"])
    ruleparams.clear()


def _numbers(region, day, rule, on) -> dict:
    report = indicators.compute(region or "32", day.year, rule, on)
    assert report.as_of == day
    got = {key: round(report.get(key).numerator, 9) for key in KEYS}
    quality = report.get("quality").value
    return got | {"quality": None if quality is None else round(quality, 9)}


def _expected(region, day, rule) -> dict:
    custom = ref.members(CUSTOM) if region == CUSTOM else None
    got = ref.stocks(ref.load(), region or "32", day, rule.stock_basis, rule.domestic_only,
                     custom, rule.holder, rule.basis, rule.fractional)
    out = {key: round(got[name], 9) for key, name in KEYS.items()}
    return out | {"quality": _quality(got)}


def _quality(got: dict) -> float | None:
    """domain-facts: 100 × (0.4·vi/valid + 0.4·hv/vi + 0.2·long/vi), the default weights."""
    if not got["valid"] or not got["vi"]:
        return None
    value = 100 * (0.4 * got["vi"] / got["valid"] + 0.4 * got["hv"] / got["vi"]
                   + 0.2 * got["long"] / got["vi"])
    return round(value, 9)


FIRST_HOLDER_RULES = [CountingRule(), CountingRule(domestic_only=False),
                      CountingRule(stock_basis="status")]
HOLDER_RULES = [CountingRule(holder="any"), CountingRule(holder="any", fractional=True),
                CountingRule(basis="original"), CountingRule(holder="any", basis="original"),
                CountingRule(holder="any", basis="original", fractional=True),
                CountingRule(holder="any", domestic_only=False, stock_basis="status"),
                CountingRule(holder="any", fractional=True, stock_basis="status")]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(patents(), max_size=25), picked=st.lists(days | year_ends, min_size=1,
                                                              max_size=4),
       rule=st.sampled_from(FIRST_HOLDER_RULES))
def test_first_holder_stocks_equal_the_reference(db, monkeypatch, rows, picked, rule):
    with proxy.atomic():
        _fill(rows)
    cubes.rebuild()
    for day in picked:
        for region in REGIONS:
            want = _expected(region, day, rule)
            assert _numbers(region, day, rule, day) == want, (region, day, "cube")
            with monkeypatch.context() as m:
                m.setattr(indicator_cube, "usable", lambda *a: False)
                assert _numbers(region, day, rule, day) == want, (region, day, "live")


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(patents(), max_size=20), picked=st.lists(days | year_ends, min_size=1,
                                                              max_size=2),
       rule=st.sampled_from(HOLDER_RULES))
def test_holder_rule_stocks_equal_the_reference(db, monkeypatch, rows, picked, rule):
    with proxy.atomic():
        _fill(rows)
    cubes.rebuild()
    cubes.build_rule(rule)  # read from the cube where it supports the rule (rows were built)
    for day in picked:
        for region in REGIONS:
            want = _expected(region, day, rule)
            assert _numbers(region, day, rule, day) == want, (region, day, "cube")
            with monkeypatch.context() as m:
                m.setattr(indicator_cube, "usable", lambda *a: False)
                assert _numbers(region, day, rule, day) == want, (region, day, "live")


@pytest.mark.parametrize("year", [2019, 2024])
def test_a_past_year_reads_its_year_end(db, year):
    """Without an as-of day, a past year is counted on its 31 December."""
    plain = {"sei": False, "overseas": False, "award": False, "pledges": [], "current": [],
             "before": []}
    _fill([{"street": "320506001", "county": None, "type_": "invention",
            "app": dt.date(2015, 1, 5), "grant": None, "status": "lapsed",
            "reason": "rejected", "lapse": dt.date(2025, 3, 1), "domestic": True, **plain},
           {"street": "320506001", "county": None, "type_": "invention",
            "app": dt.date(2015, 1, 5), "grant": dt.date(2018, 6, 1), "status": "lapsed",
            "reason": "unpaid_fee", "lapse": dt.date(2022, 3, 1), "domestic": True, **plain}])
    cubes.rebuild()
    day = dt.date(year, 12, 31)
    assert _numbers("3205", day, CountingRule(), None) == _expected("3205", day, CountingRule())


def test_high_value_is_judged_on_the_day(db, monkeypatch):
    """By hand: filed 2014-03-01 (ten years after filing from 2024-03-02 on); pledged for
    30 million on 2024-06-01; an award winner lapsed on 2023-05-01 — high-value (domestic) on
    2022-12-31: the award winner; on 2023-12-31: none; on 2024-12-31: the first two."""
    holders = {"current": [], "before": [], "sei": False, "overseas": False}
    rows = [dict(street="320506001", type_="invention", app=dt.date(2014, 3, 1),
                 grant=dt.date(2016, 1, 1), status="valid", award=False, pledges=[], **holders),
            dict(street="320506001", type_="invention", app=dt.date(2018, 3, 1),
                 grant=dt.date(2020, 1, 1), status="valid", award=False,
                 pledges=[(dt.date(2024, 6, 1), 3e7)], **holders),
            dict(street="320506001", type_="invention", app=dt.date(2018, 3, 1),
                 grant=dt.date(2020, 1, 1), status="lapsed", reason="unpaid_fee",
                 lapse=dt.date(2023, 5, 1), award=True, pledges=[], **holders)]
    _fill([{"county": None, **row} for row in rows])
    cubes.rebuild()
    for day, count in ((dt.date(2022, 12, 31), 1), (dt.date(2023, 12, 31), 0),
                       (dt.date(2024, 12, 31), 2), (dt.date(2024, 5, 31), 1)):
        for usable in (True, False):
            with monkeypatch.context() as m:
                if not usable:
                    m.setattr(indicator_cube, "usable", lambda *a: False)
                got = _numbers("320506001", day, CountingRule(), day)
            assert got["hv_inventions_per_10k"] == count, (day, usable)
