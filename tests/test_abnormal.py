"""Abnormal-filing signals on a hand-built database (SQLite and PostgreSQL)."""
import datetime as dt

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
