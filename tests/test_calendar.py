"""Working days: weekends, official holidays, make-up working days, the parameter override,
month arithmetic with the month-end rule."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.config import params
from core.config import rules as ruleparams
from core.rules import calendar

D = dt.date


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def test_official_holidays_and_make_up_days():
    assert not calendar.is_working_day(D(2025, 10, 8))  # National Day + Mid-autumn 2025
    assert calendar.is_working_day(D(2025, 10, 11))  # Saturday make-up working day
    assert calendar.is_working_day(D(2025, 10, 9))
    assert not calendar.is_working_day(D(2025, 3, 15))  # plain Saturday
    assert calendar.next_working_day(D(2025, 1, 28)) == D(2025, 2, 5)  # Spring Festival
    assert calendar.next_working_day(D(2025, 1, 26)) == D(2025, 1, 26)  # make-up Sunday
    assert calendar.next_working_day(D(2024, 5, 1)) == D(2024, 5, 6)


def test_parameter_adds_holidays_for_later_years(db):
    assert calendar.is_working_day(D(2027, 1, 1)) is True  # Friday, not in the shipped file
    params.set_value("holiday_calendar", {"holidays": ["2027-01-01"], "workdays": ["2027-01-02"]})
    ruleparams.clear()
    assert not calendar.is_working_day(D(2027, 1, 1))
    assert calendar.is_working_day(D(2027, 1, 2))  # Saturday declared a working day
    assert calendar.next_working_day(D(2027, 1, 1)) == D(2027, 1, 2)


def test_add_months_month_end_rule():
    assert [calendar.add_months(D(2021, 1, 31), m) for m in (1, 2, 3, 13)] == \
        [D(2021, 2, 28), D(2021, 3, 31), D(2021, 4, 30), D(2022, 2, 28)]
    assert calendar.add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert calendar.add_months(D(2022, 11, 30), -9) == D(2022, 2, 28)


@given(st.dates(D(2004, 1, 1), D(2030, 12, 31)))
def test_next_working_day_is_the_first_working_day_on_or_after(day):
    nxt = calendar.next_working_day(day)
    assert calendar.is_working_day(nxt) and day <= nxt <= day + dt.timedelta(days=12)
    assert all(not calendar.is_working_day(day + dt.timedelta(days=k))
               for k in range((nxt - day).days))
