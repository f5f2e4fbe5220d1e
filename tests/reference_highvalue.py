"""An independent reference for 高价值发明专利 judged as of a day, category by category, under the
bureau's own parameters (domain-facts §3.2; issue 12), and for the valid stocks of every type at
a day: plain Python over the raw rows, one patent and one day at a time, nothing from core but
the models. Validity on a day and the placement of a patent under a counting rule are
tests/reference_stock.py's (written from the same definitions); this file adds what that one
fixes to the defaults: the categories one by one, each switchable, with the maintained years,
their start and the pledge threshold as parameters.

A valid invention patent is high-value on a day when it meets any enabled category (counted
once):
1. sei — linked to an industry that is a strategic emerging industry, or lies below one
   (Industry.kind "sei" on it or on an ancestor through parent_code);
2. overseas_family — a family member granted abroad (the patent's flag; no date);
3. long_maintained — more than `maintained_years` years since the filing date
   (`maintained_from` "app") or the grant date ("grant") on that day: the anniversary (29
   February → 28 February) lies before the day; a patent without that date is never;
4. pledge — a pledge registered on or before the day for at least `pledge_amount` yuan (a pledge
   without a date or an amount is on no day / below any threshold);
5. award — a National S&T Award or China Patent Award recorded (a non-blank award text).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.db.models import Industry, LegalEvent, Patent, PatentIndustry
from tests import reference_stock as ref

CATEGORIES = ("sei", "overseas_family", "long_maintained", "pledge", "award")


@dataclass(frozen=True)
class Rule:
    """The parameter high_value_rules as the bureau sets it (defaults: domain-facts §3.2)."""
    enabled: frozenset = frozenset(CATEGORIES)
    maintained_years: int = 10
    maintained_from: str = "app"
    pledge_amount: float = 10_000_000

    def as_param(self) -> dict:
        return {**{c: c in self.enabled for c in CATEGORIES},
                "maintained_years": self.maintained_years,
                "maintained_from": self.maintained_from, "pledge_amount": self.pledge_amount}


@dataclass(frozen=True)
class Facts:
    """What the categories read of one patent, and its stock row (reference_stock.Row)."""
    row: ref.Row
    sei: bool
    overseas: bool
    award: bool
    pledges: tuple = field(default=())  # (date or None, amount or None)


def _sei_codes() -> set[str]:
    """Industry codes that are, or lie below, a strategic emerging industry."""
    kind = {i.code: i.kind for i in Industry.select()}
    parent = {i.code: i.parent_code for i in Industry.select()}
    out = set()
    for code in kind:
        seen, at = set(), code
        while at and at not in seen:
            if kind.get(at) == "sei":
                out.add(code)
                break
            seen.add(at)
            at = parent.get(at)
    return out


def load() -> dict[int, Facts]:
    """Patent id → Facts, read row by row."""
    sei_codes = _sei_codes()
    sei = {link.patent_id for link in PatentIndustry.select()
           if link.industry_code in sei_codes}
    pledges: dict[int, list] = {}
    for e in LegalEvent.select():
        if e.kind == "pledge":
            amount = None if e.amount is None else float(e.amount)
            pledges.setdefault(e.patent_id, []).append((e.date, amount))
    patents = {p.id: p for p in Patent.select()}
    out = {}
    for row in ref.load():
        p = patents[row.pid]
        out[row.pid] = Facts(row, row.pid in sei, bool(p.overseas_family),
                             bool((p.award or "").strip()), tuple(pledges.get(row.pid, ())))
    return out


def maintained_on(f: Facts, day: dt.date, rule: Rule) -> bool:
    start = f.row.grant if rule.maintained_from == "grant" else f.row.app
    return start is not None and ref.anniversary(start, rule.maintained_years) < day


def pledged_on(f: Facts, day: dt.date, rule: Rule) -> bool:
    return any(when is not None and amount is not None and when <= day
               and amount >= rule.pledge_amount for when, amount in f.pledges)


def categories_on(f: Facts, day: dt.date, rule: Rule) -> set[str]:
    """The enabled categories the patent meets on `day` (its validity aside)."""
    met = {"sei": f.sei, "overseas_family": f.overseas, "award": f.award,
           "long_maintained": maintained_on(f, day, rule), "pledge": pledged_on(f, day, rule)}
    return {c for c in CATEGORIES if met[c] and c in rule.enabled}


def valid_invention_on(f: Facts, day: dt.date, stock_basis: str = "as_of") -> bool:
    return f.row.type_ == "invention" and ref.valid_on(f.row, day, stock_basis)


def high_value_on(f: Facts, day: dt.date, rule: Rule, stock_basis: str = "as_of") -> bool:
    return valid_invention_on(f, day, stock_basis) and bool(categories_on(f, day, rule))


def category_counts(facts: dict[int, Facts], inside, day: dt.date, rule: Rule,
                    stock_basis: str = "as_of") -> dict[str, int]:
    """Valid inventions on `day` (stock_basis "status": by the stored status) of the patents
    `inside(row)` selects, per enabled category met on `day`, and 'any'."""
    out = dict.fromkeys([c for c in CATEGORIES if c in rule.enabled] + ["any"], 0)
    for f in facts.values():
        if not inside(f.row) or not valid_invention_on(f, day, stock_basis):
            continue
        met = categories_on(f, day, rule)
        for c in met:
            out[c] += 1
        out["any"] += bool(met)
    return out


def indicator_counts(facts: dict[int, Facts], region: str | None, day: dt.date, rule: Rule,
                     counting, custom: set[str] | None = None) -> dict[str, float]:
    """The numerators on `day` under a counting rule (core.rules.counting.CountingRule's fields):
    hv_dom (high-value), long_dom (maintained over the rule's years) — domestic when the rule
    says so — and vi (valid inventions)."""
    out = {"vi": 0.0, "hv_dom": 0.0, "long_dom": 0.0}
    for f in facts.values():
        if not valid_invention_on(f, day, counting.stock_basis):
            continue
        share, domestic = ref.weight(f.row, region, counting.holder, counting.basis,
                                     counting.fractional, custom)
        counted = domestic if counting.domestic_only else share
        out["vi"] += share
        if categories_on(f, day, rule):
            out["hv_dom"] += counted
        if maintained_on(f, day, rule):
            out["long_dom"] += counted
    return out


def valid_by_type(facts: dict[int, Facts], inside, day: dt.date) -> dict[str, int]:
    """Valid patents on `day` (granted on or before it, in force on it) of each type among the
    patents `inside(row)` selects."""
    out = dict.fromkeys(("invention", "utility", "design"), 0)
    for f in facts.values():
        if inside(f.row) and ref.valid_on(f.row, day):
            out[f.row.type_] += 1
    return out
