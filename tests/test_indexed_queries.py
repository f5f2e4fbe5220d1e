"""The queries rewritten to read the step-24 indexes give the whole results the previous queries
gave (SQLite and PostgreSQL): bursts of 非正常申请监测 and the 专利数据核查 placement statistics, on a
random database with several holders, regions, unplaced patents and every placement level."""
from __future__ import annotations

import datetime as dt
import random

import peewee as pw
import pytest

from core.db import bulk_insert
from core.db.models import Holder, Patent
from core.monitor import abnormal
from core.regions.scope import region_filter
from core.resolver import queue

ON = dt.date(2026, 11, 24)
LIMITS = {**abnormal.DEFAULTS, "burst_min": 6, "similar_min": 4, "burst_days": 7}
PLACES = [("32", "3205", "320506", "320506001", "street"), ("32", "3205", "320506", None, "county"),
          ("32", "3205", "320507", "320507002", "street"), ("32", "3205", None, None, "city"),
          ("32", "3201", "320102", "320102003", "street"), ("32", None, None, None, "province"),
          (None, None, None, None, None)]
STEMS = ["一种散热装置", "一种电池包", "显示面板", "轴承座"]


def _fill(seed: int) -> None:
    rng = random.Random(seed)
    holders = [Holder.create(name=f"持有人{i}", norm_name=f"持有人{i}").id for i in range(12)]
    rows = []
    for n in range(900):
        day = dt.date(2023, 6, 1) + dt.timedelta(days=int(rng.triangular(0, 1200, 900)))
        holder = rng.choice(holders + [None])
        province, city, county, street, level = rng.choice(PLACES)
        rows.append((holder, day, day.year, f"{rng.choice(STEMS)}{n}", "utility", province, city,
                     county, street, level))
    bulk_insert(Patent, ["first_holder", "app_date", "app_year", "title", "patent_type",
                         "province_code", "city_code", "county_code", "street_code",
                         "region_level"], rows + _bursts(rng, holders[:4]))


def _bursts(rng: random.Random, holders: list[int]) -> list[tuple]:
    """Eight filings within five days for each of `holders`, in two places."""
    rows = []
    for holder in holders:
        first = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        for n in range(8):
            day = first + dt.timedelta(days=rng.randint(0, 4))
            province, city, county, street, level = PLACES[n % 3]
            rows.append((holder, day, day.year, f"{STEMS[n % 2]}型{n}", "utility", province, city,
                         county, street, level))
    return rows


def _previous_bursts(region, since, on, limits) -> list:
    """bursts() as it was: busy holders first, then their days, then a title query each."""
    base = abnormal._base(region, since, on)
    busy = (Patent.select(Patent.first_holder).where(base).group_by(Patent.first_holder)
            .having(pw.fn.COUNT(Patent.id) >= int(limits["burst_min"])))
    daily = (Patent.select(Patent.first_holder, Patent.app_date, pw.fn.COUNT(Patent.id))
             .where(base & Patent.first_holder.in_(busy))
             .group_by(Patent.first_holder, Patent.app_date).tuples())
    per_holder: dict = {}
    for holder_id, day, n in daily:
        per_holder.setdefault(holder_id, []).append((day, n))
    cases = []
    for holder_id, days in per_holder.items():
        start, end, count = abnormal.densest_window(sorted(days), int(limits["burst_days"]))
        if count >= int(limits["burst_min"]):
            cases.append(abnormal._burst_case(region, holder_id, start, end, count, limits))
    return cases


def _comparable(cases) -> list:
    """Cases by holder, samples as a set (the previous query read titles in no set order)."""
    return sorted((c.subject_id, c.kind, c.start, c.end, c.count, c.detail, tuple(sorted(c.samples)))
                  for c in cases)


# windows short enough that a burst needs several filings on one day (abnormal.busy_days
# rules holders out first), and one where every day qualifies
WINDOWS = [{}, {"burst_days": 3, "burst_min": 5}, {"burst_days": 2, "burst_min": 5},
           {"burst_days": 1, "burst_min": 3}]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bursts_equal_the_previous_query(db, seed):
    """Each region and window on one random database per seed."""
    _fill(seed)
    since = dt.date(2023, 11, 1)
    for region in (None, "32", "3205", "320506", "320102001"):
        for window in WINDOWS:
            limits = {**LIMITS, **window}
            found = abnormal.bursts(region, since, ON, limits)
            if region in (None, "32", "3205"):
                assert found, (region, window)  # the random data holds bursts there
            assert _comparable(found) == _comparable(
                _previous_bursts(region, since, ON, limits)), (region, window)
            assert [c.subject_id for c in found] == sorted(c.subject_id for c in found)


def _previous_levels(home) -> dict:
    return dict(Patent.select(Patent.region_level, pw.fn.COUNT(Patent.id))
                .where(region_filter(home)).group_by(Patent.region_level).tuples())


def test_placement_statistics_equal_the_previous_query(db):
    _fill(4)
    unplaced = Patent.select().where(Patent.province_code.is_null()).count()
    assert 0 < unplaced < 900
    for home in ("32", "3205", "320506", "3201", "320506001", "11"):
        levels = _previous_levels(home)
        stats = queue.stats(home)
        assert {k: stats[k] for k in ("street", "county", "city", "unplaced")} == {
            "street": levels.get("street", 0), "county": levels.get("county", 0),
            "city": levels.get("city", 0), "unplaced": unplaced}, home
