"""The indicator cube: monthly changes of every sum core.indicators needs, so that an indicator
of any region, year and day is a sum over a few thousand cube rows plus a small live query for
the days of the last, unfinished month — exact, not an approximation.

Rows (models.IndicatorCube), per region × patent type × domestic × kind × month (the column
high_value is no longer a dimension: always False)
(month index = year × 12 + month − 1; 0 stands for "before any date"):
- app / pub / grant: filings, publications, grants in the month (the flows);
- in / out: entries into and exits from the valid stock on the as-of basis — a granted patent
  (core.rules.counting.granted_by: a grant date, or valid / lapsed for a reason only a granted
  patent has) enters on its grant day (filing day without one, 0 without either) and, when lapsed, leaves
  on its lapse day (never before it entered: a lapse month before the grant month counts as
  the grant month, so the two cancel);
- long_in / long_out: the same for the long-maintained stock (core.highvalue category
  "long_maintained": anchor < day − N years, i.e. from anchor + 1 day + N years on);
- s_in / s_long: the status basis (stored status valid; long-maintained from the month above);
- hv_in / hv_out / s_hv: the same for the high-value stock judged as of the day
  (core.rules.highvalue): from month 0 for a dateless category (SEI class, overseas family,
  award), else from the earlier of the long-maintained month and the month of the first pledge
  over the threshold.
Each row set is kept twice: grain 'c' per county (street NULL) for provinces, cities and
counties, grain 's' per county and street for streets, custom regions and a county's streets.
The street rows hold the patents with a street only (build.drop_streetless): a county's streets
read what is in none of them as the county's total less theirs, and a custom region sums the
county rows of its counties (cities, provinces) and the street rows of its other streets
(read.cube_where).

Counting rules (variant): "fast" — the patent's own region columns (first holder, current; the
default) — and every holder rule (VARIANTS) are built with every cube rebuild and kept by the
delta upkeep after imports and decisions (core.cubes.delta); a database whose tables predate
that builds a rule on its first use (core.cubes.rebuild.build_rule). First holder of the
original set, and fractional counting, place each
holder link with a weight (1, or 1/n), so their counts add up like the default's; whole counting
by any holder counts a patent once per region however many of its holders sit there, so it
keeps one grain per level — 'p' province, 't' city, 'c' county, 's' street — and is read for a
division at its own level (a custom region or the whole country reads the patent table).
For the holder rules, the patents every rule places alike (one current first holder, or none:
most of them) are stored once, under the variant "plain" (grains 's' and 'c'), and each rule's
read adds them to its own rows (read.rows_of): a change of such patents touches two sets of
rows (the default's and the plain ones), not one per rule. The default's rows count every
patent, so that its reads (the pages' default) read one set of rows.

A stock on day D in month M is the sum of in − out over months ≤ M − 1 (exact at the end of
month M − 1) plus, live, the change between that month end and D among the patents that can
change in between (granted, lapsed or crossing the long-maintained line in those days): a
handful of index range look-ups. Flows are whole months from the cube plus the live days of
the unfinished month.

Modules: months (month arithmetic in Python and SQL), specs (what a read asks for), build, read,
live.
"""
from __future__ import annotations

from core.cubes import freshness
from core.cubes.indicator.build import (
    COLUMNS,
    FAST,
    PLAIN,
    VARIANTS,
    build,
    build_variant,
    build_variants,
    built_variants,
    drop_variant,
    is_built,
    is_current,
    months_table,
    rows,
    shared_rows,
    variant_of,
)
from core.cubes.indicator.months import long_rule_key, month_end, month_index, month_start
from core.cubes.indicator.read import read, rows_of, stock_changes, supports
from core.cubes.indicator.specs import Flow, Stock
from core.db.models import IndicatorCube

__all__ = ["COLUMNS", "FAST", "PLAIN", "VARIANTS", "Flow", "Stock", "build", "build_variant",
           "build_variants", "built_variants", "drop_variant", "is_built", "long_rule_key",
           "month_end", "month_index", "month_start", "months_table", "needs_build", "read",
           "rows", "rows_of", "shared_rows", "stock_changes", "supports", "usable", "variant_of"]


def needs_build(rule) -> bool:
    """Whether `rule` is a holder rule whose rows are not built yet (core.cubes.rebuild.build_rule)."""
    variant = variant_of(rule)
    if variant == FAST or not IndicatorCube.table_exists():
        return False
    return not is_built(variant)


def usable(rule=None) -> bool:
    """The cube may be read for `rule` (default: the default placement): the summary tables are
    fresh, were built under today's long-maintained rule, and hold the rule's rows. Never
    builds (core.cubes.rebuild.build_rule does)."""
    if not freshness.usable():
        return False
    current = freshness.stamp()
    if current is None or not is_current(current.long_rule):
        return False
    return not needs_build(rule) if rule is not None else True
