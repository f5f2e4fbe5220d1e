"""Building the indicator cube: the default placement ("fast": the patent's own region columns)
and, on demand, the holder counting rules (variants), each from one grouped scan per kind."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw
from peewee import fn

from core.cubes.indicator.months import first_pledges, kind_selects, long_rule_key
from core.db import db
from core.db.models import IndicatorCube, Patent
from core.regions.scope import both
from core.rules import highvalue
from core.rules.counting import CountingRule, placing

REGION_DIMS = ("province_code", "city_code", "county_code", "street_code")
DIMS = ("patent_type", "domestic")
# IndicatorCube.high_value is no longer a dimension (always False): the high-value stock has
# its own kinds (hv_in, hv_out, s_hv), judged as of the day.
COLUMNS = ("variant", "grain", *REGION_DIMS, *DIMS, "high_value", "kind", "month", "n")
NOT_A_DIM = pw.Value(False)
# Whole counting by any holder counts a patent once per region however many of its holders sit
# there: not additive over sub-regions, so it keeps one grain per level.
LEVEL_GRAINS = (("p", 1), ("t", 2), ("c", 3), ("s", 4))
FAST = "fast"
PLACED = "indicator_cube_placed"  # temporary table of one level's placements
MONTHS = "indicator_cube_months"  # temporary table of every patent's months of change
KINDS = ("app", "pub", "grant", "in", "out", "long_in", "long_out", "s_in", "s_long", "hv_in",
         "hv_out", "s_hv")


def variant_of(rule: CountingRule) -> str:
    if rule.fast:
        return FAST
    if rule.weighted:
        return f"frac/{rule.basis}"
    return f"{rule.holder}/{rule.basis}"


def rule_of(variant: str) -> CountingRule:
    holder, basis = variant.split("/")
    if holder == "frac":
        return CountingRule(holder="any", basis=basis, fractional=True)
    return CountingRule(holder=holder, basis=basis)


def is_additive(variant: str) -> bool:
    """Counts of sub-regions add up to the region's (one placing holder, or holder shares)."""
    return not variant.startswith("any/")


def _target() -> list[pw.Field]:
    return [getattr(IndicatorCube, c) for c in COLUMNS]


@contextmanager
def months_table(long_rule: dict | None = None) -> Iterator[pw.Table]:
    """A temporary table of every patent's region, type, domestic and high-value flags and the
    month of each kind of change (NULL when it does not happen): one scan of `patent`, then
    every count of every variant reads this narrow table instead."""
    long_rule = highvalue.rules() | (long_rule or {})
    pledges = first_pledges(long_rule)
    kinds = kind_selects(long_rule, pledges)
    select = (Patent.select(Patent.id, *(getattr(Patent, d) for d in (*REGION_DIMS, *DIMS)),
                            *(pw.Case(None, [(cond, month)], None).alias(f"m_{kind}")
                              for kind, month, cond in kinds))
              .join(pledges, pw.JOIN.LEFT_OUTER, on=(pledges.c.pid == Patent.id)))
    sql, params = select.sql()
    db.execute_sql(f"DROP TABLE IF EXISTS {MONTHS}")
    db.execute_sql(f"CREATE TEMPORARY TABLE {MONTHS} AS {sql}", params)
    db.execute_sql(f"CREATE INDEX {MONTHS}_id ON {MONTHS} (id)")
    try:
        yield pw.Table(MONTHS, ("id", *REGION_DIMS, *DIMS, *(f"m_{k}" for k, _, _ in kinds)))
    finally:
        db.execute_sql(f"DROP TABLE {MONTHS}")


def _kinds(months: pw.Table) -> list[tuple[str, pw.Node]]:
    return [(kind, getattr(months, f"m_{kind}")) for kind in KINDS]


def build(long_rule: dict | None = None, months: pw.Table | None = None) -> int:
    """Recompute the default placement (inside the caller's transaction): the street grain from
    the months table, the county grain from the street grain."""
    if months is None:
        with months_table(long_rule) as table:
            return build(long_rule, table)
    IndicatorCube.delete().where(IndicatorCube.variant == FAST).execute()
    keys = [getattr(months, d) for d in (*REGION_DIMS, *DIMS)]
    for kind, month in _kinds(months):
        select = (months.select(pw.Value(FAST), pw.Value("s"), *keys, NOT_A_DIM, pw.Value(kind),
                                month, fn.COUNT(pw.SQL("*")))
                  .where(month.is_null(False)).group_by(*keys, month))
        IndicatorCube.insert_from(select, _target()).execute()
    _county_grain(FAST)
    return IndicatorCube.select().where(IndicatorCube.variant == FAST).count()


def _county_grain(variant: str) -> None:
    c = IndicatorCube.alias("s")
    keys = [getattr(c, d) for d in (*REGION_DIMS[:3], *DIMS, "kind", "month")]
    select = (c.select(pw.Value(variant), pw.Value("c"), *keys[:3], pw.Value(None), *keys[3:5],
                       NOT_A_DIM, *keys[5:], fn.SUM(c.n))
              .where((c.variant == variant) & (c.grain == "s")).group_by(*keys))
    IndicatorCube.insert_from(select, _target()).execute()


def build_variant(variant: str, long_rule: dict | None = None,
                  months: pw.Table | None = None) -> int:
    """Recompute one holder counting rule's rows (inside the caller's transaction)."""
    if months is None:
        with months_table(long_rule) as table:
            return build_variant(variant, long_rule, table)
    IndicatorCube.delete().where(IndicatorCube.variant == variant).execute()
    if is_additive(variant):
        _additive_variant(variant, months)
    else:
        for grain, depth in LEVEL_GRAINS:
            _level_grain(variant, grain, depth, months)
    return IndicatorCube.select().where(IndicatorCube.variant == variant).count()


def _additive_variant(variant: str, months: pw.Table) -> None:
    """One row per placement (first holder of the set, or every holder with its 1/n share)."""
    rule = rule_of(variant)
    placed, inside = placing(rule, None)
    query = pw.Select([placed]).join(months, on=(months.id == placed.c.pid))
    regions = [getattr(placed.c, d) for d in REGION_DIMS]
    is_domestic = pw.Case(None, [(placed.c.dom == 1, True)], False)
    dims = [months.patent_type, is_domestic]
    weight = placed.c.share if rule.weighted else pw.Value(1)
    for kind, month in _kinds(months):
        select = (query.select(pw.Value(variant), pw.Value("s"), *regions, *dims, NOT_A_DIM,
                               pw.Value(kind), month, fn.SUM(weight))
                  .where(both(inside, month.is_null(False)))
                  .group_by(*regions, months.patent_type, placed.c.dom, month))
        IndicatorCube.insert_from(select, _target()).execute()
    _county_grain(variant)


def _level_grain(variant: str, grain: str, depth: int, months: pw.Table) -> None:
    """Whole counting by any holder at one level: one row per (patent, region of that level)
    with a holder there, domestic when any of them is — kept in a temporary table while the
    kinds are counted from it."""
    src, inside = placing(rule_of(variant), None, name="placement")
    levels = [getattr(src.c, d) for d in REGION_DIMS[:depth]]
    placed = (Patent.select(src.c.pid.alias("pid"), *levels, fn.MAX(src.c.dom).alias("dom"))
              .from_(src).where(both(inside, levels[-1].is_null(False))).group_by(src.c.pid, *levels))
    sql, params = placed.sql()
    db.execute_sql(f"DROP TABLE IF EXISTS {PLACED}")
    db.execute_sql(f"CREATE TEMPORARY TABLE {PLACED} AS {sql}", params)
    try:
        _count_level(variant, grain, depth, months,
                     pw.Table(PLACED, ("pid", *REGION_DIMS[:depth], "dom")))
    finally:
        db.execute_sql(f"DROP TABLE {PLACED}")


def _count_level(variant, grain, depth, months: pw.Table, placed: pw.Table) -> None:
    regions = [getattr(placed, d) for d in REGION_DIMS[:depth]]
    is_domestic = pw.Case(None, [(placed.dom == 1, True)], False)
    dims = [months.patent_type, is_domestic, NOT_A_DIM]
    keys = [*regions, months.patent_type, placed.dom]
    regions += [pw.Value(None)] * (len(REGION_DIMS) - depth)
    for kind, month in _kinds(months):
        select = (placed.select(pw.Value(variant), pw.Value(grain), *regions, *dims,
                                pw.Value(kind), month, fn.COUNT(pw.SQL("*")))
                  .join(months, on=(months.id == placed.pid))
                  .where(month.is_null(False)).group_by(*keys, month))
        IndicatorCube.insert_from(select, _target()).execute()


def drop_variant(variant: str) -> None:
    IndicatorCube.delete().where(IndicatorCube.variant == variant).execute()


def built_variants() -> list[str]:
    rows = IndicatorCube.select(IndicatorCube.variant).distinct().tuples()
    return sorted(v for (v,) in rows if v != FAST)


def is_current(stamp_rule: str | None) -> bool:
    return stamp_rule == long_rule_key()
