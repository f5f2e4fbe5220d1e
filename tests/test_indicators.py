"""Indicators on a small hand-built database: numerators, denominators, values, targets,
projections and rule texts equal hand-computed numbers under each counting rule (both backends).

Holders: H1 domestic in 虎丘区 320505; H2 domestic in 吴中区 320506; H3 non-domestic in 320505.
Patents (as-of day 2025-06-30):
  P1 invention H1, filed 2012-01-10, granted 2020, valid, high-value, maintained > 10 years
  P2 invention H2 (seq 1) + H1 (seq 2), granted 2024-03-01, valid
  P3 invention H1, granted 2025-03-01, valid, high-value (China Patent Award)
  P4 invention H1, granted 2019, lapsed 2025-02-01
  P5 invention H3 (not domestic), granted 2021, valid
  P6 utility H2, filed 2025-02-01, published/granted 2025-05-10, valid
  P7 invention H1, filed 2025-04-01, published 2025-10-01, pending
  P8 design H2, filed 2025-03-03, pending
  P9 invention now H1, originally H2 (transferred), granted 2023, valid
  P10 invention H1, granted 2025-06-01, valid (status 'valid' already in 2024 under the status basis)
  P11 utility H1, filed 2024-03-03, pending (the previous year's applications to 30 June)
"""
import datetime as dt

import pytest

from core.config import params
from core.config import rules as ruleparams
from core.db.models import Holder, Patent, PatentHolder
from core.rules.counting import CountingRule
from core.stats import indicators

D = dt.date
ON = D(2025, 6, 30)
SCALE = 365 / 181  # days in 2025 ÷ days from 1 January to 30 June


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _holder(name, county, domestic=True):
    return Holder.create(name=name, norm_name=name, kind="enterprise", domestic=domestic,
                         province_code="32", city_code="3205", county_code=county)


def _patent(n, kind, holders, app, grant=None, status="valid", lapse=None, pub=None, hv=False,
            original=None, award=None):
    first = holders[0]
    p = Patent.create(app_no=f"2025100000{n:02d}", patent_type=kind, title=f"P{n}", app_date=app,
                      app_year=app.year, grant_date=grant, grant_year=grant and grant.year,
                      pub_date=pub, status=status, lapse_date=lapse, high_value=hv, award=award,
                      domestic=first.domestic, first_holder=first, holder_count=len(holders),
                      province_code="32", city_code="3205", county_code=first.county_code)
    for seq, h in enumerate(holders, 1):
        PatentHolder.create(patent=p, holder=h, seq=seq, current=True)
    for seq, h in enumerate(original or [], 1):
        PatentHolder.create(patent=p, holder=h, seq=seq, current=False)
    return p


@pytest.fixture
def sample(db):
    h1, h2, h3 = _holder("H1", "320505"), _holder("H2", "320506"), _holder("H3", "320505", False)
    _patent(1, "invention", [h1], D(2012, 1, 10), D(2020, 5, 1), hv=True)
    _patent(2, "invention", [h2, h1], D(2021, 5, 5), D(2024, 3, 1))
    _patent(3, "invention", [h1], D(2022, 1, 1), D(2025, 3, 1), hv=True, award="中国专利奖")
    _patent(4, "invention", [h1], D(2016, 1, 1), D(2019, 1, 1), "lapsed", D(2025, 2, 1))
    _patent(5, "invention", [h3], D(2017, 1, 1), D(2021, 1, 1))
    _patent(6, "utility", [h2], D(2025, 2, 1), D(2025, 5, 10), pub=D(2025, 5, 10))
    _patent(7, "invention", [h1], D(2025, 4, 1), None, "pending", pub=D(2025, 10, 1))
    _patent(8, "design", [h2], D(2025, 3, 3), None, "pending")
    _patent(9, "invention", [h1], D(2020, 1, 1), D(2023, 8, 1), original=[h2])
    _patent(10, "invention", [h1], D(2023, 2, 2), D(2025, 6, 1))
    _patent(11, "utility", [h1], D(2024, 3, 3), None, "pending")
    params.set_value("population", 1000, "3205", 2025)
    params.set_value("population", 100, "320505", 2025)
    params.set_value("gdp", 24000, "3205", 2024)
    # a key of earlier versions (invention_per_10k) is read as inventions_per_10k
    params.set_value("target", {"invention_per_10k": 0.01, "applications": 10}, "3205", 2025)
    ruleparams.clear()
    return db


def _values(report):
    return {i.key: (i.numerator, i.denominator, i.value) for i in report.items}


def test_default_rule_every_indicator(sample):
    report = indicators.compute("3205", 2025, on=ON)
    assert report.as_of == ON
    q = 100 * (0.4 * 6 / 7 + 0.4 * 2 / 6 + 0.2 * 1 / 6)
    assert _values(report) == {
        "valid_inventions": (6, None, 6),
        "inventions_per_10k": (5, 1000, 5 / 1000),
        "hv_inventions_per_10k": (2, 1000, 2 / 1000),
        "inventions_per_1bn_gdp": (5, 2400, 5 / 2400),
        "long_per_1tn_gdp": (1, 2.4, 1 / 2.4),
        "quality": (None, None, pytest.approx(q)),
        "applications": (3, None, 3), "invention_applications": (1, None, 1),
        "grants": (3, None, 3), "invention_grants": (2, None, 2),
        "invention_applications_share_pct": (1, 3, 100 / 3),
        "applications_growth_pct": (2, 1, 200.0),
    }
    per10k = report.get("inventions_per_10k")
    assert (per10k.target, per10k.completion, per10k.gap) == (0.01, 0.5, 0.005)
    assert per10k.projection == pytest.approx((4 + (5 - 4) * SCALE) / 1000)
    assert report.get("valid_inventions").projection == pytest.approx(5 + 1 * SCALE)
    assert report.get("applications").projection == pytest.approx(3 * SCALE)
    assert report.get("applications").completion == 0.3
    assert report.get("inventions_per_1bn_gdp").note == "GDP采用2024年数据"
    assert report.type_mix == {"applications": {"invention": 1, "utility": 1, "design": 1},
                               "grants": {"invention": 2, "utility": 1, "design": 0}}
    assert per10k.rule == ("按第一权利人（当前）地址 · 仅国内权利人（不含港澳台及国外） · "
                           "截至 2025-06-30 有效（按授权日与失效日推算）")
    assert report.get("grants").rule == "按第一权利人（当前）地址 · 按授权公告日 2025-01-01 至 2025-06-30"


RULES_320505 = [  # (rule, valid domestic inventions placed in 虎丘区 320505)
    (CountingRule(), 4),  # P1 P3 P9 P10
    (CountingRule(holder="any"), 5),  # + P2 (H1 is its second holder)
    (CountingRule(holder="any", fractional=True), 4.5),  # P2 counts 1/2
    (CountingRule(basis="original"), 3),  # P9 originally H2 (吴中区)
    (CountingRule(holder="any", basis="original"), 4),  # P1 P2 P3 P10
    (CountingRule(domestic_only=False), 5),  # + P5 (H3 not domestic)
]


def test_each_counting_rule_places_patents_as_computed_by_hand(sample):
    got = []
    for rule, _ in RULES_320505:
        item = indicators.compute("320505", 2025, rule, ON).get("inventions_per_10k")
        got.append((item.numerator, item.denominator, item.value))
    assert got == [(pytest.approx(n), 100, pytest.approx(n / 100)) for _, n in RULES_320505]
    # the transferred P9 goes back to 吴中区 under the original-holder rule
    assert indicators.compute("320506", 2025, CountingRule(basis="original"), ON) \
        .get("valid_inventions").numerator == 2
    assert indicators.compute("320506", 2025, None, ON).get("valid_inventions").numerator == 1
    # the domestic switch changes only the per-population / per-GDP numerators
    off = indicators.compute("320505", 2025, CountingRule(domestic_only=False), ON)
    assert off.get("valid_inventions").numerator == 5
    assert "仅国内" not in off.get("inventions_per_10k").rule
    assert indicators.compute("320505", 2025, CountingRule(holder="any", fractional=True), ON) \
        .get("inventions_per_10k").rule.startswith("按任一权利人（当前）地址 · 分数计数")


def test_filing_and_stock_bases(sample):
    pub = indicators.compute("3205", 2025, CountingRule(filing_basis="pub"), ON)
    assert pub.get("applications").numerator == 1  # only P6 published by 30 June
    assert "按公开日" in pub.get("applications").rule
    as_of = indicators.compute("3205", 2024, CountingRule(), ON)
    status = indicators.compute("3205", 2024, CountingRule(stock_basis="status"), ON)
    assert as_of.as_of == D(2024, 12, 31)
    assert as_of.get("valid_inventions").numerator == 5  # P1 P2 P4 P5 P9 on 2024-12-31
    assert status.get("valid_inventions").numerator == 6  # stored status today: P1 P2 P3 P5 P9 P10
    assert as_of.get("applications").projection == as_of.get("applications").value


def test_sub_region_table(sample):
    table = indicators.subregions("3205", 2025, on=ON)
    assert table["code"].tolist() == ["320505", "320506"]
    assert table["name"].tolist() == ["虎丘区", "吴中区"]
    assert table["valid_inventions"].tolist() == [5, 1]
    assert table["inventions_per_10k"].tolist()[0] == 0.04
    assert table["applications"].tolist() == [1, 2]
    assert table["inventions_per_10k_met"].tolist() == [None, None]
    item = indicators.compute("320506", 2025, None, ON).get("inventions_per_10k")
    assert (item.numerator, item.value, item.note) == (1, None, "未设置人口数据（参数设置 → 人口）")


def test_monthly_progress(sample):
    months = indicators.monthly("3205", 2025, on=ON)
    assert months["month"].tolist() == [1, 2, 3, 4, 5, 6]
    assert months["applications"].tolist() == [0, 1, 2, 3, 3, 3]
    assert months["grants"].tolist() == [0, 0, 1, 1, 2, 3]
    assert months["valid_inventions"].tolist() == [5, 4, 5, 5, 5, 6]
    assert months["month_end"].tolist()[-1] == ON


def test_custom_region_counts_its_member_streets(sample):
    from core.db.models import Region, RegionMember
    park = Region.create(code="P0001", name="测试园区", level="custom", is_custom=True)
    RegionMember.create(region=park, member_code="320506")
    report = indicators.compute("P0001", 2025, None, ON)
    assert report.get("valid_inventions").numerator == 1  # P2
    assert report.get("applications").numerator == 2  # P6 P8


def test_completion_and_standing_read_sensibly_for_exceeded_and_decline_targets():
    from core.stats.indicators import completion_of, standing
    assert completion_of("applications", 150, 100) == 1.5
    assert standing("applications", 150, 100) == "超出目标 50"
    assert standing("applications", 80, 100) == "距目标 20"
    # a target of decline: no completion rate, the difference in percentage points
    assert completion_of("applications_growth_pct", 19.355, -5.0) is None
    assert standing("applications_growth_pct", 19.355, -5.0) == "超出目标 24.36 个百分点"
    assert standing("applications_growth_pct", -8.0, -5.0) == "距目标 3 个百分点"
    assert completion_of("inventions_per_10k", 5.0, 0.0) is None
    assert standing("valid_inventions", None, 3) == "—"
