"""Building the indicator cube: the default placement ("fast": the patent's own region columns)
and the holder counting rules (variants), every one from a narrow table of placed patents and
their months of change, one grouped scan per kind and grain.

`rows(variant, months)` yields the SELECTs of a variant's rows; the full build inserts them into
the cube, the delta upkeep (core.cubes.delta) into its delta table — from a months table of the
changed patents only (months_table(only=…))."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw
from peewee import fn

from core.cubes.indicator.months import kind_selects, long_rule_key
from core.db import db
from core.db.models import Holder, IndicatorCube, Patent, PatentHolder
from core.db.sql import query_sql
from core.rules import highvalue
from core.rules.counting import CountingRule, holder_counts, placing_links

REGION_DIMS = ("province_code", "city_code", "county_code", "street_code")
DIMS = ("patent_type", "domestic", "high_value")
KEYS = ("variant", "grain", *REGION_DIMS, *DIMS, "kind", "month")
COLUMNS = (*KEYS, "n")
# Whole counting by any holder counts a patent once per region however many of its holders sit
# there: not additive over sub-regions, so it keeps one grain per level.
LEVEL_GRAINS = (("p", 1), ("t", 2), ("c", 3), ("s", 4))
ADDITIVE_GRAINS = (("s", 4), ("c", 3))  # per street (NULL when unknown), per county
FAST = "fast"
VARIANTS = ("first/original", "any/current", "any/original", "frac/current", "frac/original")
PLACED = "indicator_cube_placed"  # temporary table: placed patents with their months
MONTHS = "indicator_cube_months"  # temporary table of every patent's months of change
KINDS = ("app", "pub", "grant", "in", "out", "long_in", "long_out", "s_in", "s_long")
MONTH_COLUMNS = tuple(f"m_{k}" for k in KINDS)


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


def target() -> list[pw.Field]:
    return [getattr(IndicatorCube, c) for c in COLUMNS]


@contextmanager
def months_table(long_rule: dict | None = None, only: pw.Node | None = None
                 ) -> Iterator[pw.Table]:
    """A temporary table of the patents' region, type, domestic and high-value flags and the
    month of each kind of change (NULL when it does not happen): one scan of `patent` (or of
    the patents whose ids `only` selects), then every count of every variant reads this narrow
    table instead."""
    long_rule = long_rule or highvalue.rules()
    kinds = kind_selects(long_rule)
    select = Patent.select(Patent.id, *(getattr(Patent, d) for d in (*REGION_DIMS, *DIMS)),
                           *(pw.Case(None, [(cond, month)], None).alias(f"m_{kind}")
                             for kind, month, cond in kinds))
    if only is not None:
        select = select.where(Patent.id.in_(only))
    sql, params = select.sql()
    db.execute_sql(f"DROP TABLE IF EXISTS {MONTHS}")
    db.execute_sql(f"CREATE TEMPORARY TABLE {MONTHS} AS {sql}", params)
    db.execute_sql(f"CREATE INDEX {MONTHS}_id ON {MONTHS} (id)")
    try:
        yield pw.Table(MONTHS, ("id", *REGION_DIMS, *DIMS, *MONTH_COLUMNS))
    finally:
        db.execute_sql(f"DROP TABLE {MONTHS}")


def rows(variant: str, months: pw.Table) -> Iterator[pw.Select]:
    """The SELECTs giving every cube row (COLUMNS order) of `variant` for the patents of the
    months table. Temporary tables live while the generator runs: consume each SELECT before
    asking for the next."""
    if variant == FAST:
        yield from _grouped(variant, months, ADDITIVE_GRAINS, weight=None)
    elif is_additive(variant):
        with _placed(_additive_select(variant, months)) as placed:
            yield from _grouped(variant, placed, ADDITIVE_GRAINS, weight=placed.w)
    else:
        for grain, depth in LEVEL_GRAINS:
            with _placed(_level_select(variant, depth, months)) as placed:
                yield from _grouped(variant, placed, ((grain, depth),), weight=None)


def _grouped(variant: str, source: pw.Table, grains, weight) -> Iterator[pw.Select]:
    """Per kind and grain: the rows of `source` (REGION_DIMS, DIMS, m_<kind> columns) grouped
    by the grain's region columns, the dims and the month."""
    measure = fn.COUNT(pw.SQL("*")) if weight is None else fn.SUM(weight)
    for grain, depth in grains:
        regions = [getattr(source, d) for d in REGION_DIMS[:depth]]
        shown = regions + [pw.Value(None)] * (len(REGION_DIMS) - depth)
        dims = [getattr(source, d) for d in DIMS]
        for kind in KINDS:
            month = getattr(source, f"m_{kind}")
            yield (source.select(pw.Value(variant), pw.Value(grain), *shown, *dims,
                                 pw.Value(kind), month, measure)
                   .where(month.is_null(False)).group_by(*regions, *dims, month))


@contextmanager
def _placed(select: pw.Select) -> Iterator[pw.Table]:
    sql, params = query_sql(select)
    db.execute_sql(f"DROP TABLE IF EXISTS {PLACED}")
    db.execute_sql(f"CREATE TEMPORARY TABLE {PLACED} AS {sql}", params)
    try:
        yield pw.Table(PLACED, (*REGION_DIMS, *DIMS, "w", *MONTH_COLUMNS))
    finally:
        db.execute_sql(f"DROP TABLE {PLACED}")


def _month_columns(months: pw.Table) -> list[pw.Node]:
    return [getattr(months, c) for c in MONTH_COLUMNS]


def _additive_select(variant: str, months: pw.Table) -> pw.Select:
    """One row per placing link (first holder of the set, or every holder with a 1/n share):
    the holder's region and domestic flag, the patent's type, high-value flag and months."""
    rule = rule_of(variant)
    link = PatentHolder
    query, filters = placing_links(rule, None)
    query = query.switch(link).join(months, on=(months.id == link.patent))
    weight: pw.Node = pw.Value(1)
    if rule.weighted:
        counts = holder_counts(rule, months.select(months.id))
        query = query.join(counts, on=(counts.c.pid == link.patent))
        weight = 1.0 / counts.c.n
    regions = [getattr(Holder, d).alias(d) for d in REGION_DIMS]
    return query.select(*regions, months.patent_type.alias("patent_type"),
                        Holder.domestic.alias("domestic"), months.high_value.alias("high_value"),
                        weight.alias("w"), *_month_columns(months)).where(filters)


def _level_select(variant: str, depth: int, months: pw.Table) -> pw.Select:
    """Whole counting by any holder at one level: one row per (patent, region of that level)
    with a holder there, domestic when any of them is, with the patent's months."""
    link = PatentHolder
    query, filters = placing_links(rule_of(variant), None)
    levels = [getattr(Holder, d) for d in REGION_DIMS[:depth]]
    domestic = fn.MAX(pw.Case(None, [(Holder.domestic == True, 1)], 0))  # noqa: E712
    placed = (query.switch(link).join(months, on=(months.id == link.patent))
              .select(link.patent.alias("pid"), *levels, domestic.alias("dom"))
              .where(filters & levels[-1].is_null(False)).group_by(link.patent, *levels)
              .alias("pl"))
    regions = [getattr(placed.c, d).alias(d) for d in REGION_DIMS[:depth]]
    regions += [pw.Value(None).alias(d) for d in REGION_DIMS[depth:]]
    is_domestic = pw.Case(None, [(placed.c.dom == 1, True)], False)
    return (months.select(*regions, months.patent_type.alias("patent_type"),
                          is_domestic.alias("domestic"), months.high_value.alias("high_value"),
                          pw.Value(1).alias("w"), *_month_columns(months))
            .from_(placed).join(months, on=(months.id == placed.c.pid)))


def build(long_rule: dict | None = None, months: pw.Table | None = None) -> int:
    """Recompute the default placement (inside the caller's transaction)."""
    return build_variant(FAST, long_rule, months)


def build_variant(variant: str, long_rule: dict | None = None,
                  months: pw.Table | None = None) -> int:
    """Recompute one counting rule's rows (inside the caller's transaction)."""
    if months is None:
        with months_table(long_rule) as table:
            return build_variant(variant, long_rule, table)
    IndicatorCube.delete().where(IndicatorCube.variant == variant).execute()
    for select in rows(variant, months):
        IndicatorCube.insert_from(select, target()).execute()
    return IndicatorCube.select().where(IndicatorCube.variant == variant).count()


def drop_variant(variant: str) -> None:
    IndicatorCube.delete().where(IndicatorCube.variant == variant).execute()


def built_variants() -> list[str]:
    rows_ = IndicatorCube.select(IndicatorCube.variant).distinct().tuples()
    return sorted(v for (v,) in rows_ if v != FAST)


def is_current(stamp_rule: str | None) -> bool:
    return stamp_rule == long_rule_key()
