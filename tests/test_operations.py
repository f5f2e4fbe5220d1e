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
