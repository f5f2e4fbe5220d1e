"""Annual fees (年费), due dates, grace period and surcharge, reductions (domain-facts §1).

Parameters (core.params, defaults below, each with its source):
- `fee_table`: full annual fee in yuan per patent year, by type (§1.1, in force since 2022-05-05).
- `fee_rules`: surcharge bands (`surcharge_rates` in % and `band_months`: band k ends `band_months[k]`
  months after the due date, inclusive, "含一整月"), whether band edges / the end of the grace period
  move off rest days, the reduction (pay 15 % single / 30 % co-owners for `reduction_years` from the
  grant year), the 即将到期 window, restoration fee and surcharge.

Patent years count from the filing date. The fee of year N > grant year is due on the filing-date
anniversary `app_date + (N-1) years` (last day of the month when the day does not exist), moved to
the next working day by core.calendar. The grant-year fee is paid at registration (due date None).
Surcharges are computed on the FULL fee and are not reduced (§1.4 [M], a parameter).
A fee unpaid at the end of the grace period (due + 6 months, the point of no return) terminates
the patent retroactively from the due date (anniversary).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.config import defaults
from core.config import rules as ruleparams
from core.rules import calendar
from core.rules.terms import normalize_type, term_years

TABLE_KEY = "fee_table"
RULES_KEY = "fee_rules"
DEFAULT_TABLE = defaults.FEE_TABLE
DEFAULT_RULES = defaults.FEE_RULES
STATES = ("normal", "due_soon", "grace", "terminated", "expired")


def table() -> dict:
    return ruleparams.value(TABLE_KEY)


def rules() -> dict:
    return ruleparams.value(RULES_KEY)


@dataclass(frozen=True)
class FeeLine:
    """One patent year of a schedule. due_date None = paid at registration (grant year)."""
    year: int
    nominal_due: dt.date | None  # filing-date anniversary (month-end rule)
    due_date: dt.date | None  # after the holiday rule
    full: int
    reduced: int  # amount after the reduction when it applies to this year, else full
    payable: int  # reduced when the holder is eligible, else full
    reduction_applies: bool
    grant_year: bool

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class FeeState:
    """State of the annual fee on a day, assuming every year through `paid_through_year` is paid.

    state: normal / due_soon / grace / terminated / expired (see core.labels.FEE_STATE).
    """
    on: dt.date
    state: str
    year: int | None  # the patent year whose fee is next
    nominal_due: dt.date | None
    due_date: dt.date | None
    amount: int  # payable annual fee (reduced when eligible)
    full_amount: int
    grace_month: int | None  # 滞纳期第 n 月 (1-6) while in grace
    surcharge_rate: int  # percent if paid on `on`
    surcharge: int  # yuan if paid on `on`
    total_if_paid: int  # amount + surcharge on `on` (0 when nothing can be paid)
    days_left: int | None  # days to the due date (negative: overdue)
    point_of_no_return: dt.date | None  # last day of the grace period
    termination_date: dt.date | None  # retroactive termination date when terminated
    restore_by: dt.date | None  # estimated end of the restoration window
    restoration_cost: int | None

    def as_dict(self) -> dict:
        return asdict(self)


def annual_fee(patent_type: str, patent_year: int, app_date: dt.date) -> int:
    """Full annual fee of one patent year; ValueError outside the term."""
    kind = normalize_type(patent_type)
    years = term_years(kind, app_date)
    if not 1 <= patent_year <= years:
        raise ValueError(f"专利年度 {patent_year} 超出保护期（{years} 年）")
    return int(table()[kind][patent_year - 1])


def nominal_due_date(app_date: dt.date, patent_year: int) -> dt.date:
    """The filing-date anniversary on which the fee of `patent_year` falls due."""
    return calendar.add_years(app_date, patent_year - 1)


def due_date(app_date: dt.date, patent_year: int) -> dt.date:
    """The last day to pay the fee of `patent_year` without surcharge (holiday rule applied)."""
    nominal = nominal_due_date(app_date, patent_year)
    return calendar.next_working_day(nominal) if rules()["shift_due_date"] else nominal


def reduced_amount(full: int, co_owners: int = 1) -> int:
    rule = rules()
    percent = rule["reduced_pay_single"] if co_owners <= 1 else rule["reduced_pay_joint"]
    return int((Decimal(full) * Decimal(percent) / 100).quantize(Decimal(1), ROUND_HALF_UP))


def reduction_applies(patent_year: int, grant_patent_year: int | None) -> bool:
    if grant_patent_year is None:
        return False
    return grant_patent_year <= patent_year < grant_patent_year + int(rules()["reduction_years"])


def fee_line(patent_type: str, app_date: dt.date, year: int, grant_patent_year: int | None,
             reduced: bool = False, co_owners: int = 1) -> FeeLine:
    full = annual_fee(patent_type, year, app_date)
    applies = reduction_applies(year, grant_patent_year)
    cut = reduced_amount(full, co_owners) if applies else full
    at_grant = grant_patent_year is not None and year == grant_patent_year
    nominal = None if at_grant else nominal_due_date(app_date, year)
    due = None if at_grant else due_date(app_date, year)
    return FeeLine(year, nominal, due, full, cut, cut if reduced else full, applies, at_grant)


def schedule(patent_type: str, app_date: dt.date, grant_patent_year: int, reduced: bool = False,
             co_owners: int = 1) -> list[FeeLine]:
    """Fee lines from the grant year to the last year of the term."""
    last = term_years(patent_type, app_date)
    return [fee_line(patent_type, app_date, year, grant_patent_year, reduced, co_owners)
            for year in range(grant_patent_year, last + 1)]


def band_edges(nominal_due: dt.date) -> list[dt.date]:
    """Last day of each surcharge band (inclusive), counted from the anniversary due date."""
    rule = rules()
    edges = [calendar.add_months(nominal_due, int(m)) for m in rule["band_months"]]
    if rule["shift_band_edges"]:
        edges = [calendar.next_working_day(e) for e in edges]
    elif rule["shift_grace_end"]:
        edges[-1] = calendar.next_working_day(edges[-1])
    return edges


def surcharge_band(app_date: dt.date, patent_year: int, paid_on: dt.date) -> int | None:
    """0 when paid on time, k (1-6) in grace month k, None after the point of no return."""
    if paid_on <= due_date(app_date, patent_year):
        return 0
    for index, edge in enumerate(band_edges(nominal_due_date(app_date, patent_year))):
        if paid_on <= edge:
            return index + 1
    return None


def surcharge(patent_type: str, app_date: dt.date, patent_year: int, paid_on: dt.date,
              reduced: bool = False, co_owners: int = 1,
              grant_patent_year: int | None = None) -> int | None:
    """Late surcharge in yuan for paying `patent_year` on `paid_on`; None when too late."""
    band = surcharge_band(app_date, patent_year, paid_on)
    if band is None:
        return None
    rate = int(rules()["surcharge_rates"][band - 1]) if band else 0
    line = fee_line(patent_type, app_date, patent_year, grant_patent_year, reduced, co_owners)
    base = line.full if rules()["surcharge_on_full"] else line.payable
    return int((Decimal(base) * rate / 100).quantize(Decimal(1), ROUND_HALF_UP))


def state_on(patent_type: str, app_date: dt.date, grant_patent_year: int,
             paid_through_year: int | None, on: dt.date, reduced: bool = False,
             co_owners: int = 1) -> FeeState:
    """The fee state on day `on` (see FeeState)."""
    kind = normalize_type(patent_type)
    paid = paid_through_year if paid_through_year is not None else grant_patent_year
    year = max(paid, grant_patent_year) + 1
    last = term_years(kind, app_date)
    expiry = calendar.add_years(app_date, last)
    if year > last or on >= expiry:
        return _expired(on)
    line = fee_line(kind, app_date, year, grant_patent_year, reduced, co_owners)
    return _state_for_line(kind, app_date, line, on)


def _state_for_line(kind: str, app_date: dt.date, line: FeeLine, on: dt.date) -> FeeState:
    rule = rules()
    edges = band_edges(line.nominal_due)
    band = surcharge_band(app_date, line.year, on)
    days_left = (line.due_date - on).days
    common = dict(on=on, year=line.year, nominal_due=line.nominal_due, due_date=line.due_date,
                  amount=line.payable, full_amount=line.full, days_left=days_left,
                  point_of_no_return=edges[-1])
    if band is None:
        restore_by = calendar.add_months(edges[-1], int(rule["restoration_months"]))
        cost = line.full + _percent(line.full, rule["restoration_surcharge"]) + \
            int(rule["restoration_fee"])
        return FeeState(state="terminated", grace_month=None, surcharge_rate=0, surcharge=0,
                        total_if_paid=0, termination_date=line.nominal_due, restore_by=restore_by,
                        restoration_cost=cost, **common)
    rate = int(rule["surcharge_rates"][band - 1]) if band else 0
    base = line.full if rule["surcharge_on_full"] else line.payable
    extra = _percent(base, rate)
    soon = days_left <= int(rule["due_soon_days"])
    state = "grace" if band else ("due_soon" if soon else "normal")
    return FeeState(state=state, grace_month=band or None, surcharge_rate=rate, surcharge=extra,
                    total_if_paid=line.payable + extra, termination_date=None, restore_by=None,
                    restoration_cost=None, **common)


def _expired(on: dt.date) -> FeeState:
    return FeeState(on, "expired", None, None, None, 0, 0, None, 0, 0, 0, None, None, None, None,
                    None)


def _percent(amount: int, percent) -> int:
    return int((Decimal(amount) * Decimal(percent) / 100).quantize(Decimal(1), ROUND_HALF_UP))
