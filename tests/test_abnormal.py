"""Abnormal-filing signals on a hand-built database (SQLite and PostgreSQL)."""
import datetime as dt
import random
import statistics
from collections import Counter

import pytest

from core.cubes import rebuild
from core.cubes import subject as subject_cube
from core.db import bulk_insert
from core.db.models import Agency, Holder, Patent
from core.monitor import abnormal

ON = dt.date(2026, 11, 24)
LIMITS = {**abnormal.DEFAULTS, "burst_min": 5, "similar_min": 4, "individual_year_min": 6,
          "agency_factor": 3.0, "agency_min": 6}


def _holder(name, kind="enterprise"):
    return Holder.create(name=name, norm_name=name, kind=kind).id


def _file(holder, day, title, agency=None, county="320506"):
    return (holder, day, day.year, title, "utility", agency, county, "3205", "valid")


def _insert(rows):
    bulk_insert(Patent, ["first_holder", "app_date", "app_year", "title", "patent_type", "agency",
                         "county_code", "city_code", "status"], rows)


def test_a_burst_of_near_identical_titles_is_found_with_its_window(db):
    firm = _holder("苏州某某机电有限公司")
    start = dt.date(2026, 3, 2)
    rows = [_file(firm, start + dt.timedelta(days=i % 4), f"一种可调节的{i}型散热装置")
            for i in range(6)]
    rows += [_file(firm, dt.date(2025, 1, 10), "一种数据处理方法")]
    _insert(rows)
    cases = abnormal.detect("3205", ON, LIMITS)
    assert [(c.kind, c.subject, c.start, c.end, c.count, c.detail) for c in cases] == [
        ("similar_titles", "苏州某某机电有限公司", dt.date(2026, 3, 2), dt.date(2026, 3, 5), 6, "6")]


def test_a_burst_of_different_titles_is_only_a_burst(db):
    firm = _holder("苏州甲公司")
    titles = ["一种电池", "显示面板", "一种轴承座", "冷却塔", "一种包装盒"]
    _insert([_file(firm, dt.date(2026, 5, 1), t) for t in titles])
    assert [(c.kind, c.count) for c in abnormal.detect("3205", ON, LIMITS)] == [("burst", 5)]


def test_filings_spread_over_weeks_are_not_a_burst(db):
    firm = _holder("苏州乙公司")
    _insert([_file(firm, dt.date(2026, 1, 1) + dt.timedelta(days=10 * i), f"一种装置{i}")
             for i in range(5)])
    assert abnormal.detect("3205", ON, LIMITS) == []


def test_an_individual_with_many_filings_in_a_year_is_flagged(db):
    person = _holder("王某", "individual")
    _insert([_file(person, dt.date(2024, m, 15), f"标题{m}") for m in range(1, 7)])
    cases = abnormal.detect("3205", ON, LIMITS)
    assert [(c.kind, c.subject, c.start.year, c.count) for c in cases] == [
        ("individual_volume", "王某", 2024, 6)]


def test_an_individual_one_filing_short_in_each_year_is_not_flagged(db):
    """Five filings a year (the limit is six) in two years: eleven over the period, none in a
    year over the limit; an enterprise's busy year flags nobody."""
    person = _holder("赵某", "individual")
    firm = _holder("苏州丁公司")
    _insert([_file(person, dt.date(year, m, 15), f"标题{m}") for year in (2024, 2025)
             for m in range(1, 6)] + [_file(person, dt.date(2026, 1, 15), "标题")]
            + [_file(firm, dt.date(2024, m, 15), f"标题{m}") for m in range(1, 10)])
    assert abnormal.individual_volume("3205", dt.date(2023, 11, 1), LIMITS) == []


def test_individuals_of_equal_volume_come_by_holder_and_year(db):
    """Equal counts keep one order on both engines: holder id, then year."""
    people = [_holder(name, "individual") for name in ("李某", "张某")]
    firm = _holder("苏州丙公司")
    _insert([_file(h, dt.date(year, m, 15), f"标题{m}") for h in (people[1], firm, people[0])
             for year in (2025, 2024) for m in range(1, 7)])
    cases = abnormal.individual_volume("3205", dt.date(2023, 11, 1), LIMITS)
    assert [(c.subject, c.start.year, c.count) for c in cases] == [
        ("李某", 2024, 6), ("李某", 2025, 6), ("张某", 2024, 6), ("张某", 2025, 6)]


def test_an_agency_far_above_its_peers_is_flagged(db):
    firms = [_holder(f"公司{i}") for i in range(4)]
    agencies = [Agency.create(name=f"代理所{i}", norm_name=f"代理所{i}").id for i in range(4)]
    rows = [_file(firms[i], dt.date(2025, 6, 1) + dt.timedelta(days=30 * k), f"t{k}", agencies[i])
            for i in range(3) for k in range(2)]
    rows += [_file(firms[3], dt.date(2025, 1, 1) + dt.timedelta(days=20 * k), f"x{k}", agencies[3])
             for k in range(8)]
    _insert(rows)
    cases = abnormal.detect("3205", ON, LIMITS)
    assert [(c.kind, c.subject, c.count, c.detail) for c in cases] == [
        ("agency_volume", "代理所3", 8, "2")]


def test_patents_outside_the_region_are_ignored(db):
    firm = _holder("外地公司")
    _insert([_file(firm, dt.date(2026, 5, 1), "一种装置", county="320102") for _ in range(6)])
    assert abnormal.detect("320505", ON, LIMITS) == []
    assert [c.kind for c in abnormal.detect("320102", ON, LIMITS)] == ["similar_titles"]


def test_the_densest_window_counts_days_inclusive_of_its_width():
    d = dt.date(2026, 1, 1)
    days = [(d, 2), (d + dt.timedelta(days=6), 3), (d + dt.timedelta(days=7), 4)]
    assert abnormal.densest_window(days, 7) == (d + dt.timedelta(days=6), d + dt.timedelta(days=7), 7)


# --- subject_year_cube (a province's or a city's busy years) against live and the definition ----

PLACES = (("32", "3205", "320506"), ("32", "3205", "320507"), ("32", "3201", "320102"),
          ("31", "3101", "310115"))


def _random_filings(rng) -> list[tuple]:
    """Random filings of a few individuals, firms and agencies around three years, some without
    holder or agency: (holder, kind, agency, day, province, city, county) per patent."""
    kinds = ("individual", "individual", "individual", "enterprise", "enterprise")
    holders = [(_holder(f"人{i}", kind), kind) for i, kind in enumerate(kinds)]
    agencies = [Agency.create(name=f"所{i}", norm_name=f"所{i}").id for i in range(5)]
    made = []
    for _ in range(rng.randint(150, 260)):
        holder, kind = rng.choice(holders + [(None, None)])
        agency = rng.choice(agencies + [None, None])
        day = dt.date(rng.randint(2022, 2026), rng.choice((1, 3, 4, 6, 7, 9, 12)),
                      rng.choice((1, 2, 15, 28)))
        made.append((holder, kind, agency, day, *rng.choice(PLACES)))
    early = Agency.create(name="早所", norm_name="早所").id  # none of its 2023 filings after March
    made += [(None, None, early, dt.date(2023, 1, 15), *PLACES[0]) for _ in range(3)]
    bulk_insert(Patent, ["first_holder", "agency", "app_date", "app_year", "title", "patent_type",
                         "province_code", "city_code", "county_code", "status"],
                [(h, a, day, day.year, f"题{i}", "utility", p, c, county, "valid")
                 for i, (h, _, a, day, p, c, county) in enumerate(made)])
    return made


def _expected(made, region: str, since: dt.date, limits: dict) -> tuple[list, list]:
    """(individuals' (holder, year, n), agencies' (agency, year, n, median) flagged, every
    agency's (agency, year, n)) from the definitions (module docstring)."""
    inside = [m for m in made if region in m[4:] and m[3] >= since]
    people = Counter((h, day.year) for h, kind, _, day, *_ in inside if kind == "individual")
    busy = sorted((h, y, n) for (h, y), n in people.items()
                  if n >= limits["individual_year_min"])
    volumes = Counter((a, day.year) for _, _, a, day, *_ in inside if a is not None)
    medians = {y: statistics.median([n for (_, yy), n in volumes.items() if yy == y])
               for _, y in volumes}
    flagged = sorted((a, y, n, medians[y]) for (a, y), n in volumes.items()
                     if n >= limits["agency_min"] and n >= limits["agency_factor"] * medians[y])
    return busy, flagged, sorted((a, y, n) for (a, y), n in volumes.items())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_busy_years_from_the_cube_and_live_equal_the_definition(db, seed):
    """A province, a city (subject_year_cube once the tables are built: since on 1 January, in
    the year's first half — the agencies' year from the cube less the days before —, in its
    second half) and a county (live): individuals' and agencies' years equal the definition."""
    made = _random_filings(random.Random(seed))
    limits = {**LIMITS, "individual_year_min": 4, "agency_factor": 1.5, "agency_min": 3}
    for built in (False, True):
        if built:
            rebuild.rebuild()
        for region in ("32", "3205", "320506"):
            assert subject_cube.usable(region) == (built and len(region) < 6)
            for since in (dt.date(2023, 1, 1), dt.date(2023, 4, 1), dt.date(2023, 9, 1),
                          dt.date(2024, 6, 1)):
                busy, flagged, volumes = _expected(made, region, since, limits)
                assert abnormal.agency_years(region, since) == volumes, (built, region, since)
                got = abnormal.individual_volume(region, since, limits)
                assert [(c.subject_id, c.start.year, c.count) for c in got] == busy, \
                    (built, region, since)
                got = abnormal.agency_volume(region, since, limits)
                assert [(c.subject_id, c.start.year, c.count, float(c.detail)) for c in got] \
                    == flagged, (built, region, since)
