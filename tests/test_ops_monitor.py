"""core.monitor.ops_monitor (运营监控) and the holder outflow alerts, on SQLite and PostgreSQL:
totals, the players of each side, the flows to and from other regions, alerts opened once per
holder and year, kept current, closed when the condition ends, and staff decisions audited."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import pytest

from core.config import params
from core.config import rules as ruleparams
from core.db.models import Alert, AuditLog, LegalEvent
from core.monitor import alerts, ops_monitor
from core.regions.query import Scope
from tests.stats_builder import D, holder, patent

YEAR = Scope("3205", D(2025, 1, 1), D(2025, 12, 31))
NOW = dt.datetime(2025, 10, 1, 2, 0)


def transfer(p, day, before, after, parties_before, parties_after="受让方"):
    def split(code):
        return (code[:6], code if len(code) == 9 else None) if code else (None, None)
    (cb, sb), (ca, sa) = split(before), split(after)
    return LegalEvent.create(patent=p, kind="transfer", date=day, county_before=cb,
                             street_before=sb, county_after=ca, street_after=sa,
                             parties_before=parties_before, parties_after=parties_after)


def dealing(p, kind, day, party, amount=None):
    return LegalEvent.create(patent=p, kind=kind, date=day, parties_before=party,
                             parties_after="银行", amount=amount)


@pytest.fixture
def world(db):
    ruleparams.clear()
    jia, yi = holder("甲公司"), holder("乙公司")
    moved = [patent(county=c, holder_=jia) for c in ("310115", "320102", "320602", "320602")]
    p4 = patent(county="320505", holder_=yi)
    p5 = patent("320506001", holder_=jia)
    nanjing = patent(county="320102")
    events = {
        "t1": transfer(moved[0], D(2025, 2, 1), "320506001", "310115", "甲公司"),
        "t2": transfer(moved[1], D(2025, 3, 1), "320506", "320102", "甲公司"),
        "t3": transfer(moved[2], D(2025, 4, 1), "320505", None, "甲公司;丁"),
        "t7": transfer(moved[3], D(2025, 1, 15), "320507", "320602", "丙"),
        "t4": transfer(p4, D(2025, 5, 1), "310115", "320505", "上海某公司", "乙公司"),
        "t5": transfer(p5, D(2025, 6, 1), "320505", "320506001", "丙", "甲公司"),
        "t6": transfer(p4, D(2024, 12, 31), "320506", "310115", "乙公司"),
    }
    dealing(p5, "license", D(2025, 7, 1), "甲公司")
    dealing(p4, "license", D(2025, 7, 2), "乙公司")
    dealing(nanjing, "license", D(2025, 7, 3), "戊")
    dealing(p5, "pledge", D(2025, 8, 1), "甲公司", Decimal("1000000"))
    dealing(p4, "pledge", D(2025, 9, 1), "乙公司", Decimal("500000"))
    dealing(p4, "pledge", D(2025, 9, 2), "乙公司", Decimal("250000"))
    yield {"jia": jia, "yi": yi, **events}
    ruleparams.clear()


def test_the_default_period_is_this_year_up_to_today():
    today = D(2025, 10, 1)
    assert Scope("3205").or_this_year(today) == Scope("3205", D(2025, 1, 1), today)
    assert YEAR.or_this_year(today) == YEAR


def test_totals_of_the_period(world):
    assert ops_monitor.totals(YEAR) == {
        "transfer_in": 1, "transfer_out": 4, "transfer_within": 1, "license": 2, "pledge": 3,
        "pledge_amount": 1750000.0}


def _players(side, q=YEAR, **kw):
    return ops_monitor.players(q, side, **kw).to_dict("records")


def test_players_of_each_side(world):
    jia, yi = world["jia"].id, world["yi"].id
    assert _players("out") == [
        {"name": "甲公司", "holder_id": jia, "kind": "enterprise", "events": 3, "patents": 3,
         "amount": 0.0, "last_date": D(2025, 4, 1), "county": "320505"},
        {"name": "丙", "holder_id": None, "kind": None, "events": 1, "patents": 1,
         "amount": 0.0, "last_date": D(2025, 1, 15), "county": "320507"}]
    assert _players("in") == [
        {"name": "乙公司", "holder_id": yi, "kind": "enterprise", "events": 1, "patents": 1,
         "amount": 0.0, "last_date": D(2025, 5, 1), "county": "320505"}]
    assert [(p["name"], p["events"]) for p in _players("license")] == [("乙公司", 1), ("甲公司", 1)]
    assert [(p["name"], p["events"], p["amount"], p["county"]) for p in _players("pledge")] == [
        ("乙公司", 2, 750000.0, "320505"), ("甲公司", 1, 1000000.0, "320506")]


def test_players_at_least_and_limit_and_a_county_scope(world):
    assert [p["name"] for p in _players("out", at_least=2)] == ["甲公司"]
    assert [p["name"] for p in _players("out", limit=1)] == ["甲公司"]
    county = Scope("320506", D(2024, 1, 1), D(2025, 12, 31))
    assert [(p["name"], p["events"]) for p in _players("out", county)] == [("甲公司", 2),
                                                                           ("乙公司", 1)]
    assert [(p["name"], p["events"]) for p in _players("in", county)] == [("甲公司", 1)]


def test_flows_of_the_city_name_other_cities(world):
    expected = pd.DataFrame(
        [("out", "", "", 1), ("out", "3101", "上海市", 1), ("out", "3201", "南京市", 1),
         ("out", "3206", "南通市", 1), ("in", "3101", "上海市", 1)],
        columns=ops_monitor.FLOW_COLUMNS)
    pd.testing.assert_frame_equal(ops_monitor.flows(YEAR), expected, check_dtype=False)


def test_flows_of_a_county_name_the_other_counties_of_its_city(world):
    got = ops_monitor.flows(Scope("320506", D(2024, 1, 1), D(2025, 12, 31)))
    expected = pd.DataFrame(
        [("out", "3101", "上海市", 2), ("out", "3201", "南京市", 1),
         ("in", "320505", "虎丘区", 1)], columns=ops_monitor.FLOW_COLUMNS)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert ops_monitor.flows(Scope("", D(2025, 1, 1))).empty


def test_flow_units_and_names():
    unit = ops_monitor.flow_unit
    assert unit("320506001", "320506", "320506003") == "320506003"
    assert unit("320506001", "320505", "320505001") == "320505"
    assert unit("320506", "320506", None) == "320506"
    assert unit("3205", "310115", None) == "3101"
    assert unit("3205", None, None) == ""
    assert [ops_monitor.unit_name(c) for c in ("3101", "3201", "320505", "")] == [
        "上海市", "南京市", "虎丘区", ""]


def _alerts():
    return sorted((a.kind, a.key, a.status, a.holder_id, a.county_code, a.due_date,
                   json.loads(a.message)["events"] if a.message else None)
                  for a in Alert.select().where(Alert.kind == "holder_outflow"))


def test_outflow_alerts_open_once_and_follow_the_count(world):
    params.set_value("transfer_out_alert", {"min_transfers": 3}, region_code="3205")
    result = alerts.refresh("3205", NOW)
    assert result["holder_outflow"] == {"opened": 1, "closed": 0}
    assert _alerts() == [("holder_outflow", "holder_outflow:2025:甲公司", "open", world["jia"].id,
                          "320505", D(2025, 4, 1), 3)]
    assert alerts.open_counts("3205")["holder_outflow"] == 1
    transfer(world["t1"].patent, D(2025, 9, 20), "320506", "310115", "甲公司")
    assert alerts.refresh("3205", NOW)["holder_outflow"] == {"opened": 0, "closed": 0}
    assert _alerts() == [("holder_outflow", "holder_outflow:2025:甲公司", "open", world["jia"].id,
                          "320505", D(2025, 9, 20), 4)]


def test_an_open_outflow_alert_closes_when_the_holder_falls_below(world):
    params.set_value("transfer_out_alert", {"min_transfers": 1}, region_code="3205")
    alerts.refresh("3205", NOW)
    assert [a[1] for a in _alerts()] == ["holder_outflow:2025:丙", "holder_outflow:2025:甲公司"]
    world["t7"].delete_instance()
    assert alerts.refresh("3205", NOW)["holder_outflow"] == {"opened": 0, "closed": 1}
    assert [(a[1], a[2]) for a in _alerts()] == [("holder_outflow:2025:丙", "done"),
                                                 ("holder_outflow:2025:甲公司", "open")]


def test_the_default_rule_and_the_patent_transfer_alerts_counted_where_they_left(world):
    assert alerts.outflow_rule("3205") == {"min_transfers": 5}
    alerts.refresh("3205", NOW)
    assert _alerts() == []
    transfer(world["t1"].patent, D(2025, 9, 20), "320506", "310115", "甲公司")
    alerts.refresh("3205", NOW)
    assert alerts.open_counts("3205") == {"transfer_out": 1}


def test_staff_acknowledge_and_close_alerts_audited(world):
    params.set_value("transfer_out_alert", {"min_transfers": 1}, region_code="3205")
    alerts.refresh("3205", NOW)
    listed = alerts.listing("3205", ("holder_outflow",), ("open",))
    assert listed.columns.tolist() == alerts.LIST_COLUMNS
    assert listed[["subject", "status", "events", "due_date"]].values.tolist() == [
        ["甲公司", "open", 3, D(2025, 4, 1)], ["丙", "open", 1, D(2025, 1, 15)]]
    first, second = listed["id"].tolist()
    assert alerts.set_status(first, "acked", "checker") is True
    assert alerts.set_status(first, "acked", "checker") is False
    assert alerts.set_status(second, "closed", "admin") is True
    with pytest.raises(ValueError):
        alerts.set_status(first, "done", "checker")
    assert alerts.count("3205", ("holder_outflow",), ("open",)) == 0
    assert alerts.open_counts("3205") == {}
    world["t7"].delete_instance()
    alerts.refresh("3205", NOW)  # staff decisions stand: only open alerts are closed by the job
    assert [(a[1], a[2]) for a in _alerts()] == [("holder_outflow:2025:丙", "closed"),
                                                 ("holder_outflow:2025:甲公司", "acked")]
    trail = [(a.username, a.object_id, json.loads(a.payload)) for a in
             AuditLog.select().where(AuditLog.object_type == "alert").order_by(AuditLog.id)]
    assert trail == [("checker", str(first), {"status": ["open", "acked"]}),
                     ("admin", str(second), {"status": ["open", "closed"]})]
