"""The rebuild of every summary table, in one transaction, with the stamp that tells readers they
are fresh (core.cubes.freshness). Builders are registered in BUILDERS, in order.

Runs after the demo and in the nightly status job (the date moves statuses and stocks); the
jobs also rebuild stale tables. Imports, checker decisions and holder changes keep the tables
by their delta instead (core.cubes.delta). An UPDATE or DELETE of existing patents by a path
that neither keeps nor invalidates them is not detected: the tables lag until the next
rebuild, at the latest the nightly job.

Every holder counting rule of the indicator cube (indicator.VARIANTS) is built with the rest,
so that every rule is ready at once; a database built before builds a rule on its first use
(build_rule).
"""
from __future__ import annotations

from peewee import fn

from core.cubes import freshness, holder_region, industry, inventor, patent, quality, stats, subject
from core.cubes import indicator as indicator_cube
from core.db import db, version
from core.db.migrations import current_version
from core.db.models import CubeStamp, LegalEvent, Patent
from core.rules.counting import CountingRule

# the indicator cube is built apart (months)
BUILDERS = (patent.build, stats.build, industry.build, inventor.build, quality.build,
            subject.build, holder_region.build)
# the summary tables a migration step added, by step: the step drops the stamp (core.db cannot
# build them), and build_added builds them alone when the other tables were current before it
ADDED_BY_STEP = {40: holder_region.build, 41: subject.build}
_STAMP_FIELDS = ("max_patent_id", "max_event_id", "patents", "long_rule", "built_at")


def stamp_if_current() -> dict | None:
    """Before upgrade(): the cube stamp's values when a step of ADDED_BY_STEP is pending and
    the summary tables are current, else None."""
    if not CubeStamp.table_exists() or current_version() >= max(ADDED_BY_STEP):
        return None
    stamp = CubeStamp.select().order_by(CubeStamp.id.desc()).first()
    top = Patent.select(fn.MAX(Patent.id)).scalar() or 0
    events = LegalEvent.select(fn.MAX(LegalEvent.id)).scalar() or 0
    if stamp is None or (stamp.max_patent_id, stamp.max_event_id) != (top, events):
        return None
    return {f: getattr(stamp, f) for f in _STAMP_FIELDS}


def build_added(applied: list[int], stamp: dict | None) -> bool:
    """After upgrade() applied steps of ADDED_BY_STEP on a database whose tables were current
    (`stamp`, stamp_if_current): build the tables those steps added, alone, and put the stamp
    back — instead of a rebuild of every table by the jobs (hours at 5,000,000 patents; the
    added tables took 157 s there). True when built."""
    builds = [build for step, build in sorted(ADDED_BY_STEP.items()) if step in applied]
    if not builds or stamp is None or CubeStamp.select().exists():
        return False
    with db.atomic():
        for build in builds:
            build()
        CubeStamp.create(**stamp)
    return True


def rebuild(variants: bool = True) -> int:
    """Recompute every summary table and the stamp in one transaction. Returns the patents
    counted. variants=False: the holder-rule rows of the indicator cube are dropped (tests)."""
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
    if not variants:
        for variant in indicator_cube.VARIANTS:
            indicator_cube.drop_variant(variant)
    indicator_cube.build_variants([indicator_cube.FAST, *(indicator_cube.VARIANTS if variants
                                                          else ())])


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
    if not indicator_cube.is_built(variant):
        with db.atomic():
            indicator_cube.build_variant(variant)
