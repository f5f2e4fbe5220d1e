"""The law as it stands in 2026 (issue 12, item 4): term compensation and drug term extension
from legal events, fee rules by the day a fee falls due, the open-licence reduction and the
holiday rule. Each case is computed by hand from the rule's text; the computation is in the
comment above it (dates checked against the State Council holiday calendar in
data/calendar/cn_official.csv)."""
import datetime as dt

import pytest

from core import db as core_db
from core.config import rules as ruleparams
from core.db.models import LegalEvent, Patent
from core.importer import legal
from core.monitor import expiry as ex
from core.regions.query import Scope
from core.rules import fees, terms
from core.rules.feecolumns import refresh_fee_columns
from core.rules.status import Status, derive, refresh_status
from tests.monitor_data import holder, patent

D = dt.date
# Term compensation case: invention filed 2017-03-10, granted 2022-05-20 with the grant-year fee
# of year 6; CNIPA grants 500 days (专利权期限补偿, Patent Law Art. 42(2)).
FILED = D(2017, 3, 10)
PTA_EVENT = ("term_compensation", D(2022, 9, 1), "专利权期限补偿；补偿天数：500天", None)
# Recorded end without compensation: the 20th anniversary, 2037-03-10. Plus 500 days: 296 days to
# 2037-12-31 (21 in March + 30+31+30+31+31+30+31+30+31), 204 more into 2038: 31+28+31+30+31+30 =
# 181 to 06-30, +23 → 2038-07-23.
EXTENDED_END = D(2038, 7, 23)


@pytest.fixture(autouse=True)
def no_database_left_bound():
    """Rule-only tests read the defaults: no database left bound by an earlier module (runs
    before the `db` fixture, which binds its own)."""
    core_db.db.initialize(None)
    ruleparams.clear()
    yield
    ruleparams.clear()


def test_event_names_give_the_new_kinds():
    assert [legal.event_kind(name) for name in (
        "专利权期限补偿", "药品专利期限补偿", "专利开放许可声明", "开放许可声明的撤回",
        "开放许可实施合同备案")] == [
        "term_compensation", "drug_term_extension", "open_licence", "open_licence_withdrawal",
        "license"]


def test_compensation_days_from_the_event_text_or_the_new_end():
    assert terms.extension_days("invention", FILED, [PTA_EVENT]) == 500
    assert terms.expiry_date("invention", FILED, 500) == EXTENDED_END
    stated_end = ("term_compensation", D(2022, 9, 1), "期限补偿后届满日：2038年7月23日", None)
    assert terms.extension_days("invention", FILED, [stated_end]) == 500
    as_end_date = ("term_compensation", D(2022, 9, 1), None, EXTENDED_END)
    assert terms.extension_days("invention", FILED, [as_end_date]) == 500
    # as of a day before the decision, no compensation is known; utility models get none
    assert terms.extension_days("invention", FILED, [PTA_EVENT], on=D(2022, 8, 31)) is None
    assert terms.extension_days("utility", FILED, [PTA_EVENT]) is None


def test_drug_term_extension_is_capped_at_five_years():
    # Filed 2012-04-01, marketing approval 2024-09-30. Length = approval − (filing + 5 years) =
    # 2017-04-01 → 2024-09-30: 7 years (7×365 + 2 leap days = 2557) + 182 (Apr 30, May 31, Jun 30,
    # Jul 31, Aug 31, Sep 29) = 2739 days. Cap 5 years after the statutory end 2032-04-01:
    # 2037-04-01 = 5×365 + 1 (2036-02-29) = 1826 days. Cap 14 years after approval: 2038-09-30 is
    # later, so 1826 days and the end 2037-04-01.
    event = ("drug_term_extension", D(2024, 12, 1), "药品专利期限补偿；上市许可日：2024-09-30", None)
    assert terms.extension_days("invention", D(2012, 4, 1), [event]) == 1826
    assert terms.expiry_date("invention", D(2012, 4, 1), 1826) == D(2037, 4, 1)


def test_drug_term_extension_is_capped_at_fourteen_years_after_approval():
    # Filed 2012-04-01, approval 2019-06-01: 2017-04-01 → 2019-06-01 = 730 + 61 = 791 days (< 5
    # years). The term after approval may not pass 2019-06-01 + 14 years = 2033-06-01: from the
    # statutory end 2032-04-01 that leaves 365 + 61 = 426 days.
    event = ("drug_term_extension", D(2019, 8, 1), "药品专利期限补偿 批准上市日 2019年6月1日", None)
    assert terms.extension_days("invention", D(2012, 4, 1), [event]) == 426


def test_compensated_years_cost_8000_and_the_last_part_year_nothing():
    # 公告第594号: 8,000 a year of the compensation, a part-year not charged. Year 21 runs
    # 2037-03-10 … 2038-03-09, wholly before the extended end 2038-07-23: 8,000, due on the 20th
    # anniversary 2037-03-10 (a Tuesday). Year 22 starts 2038-03-10 and is cut at 2038-07-23: 0.
    facts = fees.Facts(500)
    lines = fees.schedule("invention", FILED, 6, facts=facts)
    assert [(x.year, x.due_date, x.full, x.compensation) for x in lines[-3:]] == [
        (20, D(2036, 3, 10), 8000, False), (21, D(2037, 3, 10), 8000, True),
        (22, D(2038, 3, 10), 0, True)]
    # without compensation the patent has expired on 2037-03-10; with it, it is not
    assert fees.state_on("invention", FILED, 6, 20, D(2037, 6, 1)).state == "expired"
    in_force = fees.state_on("invention", FILED, 6, 21, D(2037, 6, 1), facts=facts)
    assert (in_force.state, in_force.year, in_force.amount) == ("normal", 22, 0)
    unpaid = fees.state_on("invention", FILED, 6, 20, D(2037, 3, 1), facts=facts)
    assert (unpaid.state, unpaid.year, unpaid.amount) == ("due_soon", 21, 8000)
    assert fees.state_on("invention", FILED, 6, 21, EXTENDED_END, facts=facts).state == "expired"


def test_a_compensated_patent_is_not_expired_while_in_force():
    events = [("grant", D(2022, 5, 20)), ("expiry", D(2037, 3, 10))]  # a gazette/vendor slip
    on = D(2037, 6, 1)
    assert derive("invention", FILED, D(2022, 5, 20), events, on, 21, 6, 500) == \
        Status("valid", "granted", D(2022, 5, 20), None)
    stored = Status("lapsed", "expired", D(2037, 3, 10), D(2037, 3, 10))
    assert derive("invention", FILED, D(2022, 5, 20), [], on, 21, 6, 500, stored).status == "valid"
    # … and expired from the extended end on
    assert derive("invention", FILED, D(2022, 5, 20), [], EXTENDED_END, 21, 6, 500) == \
        Status("lapsed", "expired", EXTENDED_END, EXTENDED_END)
    # without the compensation the same patent is expired on 2037-06-01
    assert derive("invention", FILED, D(2022, 5, 20), [], on, 21, 6, 0).status == "lapsed"


def test_refresh_stores_the_compensation_and_expiry_notices_use_it(db):
    owner = holder("苏州补偿科技有限公司")
    row = patent("201710000001", owner, app_date=FILED, grant_date=D(2022, 5, 20),
                 status="valid", grant_patent_year=6, paid_through_year=21)
    plain = patent("201710000002", owner, app_date=FILED, grant_date=D(2022, 5, 20),
                   status="valid", grant_patent_year=6, paid_through_year=20)
    LegalEvent.create(patent=row, kind="term_compensation", date=D(2022, 9, 1), detail=PTA_EVENT[2])
    refresh_status(D(2037, 6, 1))
    row, plain = Patent.get_by_id(row.id), Patent.get_by_id(plain.id)
    assert (row.term_extension_days, row.expiry_date, row.status) == (500, EXTENDED_END, "valid")
    assert (plain.expiry_date, plain.status, plain.status_reason) == \
        (D(2037, 3, 10), "lapsed", "expired")
    # fee columns: year 21 paid, year 22 is the free part-year: no next fee due
    refresh_fee_columns(D(2037, 6, 1))
    assert Patent.get_by_id(row.id).next_fee_due is None
    Patent.update(paid_through_year=20).where(Patent.id == row.id).execute()
    refresh_fee_columns(D(2037, 1, 1))
    assert Patent.get_by_id(row.id).next_fee_due == D(2037, 3, 10)
    scope = Scope("3205")
    listed = lambda on, months: {r["app_no"] for r in ex.page(ex.ExpiryQuery(scope, on, months),
                                                                0, 50).to_dict("records")}
    assert listed(D(2038, 3, 1), 6) == {"201710000001"}  # ends 2038-07-23, within 6 months
    assert listed(D(2037, 6, 1), 12) == set()  # not before


def test_reduction_years_follow_the_rule_in_force_on_each_due_date():
    # 财税〔2018〕37号: from 2018-08-01 the fees of the first 10 years from the grant year are
    # reduced, before that 6 (财税〔2016〕78号). Invention filed 2010-05-20, grant year 4, single
    # patentee (pays 15 %). Year 9 falls due 2018-05-20 (6-year rule: years 4-9): 2,000 → 300.
    # Year 10 falls due 2019-05-20 (10-year rule: years 4-13): 4,000 → 600. Year 13: 6,000 → 900.
    # Year 14 is past the 10 years: 6,000.
    lines = {x.year: x for x in fees.schedule("invention", D(2010, 5, 20), 4, reduced=True)}
    assert [(y, lines[y].due_date, lines[y].payable) for y in (9, 10, 13, 14)] == [
        (9, D(2018, 5, 21), 300), (10, D(2019, 5, 20), 600), (13, D(2022, 5, 20), 900),
        (14, D(2023, 5, 22), 6000)]


def test_before_2016_the_reduction_covered_three_years():
    # Filed 2008-02-01, grant year 3. Fees due before 2016-09-01 follow the 2006 measures (3 years
    # from the grant year: 3, 4, 5). Year 6 (due 2013-02-01): full 1,200. Year 10 (due 2017-02-01,
    # 6-year rule: 3-8): full 4,000. Year 12 (due 2019-02-01, 10-year rule: 3-12): 4,000 → 600 —
    # 37号's transition: a patent in its 7th-9th year from the grant on 2018-08-01 is reduced
    # again from its next year up to the 10th.
    lines = {x.year: x.payable for x in fees.schedule("invention", D(2008, 2, 1), 3, reduced=True)}
    assert [lines[y] for y in (3, 5, 6, 10, 11, 12, 13)] == [135, 180, 1200, 4000, 4000, 600, 6000]


def test_open_licence_takes_15_percent_off_fees_falling_due_while_it_runs():
    # 财税〔2024〕23号 / 公告第594号: 开放许可实施期间年费减免15 %, not combined with the fee
    # reduction (the most favourable applies). Invention filed 2015-06-10, grant year 4; open
    # licence 2024-09-01 … withdrawn 2026-01-15. Year 10 (due 2024-06-10, before): 4,000. Year 11
    # (due 2025-06-10, during): 4,000 × 85 % = 3,400. Year 12 (due 2026-06-10, after): 4,000.
    periods = fees.open_licence_periods([("open_licence", D(2024, 9, 1)),
                                         ("open_licence_withdrawal", D(2026, 1, 15))])
    assert periods == ((D(2024, 9, 1), D(2026, 1, 15)),)
    facts = fees.Facts(0, periods)
    lines = {x.year: x for x in fees.schedule("invention", D(2015, 6, 10), 4, facts=facts)}
    assert [(lines[y].payable, lines[y].relief) for y in (10, 11, 12)] == [
        (4000, None), (3400, "open_licence"), (4000, None)]
    # with the fee reduction (years 4-13 at 15 %) year 11 costs 600, not 600 × 85 % = 510
    reduced = fees.fee_line("invention", D(2015, 6, 10), 11, 4, reduced=True, facts=facts)
    assert (reduced.payable, reduced.relief) == (600, "reduction")
    # a licence running only before the policy (from 2024-07-15) gives nothing for year 10
    early = fees.Facts(0, ((D(2024, 3, 1), D(2024, 7, 1)),))
    assert fees.fee_line("invention", D(2015, 6, 10), 10, 4, facts=early).payable == 4000


def test_holiday_moves_the_due_date_and_the_end_of_grace_but_not_the_month_bands():
    # 专利法实施细则 on periods: a period ending on a statutory holiday ends on the next working
    # day. Invention filed 2016-10-05, year 9 falls due on the anniversary 2024-10-05 (National Day
    # holidays, then a Sunday): the deadline is Tuesday 2024-10-08. The surcharge months count
    # from the anniversary and do not move: 0 % to 2024-11-05, 5 % from 2024-11-06. The grace
    # period ends 6 months after the anniversary, 2025-04-05 (Qingming holidays) → Monday
    # 2025-04-07; paid then, the surcharge is 25 % of 2,000 = 500. A day later the patent is
    # terminated as of the anniversary 2024-10-05.
    filed = D(2016, 10, 5)
    assert fees.due_date(filed, 9) == D(2024, 10, 8)
    paid = {on: fees.surcharge("invention", filed, 9, on) for on in (
        D(2024, 10, 8), D(2024, 11, 5), D(2024, 11, 6), D(2025, 4, 7), D(2025, 4, 8))}
    assert list(paid.values()) == [0, 0, 100, 500, None]
    late = fees.state_on("invention", filed, 4, 8, D(2025, 4, 8))
    assert (late.state, late.termination_date, late.point_of_no_return) == \
        ("terminated", D(2024, 10, 5), D(2025, 4, 7))


def test_fee_warnings_list_applies_the_open_licence_and_the_compensation(db):
    # 年费预警 on 2025-05-01. P1: filed 2015-06-10, grant year 4, paid through 10; year 11 falls
    # due 2025-06-10 (40 days: 即将到期) while its open licence (declared 2024-09-01) runs:
    # 4,000 × 85 % = 3,400. P2: the compensated patent above (filed 2017-03-10, 500 days), paid
    # through 20 on 2037-02-01: year 21 due 2037-03-10 costs 8,000.
    from core.monitor import fee_warnings as fw
    owner = holder("苏州开放许可科技有限公司")
    licensed = patent("201510000001", owner, app_date=D(2015, 6, 10), grant_date=D(2018, 1, 5),
                      status="valid", grant_patent_year=4, paid_through_year=10,
                      next_fee_due=D(2025, 6, 10))
    LegalEvent.create(patent=licensed, kind="open_licence", date=D(2024, 9, 1),
                      detail="专利开放许可声明")
    row = fw.page(fw.FeeQuery(Scope("3205"), D(2025, 5, 1)), 0, 10).to_dict("records")
    assert [(r["app_no"], r["state"], r["amount"], r["full_amount"]) for r in row] == [
        ("201510000001", "due_soon", 3400, 4000)]
    patent("201710000003", owner, app_date=FILED, grant_date=D(2022, 5, 20), status="valid",
           grant_patent_year=6, paid_through_year=20, term_extension_days=500,
           next_fee_due=D(2037, 3, 10))
    rows = fw.page(fw.FeeQuery(Scope("3205"), D(2037, 2, 1)), 0, 10).to_dict("records")
    assert [(r["app_no"], r["fee_year"], r["amount"]) for r in rows] == [
        ("201710000003", 21, 8000)]
