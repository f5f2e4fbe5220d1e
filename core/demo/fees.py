"""The life of a granted demo patent after registration: annual fees paid (mostly on time, some in
the grace period with the surcharge, reduced for eligible holders), the year it is given up, the
retroactive termination (未缴年费终止, dated on the due date) once the 6-month grace period is over,
the odd restoration, and expiry at the end of the term. All amounts, due dates, bands and terms
come from core.fees and core.terms, so the demo agrees with the rules the app applies."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from core.rules import calendar, fees, terms

LATE_SHARE = 0.07  # payments made inside the grace period
RESTORE_SHARE = 0.03  # terminations that are restored
REDUCTION_START = dt.date(2016, 9, 1)  # 财税〔2016〕78号


def _hazard(patent_type: str, year: int) -> float:
    """Chance that a holder gives up paying the fee of patent year `year`."""
    if patent_type == "invention":
        return 0.035 if year <= 5 else 0.06 if year <= 9 else 0.08 if year <= 14 else 0.11
    if patent_type == "utility":
        return 0.09 if year <= 3 else 0.14 if year <= 5 else 0.19 if year <= 8 else 0.24
    return 0.16 if year <= 3 else 0.22 if year <= 8 else 0.26


@dataclass
class Upkeep:
    """What happened after registration, as of `today`."""
    grant_patent_year: int
    payments: list[tuple] = field(default_factory=list)  # (patent_year, amount, surcharge, paid_on)
    paid_through: int = 0
    status: str = "valid"
    reason: str = "granted"
    status_date: dt.date | None = None
    lapse_date: dt.date | None = None
    next_due: dt.date | None = None  # due date of the next unpaid fee while valid
    events: list[tuple] = field(default_factory=list)  # (kind, code, date, announce, detail)


class FeeRules:
    """Cached wrappers around core.fees / core.terms for bulk use."""

    def __init__(self):
        self.term_rule = terms.rules()
        self._due: dict[tuple, dt.date] = {}
        self._fee: dict[tuple, int] = {}

    def expiry(self, patent_type: str, app_date: dt.date) -> dt.date:
        return terms.expiry_date(patent_type, app_date, rule=self.term_rule)

    def last_year(self, patent_type: str, app_date: dt.date) -> int:
        return terms.term_years(patent_type, app_date, self.term_rule)

    def due(self, app_date: dt.date, year: int) -> dt.date:
        key = (app_date, year)
        if key not in self._due:
            self._due[key] = fees.due_date(app_date, year)
        return self._due[key]

    def fee(self, patent_type: str, year: int, app_date: dt.date) -> int:
        key = (patent_type, year, patent_type == "design" and app_date >= dt.date(2021, 6, 1))
        if key not in self._fee:
            self._fee[key] = fees.annual_fee(patent_type, year, app_date)
        return self._fee[key]


def maintain(rng: random.Random, rules: FeeRules, patent_type: str, app_date: dt.date,
             grant_date: dt.date, today: dt.date, reduced: bool, co_owners: int,
             risk: float, stop: tuple[dt.date, str] | None) -> Upkeep:
    """Pay or drop each year's fee from registration to the end of the term (or `stop`: an
    invalidation or surrender date and its reason)."""
    registered = grant_date - dt.timedelta(days=rng.randint(15, 45))
    registered = max(registered, app_date)
    gy = terms.patent_year_on(app_date, registered)
    up = Upkeep(gy, status_date=grant_date)
    _pay(up, rules, patent_type, app_date, gy, registered, 0, reduced, co_owners)
    last = rules.last_year(patent_type, app_date)
    up.next_due = rules.due(app_date, gy + 1) if gy < last else None
    for year in range(gy + 1, last + 1):
        nominal = fees.nominal_due_date(app_date, year)
        if stop and stop[0] < nominal:
            return _stopped(up, stop, today)
        due = rules.due(app_date, year)
        if due > today + dt.timedelta(days=400):
            return up
        if rng.random() < _hazard(patent_type, year) * risk:
            if not _lapse(rng, up, rules, patent_type, app_date, year, nominal, today,
                          reduced, co_owners):
                return up
            continue
        paid_on = _payment_day(rng, due, nominal)
        if paid_on > today:
            return up  # not paid yet: due soon, or inside the grace period today
        late = _late_fee(patent_type, app_date, year, paid_on, gy) if paid_on > due else 0
        _pay(up, rules, patent_type, app_date, year, paid_on, late, reduced, co_owners)
        up.next_due = rules.due(app_date, year + 1) if year < last else None
    if stop and stop[0] <= today:
        return _stopped(up, stop, today)
    end = rules.expiry(patent_type, app_date)
    if end <= today:
        up.status, up.reason, up.status_date, up.lapse_date = "lapsed", "expired", end, end
        up.events.append(("expiry", "CX01", end, _gazette(rng, end), "专利权有效期届满"))
    return up


def _payment_day(rng: random.Random, due: dt.date, nominal: dt.date) -> dt.date:
    if rng.random() < LATE_SHARE:
        return min(calendar.add_months(nominal, 6), due + dt.timedelta(days=rng.randint(1, 180)))
    return due - dt.timedelta(days=int(rng.expovariate(1 / 20)) % 90)


def _late_fee(patent_type, app_date, year, paid_on, gy) -> int:
    return fees.surcharge(patent_type, app_date, year, paid_on, grant_patent_year=gy) or 0


def _pay(up: Upkeep, rules: FeeRules, patent_type, app_date, year, paid_on, surcharge,
         reduced, co_owners) -> None:
    amount = rules.fee(patent_type, year, app_date)
    if reduced and paid_on >= REDUCTION_START and \
            fees.reduction_applies(year, up.grant_patent_year):
        amount = fees.reduced_amount(amount, co_owners)
    up.payments.append((year, amount, surcharge, paid_on))
    up.paid_through = year


def _lapse(rng, up: Upkeep, rules: FeeRules, patent_type, app_date, year, nominal, today,
           reduced, co_owners) -> bool:
    """The fee of `year` is never paid in time. True when the patent was restored (life goes on)."""
    end_of_grace = fees.band_edges(nominal)[-1]
    if end_of_grace >= today:
        return False  # still inside the grace period today: valid, unpaid
    announce = _gazette(rng, end_of_grace + dt.timedelta(days=rng.randint(20, 70)))
    up.status, up.reason, up.status_date, up.lapse_date = "lapsed", "unpaid_fee", nominal, nominal
    if announce <= today:
        up.events.append(("lapse_unpaid", "CF01", nominal, announce, "未缴年费专利权终止"))
    restored_on = announce + dt.timedelta(days=rng.randint(20, 55))
    if announce > today or restored_on > today or rng.random() >= RESTORE_SHARE:
        return False
    up.events.append(("restoration", "RR01", restored_on, _gazette(rng, restored_on + dt.timedelta(
        days=30)), "权利的恢复"))
    full = rules.fee(patent_type, year, app_date)
    _pay(up, rules, patent_type, app_date, year, restored_on,
         full * int(fees.rules()["restoration_surcharge"]) // 100, reduced, co_owners)
    up.status, up.reason, up.status_date, up.lapse_date = "valid", "granted", restored_on, None
    up.next_due = rules.due(app_date, year + 1) if year < rules.last_year(patent_type, app_date) \
        else None
    return True


def _stopped(up: Upkeep, stop: tuple[dt.date, str], today: dt.date) -> Upkeep:
    day, kind = stop
    if day > today:
        return up
    reason = {"invalidation": "invalidated", "surrender": "surrendered",
              "double_patenting": "double_patenting"}[kind]
    code = {"invalidation": "IW01", "surrender": "AV01", "double_patenting": "AD01"}[kind]
    detail = {"invalidation": "专利权全部无效", "surrender": "专利权的主动放弃",
              "double_patenting": "避免重复授权放弃专利权"}[kind]
    up.status, up.reason, up.status_date, up.lapse_date = "lapsed", reason, day, day
    up.events.append((kind, code, day, day + dt.timedelta(days=7), detail))
    return up


def _gazette(rng: random.Random, day: dt.date) -> dt.date:
    """The next gazette day (a Tuesday or Friday) on or after `day`."""
    while day.weekday() not in (1, 4):
        day += dt.timedelta(days=1)
    return day
