"""Legal status from events and fees; batch refresh of status and fee columns (both backends)."""
import datetime as dt

import pytest

from core.config import rules as ruleparams
from core.db.models import FeePayment, LegalEvent, Patent
from core.rules.feecolumns import refresh_fee_columns
from core.rules.status import Status, derive, refresh_all, refresh_status

D = dt.date


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()


def test_pending_then_granted_then_lapsed_for_unpaid_fee_then_restored():
    events = [("publication", D(2020, 9, 1)), ("exam", D(2020, 10, 1)), ("grant", D(2021, 6, 1)),
              ("lapse_unpaid", D(2023, 3, 15)), ("restoration", D(2023, 12, 1))]
    states = [derive("invention", D(2019, 3, 15), None, events, on) for on in
              (D(2019, 4, 1), D(2020, 9, 5), D(2021, 1, 1), D(2022, 1, 1), D(2023, 6, 1),
               D(2024, 1, 1))]
    assert states == [
        Status("pending", None, D(2019, 3, 15), None),
        Status("pending", "published", D(2020, 9, 1), None),
        Status("pending", "examining", D(2020, 10, 1), None),
        Status("valid", "granted", D(2021, 6, 1), None),
        Status("lapsed", "unpaid_fee", D(2023, 3, 15), D(2023, 3, 15)),
        Status("valid", "granted", D(2023, 12, 1), None),
    ]


def test_terminal_events_each_give_their_reason():
    for kind, reason in [("rejection", "rejected"), ("withdrawal", "withdrawn"),
                         ("surrender", "surrendered"), ("invalidation", "invalidated"),
                         ("double_patenting", "double_patenting"), ("expiry", "expired")]:
        got = derive("invention", D(2015, 1, 5), None, [(kind, D(2020, 2, 2))], D(2021, 1, 1))
        assert got == Status("lapsed", reason, D(2020, 2, 2), D(2020, 2, 2))


def test_end_of_term_and_unpaid_fee_are_inferred_without_gazette_events():
    assert derive("utility", D(2012, 7, 1), D(2013, 1, 4), [], D(2022, 7, 1)) == \
        Status("lapsed", "expired", D(2022, 7, 1), D(2022, 7, 1))
    assert derive("utility", D(2012, 7, 1), D(2013, 1, 4), [], D(2022, 6, 30)).status == "valid"
    # fee data known: year 4 unpaid → grace until 2022-09-15, lapsed from 2022-03-15 after it
    kwargs = dict(paid_through_year=3, grant_patent_year=3)
    assert derive("invention", D(2019, 3, 15), D(2021, 6, 1), [], D(2022, 9, 15),
                  **kwargs).status == "valid"
    assert derive("invention", D(2019, 3, 15), D(2021, 6, 1), [], D(2022, 9, 16), **kwargs) == \
        Status("lapsed", "unpaid_fee", D(2022, 3, 15), D(2022, 3, 15))


def test_no_evidence_keeps_the_stored_status():
    stored = Status("valid", "granted", D(2020, 1, 1), None)
    assert derive("invention", None, None, [], D(2024, 1, 1), current=stored) == stored


def _patent(n, **kw):
    base = dict(app_no=f"20191000000{n:02d}", patent_type="invention", title=f"p{n}",
                app_date=D(2019, 3, 15), status="unknown")
    base.update(kw)
    return Patent.create(**base)


def test_batch_refresh_of_status_and_fee_columns(db):
    a = _patent(1, grant_date=D(2021, 6, 1), grant_patent_year=3, status="valid")
    b = _patent(2, grant_date=D(2021, 6, 1), grant_patent_year=3, status="valid")
    c = _patent(3, patent_type="utility", app_date=D(2012, 7, 1), grant_date=D(2013, 1, 4),
                grant_patent_year=1, paid_through_year=10, status="valid")
    d = _patent(4)
    e = _patent(5, app_date=D(2020, 2, 29), grant_date=D(2021, 1, 10), grant_patent_year=1,
                status="valid")
    FeePayment.create(patent=a, patent_year=4, amount=1200, paid_on=D(2022, 3, 1))
    FeePayment.create(patent=a, patent_year=5, amount=1200, paid_on=D(2023, 3, 1))
    FeePayment.create(patent=b, patent_year=4, amount=1200, paid_on=D(2022, 3, 1))
    LegalEvent.create(patent=d, kind="publication", date=D(2020, 9, 1))
    result = refresh_all(D(2023, 12, 31))
    rows = {p.id: (p.status, p.status_reason, p.paid_through_year, p.next_fee_due)
            for p in Patent.select()}
    assert rows == {
        a.id: ("valid", "granted", 5, D(2024, 3, 15)),
        b.id: ("lapsed", "unpaid_fee", 4, None),
        c.id: ("lapsed", "expired", 10, None),
        d.id: ("pending", "published", None, None),
        # no fee data: stays valid; year-2 anniversary 2021-02-28 is a Sunday → Monday
        e.id: ("valid", "granted", None, D(2021, 3, 1)),
    }
    assert result == {"status": 5, "next_fee_due": 2}  # every row changed
    assert refresh_status(D(2023, 12, 31)) == 0  # idempotent
    assert refresh_fee_columns(D(2023, 12, 31)) == 0
    Patent.update(paid_through_year=4).where(Patent.id == e.id).execute()
    assert refresh_fee_columns(D(2023, 12, 31)) == 1
    assert Patent.get_by_id(e.id).next_fee_due == D(2024, 2, 29)  # leap-day anniversary exists


@pytest.mark.parametrize("events, expected", [
    ([], Status("lapsed", "unpaid_fee", None, None)),
    ([("grant", dt.date(2019, 5, 1))], Status("lapsed", "unpaid_fee", None, None)),
    ([("restoration", dt.date(2024, 2, 1))], Status("valid", "granted", dt.date(2019, 5, 1), None)),
])
def test_a_vendor_lapse_without_a_date_stands_until_a_restoration(events, expected):
    vendor = Status("lapsed", "unpaid_fee", None, None)  # e.g. incoPat 「未缴年费」, no date
    got = derive("utility", dt.date(2018, 3, 1), dt.date(2019, 5, 1), events,
                 on=dt.date(2026, 11, 24), current=vendor)
    assert got == expected
