"""Alerts open while their condition holds and close when it ends (SQLite and PostgreSQL)."""
import datetime as dt

from core.db.models import Alert, LegalEvent, Patent
from core.monitor import alerts

NOW = dt.datetime(2026, 11, 24, 2, 0)
TODAY = NOW.date()


def _patent(app_no, **fields):
    base = dict(app_no=app_no, patent_type="utility", title="一种装置", status="valid",
                app_date=dt.date(2020, 12, 10), city_code="3205", county_code="320506",
                street_code="320506103")
    return Patent.create(**{**base, **fields})


def _state():
    return sorted((a.kind, a.patent.app_no, a.due_date, a.status) for a in Alert.select())


def test_fee_expiry_and_transfer_alerts_are_opened_once(db):
    _patent("A1", app_date=dt.date(2020, 12, 10), next_fee_due=dt.date(2026, 12, 10))
    _patent("A2", app_date=dt.date(2019, 9, 1), next_fee_due=dt.date(2026, 9, 1))
    _patent("A3", app_date=dt.date(2017, 1, 5), expiry_date=dt.date(2027, 1, 5))
    _patent("A4", next_fee_due=dt.date(2027, 6, 1))
    moved = _patent("A5", next_fee_due=dt.date(2027, 6, 1), county_code="310115",
                    street_code=None, city_code="3101")
    LegalEvent.create(patent=moved, kind="transfer", date=dt.date(2026, 10, 1),
                      county_before="320506", county_after="310115")
    first = alerts.refresh("3205", NOW)
    assert _state() == [
        ("expiry", "A3", dt.date(2027, 1, 5), "open"),
        ("fee_due", "A1", dt.date(2026, 12, 10), "open"),
        ("fee_grace", "A2", dt.date(2026, 9, 1), "open"),
        ("transfer_out", "A5", dt.date(2026, 10, 1), "open"),
    ]
    assert {k: r["opened"] for k, r in first.items()} == {
        "fee_due": 1, "fee_grace": 1, "expiry": 1, "transfer_out": 1, "holder_outflow": 0}
    again = alerts.refresh("3205", NOW)
    assert {k: r["opened"] for k, r in again.items()} == dict.fromkeys(again, 0)
    # a transfer-out alert belongs to the region the patent left
    assert alerts.open_counts("3205") == {"expiry": 1, "fee_due": 1, "fee_grace": 1,
                                          "transfer_out": 1}


def test_an_alert_closes_when_the_fee_is_paid(db):
    patent = _patent("B1", next_fee_due=dt.date(2026, 12, 10))
    alerts.refresh("3205", NOW)
    Patent.update(next_fee_due=dt.date(2027, 12, 10)).where(Patent.id == patent.id).execute()
    result = alerts.refresh("3205", NOW + dt.timedelta(days=1))
    assert result["fee_due"] == {"opened": 0, "closed": 1}
    assert _state() == [("fee_due", "B1", dt.date(2026, 12, 10), "done")]


def test_a_transfer_inside_the_region_raises_no_alert(db):
    patent = _patent("C1", county_code="320505")
    LegalEvent.create(patent=patent, kind="transfer", date=dt.date(2026, 11, 1),
                      county_before="320506", county_after="320505")
    alerts.refresh("3205", NOW)
    assert _state() == []
