"""Terms and expiry (domain-facts §2.1): type lengths, the 2021-06-01 design switch, the
anniversary / day-before parameter, term compensation, patent years."""
import datetime as dt

import pytest

from core import db as core_db
from core.config import params
from core.config import rules as ruleparams
from core.rules import terms

D = dt.date


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    core_db.db.initialize(None)  # a stored term_rules version must not reach later modules
    ruleparams.clear()


def test_expiry_dates_by_type_and_filing_date():
    cases = [("invention", D(2019, 3, 15), D(2039, 3, 15)),
             ("发明", D(2020, 2, 29), D(2040, 2, 29)),
             ("utility", D(1999, 9, 6), D(2009, 9, 6)),  # 审查指南 example, recorded end
             ("实用新型", D(2020, 2, 29), D(2030, 2, 28)),  # month-end rule
             ("design", D(2021, 5, 31), D(2031, 5, 31)),
             ("外观设计", D(2021, 6, 1), D(2036, 6, 1)),
             ("design", D(2025, 10, 1), D(2040, 10, 1))]  # never moved for holidays
    assert [terms.expiry_date(k, f) for k, f, _ in cases] == [e for _, _, e in cases]


def test_term_compensation_days_are_added():
    assert terms.expiry_date("invention", D(2019, 3, 15), 400) == D(2040, 4, 18)


def test_day_before_rule_is_a_parameter(db):
    params.set_value("term_rules", {"end": "day_before"})
    ruleparams.clear()
    assert terms.expiry_date("utility", D(1999, 9, 6)) == D(2009, 9, 5)
    assert terms.expiry_date("invention", D(2019, 3, 15)) == D(2039, 3, 14)


def test_patent_years_count_from_the_filing_date():
    # 审查指南 example: filed 1999-06-01, year 1 to 2000-05-31, year 2 from 2000-06-01
    on = [D(1999, 6, 1), D(2000, 5, 31), D(2000, 6, 1), D(2001, 5, 31), D(2001, 6, 1)]
    assert [terms.patent_year_on(D(1999, 6, 1), d) for d in on] == [1, 1, 2, 2, 3]
    assert terms.patent_year_on(D(2019, 3, 15), D(2021, 6, 1)) == 3  # §1.7 grant year


def test_type_names_and_unknown_type():
    assert [terms.normalize_type(t) for t in ("发明", "Utility", "外观设计", "发明授权")] == \
        ["invention", "utility", "design", "invention"]
    with pytest.raises(ValueError, match="未知的专利类型"):
        terms.normalize_type("商标")
