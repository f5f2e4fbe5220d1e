"""Annual fees: the worked example of domain-facts §1.7, surcharge band edges, reductions,
month-end and holiday rules, the fee state on a day, and property tests of schedules."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import db as core_db
from core.config import params
from core.config import rules as ruleparams
from core.rules import calendar, fees
from core.rules.terms import term_years

D = dt.date
FILED = D(2019, 3, 15)

# domain-facts §1.7: (year, due date after the holiday rule, full fee, fee with 85 % reduction)
WORKED_EXAMPLE = [
    (3, None, 900, 135), (4, D(2022, 3, 15), 1200, 180), (5, D(2023, 3, 15), 1200, 180),
    (6, D(2024, 3, 15), 1200, 180), (7, D(2025, 3, 17), 2000, 300),
    (8, D(2026, 3, 16), 2000, 300), (9, D(2027, 3, 15), 2000, 300),
    (10, D(2028, 3, 15), 4000, 600), (11, D(2029, 3, 15), 4000, 600),
    (12, D(2030, 3, 15), 4000, 600), (13, D(2031, 3, 17), 6000, 6000),
    (14, D(2032, 3, 15), 6000, 6000), (15, D(2033, 3, 15), 6000, 6000),
    (16, D(2034, 3, 15), 8000, 8000), (17, D(2035, 3, 15), 8000, 8000),
    (18, D(2036, 3, 17), 8000, 8000), (19, D(2037, 3, 16), 8000, 8000),
    (20, D(2038, 3, 15), 8000, 8000),
]


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def test_worked_example_schedule_is_reproduced_line_by_line():
    lines = fees.schedule("invention", FILED, 3, reduced=True)
    assert [(x.year, x.due_date, x.full, x.payable) for x in lines] == WORKED_EXAMPLE
    assert [x.nominal_due for x in lines[1:]] == [D(2019 + y - 1, 3, 15) for y in range(4, 21)]
    assert [x.year for x in lines if x.reduction_applies] == list(range(3, 13))
    assert lines[0].grant_year and not any(x.grant_year for x in lines[1:])


def test_worked_example_totals_80500_full_and_61375_reduced():
    assert sum(x.full for x in fees.schedule("发明", FILED, 3)) == 80_500
    assert sum(x.payable for x in fees.schedule("发明", FILED, 3, reduced=True)) == 61_375
    assert sum(x.payable for x in fees.schedule("发明", FILED, 3)) == 80_500


LATE_YEAR_4 = [  # domain-facts §1.7 late example: (paid on, state, grace month, surcharge)
    (D(2022, 3, 15), "due_soon", None, 0), (D(2022, 3, 16), "grace", 1, 0),
    (D(2022, 4, 15), "grace", 1, 0), (D(2022, 4, 16), "grace", 2, 60),
    (D(2022, 5, 15), "grace", 2, 60), (D(2022, 5, 16), "grace", 3, 120),
    (D(2022, 6, 15), "grace", 3, 120), (D(2022, 6, 16), "grace", 4, 180),
    (D(2022, 7, 15), "grace", 4, 180), (D(2022, 7, 16), "grace", 5, 240),
    (D(2022, 8, 15), "grace", 5, 240), (D(2022, 8, 16), "grace", 6, 300),
    (D(2022, 9, 15), "grace", 6, 300), (D(2022, 9, 16), "terminated", None, 0),
]


@pytest.mark.parametrize("on,state,month,extra", LATE_YEAR_4)
def test_late_example_every_band_edge(on, state, month, extra):
    got = fees.state_on("invention", FILED, 3, 3, on)
    assert (got.state, got.year, got.grace_month, got.surcharge) == (state, 4, month, extra)
    assert got.point_of_no_return == D(2022, 9, 15)
    assert fees.surcharge("invention", FILED, 4, on) == (None if state == "terminated" else extra)


def test_termination_is_retroactive_and_restoration_costs_fee_plus_25_percent_plus_1000():
    got = fees.state_on("invention", FILED, 3, 3, D(2022, 10, 1))
    assert (got.termination_date, got.restoration_cost, got.restore_by) == \
        (D(2022, 3, 15), 1200 + 300 + 1000, D(2022, 11, 15))


def test_surcharge_stays_on_the_full_fee_when_the_holder_pays_the_reduced_fee():
    got = fees.state_on("invention", FILED, 3, 3, D(2022, 8, 16), reduced=True)
    assert (got.amount, got.full_amount, got.surcharge, got.total_if_paid) == (180, 1200, 300, 480)


def test_due_soon_window_and_normal_state():
    assert fees.state_on("invention", FILED, 3, 3, D(2021, 12, 15)).state == "due_soon"
    assert fees.state_on("invention", FILED, 3, 3, D(2021, 12, 14)).state == "normal"
    assert fees.state_on("invention", FILED, 3, 3, D(2021, 12, 14)).days_left == 91


def test_saturday_due_date_moves_to_monday_and_monday_payment_is_on_time():
    got = fees.state_on("invention", FILED, 3, 6, D(2025, 3, 17))
    assert (got.nominal_due, got.due_date, got.state, got.surcharge) == \
        (D(2025, 3, 15), D(2025, 3, 17), "due_soon", 0)
    assert fees.state_on("invention", FILED, 3, 6, D(2025, 3, 18)).state == "grace"


def test_month_end_rule_for_a_29_february_filing():
    assert fees.due_date(D(2020, 2, 29), 2) == D(2021, 3, 1)  # 02-28 is a Sunday → Monday
    assert fees.nominal_due_date(D(2020, 2, 29), 2) == D(2021, 2, 28)
    assert fees.nominal_due_date(D(2020, 2, 29), 5) == D(2024, 2, 29)


def test_holiday_rule_uses_the_official_calendar_not_just_weekends():
    # 2024-10-01 … 10-07 National Day; 2024-10-12 (Saturday) is a make-up working day
    assert fees.due_date(D(2015, 10, 3), 10) == D(2024, 10, 8)
    assert fees.due_date(D(2015, 10, 12), 10) == D(2024, 10, 12)


def test_grace_end_on_a_rest_day_moves_but_middle_band_edges_do_not():
    # due 2022-03-15: the 2-month edge 2022-05-15 is a Sunday and stays (late example)
    assert fees.band_edges(D(2022, 3, 15))[1] == D(2022, 5, 15)
    # due 2021-04-03: 6 months later 2021-10-03 is in the National Day holiday → 10-08
    assert fees.band_edges(D(2021, 4, 3))[-1] == D(2021, 10, 8)


def test_co_owners_pay_30_percent_and_design_years_11_to_15_only_after_2021_06_01():
    lines = fees.schedule("design", D(2021, 6, 1), 2, reduced=True, co_owners=2)
    assert [(x.year, x.full, x.payable) for x in lines] == [
        (2, 600, 180), (3, 600, 180), (4, 900, 270), (5, 900, 270), (6, 1200, 360),
        (7, 1200, 360), (8, 1200, 360), (9, 2000, 600), (10, 2000, 600), (11, 3000, 900),
        (12, 3000, 3000), (13, 3000, 3000), (14, 3000, 3000), (15, 3000, 3000)]
    assert fees.schedule("外观设计", D(2021, 5, 31), 2)[-1].year == 10
    assert [x.full for x in fees.schedule("实用新型", D(2020, 1, 1), 1)] == \
        [600, 600, 600, 900, 900, 1200, 1200, 1200, 2000, 2000]
    with pytest.raises(ValueError):
        fees.annual_fee("utility", 11, D(2020, 1, 1))


def test_expired_state_after_the_last_year():
    assert fees.state_on("utility", D(2010, 5, 1), 2, 10, D(2019, 6, 1)).state == "expired"
    assert fees.state_on("utility", D(2010, 5, 1), 2, 9, D(2020, 5, 1)).state == "expired"


@pytest.fixture
def unbound_after(db):
    """`db`, unbound afterwards: the stored versions must not leak into rule-only tests."""
    yield db
    core_db.db.initialize(None)
    ruleparams.clear()


def test_versioned_fee_table_and_band_edges_are_parameters(unbound_after):
    params.set_value("fee_table", {"invention": [1000] * 20}, effective_from=D(2020, 1, 1))
    params.set_value("fee_rules", {"band_months": [2, 3, 4, 5, 6, 7]})
    ruleparams.clear()
    assert fees.annual_fee("invention", 7, FILED) == 1000  # due 2025-03-15: the 2020 table
    assert fees.annual_fee("invention", 1, FILED) == 900  # due 2019-03-15: the table before it
    assert fees.annual_fee("utility", 1, FILED) == 600  # types not given keep the default
    assert fees.state_on("invention", FILED, 3, 3, D(2022, 5, 15)).surcharge == 0
    assert fees.state_on("invention", FILED, 3, 3, D(2022, 10, 17)).state == "grace"
    assert fees.state_on("invention", FILED, 3, 3, D(2022, 10, 18)).state == "terminated"


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(["invention", "utility", "design"]),
       filed=st.dates(D(2004, 1, 1), D(2026, 12, 31)), grant_offset=st.integers(0, 5),
       reduced=st.booleans(), owners=st.integers(1, 4))
def test_schedule_properties(kind, filed, grant_offset, reduced, owners):
    last = term_years(kind, filed)
    grant = 1 + min(grant_offset, last - 1)
    lines = fees.schedule(kind, filed, grant, reduced, owners)
    assert [x.year for x in lines] == list(range(grant, last + 1))
    dues = [x.due_date for x in lines[1:]]
    assert dues == sorted(dues) and all(calendar.is_working_day(d) for d in dues)
    for x in lines[1:]:
        assert x.nominal_due <= x.due_date <= x.nominal_due + dt.timedelta(days=10)
        assert x.nominal_due.month == filed.month
    fulls = [x.full for x in lines]
    assert fulls == sorted(fulls)  # fees never fall with age
    share = 15 if owners == 1 else 30
    for x in lines:
        # reduction years by the year's due date (start of the year for the grant year):
        # 3 before 2016-09-01, 6 before 2018-08-01, 10 since (财税〔2016〕78号, 〔2018〕37号)
        day = calendar.add_years(filed, x.year - 1)
        years = 3 if day < D(2016, 9, 1) else 6 if day < D(2018, 8, 1) else 10
        expected = x.full * share // 100 if x.year < grant + years else x.full
        assert x.reduced == expected and x.payable == (expected if reduced else x.full)
