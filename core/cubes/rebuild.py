"""The rebuild of every summary table, in one transaction, with the stamp that tells readers they
are fresh (core.cubes.freshness). Builders are registered in BUILDERS, in order.

Runs after the demo, after every import and in the nightly status job; the jobs also rebuild
stale tables (after address decisions, which only invalidate them). An UPDATE or DELETE of
existing patents by a path that neither rebuilds nor invalidates is not detected: the tables lag
until the next rebuild, at the latest the nightly job.

The indicator cube's holder counting rules are built when first asked for (build_rule, about a
minute each at 1,000,000 patents); a rebuild after new data drops them and the nightly job
(variants=True) rebuilds those in use.
"""
from __future__ import annotations

from peewee import fn

from core.cubes import freshness, industry, patent, stats
from core.cubes import indicator as indicator_cube
from core.db import db, version
from core.db.models import CubeStamp, IndicatorCube, Patent
from core.rules.counting import CountingRule

BUILDERS = (patent.build, stats.build, industry.build)  # the indicator cube is built apart (months)


def rebuild(variants: bool = False) -> int:
    """Recompute every summary table and the stamp in one transaction. Returns the patents
    counted. Holder-rule rows of the indicator cube are dropped, or rebuilt when `variants`."""
    with db.atomic():
        top_patent, patents = Patent.select(fn.MAX(Patent.id), fn.COUNT(Patent.id)).tuples().get()
        top_event = freshness.max_event_id()
        CubeStamp.delete().execute()
        for build in BUILDERS:
            build()
        _indicator_cube(variants)
        CubeStamp.create(max_patent_id=top_patent or 0, max_event_id=top_event,
                         patents=patents or 0, long_rule=indicator_cube.long_rule_key())
        version.bump()
    return patents or 0


def _indicator_cube(variants: bool) -> None:
    used = indicator_cube.built_variants()
    with indicator_cube.months_table() as months:
        indicator_cube.build(months=months)
        for variant in used:  # holder counting rules somebody has used
            if variants:
                indicator_cube.build_variant(variant, months=months)
            else:
                indicator_cube.drop_variant(variant)


def ensure_fresh() -> bool:
    """Rebuild when the tables are stale or were built under another long-maintained rule;
    True when a rebuild ran."""
    if not freshness.tables_exist():
        return False
    current = freshness.stamp()
    if freshness.is_fresh() and indicator_cube.is_current(current.long_rule):
        return False
    rebuild()
    return True


def build_rule(rule: CountingRule) -> None:
    """Build the indicator-cube rows of a holder counting rule not used before, on fresh tables
    only: a page view never rebuilds the summary tables (stale ones are read live until the jobs
    rebuild them). Called before reading a rule that indicator_cube.needs_build."""
    variant = indicator_cube.variant_of(rule)
    if variant == indicator_cube.FAST or not freshness.usable():
        return
    if not IndicatorCube.select().where(IndicatorCube.variant == variant).exists():
        with db.atomic():
            indicator_cube.build_variant(variant)
