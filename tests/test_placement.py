"""One placement rule for a patent and its holders (issue 12 item 2), as properties on random
databases (hypothesis), SQLite and PostgreSQL:
- the first holder of the current set is placed alike by the default rule (the patent's own
  region columns) and through the holder placements;
- whole counting by any holder ≥ first holder, in every region, for current and original holders;
- fractional counts of the whole country sum to the whole count (every patent shared out once);
- the sub-regions of a region and its unplaced remainder sum to the region (additive rules), on
  the live aggregate and on the indicator cube; under whole counting by any holder each
  sub-region holds at most the region."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from core.cubes import indicator as indicator_cube
from core.cubes import rebuild as cubes
from core.cubes.indicator import Stock
from core.db import db as proxy
from core.db.models import Patent
from core.rules import counting
from core.rules.counting import CountingRule, aggregate, domestic, valid_on
from tests.test_indicator_reference import _fill, days, patents, year_ends

NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)  # shrinking a DB case takes minutes
REGIONS = ("32", "3205", "320506", "320505", "320506001", "C9001")
SLOW = settings(max_examples=15, deadline=None, phases=NO_SHRINK,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
ADDITIVE = [CountingRule(), CountingRule(basis="original"),
            CountingRule(holder="any", fractional=True),
            CountingRule(holder="any", basis="original", fractional=True)]


def _conditions(day: dt.date, rule: CountingRule) -> dict:
    inv = Patent.patent_type == "invention"
    return {"all": Patent.id > 0, "vi": inv & valid_on(day, rule),
            "vi_dom": inv & valid_on(day, rule) & domestic(rule)}


def _one(region, rule, day) -> dict:
    return {k: round(v, 9) for k, v in aggregate(region, rule, _conditions(day, rule))[0].items()}


@SLOW
@given(rows=st.lists(patents(), max_size=20), day=days | year_ends)
def test_any_holder_counts_at_least_the_first_holder(db, rows, day):
    with proxy.atomic():
        _fill(rows)
    for region in REGIONS:
        fast = _one(region, CountingRule(), day)
        # the default rule and the first holder of the placements place alike
        through = counting._whole(region, CountingRule(holder="first", basis="current"),
                                  _conditions(day, CountingRule()), True, False)[0]
        assert fast == {k: round(v, 9) for k, v in through.items()}, region
        for basis in ("current", "original"):
            first = _one(region, CountingRule(basis=basis), day)
            anyone = _one(region, CountingRule(holder="any", basis=basis), day)
            for key in first:
                assert anyone[key] >= first[key], (region, basis, key)


@SLOW
@given(rows=st.lists(patents(), max_size=20), day=days | year_ends)
def test_fractional_counts_sum_to_the_whole_count(db, rows, day):
    with proxy.atomic():
        _fill(rows)
    whole = _one(None, CountingRule(domestic_only=False), day)
    for basis in ("current", "original"):
        rule = CountingRule(holder="any", basis=basis, fractional=True, domestic_only=False)
        shares = _one(None, rule, day)
        assert shares["all"] == whole["all"] == len(rows)
        assert shares["vi"] == whole["vi"], basis


def _by_child_sum(rows: list[dict], keys) -> dict:
    """Sums of the rows, rounded like _one (holder shares added in another order differ in the
    last bits)."""
    return {key: round(sum(row[key] for row in rows), 9) for key in keys}


@SLOW
@given(rows=st.lists(patents(), max_size=20), day=days | year_ends,
       rule=st.sampled_from(ADDITIVE))
def test_subregions_and_the_remainder_sum_to_the_region(db, rows, day, rule):
    with proxy.atomic():
        _fill(rows)
    cubes.rebuild()
    cubes.build_rule(rule)
    specs = [Stock("vi", day, ("invention",)), Stock("vi_dom", day, ("invention",), True),
             Stock("hv", day, ("invention",), high_value=True)]
    for region in ("32", "3205", "320506", "C9001"):
        parent = _one(region, rule, day)
        children = aggregate(region, rule, _conditions(day, rule), by_child=True)
        assert _by_child_sum(children, parent) == parent, region
        assert sum(1 for row in children if row["code"] is None) <= 1
        if indicator_cube.supports(rule, region, True):
            whole = indicator_cube.read(region, specs, rule)[0]
            parts = indicator_cube.read(region, specs, rule, by_child=True)
            want = {k: round(v, 9) for k, v in whole.items()}
            assert _by_child_sum(parts, want) == want, region


@SLOW
@given(rows=st.lists(patents(), max_size=20), day=days | year_ends)
def test_under_any_holder_no_subregion_exceeds_its_region(db, rows, day):
    with proxy.atomic():
        _fill(rows)
    rule = CountingRule(holder="any")
    for region in ("3205", "320506"):
        parent = _one(region, rule, day)
        for row in aggregate(region, rule, _conditions(day, rule), by_child=True):
            assert row["code"] is not None
            for key in parent:
                assert row[key] <= parent[key] + 1e-9, (region, row["code"], key)
