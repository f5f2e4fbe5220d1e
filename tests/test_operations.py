"""core/operations: transfers in/out of a region, licences and pledges per year and sub-region."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from core.db.models import LegalEvent, Patent
from core.regions.query import Scope
from core.stats import operations

D = dt.date


def _patent(app_no, county="320506", street=None):
    return Patent.create(app_no=app_no, patent_type="invention",
                         title=f"专利{county}", status="valid", city_code=county[:4],
                         county_code=county, street_code=street)


def _transfer(patent, date, before, after, street_before=None, street_after=None):
    return LegalEvent.create(patent=patent, kind="transfer", date=date, county_before=before,
                             county_after=after, street_before=street_before,
                             street_after=street_after, parties_before="甲", parties_after="乙")


@pytest.fixture
def data(db):
    wz = _patent("2020100000011", "320506", "320506103")
    hq = _patent("2020100000026", "320505")
    nj = _patent("2020100000030", "320102")
    e = {
        "out": _transfer(wz, D(2023, 3, 1), "320506", "320102", "320506103", None),
        "in": _transfer(nj, D(2023, 5, 1), "320102", "320505"),
        "within": _transfer(hq, D(2024, 1, 1), "320505", "320506", None, "320506103"),
        "out_unknown": _transfer(hq, D(2024, 2, 1), "320505", None),
        "elsewhere": _transfer(nj, D(2024, 3, 1), "320102", "320105"),
        "license": LegalEvent.create(patent=wz, kind="license", date=D(2023, 6, 1),
                                     license_type="独占许可"),
        "pledge1": LegalEvent.create(patent=wz, kind="pledge", date=D(2024, 4, 1),
                                     amount=Decimal("1000000.00")),
        "pledge2": LegalEvent.create(patent=hq, kind="pledge", date=D(2024, 5, 1),
                                     amount=Decimal("250000.50")),
        "pledge_nj": LegalEvent.create(patent=nj, kind="pledge", date=D(2024, 5, 1),
                                       amount=Decimal("9")),
        "undated": LegalEvent.create(patent=wz, kind="license", date=None),
    }
    return e


def test_per_year_for_the_city(data):
    got = operations.per_year(Scope(region="3205"))
    expected = pd.DataFrame({"year": [2023, 2024], "transfer_in": [1, 0],
                             "transfer_out": [1, 1], "transfer_within": [0, 1],
                             "license": [1, 0], "pledge": [0, 2],
                             "pledge_amount": [0.0, 1250000.5]})
    pd.testing.assert_frame_equal(got, expected)


def test_per_year_for_a_county_sees_moves_between_counties(data):
    got = operations.per_year(Scope(region="320505", date_from=D(2024, 1, 1)))
    assert got.to_dict("records") == [
        {"year": 2024, "transfer_in": 0, "transfer_out": 2, "transfer_within": 0,
         "license": 0, "pledge": 1, "pledge_amount": 250000.5}]


def test_per_subregion_of_the_city(data):
    got = operations.per_subregion(Scope(region="3205"))
    expected = pd.DataFrame({"code": ["320505", "320506"], "name": ["虎丘区", "吴中区"],
                             "transfer_out": [1, 1], "transfer_in": [1, 0], "license": [0, 1],
                             "pledge": [1, 1], "pledge_amount": [250000.5, 1000000.0]})
    pd.testing.assert_frame_equal(got, expected)


def test_street_scope_uses_street_columns(data):
    got = operations.per_year(Scope(region="320506103"))
    assert got[["year", "transfer_in", "transfer_out"]].values.tolist() == [[2023, 0, 1],
                                                                          [2024, 1, 0]]


def test_event_lists(data):
    q = Scope(region="3205")
    transfers = operations.events(q, "transfer")
    assert transfers.columns.tolist() == operations.LIST_COLUMNS
    assert transfers[["event_id", "direction", "app_no"]].values.tolist() == [
        [data["out_unknown"].id, "out", "202010000002.6"],
        [data["within"].id, "within", "202010000002.6"],
        [data["in"].id, "in", "202010000003.0"], [data["out"].id, "out", "202010000001.1"]]
    outs = operations.events(q, "transfer", direction="out")
    assert outs["event_id"].tolist() == [data["out_unknown"].id, data["out"].id]
    pledges = operations.events(q, "pledge")
    assert pledges[["event_id", "amount"]].values.tolist() == [
        [data["pledge2"].id, 250000.5], [data["pledge1"].id, 1000000.0]]


def test_charts_per_year_and_per_subregion():
    import json

    from ui.charts import operations as charts
    frame = pd.DataFrame({"year": [2023, 2024], "transfer_in": [1, 0], "transfer_out": [1, 1],
                          "transfer_within": [0, 1], "license": [1, 0], "pledge": [0, 2],
                          "pledge_amount": [0.0, 1250000.5]})
    options = json.loads(charts.per_year(frame).dump_options())
    assert options["xAxis"][0]["data"] == ["2023", "2024"]
    assert [(s["type"], s["name"], s["data"]) for s in options["series"]] == [
        ("bar", "转入", [1, 0]), ("bar", "转出", [1, 1]), ("bar", "区域内转移", [0, 1]),
        ("bar", "许可", [1, 0]), ("bar", "质押", [0, 2]),
        ("line", "质押金额（万元）", [["2023", 0.0], ["2024", 125.0]])]
    assert options["series"][-1]["yAxisIndex"] == 1
    sub = pd.DataFrame({"code": ["320505"], "name": ["虎丘区"], "transfer_out": [1],
                        "transfer_in": [2], "license": [0], "pledge": [1],
                        "pledge_amount": [5.0]})
    options = json.loads(charts.per_subregion(sub).dump_options())
    assert options["yAxis"][0]["data"] == ["虎丘区"]
    assert [(s["name"], s["data"], s["stack"]) for s in options["series"]] == [
        ("转入", [2], "total"), ("转出", [1], "total"), ("许可", [0], "total"),
        ("质押", [1], "total")]


def _previous_events(q, kind, direction=None, limit=500) -> list:
    """events() as it was: one query over every dated event of the kind, sorted, limited."""
    from core.db.models import LegalEvent as E
    from core.regions.scope import canonical, region_filter
    dirs = operations.direction_conditions(q.region)
    query = E.select(E.id).join(Patent).where(E.kind == kind, *operations.event_dates(q))
    if kind == "transfer":
        query = query.where(dirs[direction] if direction else operations._transfer_scope(q))
    elif q.region:
        query = query.where(region_filter(canonical(q.region)))
    return [i for i, in query.order_by(E.date.desc(), E.id.desc()).limit(limit).tuples()]


@pytest.mark.parametrize("seed", [1, 2])
def test_event_lists_in_date_windows_equal_one_query(db, seed):
    """Events over 30 years, clustered on a few days (ties across a window's edge), the newest
    ones outside the city: every list, direction, limit and date range gives the ids the one
    sorted query gave."""
    import random
    rng = random.Random(seed)
    counties = ["320506", "320505", "320102", None]
    patents = [_patent(f"20201000{n:05d}", rng.choice(counties[:3])) for n in range(12)]
    latest = D(2026, 11, 1)
    first = operations.FIRST_WINDOW_DAYS  # windows' edges: first × 1, 2, 4, … days back
    days = [latest - dt.timedelta(days=d) for d in (0, first, first + 1, 2 * first, 4 * first,
                                                     4 * first + 1, 64 * first)]
    for n in range(300):
        day = (rng.choice(days) if n % 3 == 0
               else latest - dt.timedelta(days=int(rng.triangular(0, 11000, 0))))
        kind = rng.choice(["transfer", "transfer", "license", "pledge"])
        before, after = rng.choice(counties), rng.choice(counties)
        if n < 20:
            day, before, after = latest - dt.timedelta(days=n), "320102", "320105"
        LegalEvent.create(patent=rng.choice(patents), kind=kind, date=day, county_before=before,
                          county_after=after, amount=Decimal("1.00"))
    scopes = [Scope(region="3205"), Scope(region="320506"), Scope(region="32"), Scope(),
              Scope(region="3205", date_to=D(2020, 1, 1)),
              Scope(region="3205", date_from=D(2019, 6, 1), date_to=D(2025, 1, 1))]
    for q in scopes:
        for kind, direction in [("transfer", None), ("transfer", "out"), ("transfer", "in"),
                                ("license", None), ("pledge", None)]:
            for limit in (1, 7, 40, 500):
                got = operations.events(q, kind, direction=direction, limit=limit)
                assert got["event_id"].tolist() == _previous_events(q, kind, direction, limit), (
                    q, kind, direction, limit)
    assert operations.events(Scope(region="3205", date_from=D(2030, 1, 1)), "transfer").empty
