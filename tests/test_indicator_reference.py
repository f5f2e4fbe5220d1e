"""The stock indicators on the cube path and on the live path equal the independent reference
(tests.reference_stock) on random databases and random days, past year-ends included; SQLite and
PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.config import rules as ruleparams
from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.db import db as proxy
from core.db.models import LegalEvent, Patent, PatentHolder
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
KEYS = {"valid_inventions": "vi", "inventions_per_10k": "vi_dom", "long_per_1tn_gdp": "long_dom"}

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
            "domestic": draw(st.booleans())}


def _fill(rows: list[dict]) -> None:
    for model in (LegalEvent, PatentHolder, Patent):
        model.delete().execute()
    for row in rows:
        street = row.pop("street")
        county = street[:6] if street else row.pop("county")
        row.pop("county", None)
        patent(street, county, **row)
    if not ref.Region.select().where(ref.Region.code == CUSTOM).exists():
        custom_region(CUSTOM, "园区", ["320506001", "320505"])
    ruleparams.clear()


def _numbers(region, day, rule, on) -> dict:
    report = indicators.compute(region or "32", day.year, rule, on)
    assert report.as_of == day
    return {key: report.get(key).numerator for key in KEYS}


def _expected(region, day, rule) -> dict:
    custom = ref.members(CUSTOM) if region == CUSTOM else None
    got = ref.stocks(ref.load(), region, day, rule.stock_basis, rule.domestic_only, custom)
    return {key: got[name] for key, name in KEYS.items()}


FIRST_HOLDER_RULES = [CountingRule(), CountingRule(domestic_only=False),
                      CountingRule(stock_basis="status")]


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


@pytest.mark.parametrize("year", [2019, 2024])
def test_a_past_year_reads_its_year_end(db, year):
    """Without an as-of day, a past year is counted on its 31 December."""
    _fill([{"street": "320506001", "county": None, "type_": "invention",
            "app": dt.date(2015, 1, 5), "grant": None, "status": "lapsed",
            "reason": "rejected", "lapse": dt.date(2025, 3, 1), "domestic": True},
           {"street": "320506001", "county": None, "type_": "invention",
            "app": dt.date(2015, 1, 5), "grant": dt.date(2018, 6, 1), "status": "lapsed",
            "reason": "unpaid_fee", "lapse": dt.date(2022, 3, 1), "domestic": True}])
    cubes.rebuild()
    day = dt.date(year, 12, 31)
    assert _numbers("3205", day, CountingRule(), None) == _expected("3205", day, CountingRule())
