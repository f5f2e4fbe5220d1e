"""High-value invention patents (高价值发明专利, domain-facts §3.2).

A valid invention patent is high-value when it meets any enabled category (counted once):
1. sei — in a strategic emerging industry (IPC concordance, core.industries, kind "sei");
2. overseas_family — has a family member granted abroad (Patent.overseas_family, from data);
3. long_maintained — in force more than `maintained_years` (10) years, counted from the filing date
   (`maintained_from` = "app", [U] inference of domain-facts) or from the grant date ("grant");
4. pledge — a pledge registered on or before the day with an amount ≥ `pledge_amount` yuan
   (default 10,000,000, [U]: "some local documents", not verified — set the bureau's own
   threshold); a pledge without a registration date is never on or before a day;
5. award — won a National S&T Award or the China Patent Award (Patent.award, from data).
Each category is switchable in parameter `high_value_rules`.

Judged as of a day: categories 3 and 4 on that day (maintained over N years on it, a pledge on or
before it), 1, 2 and 5 from the data as it stands (they carry no date). A patent is high-value on a
day from `start_month`'s day on (0: always — a dateless category), while valid.
Patent.high_value is today's judgement (refresh), for the pages that list today's patents.
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from core.config import defaults
from core.config import rules as ruleparams
from core.db import db, version
from core.db.models import LegalEvent, Patent
from core.db.sql import count_if
from core.rules import industries
from core.rules.calendar import add_years

PARAM_KEY = "high_value_rules"
CATEGORIES = ("sei", "overseas_family", "long_maintained", "pledge", "award")
DEFAULT_RULES = defaults.HIGH_VALUE_RULES


def rules() -> dict:
    return ruleparams.value(PARAM_KEY)


def category_condition(category: str, on: dt.date, rule: dict | None = None,
                       model=Patent, few: bool = False) -> pw.Expression:
    """SQL condition for one category on day `on` (patents of `model`, i.e. Patent); few=True
    when it is tested on a few rows only: the SEI class and the pledge as correlated EXISTS
    through the link and event indexes (industries.in_any_industry), not IN (subquery), which
    PostgreSQL hashes from every link or pledge of the database — or, when that hash outgrows
    work_mem, rescans for every row (届满通知 at 5,000,000 patents: 342 s)."""
    rule = rule or rules()
    if category == "sei":
        return industries.in_any_industry("sei", model, few)
    if category == "overseas_family":
        return model.overseas_family == True  # noqa: E712
    if category == "long_maintained":
        column = model.grant_date if rule["maintained_from"] == "grant" else model.app_date
        return column < add_years(on, -int(rule["maintained_years"]))
    if category == "pledge":
        pledged = pledged_between(None, on, rule)
        if few:  # an index probe per row instead of every pledge of the database
            return pw.fn.EXISTS(pledged.where(LegalEvent.patent == model.id))
        return model.id.in_(pledged)
    if category == "award":
        return model.award.is_null(False) & (model.award != "")
    raise ValueError(category)


def pledged_between(first: dt.date | None, last: dt.date, rule: dict | None = None) -> pw.Select:
    """Ids of the patents with a pledge over the threshold registered in [first, last] (first
    None: any day up to `last`)."""
    rule = rule or rules()
    when = LegalEvent.date <= last
    if first is not None:
        when &= LegalEvent.date >= first
    return (LegalEvent.select(LegalEvent.patent)
            .where((LegalEvent.kind == "pledge") & when
                   & (LegalEvent.amount >= rule["pledge_amount"])))


VALID_INVENTION = (Patent.patent_type == "invention") & (Patent.status == "valid")
DATELESS = ("sei", "overseas_family", "award")


def dateless_condition(rule: dict | None = None, model=Patent, few: bool = False,
                       sei: pw.Expression | None = None) -> pw.Expression | None:
    """Any enabled category that carries no date (SEI class, overseas family, award), or None;
    few as in category_condition; `sei`: the SEI class as a condition of the caller's own (a
    joined table), instead of the link lookup."""
    rule = rule or rules()
    parts = [sei if c == "sei" and sei is not None
             else category_condition(c, dt.date.today(), rule, model, few)
             for c in DATELESS if rule.get(c)]
    return _any(parts)


def _any(parts: list) -> pw.Expression | None:
    if not parts:
        return None
    expr = parts[0]
    for part in parts[1:]:
        expr = expr | part
    return expr


def enabled(rule: dict | None = None) -> list[str]:
    rule = rule or rules()
    return [c for c in CATEGORIES if rule.get(c)]


def condition(on: dt.date | None = None, rule: dict | None = None,
              model=Patent, few: bool = False) -> pw.Expression | bool:
    """Any enabled category on day `on` (without the valid-invention part); few=True when it is
    tested on a few rows only."""
    on = on or dt.date.today()
    expr = _any([category_condition(c, on, rule, model, few) for c in enabled(rule)])
    return False if expr is None else expr


def refresh(on: dt.date | None = None, reassign_industries: bool = True,
            only: str | None = None) -> int:
    """Recompute Patent.high_value for every patent (valid inventions meeting a category), or
    for those whose ids the SQL `only` selects; optionally re-run the industry assignment first
    (every kind: the strategic emerging industries feed category 1, the local ones the industry
    statistics). Returns the number of patents changed. The flag is lowered where the condition
    does not hold (NULL counts as not), with no `id NOT IN (the patents meeting it)`."""
    on = on or dt.date.today()
    with db.atomic():
        if reassign_industries:
            industries.assign(only=only)
        changed = (_refresh_some(on, only) if only is not None else
                   _raise_every(on) + _lower_every(on))
        version.bump()
    return changed


def _refresh_some(on: dt.date, only: str) -> int:
    """The flags of the patents `only` selects (an import's: few), the SEI class and the pledge
    tested by index probes per row, not IN (every SEI link or pledge)."""
    among = Patent.id.in_(pw.SQL(f"({only})"))
    meets = VALID_INVENTION & condition(on, few=True)
    up = (Patent.update(high_value=True)
          .where(among, Patent.high_value == False, meets).execute())  # noqa: E712
    down = (Patent.update(high_value=False)
            .where(among, Patent.high_value == True,  # noqa: E712
                   ~pw.fn.COALESCE(meets, False)).execute())
    return up + down


def _raise_every(on: dt.date) -> int:
    """Raise the flag category by category: each condition alone at the top of its UPDATE, so
    IN (every SEI link or pledge) is a semi-join. Inside one OR PostgreSQL tests it as a SubPlan
    per patent, rescanning the list once it outgrows work_mem (as NOT IN did at 5,000,000)."""
    rule = rules()
    return sum(Patent.update(high_value=True)
               .where(Patent.high_value == False, VALID_INVENTION,  # noqa: E712
                      category_condition(c, on, rule)).execute()
               for c in enabled(rule))


def _lower_every(on: dt.date) -> int:
    """Lower the flag of the patents no longer valid inventions, then of those meeting no
    category: one NOT per category at the top of the UPDATE (anti-joins for the SEI class and
    the pledge: NOT EXISTS by the link and event indexes)."""
    rule = rules()
    gone = (Patent.update(high_value=False)
            .where(Patent.high_value == True,  # noqa: E712
                   ~pw.fn.COALESCE(VALID_INVENTION, False)).execute())
    unmet = [~pw.fn.COALESCE(category_condition(c, on, rule, few=True), False)
             if c not in ("sei", "pledge") else ~category_condition(c, on, rule, few=True)
             for c in enabled(rule)]
    return gone + (Patent.update(high_value=False)
                   .where(Patent.high_value == True, VALID_INVENTION, *unmet)  # noqa: E712
                   .execute())


def categories_of(patent_id: int, on: dt.date | None = None) -> list[str]:
    """The enabled categories one patent meets (for display)."""
    on = on or dt.date.today()
    return [c for c in enabled() if Patent.select().where(
        (Patent.id == patent_id) & category_condition(c, on)).exists()]


def category_counts(region_expr, on: dt.date | None = None) -> dict[str, int]:
    """Valid inventions in `region_expr` per enabled category, and 'any', in one query."""
    on = on or dt.date.today()
    columns = [count_if(category_condition(c, on)).alias(c)
               for c in enabled()]
    columns.append(count_if(condition(on)).alias("any"))
    row = (Patent.select(*columns)
           .where(region_expr & VALID_INVENTION)
           .dicts().get())
    return {k: int(v or 0) for k, v in row.items()}
