"""The demo region's invariants on a small run, on SQLite and PostgreSQL: numbers, dates, statuses
against the rules engine, mixes, addresses and the resolver, planted patterns, determinism."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from core import db as core_db
from core.db.models import (
    Address,
    FeePayment,
    Holder,
    HolderTag,
    LegalEvent,
    Parameter,
    Patent,
    PatentHolder,
    Region,
    RegionMember,
)
from core.demo import generate
from core.monitor import abnormal
from core.rules import feecolumns, numbers, status
from tests.conftest import BACKENDS, fresh_url

N = 3000
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module", params=BACKENDS)
def demo(request, tmp_path_factory):
    """A 3,000-patent demo as of 2026-11-24 in a fresh database of each backend, its patents made
    in a worker process as a big demo makes them (core.demo.worker)."""
    url = fresh_url(request, tmp_path_factory.mktemp("demo"))
    database = core_db.connect(url)
    database.connect(reuse_if_open=True)
    result = generate(N, seed=7, today=TODAY, keep_truth=True, in_worker=True)
    yield result
    database.close()


def test_every_application_number_passes_its_check_digit(demo):
    rows = list(Patent.select(Patent.app_no, Patent.patent_type, Patent.app_year).tuples())
    assert len(rows) == N == len({r[0] for r in rows})
    bad = [r for r in rows if not (p := numbers.parse(r[0])).valid or p.problem
           or p.patent_type != r[1] or p.filing_year != r[2]]
    assert bad == []


def test_document_numbers_have_the_format_of_their_year(demo):
    switch = dt.date(2007, 7, 1)
    bad = []
    query = Patent.select(Patent.patent_type, Patent.pub_no, Patent.pub_date, Patent.grant_no,
                          Patent.grant_date).where(Patent.pub_no.is_null(False)).tuples()
    for ptype, pub_no, pub_date, grant_no, grant_date in query:
        kinds = {"invention": "A", "utility": "U", "design": "S"} if pub_date >= switch else \
            {"invention": "A", "utility": "Y", "design": "D"}
        digits = 9 if pub_date >= switch else 7
        if not re.fullmatch(rf"CN\d{{{digits}}}{kinds[ptype]}", pub_no):
            bad.append(pub_no)
        if ptype == "invention" and grant_no and not re.fullmatch(
                r"CN\d{9}[BC]" if grant_date >= switch else r"CN\d{7}C", grant_no):
            bad.append(grant_no)
        if ptype != "invention" and grant_no != pub_no:
            bad.append(grant_no)
    assert bad == []


def test_dates_are_ordered_from_filing_to_expiry(demo):
    rows = list(Patent.select(Patent.app_date, Patent.pub_date, Patent.grant_date,
                              Patent.expiry_date, Patent.lapse_date).tuples())
    bad = []
    for app, pub, grant, expiry, lapse in rows:
        chain = [d for d in (app, pub, grant, expiry) if d is not None]
        if chain != sorted(chain) or (grant and not pub) or (lapse and lapse < app):
            bad.append((app, pub, grant, expiry, lapse))
        if (pub and pub > TODAY) or (grant and grant > TODAY):
            bad.append(("future", pub, grant))
    assert bad == []
    events = LegalEvent.select().join(Patent).where(LegalEvent.date < Patent.app_date).count()
    assert events == 0


def test_statuses_and_fee_columns_agree_with_the_rules_engine(demo):
    """Re-deriving every status from events and payments, and refreshing the fee columns, with the
    app's own rules changes nothing."""
    assert status.refresh_status(TODAY) == 0
    assert feecolumns.refresh_fee_columns(TODAY) == 0
    paid = dict(FeePayment.select(FeePayment.patent, FeePayment.patent_year.alias("y"))
                .order_by(FeePayment.patent_year).tuples())
    stored = dict(Patent.select(Patent.id, Patent.paid_through_year)
                  .where(Patent.grant_date.is_null(False)).tuples())
    assert paid == stored


def test_today_has_fees_in_grace_due_next_month_and_patents_expiring_soon(demo):
    valid = Patent.status == "valid"
    in_grace = Patent.select().where(valid & (Patent.next_fee_due < TODAY)).count()
    due_next_month = Patent.select().where(
        valid & Patent.next_fee_due.between(TODAY, TODAY + dt.timedelta(days=31))).count()
    expiring = Patent.select().where(
        valid & Patent.expiry_date.between(TODAY, TODAY + dt.timedelta(days=183))).count()
    assert in_grace > 0 and due_next_month > 0 and expiring > 0
    late = FeePayment.select().where(FeePayment.surcharge > 0).count()
    assert late > 0


def test_type_mix_growth_and_seasonality_look_like_a_manufacturing_city(demo):
    types = Counter(t for (t,) in Patent.select(Patent.patent_type).tuples())
    share = {t: types[t] / N for t in types}
    assert 0.50 <= share["utility"] <= 0.68
    assert 0.20 <= share["invention"] <= 0.32
    assert 0.08 <= share["design"] <= 0.22
    years = Counter(y for (y,) in Patent.select(Patent.app_year).tuples())
    assert years[2020] > 5 * years[2005] and min(years) == 2005 and max(years) == 2026
    months = Counter(d.month for (d,) in Patent.select(Patent.app_date)
                     .where(Patent.app_year < 2026).tuples())
    assert months[12] == max(months.values()) and months[12] > 1.25 * months[11]
    granted = Counter(s for (s,) in Patent.select(Patent.status_reason)
                      .where(Patent.patent_type == "invention").tuples())
    assert granted["rejected"] > 0 and granted["withdrawn"] > 0


def test_addresses_go_through_the_resolver_and_a_few_percent_need_a_checker(demo):
    truth = demo.truth
    local = [(raw, street) for raw, (street, county) in truth.items() if county.startswith("3205")]
    blind = sum(1 for _, street in local if street is None) / len(local)
    assert 0.01 <= blind <= 0.08
    first = Patent.select().join(Holder, on=(Patent.first_holder == Holder.id))
    in_city = first.where(Patent.city_code == "3205")
    no_street = in_city.where(Patent.street_code.is_null()).count() / in_city.count()
    assert 0.01 <= no_street <= 0.15
    assert Address.select().where(Address.status == "queued").count() > 0
    assert Address.select().where(Address.status == "new").count() == 0
    assert Patent.select().where(Patent.address_ref.is_null()).count() == 0
    unresolved_county = [raw for raw, (_, county) in truth.items()
                         if (p := Patent.get_or_none(Patent.address == raw)) is not None
                         and p.county_code not in (None, county)]
    assert len(unresolved_county) <= 0.02 * len(truth)


def test_holders_are_heavy_tailed_with_tags_reductions_and_outside_co_owners(demo):
    counts = [c for (c,) in Holder.select(Holder.patent_count).tuples()]
    assert max(counts) >= 0.02 * N
    assert sum(1 for c in counts if c <= 1) >= 0.35 * len(counts)
    kinds = Counter(k for (k,) in Holder.select(Holder.kind).tuples())
    assert {"enterprise", "university", "institute", "individual"} <= set(kinds)
    tags = Counter(t for (t,) in HolderTag.select(HolderTag.tag).tuples())
    assert tags["hightech"] > 0 and tags["above_scale"] > 0
    assert Holder.select().where(Holder.fee_reduction).count() > 0
    outside = Holder.select().where(Holder.city_code.is_null(False) & (Holder.city_code != "3205"))
    assert outside.count() > 0
    assert PatentHolder.select().where(PatentHolder.seq > 1).count() > 0


def test_events_cover_transfers_in_and_out_licences_pledges_and_restorations(demo):
    kinds = Counter(k for (k,) in LegalEvent.select(LegalEvent.kind).tuples())
    for kind in ("grant", "lapse_unpaid", "expiry", "transfer", "license", "pledge",
                 "pledge_release", "restoration", "rejection", "withdrawal", "publication"):
        assert kinds[kind] > 0, kind
    transfers = list(LegalEvent.select().where(LegalEvent.kind == "transfer"))
    assert all(t.parties_before and t.parties_after and t.address_before and t.address_after
               and t.county_before and t.county_after for t in transfers)
    assert any(not t.county_after.startswith("3205") for t in transfers)
    assert any(not t.county_before.startswith("3205") for t in transfers)
    moved = {pid for (pid,) in PatentHolder.select(PatentHolder.patent)
             .where(PatentHolder.current == False).tuples()}  # noqa: E712
    assert moved == {t.patent_id for t in transfers}
    pledges = LegalEvent.select().where(LegalEvent.kind == "pledge")
    assert all(p.amount and p.amount > 0 for p in pledges)


def test_planted_abnormal_patterns_are_found_by_the_monitor(demo):
    limits = {**abnormal.DEFAULTS, "agency_min": 50}
    found = {case.kind for case in abnormal.detect("3205", TODAY, limits)}
    assert {"similar_titles", "individual_volume", "agency_volume"} <= found


def test_custom_region_and_demo_parameters(demo):
    region = Region.get(Region.code == "C001")
    members = [m.member_code for m in RegionMember.select().where(RegionMember.region == region)]
    assert region.is_custom and len({m[:6] for m in members}) == 2
    population = Parameter.get((Parameter.key == "population") & (Parameter.region_code == "3205")
                               & (Parameter.year == 2023))
    assert population.is_demo and population.source == "演示数据"
    counties = Parameter.select().where((Parameter.key == "gdp") & (Parameter.year == 2023)
                                        & (Parameter.region_code != "3205")).count()
    assert counties == 10
    assert Parameter.select().where(Parameter.key == "target").count() >= 5


def test_industries_and_high_value_marks_are_derived_as_after_an_import(demo):
    """The shipped industry tables are loaded, every kind gets patents from their IPC codes, and
    valid inventions carry high-value marks in a realistic share (national 2025: 43 % of
    domestic valid inventions), so 产业统计 and the per-10k high-value indicator have data."""
    from core.db.models import Industry, PatentIndustry
    from core.stats import indicators
    by_kind = Counter(k for (k,) in PatentIndustry.select(Industry.kind)
                      .join(Industry, on=(PatentIndustry.industry_code == Industry.code))
                      .tuples())
    assert set(by_kind) == {"sei", "local"} and min(by_kind.values()) > N // 10
    valid = Patent.select().where((Patent.patent_type == "invention") & (Patent.status == "valid"))
    marked = valid.where(Patent.high_value == True).count()  # noqa: E712
    assert 0.2 < marked / valid.count() < 0.8
    report = indicators.compute("3205", TODAY.year, on=TODAY)
    assert report.get("hv_inventions_per_10k").numerator > 0
