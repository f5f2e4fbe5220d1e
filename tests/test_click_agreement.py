"""Click-through agreement (issue 12 item 3): on every statistics page, the number behind every
clickable element equals the count of the patent search that the click opens — the click built
by the page's own code (ui.clicks), turned into the search's URL and filters by the page's own
conversion (ui.filters.click_params, search_filters) — with a date range on the page, with the
summary tables fresh and stale; SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlparse

import pytest

from core import db as core_db
from core.config import labels
from core.cubes import rebuild
from core.db.models import PATENT_TYPES, Agency, Industry, PatentIndustry
from core.monitor import quality
from core.regions.query import Scope
from core.stats import agencies, holders, industry, overview, regions, search, trend
from tests.conftest import BACKENDS, fresh_url
from tests.stats_builder import D, custom_region, event, holder, patent
from ui import clicks, filters
from ui.charts import holders as holder_charts
from ui.charts import industry as industry_charts
from ui.clicks import Drill, Search

STREETS = ("320506001", "320506003", "320506103", "320505001", None)
COUNTIES = ("320506", "320505", "320507")


def _worlds() -> list:
    """(backend, summary tables) pairs: 'sqlite-live', 'sqlite-cube', 'postgres-…'."""
    worlds = []
    for backend in BACKENDS:
        name, marks = (backend, ()) if isinstance(backend, str) else (backend.values[0],
                                                                       backend.marks)
        worlds += [pytest.param(f"{name}-{mode}", marks=marks, id=f"{name}-{mode}")
                   for mode in ("live", "cube")]
    return worlds


@pytest.fixture(scope="module", params=_worlds())
def world(request, tmp_path_factory):
    """120 patents: every type and status, some never published, some published later than
    today, some without a street, three holders first (co-holders elsewhere), transfers; three
    agencies filing three quarters of them; industries (a parent and its child, another) for
    two thirds, 新能源 for the rest. Built once per backend and mode (the tests only read):
    'cube' reads the summary tables, built after the data; 'live' never builds them."""
    backend, mode = request.param.split("-")
    url = fresh_url(SimpleNamespace(param=backend, getfixturevalue=request.getfixturevalue),
                    tmp_path_factory.mktemp("clicks"))
    database = core_db.connect(url)
    database.connect(reuse_if_open=True)
    made = _patents()
    _agencies(made)
    _industries(made)
    custom_region("C9001", "园区", ["320506001", "320505"])
    if mode == "cube":
        rebuild.rebuild()
    yield made
    database.close()


def _patents() -> list:
    rng = random.Random(12)
    holders = [holder(f"H{i}") for i in range(4)]
    today = dt.date.today()
    made = []
    for _ in range(120):
        street = rng.choice(STREETS)
        app = D(rng.randint(2014, today.year), rng.randint(1, 12), rng.randint(1, 28))
        status = rng.choice(("valid", "valid", "pending", "lapsed"))
        grant = app + dt.timedelta(days=rng.randint(200, 1500)) if status != "pending" else None
        grant = grant if grant is None or grant <= today else None
        pub = rng.choice((None, app + dt.timedelta(days=rng.randint(100, 700))))
        made.append(patent(street, None if street else rng.choice(COUNTIES),
                           type_=rng.choice(("invention", "utility", "design")), app=app,
                           pub=pub, grant=grant, status=status,
                           reason="rejected" if status == "lapsed" and not grant else None,
                           holder_=rng.choice(holders)))
    for p in rng.sample(made, 10):
        event(p, "transfer", D(2024, 5, 1), before=rng.choice(STREETS[:4]),
              after=rng.choice(("320506", "320602001")))
    return made


def _agencies(made) -> None:
    """Three agencies file three quarters of the patents."""
    agencies_ = [Agency.create(name=f"A{i}", norm_name=f"A{i}") for i in range(3)]
    for i, p in enumerate(made):
        if i % 4:
            p.agency = agencies_[i % 3]
            p.save()


def _industries(made) -> None:
    Industry.create(code="new_energy", name="新能源", kind="sei")
    Industry.create(code="battery", name="电池", kind="sei", parent_code="new_energy")
    Industry.create(code="ai", name="人工智能", kind="sei")
    for i, p in enumerate(made):
        PatentIndustry.create(patent=p, industry_code=("new_energy", "battery", "ai")[i % 3])


def _count(click, scope: Scope) -> int:
    assert isinstance(click, Search), click
    return search.count(filters.search_filters(filters.click_params(click, scope)))[0]


SCOPES = [Scope("320506"), Scope("3205", D(2020, 1, 1), D(2024, 12, 31)),
          Scope("320506", D(2019, 1, 1), D(2023, 12, 31), "grant", ("invention",))]


@pytest.mark.parametrize("scope", SCOPES)
def test_overview_numbers_equal_their_searches(world, scope):
    subs = overview.subregions(scope)
    for name, valid in zip(subs["name"], subs["valid"]):
        click = clicks.subregion(name, subs)
        if not isinstance(click, Drill):
            assert _count(click, scope) == valid, name
    streets = overview.streets(scope)
    for name, valid in zip(streets["name"], streets["valid"]):
        assert _count(clicks.subregion(name, streets), scope) == valid, name
    years = overview.yearly(scope, 2015, dt.date.today().year)
    for series, column in ((labels.APPLICATIONS, "applications"), (labels.GRANTS, "grants")):
        for year, number in zip(years["year"], years[column]):
            click = clicks.period_series(clicks.Pick(series, str(year)), clicks.YEARLY)
            assert _count(click, scope) == number, (column, year)
    split = overview.type_split(scope)
    for kind, valid in zip(split["patent_type"], split["valid"]):
        click = clicks.patent_type(clicks_label(kind), {kind: clicks_label(kind)})
        assert _count(click, scope) == valid, kind
    for inventions in (False, True):
        top = overview.top_holders(scope, inventions)
        for name, valid in zip(top["name"], top["valid"]):
            assert _count(clicks.named_holder(name, top, inventions), scope) == valid, name


def clicks_label(kind: str) -> str:
    return labels.PATENT_TYPE[kind]


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("level", ["child", "street", "custom"])
def test_regions_page_numbers_equal_their_searches(world, scope, level):
    table = regions.table(scope, level)
    for measure in (*clicks.MEASURES, "transfers_in"):
        for name, number in zip(table["name"], table[measure]):
            click = clicks.subregion(name, table, drill=level == "child", measure=measure)
            if measure == "transfers_in":
                assert click is None or isinstance(click, Drill)
            elif not isinstance(click, Drill):
                assert _count(click, scope) == number, (measure, name)
    code = table["code"].iloc[0]
    for measure in ("applications", "grants"):
        top = regions.top_holders(scope.with_region(code), measure)
        for name, n in zip(top["name"], top["n"]):
            assert _count(clicks.top_holder(name, top, code, measure), scope) == n, name


@pytest.mark.parametrize("scope", SCOPES)
def test_holders_page_numbers_equal_their_searches(world, scope):
    """权利人统计: a type's part of a holder's bar counts its valid patents of that type as first
    holder, in the page's industry."""
    for q in (scope, scope.with_holders(industry="new_energy")):
        rows = holders.holder_stats(q)
        assert len(rows)
        for kind, column in holder_charts.TYPE_COLUMN.items():
            for name, number in zip(rows["name"], rows[column]):
                click = clicks.holder(clicks.Pick(labels.PATENT_TYPE[kind], name), rows,
                                      q.industry)
                assert _count(click, filters.every_type(q)) == number, (q, kind, name)


@pytest.mark.parametrize("scope", [*SCOPES[:2], Scope("3205", D(2019, 3, 15), D(2024, 6, 30))])
@pytest.mark.parametrize("unit", ["year", "month"])
def test_trend_numbers_equal_their_searches(world, scope, unit):
    """趋势统计: a period's filings (or grants) bar of each type and the period's total (its
    year-on-year point), and a pipeline cohort's filed, published and granted inventions; also
    when the page's range cuts the first and last year short (the click is cut the same)."""
    within = (scope.date_from, scope.date_to)
    for func, basis in ((trend.applications, "app"), (trend.grants, "grant")):
        frame = func(scope, unit)
        for series, column in [(labels.PATENT_TYPE[t], t) for t in PATENT_TYPES
                               if t in frame] + [(labels.YOY, "total")]:
            for period, number in zip(frame["period"], frame[column]):
                click = clicks.period_series(clicks.Pick(series, str(period)), clicks.BY_TYPE,
                                             unit, basis, within=within)
                assert _count(click, scope) == number, (basis, column, period)
    frame = trend.pipeline(scope)
    for stage, series in labels.PIPELINE_STAGES.items():
        for period, number in zip(frame["period"], frame[stage]):
            click = clicks.period_series(clicks.Pick(series, str(period)), clicks.PIPELINE,
                                         within=within)
            if stage == "examined":  # in or past examination: no search filter lists it
                assert click is None
            else:
                assert _count(click, scope) == number, (stage, period)


@pytest.mark.parametrize("scope", SCOPES)
def test_agencies_page_numbers_equal_their_searches(world, scope):
    """代理机构统计: an agency's bars count its filings in the period and the valid ones among
    them."""
    ranking = agencies.ranking(scope)
    assert len(ranking)
    for series, column in (("filings", "filings"), ("valid", "valid")):
        for name, number in zip(ranking["name"], ranking[column]):
            click = clicks.agency(clicks.Pick(labels.AGENCY_COLUMNS[series], name), ranking)
            assert _count(click, scope) == number, (column, name)


@pytest.mark.parametrize("scope", SCOPES)
def test_industry_page_numbers_equal_their_searches(world, scope):
    """产业统计: a bar of each series of an industry (applications in the period, valid patents,
    valid inventions) searches what that bar counts."""
    frame = industry.summary(scope)
    assert len(frame)
    for series, column in industry_charts.SERIES.items():
        for name, number in zip(frame["name"], frame[column]):
            click = clicks.industry(clicks.Pick(series, name), frame, industry_charts.SERIES)
            assert _count(click, scope) == number, (column, name)
    shares = industry.emerging_share(scope, 2015, dt.date.today().year)
    for year, total in zip(shares["year"], shares["total"]):  # a year's stack: its filings
        assert _count(clicks.period(str(year)), scope) == total, year


def test_the_published_card_equals_the_default_search(world):
    """公开专利 on the overview = the search without filters (published by today)."""
    for region in ("3205", "320506", "320505001"):
        cards = overview.cards(Scope(region), dt.date.today())
        got = search.count(filters.search_filters(filters.search_params(Scope(region))))[0]
        assert cards.published == got, region


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("subject", quality.SUBJECTS)
def test_filing_quality_numbers_equal_their_searches(world, scope, subject):
    """申请质量监测: a row's link (a first holder, or an agency; the URL the table shows) lists
    the filings the row counts:
    in the period by filing date whatever the page's date basis, of the page's region and
    types. Its rates (授权率, 驳回率, 撤回率, 发明占比, 维持超N年) and closed cases are not
    lists the search can express (a ratio; status reasons are no search filter)."""
    limits = {**quality.rule(scope.region), "min_filings": 1}
    frame = quality.ranking(scope, subject, dt.date.today(), limits=limits)
    assert len(frame) >= 2
    for subject_id, filings in zip(frame["subject_id"], frame["filings"]):
        link = urlparse(filters.click_link(clicks.quality_subject(subject, subject_id), scope))
        assert link.path == f"/{filters.SEARCH_URL}"
        params = dict(parse_qsl(link.query))
        assert search.count(filters.search_filters(params))[0] == filings, (subject, subject_id)
