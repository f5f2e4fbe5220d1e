"""Indicator snapshots per day (SQLite and PostgreSQL)."""
import datetime as dt

from core.config import params
from core.db.models import IndicatorSnapshot, Patent
from core.monitor import snapshots
from core.stats import indicators


def _valid_invention(app_no, county):
    Patent.create(app_no=app_no, patent_type="invention", title="t", status="valid",
                  app_date=dt.date(2015, 1, 1), app_year=2015, grant_date=dt.date(2017, 1, 1),
                  grant_year=2017, province_code="32", city_code="3205", county_code=county,
                  expiry_date=dt.date(2035, 1, 1))


def test_a_day_is_stored_once_and_matches_the_indicators(db):
    _valid_invention("P1", "320506")
    _valid_invention("P2", "320505")
    params.set_value("population", 1290, "3205", 2026)
    day = dt.date(2026, 11, 24)
    written = snapshots.take("3205", day)
    assert written == snapshots.take("3205", day)  # re-running a day replaces it
    stored = {(s.region_code, s.indicator): s.value for s in
              IndicatorSnapshot.select().where(IndicatorSnapshot.as_of == day)}
    home = indicators.compute("3205", 2026, on=day)
    assert {k: v for (r, k), v in stored.items() if r == "3205"} == {
        i.key: i.value for i in home.items}
    assert len({r for r, _ in stored}) == 11  # 苏州市 and its 10 county-level units
    key = home.items[0].key
    assert snapshots.history("3205", 2026, key)["value"].tolist() == [home.items[0].value]
