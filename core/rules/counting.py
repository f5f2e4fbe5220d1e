"""Counting rules and the aggregation engine behind the indicators: which holder places a patent
in a region, whole or fractional counting, domestic holders only, and SUM(CASE …) aggregates
computed in one SQL query per call (optionally grouped by sub-region).

Placement (one rule for every counting rule, placements()): the first holder of record (current,
seq 1) sits at the patent's own region columns (the resolved address on the patent record, kept
current by imports and transfers), every other holder at its own region (holder table); a patent
without a current holder link has one holder of record.
- holder "first" + basis "current" (default): the patent's own region columns — indexed, fastest;
- otherwise the placements of the holder set: basis "current" uses the current holder rows,
  "original" the holders before the first transfer (rows with current = False, or the current rows
  when the patent was never transferred); holder "first" is seq 1 of that set, "any" every holder;
- fractional counting (with "any"): each holder in the region counts 1/n of the patent, n the
  number of holders in the set; whole counting counts a patent once however many holders are in.
Domestic only: the placing holder is domestic (excludes 港澳台 and foreign holders).
"""
from __future__ import annotations

from dataclasses import dataclass

import peewee as pw
from peewee import fn

from core.config import defaults, labels
from core.config import rules as ruleparams
from core.db.models import Holder, Patent, PatentHolder
from core.db.sql import REGION_CODES, count_if
from core.regions.scope import (
    COLUMN_BY_LENGTH,
    both,
    canonical,
    child_column,
    is_custom,
    region_filter,
)

HOLDERS = defaults.COUNTING_CHOICES["holder"]
BASES = defaults.COUNTING_CHOICES["basis"]
FILING_BASES = defaults.COUNTING_CHOICES["filing_basis"]
STOCK_BASES = defaults.COUNTING_CHOICES["stock_basis"]


DEFAULT_RULE = defaults.COUNTING_RULE
RULE_KEY = "counting_rule"


def default_rule() -> CountingRule:
    """The bureau's default counting rule (parameter `counting_rule`, else DEFAULT_RULE)."""
    return CountingRule(**ruleparams.value(RULE_KEY))


@dataclass(frozen=True)
class CountingRule:
    holder: str = "first"
    basis: str = "current"
    fractional: bool = False
    domestic_only: bool = True  # for the per-population and per-GDP indicators
    filing_basis: str = "app"  # date that places an application in the period: app / pub
    stock_basis: str = "as_of"  # valid on the day from grant/lapse dates, or the stored status

    def __post_init__(self):
        for value, allowed in ((self.holder, HOLDERS), (self.basis, BASES),
                               (self.filing_basis, FILING_BASES),
                               (self.stock_basis, STOCK_BASES)):
            if value not in allowed:
                raise ValueError(labels.PARAM_BAD_RULE.format(value=value))

    @property
    def fast(self) -> bool:
        return self.holder == "first" and self.basis == "current"

    @property
    def weighted(self) -> bool:
        return self.fractional and self.holder == "any"


# Lapse reasons only a granted patent can have (core.rules.status.LAPSE_EVENTS without
# rejection and withdrawal, which end an application).
GRANTED_REASONS = ("unpaid_fee", "expired", "invalidated", "surrendered", "double_patenting")


def known_granted(model=Patent) -> pw.Expression:
    """Patents known to have been granted even without a grant date: valid now, or lapsed for a
    reason only a granted patent lapses for. A rejected or withdrawn application, or a lapse of
    unknown reason without a grant date, was never granted."""
    lapsed_granted = (model.status == "lapsed") & model.status_reason.in_(GRANTED_REASONS)
    return (model.status == "valid") | lapsed_granted


REFUSED_REASONS = ("rejected", "withdrawn")


def refused(model=Patent) -> pw.Expression:
    """Applications closed without a grant (rejected, withdrawn): such a reason, no grant date,
    and not known to have been granted (known_granted) — exactly the closed cases the valid
    stock never counts."""
    return (model.status_reason.in_(REFUSED_REASONS) & model.grant_date.is_null()
            & ~known_granted(model))


def undated_grant(model=Patent) -> pw.Expression:
    """Granted patents without a grant date (imports that lack it). Rule: they count as granted
    from their filing date — the earliest day a grant can have happened, so today's stock is
    right and a past stock is an upper bound — and on every day when the filing date is missing
    too."""
    return model.grant_date.is_null() & known_granted(model)


def granted_by(day, model=Patent) -> pw.Expression:
    """Granted on or before `day` (undated grants by the rule of undated_grant)."""
    undated = undated_grant(model) & (model.app_date.is_null() | (model.app_date <= day))
    return (model.grant_date <= day) | undated


def valid_on(day, rule: CountingRule) -> pw.Expression:
    """Patents in the valid stock on `day`: granted on or before it (granted_by) and in force on
    it — valid now, or lapsed after it; on the "status" basis simply the stored status valid."""
    if rule.stock_basis == "status":
        return Patent.status == "valid"
    alive = (Patent.status == "valid") | ((Patent.status == "lapsed") & (Patent.lapse_date > day))
    return granted_by(day) & alive


def unindexed(field: pw.Field) -> pw.Node:
    """`field || ''`: the same value, but the planner will not look rows up through an index on
    `field`; used on the region column of a large region when a date range is the selective part
    (an index look-up per row is several times slower than a scan when most rows match)."""
    return field.concat("")


# The placements of a holder rule (placements()), and for whole counting their reduction to one
# row per patent (and sub-region), are derived tables of this name; column `dom` says whether the
# (any) placing holder is domestic.
PLACED = "placed"


def unindexed_region(code: str | None) -> pw.Expression | bool:
    """region_filter on `patent` with a division's column read unindexed: for queries whose
    own condition (a date window on a covering index) is the selective part. Custom regions
    (lists of members) keep their filter."""
    code = canonical(code) if code else code
    if not code or is_custom(code):
        return region_filter(code)
    return unindexed(getattr(Patent, COLUMN_BY_LENGTH[len(code)])) == code


def domestic(rule: CountingRule) -> pw.Expression:
    """The placing holder is domestic (whole counting by holder: any placing holder is)."""
    if rule.fast:
        return Patent.domestic == True  # noqa: E712
    return pw.Entity(PLACED, "dom") == 1


def aggregate(region: str | None, rule: CountingRule, conditions: dict[str, pw.Expression],
              where: pw.Expression | bool = True, by_child: bool = False,
              selective: bool = False) -> list[dict]:
    """One row (or one per sub-region, key 'code') of sums: for each name in `conditions` the
    number of patents (fractional: holder shares) placed in `region` meeting the condition.
    By sub-region, the additive rules (first holder, fractional) also return the remainder placed
    in the region but in no sub-region (code None), so that the rows add up to the region's.
    `selective`: `where` picks few rows through its own index (a date range), so a province or
    city is not looked up through the region index."""
    if rule.fast:
        return _fast(region, conditions, where, by_child, selective)
    if rule.weighted:
        return _fractional(region, rule, conditions, where, by_child)
    return _whole(region, rule, conditions, where, by_child)


def fast_place(region: str | None, selective: bool = False) -> pw.Expression | bool:
    """region_filter on `patent`, spelled so that the covering index models.INDICATOR_INDEX
    (city, county, street, …) can seek: a county or street also names its city (and county)."""
    code = canonical(region) if region else region
    if not code or is_custom(code):
        return region_filter(region)
    if len(code) <= 4:
        column = Patent.province_code if len(code) == 2 else Patent.city_code
        return (unindexed(column) if selective else column) == code
    place = (Patent.city_code == code[:4]) & (Patent.county_code == code[:6])
    return place & (Patent.street_code == code) if len(code) == 9 else place


def _fast(region, conditions, where, by_child, selective=False) -> list[dict]:
    columns = [count_if(cond).alias(name)
               for name, cond in conditions.items()]
    query = Patent.select(*columns).where(fast_place(region, selective) & where)
    if by_child:
        # grouped on `child || ''`: else the planner walks a (non-covering) index in child order
        child = getattr(Patent, child_column(region))
        key = unindexed(child)
        query = query.select_extend(key.alias("code")).group_by(key)
    return [_clean(row) for row in query.dicts()]


def _holder_set(link) -> pw.Expression:
    """Rows of patent_holder alias `link` that belong to the rule's holder set."""
    return link.current == True  # noqa: E712


def _original_set(link) -> pw.Expression:
    older = PatentHolder.alias("ph_old")
    transferred = older.select(pw.SQL("1")).where((older.patent == link.patent)
                                                  & (older.current == False))  # noqa: E712
    return (link.current == False) | ~fn.EXISTS(transferred)  # noqa: E712


def of_record(link) -> pw.Expression:
    """The link of the patent's first holder of record (current, seq 1), whose address is the
    one on the patent record: placed by the patent's own region columns."""
    return (link.current == True) & (link.seq == 1)  # noqa: E712


def placements(rule: CountingRule, patents: pw.Select | None = None,
               name: str = PLACED) -> pw.Select:
    """The one placement rule of every counting rule, as a derived table PLACED(pid, seq,
    province_code, city_code, county_code, street_code, dom, share): one row per holder of the
    rule's set (current holders, or those before the first transfer). The first holder of record
    (current, seq 1) sits where the patent's own region columns say — the default rule's place —,
    every other holder at its own region (holder table); a patent without a current holder link
    has one holder of record (in the original set too when it has no earlier holders). dom: 1
    when that holder is domestic (the patent's flag for the holder of record); share: 1/n of
    the patent, n the holders of the set. So the first holder is placed alike under every
    rule, and "any holder" places a patent at least where "first holder" does.
    `patents`: only the patents whose ids it selects."""
    link = PatentHolder
    record = of_record(link)
    codes = [pw.Case(None, [(record, getattr(Patent, c))], getattr(Holder, c)).alias(c)
             for c in REGION_CODES]
    dom = pw.Case(None, [(record & (Patent.domestic == True), 1),  # noqa: E712
                         (~record & (Holder.domestic == True), 1)], 0)  # noqa: E712
    in_set = _holder_set if rule.basis == "current" else _original_set
    counts = holder_counts(rule, patents) if rule.weighted else None
    share = (1.0 / counts.c.n) if counts is not None else pw.Value(1.0)
    links = (link.select(link.patent.alias("pid"), link.seq.alias("seq"), *codes, dom.alias("dom"),
                         share.alias("share"))
             .join(Holder, on=(link.holder == Holder.id))
             .switch(link).join(Patent, on=(link.patent == Patent.id))
             .where(in_set(link)))
    if counts is not None:  # holder shares: only fractional counting needs them
        links = links.switch(link).join(counts, on=(counts.c.pid == link.patent))
    any_link = PatentHolder.alias("ph_any")
    linked = any_link.select(pw.SQL("1")).where(any_link.patent == Patent.id)
    if rule.basis == "current":
        linked = linked.where(any_link.current == True)  # noqa: E712
    alone = (Patent.select(Patent.id.alias("pid"), pw.Value(1).alias("seq"),
                           *(getattr(Patent, c).alias(c) for c in REGION_CODES),
                           pw.Case(None, [(Patent.domestic == True, 1)], 0).alias("dom"),  # noqa: E712
                           pw.Value(1.0).alias("share"))
             .where(~fn.EXISTS(linked)))
    if patents is not None:
        links = links.where(link.patent.in_(patents))
        alone = alone.where(Patent.id.in_(patents))
    return (links + alone).alias(name)


def placing(rule: CountingRule, region, patents: pw.Select | None = None, name: str = PLACED):
    """(placements, condition): the placements of `rule` and the condition selecting those in
    `region` (and, for the first-holder rules, the first holder's only)."""
    placed = placements(rule, patents, name)
    return placed, placed_in(rule, placed, region)


def placed_in(rule: CountingRule, placed, region=None):
    """The condition on placements `placed` (placements()) selecting those in `region` (None:
    every region) and, for the first-holder rules, the first holder's only."""
    where = region_filter(region, placed.c)
    return both(where, placed.c.seq == 1) if rule.holder == "first" else where


def _whole(region, rule, conditions, where, by_child, patents=None) -> list[dict]:
    """Whole counting: each patent once per region (and sub-region) however many of its holders
    are in it — the placements are first reduced to one row per patent (and sub-region)."""
    src, inside = placing(rule, region, patents, "placement")
    child = getattr(src.c, child_column(region)) if by_child else None
    keys = [src.c.pid] + ([child] if by_child else [])
    placed = (pw.Select([src], [src.c.pid.alias("pid"), fn.MAX(src.c.dom).alias("dom"),
                                *([child.alias("code")] if by_child else [])])
              .where(both(inside, _overlapping(rule, child)))
              .group_by(*keys).alias(PLACED))
    columns = [count_if(c).alias(k) for k, c in conditions.items()]
    out = (Patent.select(*columns).from_(placed)
           .join(Patent, on=(Patent.id == placed.c.pid)).where(where))
    if by_child:
        out = out.select_extend(placed.c.code.alias("code")).group_by(placed.c.code)
    return [_clean(row) for row in out.dicts()]


def _overlapping(rule: CountingRule, child) -> pw.Expression | bool:
    """Whole counting by any holder: sub-regions overlap (a patent counts in each sub-region a
    holder sits in), so there is no remainder row; additive rules keep the row of the patents in
    the region but in no sub-region (code None)."""
    return child.is_null(False) if child is not None and rule.holder == "any" else True


def holder_counts(rule: CountingRule, patents: pw.Select | None = None) -> pw.Select:
    """Derived table hn(pid, n): the number of holders of each patent in the rule's set (of the
    patents whose ids `patents` selects, when given)."""
    in_set = _holder_set if rule.basis == "current" else _original_set
    other = PatentHolder.alias("ph_n")
    where = in_set(other) if patents is None else in_set(other) & other.patent.in_(patents)
    return (other.select(other.patent.alias("pid"), fn.COUNT(other.id).alias("n"))
            .where(where).group_by(other.patent).alias("hn"))


def _fractional(region, rule, conditions, where, by_child, patents=None) -> list[dict]:
    """Fractional counting: each placement in the region counts its share of the patent."""
    placed, inside = placing(rule, region, patents)
    columns = [count_if(c, placed.c.share).alias(k) for k, c in conditions.items()]
    query = (Patent.select(*columns).from_(placed)
             .join(Patent, on=(Patent.id == placed.c.pid)).where(both(inside, where)))
    if by_child:
        child = getattr(placed.c, child_column(region))
        query = query.select_extend(child.alias("code")).group_by(child)
    return [_clean(row) for row in query.dicts()]


def aggregate_selective(region: str | None, rule: CountingRule, conditions: dict,
                        patents: pw.Select, by_child: bool = False) -> list[dict]:
    """Holder rules over the few patents whose ids `patents` selects (through date indexes):
    their placements only. The conditions name the placement's domestic flag as
    domestic(rule)."""
    where = Patent.id.in_(patents)
    if rule.weighted:
        return _fractional(region, rule, conditions, where, by_child, patents)
    return _whole(region, rule, conditions, where, by_child, patents)


def _distinct(node: pw.Node) -> pw.Node:
    return pw.NodeList((pw.SQL("DISTINCT"), node))


def _clean(row: dict) -> dict:
    return {k: (v if k == "code" else float(v or 0)) for k, v in row.items()}
