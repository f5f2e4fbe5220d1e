"""core.monitor.quality (申请质量监测) on SQLite and PostgreSQL: per holder and per agency the
invention share, grant / rejection / withdrawal rates per closed invention case, the share kept
past years 3, 5 and 10, rankings and warnings under the thresholds."""
from __future__ import annotations

import math
from urllib.parse import parse_qsl, urlparse

import pandas as pd
import pytest

from core.db.models import Agency
from core.monitor import quality
from core.regions.query import Scope
from tests.conftest import SKIP_PG
from tests.monitor_data import holder, patent
from tests.stats_builder import D

ON = D(2026, 6, 1)
LIMITS = {"min_filings": 2, "min_closed": 3, "grant_rate_below": 0.6,
          "rejection_rate_above": 0.2, "withdrawal_rate_above": 0.5,
          "invention_share_below": 0.1, "kept_3_below": 0.5}
NAN = math.nan


@pytest.fixture
def world(db):
    h1, h2 = holder("甲公司", kind="enterprise"), holder("乙", kind="individual")
    h3 = holder("南京丙公司", kind="enterprise")
    a1 = Agency.create(name="一号代理", norm_name="一号代理")
    a2 = Agency.create(name="二号代理", norm_name="二号代理")
    rows = [  # app_no, holder, type, filed, granted, status, reason, lapse, agency
        ("I1", h1, "invention", D(2015, 1, 10), D(2017, 1, 1), "valid", "granted", None, a1),
        ("I2", h1, "invention", D(2018, 3, 1), D(2020, 1, 1), "lapsed", "unpaid_fee",
         D(2022, 3, 1), a1),
        ("I3", h1, "invention", D(2019, 5, 1), None, "lapsed", "rejected", None, a1),
        ("I4", h1, "invention", D(2020, 5, 1), None, "lapsed", "withdrawn", None, a2),
        ("I5", h1, "invention", D(2024, 5, 1), None, "pending", "examining", None, a2),
        ("U1", h1, "utility", D(2021, 1, 1), D(2021, 8, 1), "valid", "granted", None, a2),
        ("U2", h2, "utility", D(2024, 2, 1), None, "pending", None, None, a1),
        ("U3", h2, "utility", D(2024, 3, 1), None, "pending", None, None, a2),
        ("D1", h2, "design", D(2023, 1, 1), D(2023, 5, 1), "valid", "granted", None, a2),
    ]
    for app_no, h, kind, filed, granted, status, reason, lapse, agency in rows:
        patent(app_no, h, patent_type=kind, app_date=filed, grant_date=granted, status=status,
               status_reason=reason, lapse_date=lapse, agency=agency)
    patent("N1", h3, county="320102", street=None, city_code="3201", app_date=D(2024, 1, 1),
           agency=a1)
    return h1, h2, a1, a2


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=quality.COLUMNS).astype(
        {c: float for c in quality.COLUMNS[5:13] if c not in ("closed",)})


def test_holders_ranked_with_rates_kept_shares_and_warnings(world):
    h1, h2, _, _ = world
    got = quality.ranking(Scope("3205"), "holder", ON, limits=LIMITS)
    expected = _frame([
        [h1.id, "甲公司", "enterprise", 6, 5, 0.8333, 4, 0.5, 0.25, 0.25, 1.0, 0.6667, 1.0,
         True, "low_grant,high_rejection"],
        [h2.id, "乙", "individual", 3, 0, 0.0, 0, NAN, NAN, NAN, 1.0, NAN, NAN, True,
         "low_invention"]])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert quality.summary(got) == {"subjects": 2, "warned": 2, "reasons": {
        "low_grant": 1, "high_rejection": 1, "high_withdrawal": 0, "low_invention": 1,
        "low_kept": 0}}


def test_sorting_period_types_and_the_volume_floor(world):
    h1, h2, _, _ = world
    by_share = quality.ranking(Scope("3205"), "holder", ON, "invention_share", LIMITS)
    assert by_share["name"].tolist() == ["甲公司", "乙"]
    by_rate = quality.ranking(Scope("3205"), "holder", ON, "grant_rate", LIMITS)
    assert by_rate["name"].tolist() == ["甲公司", "乙"]  # no closed case: last
    since = quality.ranking(Scope("3205", D(2019, 1, 1)), "holder", ON, limits=LIMITS)
    assert since[["name", "filings", "closed", "grant_rate", "reasons"]].values.tolist()[0] == [
        "甲公司", 4, 2, 0.0, ""]  # 2 closed cases: too few for a rate warning
    inventions = quality.ranking(Scope("3205", patent_types=("invention",)), "holder", ON,
                                 limits=LIMITS)
    assert inventions["name"].tolist() == ["甲公司"]
    assert quality.ranking(Scope("3205"), "holder", ON, limits={**LIMITS, "min_filings": 4}
                           )["name"].tolist() == ["甲公司"]


def test_agencies_ranked_over_the_regions_patents(world):
    _, _, a1, a2 = world
    got = quality.ranking(Scope("3205"), "agency", ON, limits={**LIMITS, "min_closed": 1})
    assert got[["subject_id", "name", "kind", "filings", "inventions", "closed", "grant_rate",
                "rejection_rate", "withdrawal_rate", "reasons"]].values.tolist() == [
        [a2.id, "二号代理", None, 5, 2, 1, 0.0, 0.0, 1.0, "low_grant,high_withdrawal"],
        [a1.id, "一号代理", None, 4, 3, 3, 0.6667, 0.3333, 0.0, "high_rejection"]]


def test_the_default_thresholds():
    assert quality.rule() == {"min_filings": 20, "min_closed": 10, "grant_rate_below": 0.3,
                              "rejection_rate_above": 0.4, "withdrawal_rate_above": 0.5,
                              "invention_share_below": 0.05, "kept_3_below": 0.5}


# --- 申请质量监测 through AppTest, and its chart --------------------------------------------------

def _page(role: str = "viewer"):
    from pathlib import Path

    import streamlit as st
    from streamlit.testing.v1 import AppTest
    st.cache_data.clear()
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "pages/filing_quality.py"),
                           default_timeout=60)
    for key, value in dict(authentication_status=True, roles=[role], username=role,
                           scope_state=Scope("3205")).items():
        at.session_state[key] = value
    return at.run()


@pytest.fixture
def limited(world):
    from core.config import params
    from core.config import rules as ruleparams
    params.set_value("filing_quality", LIMITS, region_code="3205")
    ruleparams.clear()
    yield world
    ruleparams.clear()


@pytest.mark.parametrize("db_url,role", [("sqlite", "viewer"), ("sqlite", "admin"),
                                         pytest.param("postgres", "checker", marks=SKIP_PG)],
                         indirect=["db_url"])
def test_the_quality_page_ranks_holders_and_agencies_with_warnings(app_env, limited, role):
    at = _page(role)
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == "申请质量监测"
    assert [(m.label, m.value) for m in at.metric] == [
        ("参与排名", "2"), ("有预警", "2"), ("发明授权率偏低", "1"), ("驳回率偏高", "1"),
        ("撤回率偏高", "0"), ("发明占比偏低", "1"), ("授权后3年内放弃偏多", "0")]
    assert "发明授权率 < 60%" in at.caption[1].value
    table = at.dataframe[0].value
    assert table[["name", "kind", "filings", "closed", "reasons"]].values.tolist() == [
        ["甲公司", "企业", 6, 4, "发明授权率偏低、驳回率偏高"], ["乙", "个人", 3, 0, "发明占比偏低"]]
    assert table["grant_rate"].iloc[0] == 0.5 and pd.isna(table["grant_rate"].iloc[1])
    at.radio(key="fq_subject").set_value("agency").run()
    table = at.dataframe[0].value
    assert "kind" not in table.columns
    assert table[["name", "filings", "reasons"]].values.tolist() == [
        ["二号代理", 5, ""], ["一号代理", 4, "驳回率偏高"]]
    link = dict(parse_qsl(urlparse(table["link"].iloc[1]).query))
    assert {k: link.get(k) for k in ("agency_id", "basis", "unpublished")} == {
        "agency_id": str(limited[2].id), "basis": "app", "unpublished": "1"}
    at.toggle(key="fq_warned").set_value(True).run()
    assert at.dataframe[0].value["name"].tolist() == ["一号代理"]


def test_the_rates_chart_of_the_biggest_filers():
    import json

    from ui.charts import quality as charts
    frame = pd.DataFrame({"subject_id": [1, 2], "name": ["甲", "乙"], "filings": [3, 6],
                          "grant_rate": [NAN, 0.5], "rejection_rate": [NAN, 0.25],
                          "withdrawal_rate": [NAN, 0.25]})
    options = json.loads(charts.rates(frame).dump_options())
    assert options["yAxis"][0]["data"] == ["乙", "甲"]
    assert [(s["name"], s["data"]) for s in options["series"]] == [
        ("发明授权率", [50, 0]), ("驳回率", [25, 0]), ("撤回率", [25, 0])]


# --- summary tables (core.cubes.quality) against the live path and the definition ----------------

def _random_world(rng, on) -> list[tuple]:
    """Random patents around the boundary days of `on` (3, 5 and 10 years before); returns
    (holder id, agency id, county, type, filed, granted, status, reason, lapse) per patent."""
    import datetime as dt
    holders = [holder(f"权利人{i}", kind="enterprise").id for i in range(6)]
    agencies = [Agency.create(name=f"代理{i}", norm_name=f"代理{i}").id for i in range(3)]
    made = []
    for i in range(rng.randint(40, 120)):
        if rng.random() < 0.3:
            n = rng.choice((3, 5, 10))
            filed = on.replace(year=on.year - n) + dt.timedelta(days=rng.choice((-1, 0, 1, 40)))
        else:
            filed = D(rng.randint(2012, 2026), rng.randint(1, 12), rng.randint(1, 28))
        filed = None if rng.random() < 0.05 else filed
        kind = rng.choice(("invention", "invention", "utility", "design"))
        reason = rng.choice(("granted", "rejected", "withdrawn", "unpaid_fee", "examining", None))
        grant = filed + dt.timedelta(days=400) if filed and reason in ("granted", "unpaid_fee") \
            and rng.random() < 0.9 else None
        status = "valid" if grant and rng.random() < 0.5 else rng.choice(("lapsed", "pending"))
        lapse = None
        if status == "lapsed" and filed and rng.random() < 0.8:
            lapse = filed.replace(year=filed.year + rng.choice((2, 3, 4, 5, 9, 10, 11))) + \
                dt.timedelta(days=rng.choice((-1, 0, 1, 30)))
        h = rng.choice(holders + [None])
        a = rng.choice(agencies + [None])
        county = rng.choice(("320506", "320506", "320507", "320102"))
        patent(f"R{i}", h, county=county,
               street="320506001" if county == "320506" else None, city_code=county[:4],
               patent_type=kind, app_date=filed, grant_date=grant, status=status,
               status_reason=reason, lapse_date=lapse, agency=a,
               app_year=filed.year if filed else None)
        made.append((h, a, county, kind, filed, grant, status, reason, lapse))
    return made


def _reference(made, subject: str, scope: Scope, on, min_filings: int) -> list[list[int]]:
    """COUNT_COLUMNS per subject, from the definitions (module docstring), by subject id."""
    counts: dict[int, list[int]] = {}
    for h, a, county, kind, filed, grant, status, reason, lapse in made:
        key = h if subject == "holder" else a
        street = "320506001" if county == "320506" else ""
        if key is None or not (street or county).startswith(scope.region) or \
                (scope.patent_types and kind not in scope.patent_types):
            continue
        if scope.has_dates and (filed is None or filed < (scope.date_from or filed)
                                or filed > (scope.date_to or filed)):
            continue
        inv, rejected, withdrawn = kind == "invention", reason == "rejected", reason == "withdrawn"
        row = [1, inv, inv and (grant is not None or rejected or withdrawn),
               inv and grant is not None, inv and grant is None and rejected,
               inv and grant is None and withdrawn]
        eligible = [grant is not None and filed <= on.replace(year=on.year - n)
                    for n in quality.YEARS]
        kept = [status == "valid" or (lapse is not None and
                                      lapse >= filed.replace(year=filed.year + n))
                for n in quality.YEARS]
        row += eligible + [e and k for e, k in zip(eligible, kept)]
        counts[key] = [x + int(y) for x, y in zip(counts.get(key, [0] * len(row)), row)]
    return sorted([k, *v] for k, v in counts.items() if v[0] >= max(1, min_filings))


QUALITY_SCOPES = [Scope("3205"), Scope("320506"), Scope("32"), Scope(""),
                  Scope("3205", patent_types=("invention",)),
                  Scope("320506", patent_types=("utility", "design")),
                  Scope("3205", D(2016, 1, 1), D(2021, 12, 31)),
                  Scope("32", D(2023, 1, 1), None, patent_types=("invention", "design")),
                  Scope("3205", None, D(2016, 12, 31)),
                  Scope("3205", D(2016, 3, 1), D(2023, 6, 1)),  # not whole years: live
                  Scope("320506001")]  # a street: live


@pytest.mark.parametrize("seed,on", [(0, ON), (1, ON), (2, D(2026, 10, 20)),
                                     (3, D(2026, 12, 31))])
def test_rankings_from_the_cubes_and_live_equal_the_definition(db, seed, on):
    """Days in the first half of the year (the boundary years' grants up to the day read live)
    and in the second (the whole year from the cube, the grants after the day subtracted)."""
    import random

    from core.cubes import rebuild
    made = _random_world(random.Random(seed), on)
    live = {}
    for cube in (False, True):
        if cube:
            rebuild.rebuild()
        for i, scope in enumerate(QUALITY_SCOPES):
            assert quality.use_cube(scope, years=True) == (cube and i < 9)
            for subject in quality.SUBJECTS:
                for floor in (1, 4):
                    got = quality._counts(scope, subject, on, floor)
                    got = got.sort_values("subject_id")[["subject_id", *quality.COUNT_COLUMNS]]
                    assert got.values.tolist() == _reference(made, subject, scope, on, floor), \
                        (cube, scope, subject, floor)
                limits = {**LIMITS, "min_filings": 3}
                ranked = quality.ranking(scope, subject, on, "kept_3", limits)
                if cube:
                    pd.testing.assert_frame_equal(ranked, live[(i, subject)])
                live[(i, subject)] = ranked
