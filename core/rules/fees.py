"""Annual fees (年费), due dates, grace period and surcharge, reductions (domain-facts §1).

Parameters (core.params, defaults in core.config.defaults, each with its source):
- `fee_table`: full annual fee in yuan per patent year, by type (§1.1, in force since 2022-05-05).
- `fee_rules`: surcharge bands (`surcharge_rates` in % and `band_months`: band k ends `band_months[k]`
  months after the due date, inclusive, "含一整月"), whether band edges / the end of the grace period
  move off rest days, the reduction (pay 15 % single / 30 % co-owners for `reduction_years` from the
  grant year), the 即将到期 window, restoration fee and surcharge, the annual fee of a compensated
  year (`compensation_fee`) and the open-licence reduction (`open_licence_pay`, from
  `open_licence_from`).

Versions by due date: every rule that decides an amount is the one in force on the day the fee
falls due (the filing-date anniversary; for the grant-year fee the start of the grant year): a
stored parameter version with an earlier effective_from, then the `history` entry of fee_rules
covering that day (reduction for 3 years from the grant year before 2016-09-01, 6 years before
2018-08-01, 10 years since — 财税〔2018〕37号, whose transition rules this by-due-date reading
reproduces).

Patent years count from the filing date. The fee of year N > grant year is due on the filing-date
anniversary `app_date + (N-1) years` (last day of the month when the day does not exist), moved to
the next working day by core.calendar. The grant-year fee is paid at registration (due date None).
Surcharges are computed on the FULL fee and are not reduced (§1.4 [M], a parameter).
A fee unpaid at the end of the grace period (due + 6 months, the point of no return) terminates
the patent retroactively from the due date (anniversary).

Holidays (专利法实施细则 on periods: a period whose last day is a statutory holiday ends on the
first working day after it): the due date is the last day of the period "上一年度期满前" and moves;
the 6-month grace period (自应当缴纳年费期满之日起6个月内) is a period too, counted from the
anniversary, and its last day moves (`shift_grace_end`); the month bands of the surcharge are an
amount rule ("每超过规定的缴费时间1个月"), not periods, and do not move (`shift_band_edges`); the
termination date is the anniversary itself. labels.FEE_HOLIDAY_RULE says this to users.

Compensated years (Facts.extension_days, core.rules.terms): an invention's term runs on past its
20 years; each full patent year inside the compensation costs `compensation_fee` (8,000), a last
part-year costs nothing; the patent is not expired before the extended end.
Open licence (Facts.open_licence): a fee falling due while the patent is under an open licence
(开放许可声明 published, not withdrawn) on or after `open_licence_from` costs `open_licence_pay`
% of the full fee; not combined with the fee reduction: the lower amount is payable.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from core.config import defaults
from core.config import rules as ruleparams
from core.rules import calendar
from core.rules.terms import normalize_type, protection_end, term_years
from core.rules.terms import rules as term_rules

TABLE_KEY = "fee_table"
RULES_KEY = "fee_rules"
DEFAULT_TABLE = defaults.FEE_TABLE
DEFAULT_RULES = defaults.FEE_RULES
STATES = ("normal", "due_soon", "grace", "terminated", "expired")


def table(on: dt.date | None = None) -> dict:
    """The fee table in force on `on` (default today)."""
    return ruleparams.value(TABLE_KEY, on=on)


def rules(on: dt.date | None = None) -> dict:
    """The fee rules in force on `on` (default today): the stored version in force that day over
    the defaults, then the `history` entry covering that day (earliest `until` on or after it)."""
    rule = ruleparams.value(RULES_KEY, on=on)
    if on is None:
        return rule
    for entry in sorted(rule.get("history") or [], key=lambda e: e["until"]):
        if on <= dt.date.fromisoformat(entry["until"]):
            return {**rule, **{k: v for k, v in entry.items() if k not in ("until", "source")}}
    return rule


@dataclass(frozen=True)
class Facts:
    """What a patent's legal events add to its fees: days of term compensation, and the open
    licence periods (start, end or None while it runs)."""
    extension_days: int = 0
    open_licence: tuple[tuple[dt.date, dt.date | None], ...] = ()

    def open_on(self, day: dt.date) -> bool:
        return any(start <= day and (end is None or day < end) for start, end in self.open_licence)


NO_FACTS = Facts()
OPEN_LICENCE_KINDS = ("open_licence", "open_licence_withdrawal")


def open_licence_periods(events) -> tuple[tuple[dt.date, dt.date | None], ...]:
    """(start, end or None) of each open licence, from (kind, date) pairs in any order: an
    开放许可声明 starts one, its withdrawal ends the running one."""
    periods: list[list] = []
    for kind, day in sorted(((k, d) for k, d, *_ in events if k in OPEN_LICENCE_KINDS and d),
                            key=lambda pair: pair[1]):
        running = bool(periods) and periods[-1][1] is None
        if kind == "open_licence" and not running:
            periods.append([day, None])
        elif kind == "open_licence_withdrawal" and running:
            periods[-1][1] = day
    return tuple((start, end) for start, end in periods)


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
    compensation: bool = False  # a year of the term compensation
    open_licence: bool = False  # falls due while an open licence runs
    relief: str | None = None  # what `payable` applied: reduction / open_licence / None

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


class Memo:
    """Results of pure calls kept for one batch (one list page, one export): the patents of a list
    share due dates, filing dates, regions and often every fee input, so each distinct call runs
    once.
    The rules in force do not change under a batch (core.config.rules rereads them at most once
    a second), so a memo must not outlive its batch."""

    def __init__(self) -> None:
        self._seen: dict[tuple, object] = {}

    def __call__(self, func, *args):
        key = (func, *args)
        try:
            return self._seen[key]
        except KeyError:
            found = self._seen[key] = func(*args)
            return found


def last_year(patent_type: str, app_date: dt.date, extension_days: int = 0) -> int:
    """The last patent year of the term, compensation included (a last part-year counts)."""
    return term_of(patent_type, app_date, extension_days)[1]


def term_of(patent_type: str, app_date: dt.date, extension_days: int = 0
            ) -> tuple[int, int, dt.date]:
    """(years of the statutory term, last patent year, first day no longer protected)."""
    rule = term_rules()
    years = term_years(patent_type, app_date, rule)
    end = protection_end(patent_type, app_date, extension_days, rule)
    last = years
    while extension_days and calendar.add_years(app_date, last) < end:
        last += 1
    return years, last, end


def annual_fee(patent_type: str, patent_year: int, app_date: dt.date,
               extension_days: int = 0, memo: Memo | None = None) -> int:
    """Full annual fee of one patent year (the schedule in force on its due date); a year of the
    term compensation costs `compensation_fee`, its last part-year 0. ValueError outside the term."""
    memo = memo or Memo()
    kind = normalize_type(patent_type)
    years, last, end = memo(term_of, kind, app_date, extension_days)
    if not 1 <= patent_year <= last:
        raise ValueError(f"专利年度 {patent_year} 超出保护期（{last} 年）")
    due = nominal_due_date(app_date, patent_year)
    if patent_year <= years:
        return int(memo(table, due)[kind][patent_year - 1])
    whole = calendar.add_years(app_date, patent_year) <= end
    return int(memo(rules, due)["compensation_fee"]) if whole else 0


def nominal_due_date(app_date: dt.date, patent_year: int) -> dt.date:
    """The filing-date anniversary on which the fee of `patent_year` falls due."""
    return calendar.add_years(app_date, patent_year - 1)


def due_date(app_date: dt.date, patent_year: int) -> dt.date:
    """The last day to pay the fee of `patent_year` without surcharge (holiday rule applied)."""
    return shifted_due(nominal_due_date(app_date, patent_year))


def shifted_due(nominal: dt.date) -> dt.date:
    """The due date of a fee whose anniversary is `nominal` (holiday rule applied)."""
    return calendar.next_working_day(nominal) if rules()["shift_due_date"] else nominal


def reduced_amount(full: int, co_owners: int = 1, on: dt.date | None = None) -> int:
    return _reduced(full, co_owners, rules(on))


def _reduced(full: int, co_owners: int, rule: dict) -> int:
    return _percent(full, rule["reduced_pay_single"] if co_owners <= 1 else rule["reduced_pay_joint"])


def reduction_applies(patent_year: int, grant_patent_year: int | None,
                      on: dt.date | None = None) -> bool:
    """Whether the fee reduction covers `patent_year` under the rule in force on `on` (the
    year's due date)."""
    return _covered(patent_year, grant_patent_year, rules(on))


def _covered(patent_year: int, grant_patent_year: int | None, rule: dict) -> bool:
    if grant_patent_year is None:
        return False
    return grant_patent_year <= patent_year < grant_patent_year + int(rule["reduction_years"])


def open_licence_applies(day: dt.date, facts: Facts, rule: dict | None = None) -> bool:
    """A fee falling due on `day` while an open licence runs, the reduction being in force."""
    if not facts.open_licence or not facts.open_on(day):
        return False
    return day >= dt.date.fromisoformat((rule or rules(day))["open_licence_from"])


def fee_line(patent_type: str, app_date: dt.date, year: int, grant_patent_year: int | None,
             reduced: bool = False, co_owners: int = 1, facts: Facts = NO_FACTS,
             memo: Memo | None = None) -> FeeLine:
    memo = memo or Memo()
    nominal = nominal_due_date(app_date, year)
    rule = memo(rules, nominal)
    full = annual_fee(patent_type, year, app_date, facts.extension_days, memo)
    applies = _covered(year, grant_patent_year, rule)
    cut = _reduced(full, co_owners, rule) if applies else full
    options = [(full, None)]
    if reduced and applies:
        options.append((cut, "reduction"))
    licensed = open_licence_applies(nominal, facts, rule)
    if licensed:
        options.append((_percent(full, rule["open_licence_pay"]), "open_licence"))
    payable, relief = min(options, key=lambda option: option[0])
    at_grant = grant_patent_year is not None and year == grant_patent_year
    due = None if at_grant else memo(shifted_due, nominal)
    compensated = year > memo(term_of, patent_type, app_date, facts.extension_days)[0]
    return FeeLine(year, None if at_grant else nominal, due, full, cut, payable, applies, at_grant,
                   compensated, licensed, relief if payable < full else None)


def schedule(patent_type: str, app_date: dt.date, grant_patent_year: int, reduced: bool = False,
             co_owners: int = 1, facts: Facts = NO_FACTS) -> list[FeeLine]:
    """Fee lines from the grant year to the last year of the term (compensation included)."""
    last = last_year(patent_type, app_date, facts.extension_days)
    return [fee_line(patent_type, app_date, year, grant_patent_year, reduced, co_owners, facts)
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
    edges = band_edges(nominal_due_date(app_date, patent_year))
    return _band(due_date(app_date, patent_year), edges, paid_on)


def _band(due: dt.date, edges: list[dt.date], paid_on: dt.date) -> int | None:
    if paid_on <= due:
        return 0
    for index, edge in enumerate(edges):
        if paid_on <= edge:
            return index + 1
    return None


def surcharge(patent_type: str, app_date: dt.date, patent_year: int, paid_on: dt.date,
              reduced: bool = False, co_owners: int = 1,
              grant_patent_year: int | None = None, facts: Facts = NO_FACTS) -> int | None:
    """Late surcharge in yuan for paying `patent_year` on `paid_on`; None when too late."""
    band = surcharge_band(app_date, patent_year, paid_on)
    if band is None:
        return None
    line = fee_line(patent_type, app_date, patent_year, grant_patent_year, reduced, co_owners,
                    facts)
    rule = rules(line.nominal_due)
    rate = int(rule["surcharge_rates"][band - 1]) if band else 0
    return _percent(line.full if rule["surcharge_on_full"] else line.payable, rate)


def state_on(patent_type: str, app_date: dt.date, grant_patent_year: int,
             paid_through_year: int | None, on: dt.date, reduced: bool = False,
             co_owners: int = 1, facts: Facts = NO_FACTS, memo: Memo | None = None) -> FeeState:
    """The fee state on day `on` (see FeeState); a batch's `memo` keeps what its patents share."""
    return _state_on(patent_type, app_date, grant_patent_year, paid_through_year, on, reduced,
                     co_owners, facts, memo or Memo())


def _state_on(patent_type: str, app_date: dt.date, grant_patent_year: int,
              paid_through_year: int | None, on: dt.date, reduced: bool, co_owners: int,
              facts: Facts, memo: Memo) -> FeeState:
    kind = normalize_type(patent_type)
    paid = paid_through_year if paid_through_year is not None else grant_patent_year
    year = max(paid, grant_patent_year) + 1
    _, last, end = memo(term_of, kind, app_date, facts.extension_days)
    if year > last or on >= end:
        return _expired(on)
    line = fee_line(kind, app_date, year, grant_patent_year, reduced, co_owners, facts, memo)
    if line.full == 0:  # the last part-year of a compensation: nothing to pay
        return FeeState(on, "normal", line.year, line.nominal_due, line.due_date, 0, 0, None, 0,
                        0, 0, (line.due_date - on).days, None, None, None, None)
    return _state_for_line(line, on, memo)


def _state_for_line(line: FeeLine, on: dt.date, memo: Memo) -> FeeState:
    rule = memo(rules, line.nominal_due)
    edges = memo(band_edges, line.nominal_due)
    band = _band(line.due_date, edges, on)
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


@lru_cache(maxsize=4096)  # a pure function of a few fee levels and rates, called per patent
def _percent(amount: int, percent) -> int:
    return int((Decimal(amount) * Decimal(percent) / 100).quantize(Decimal(1), ROUND_HALF_UP))
