"""Reading the indicator cube: whole months from the cube rows, the unfinished month live."""
from __future__ import annotations

import functools
import operator

import peewee as pw
from peewee import fn

from core.cubes.indicator.build import FAST, PLAIN, is_additive, variant_of
from core.cubes.indicator.live import live_part
from core.cubes.indicator.months import month_index, month_start, whole_months_to
from core.cubes.indicator.specs import Flow, Stock, live_window
from core.cubes.merge import EPSILON
from core.db import db
from core.db.models import IndicatorCube
from core.regions.scope import (
    COLUMN_BY_LENGTH,
    both,
    canonical,
    child_column,
    divisions_filter,
    is_custom,
    members,
    region_filter,
)

LEVEL_GRAIN = {2: "p", 4: "t", 6: "c", 9: "s"}


def supports(rule, region: str | None, by_child: bool = False) -> bool:
    """Whether the cube answers `rule` for `region`: always for the default placement and the
    additive holder rules; whole counting by any holder only for a division (each level keeps
    its own rows), not for a custom region or the whole country."""
    if is_additive(variant_of(rule)):
        return True
    code = canonical(region) if region else ""
    if not code:
        return by_child
    return not is_custom(code)


def read(region: str | None, specs: list, rule, by_child: bool = False) -> list[dict]:
    """For each spec its count in `region` (one row, or one per sub-region with key 'code', and
    for additive rules the remainder in no sub-region, code None): whole months from the cube,
    the unfinished month live (core.indicator_cube.live)."""
    got: dict = {}
    for row in _cube_part(region, specs, rule, by_child):
        got.setdefault(row.pop("code", None), {}).update(row)
    if by_child and _streetless_remainder(region, rule):
        got[None] = _remainder(_cube_part(region, specs, rule, False)[0], got.values())
    live = [s for s in specs if live_window(s, rule)]
    for row in live_part(region, live, rule, by_child) if live else []:
        code = row.pop("code", None)
        base = got.setdefault(code, {s.name: 0.0 for s in specs})
        for spec in live:
            base[spec.name] = base.get(spec.name, 0.0) + row[spec.name] - row.get(
                f"{spec.name}__before", 0.0)
    empty = {s.name: 0.0 for s in specs}
    rows = [{**empty, **values, **({"code": code} if by_child else {})}
            for code, values in got.items()
            if not by_child or code is not None or is_additive(variant_of(rule))]
    return rows or ([] if by_child else [empty])


def _cube_filter(spec, c) -> pw.Expression:
    cond = c.patent_type.in_(list(spec.types)) if spec.types else pw.Value(1) == 1
    if isinstance(spec, Stock) and spec.domestic:
        cond &= c.domestic == True  # noqa: E712
    return cond


def _cube_terms(spec, rule, c) -> list[tuple[pw.Expression, pw.Node]]:
    """(condition, measure) pairs of `spec` on the columns `c` (patent_type, domestic, kind,
    month, n: the cube's, or those of its grouped rows)."""
    base = _cube_filter(spec, c)
    if isinstance(spec, Flow):
        first, last = month_index(spec.start), whole_months_to(spec.end)
        if spec.start != month_start(first):
            raise ValueError("Flow.start must be the first day of a month")
        return [(base & (c.kind == spec.kind) & c.month.between(first, last), c.n)]
    upto = whole_months_to(spec.day)
    return [(base & (c.kind == kind) & (c.month <= upto), c.n if sign > 0 else c.n * -1)
            for kind, sign in _stock_kinds(spec, rule)]


def _stock_kinds(spec, rule) -> list[tuple[str, int]]:
    """The cube kinds a stock sums, with their signs (entries +1, exits −1)."""
    if spec.long and spec.high_value:
        raise ValueError("a stock is long-maintained or high-value, not both")
    if rule.stock_basis == "status":
        return [("s_long" if spec.long else "s_hv" if spec.high_value else "s_in", 1)]
    enter, leave = (("long_in", "long_out") if spec.long else ("hv_in", "hv_out")
                    if spec.high_value else ("in", "out"))
    return [(enter, 1), (leave, -1)]


def _kinds(specs, rule) -> list[str]:
    kinds: set[str] = set()
    for spec in specs:
        kinds |= ({spec.kind} if isinstance(spec, Flow)
                  else {kind for kind, _ in _stock_kinds(spec, rule)})
    return sorted(kinds)


def grain(region: str | None, by_child: bool, variant: str = FAST) -> str:
    """Which rows answer: additive placements sum the county rows ('c') or, for streets,
    custom regions and a county's streets, the street rows ('s'); whole counting by any holder
    reads the rows of the level asked for (the region's, or its sub-regions')."""
    code = canonical(region) if region else ""
    if not is_additive(variant):
        if by_child:
            column = child_column(region)
            return LEVEL_GRAIN[{v: k for k, v in COLUMN_BY_LENGTH.items()}[column]]
        return LEVEL_GRAIN[len(code)]
    if code and (is_custom(code) or len(code) == 9):
        return "s"
    return "s" if by_child and child_column(region) == "street_code" else "c"


def rows_of(variant: str, grain_: str) -> pw.Expression:
    """The cube rows a read of `variant` at `grain_` sums: the default placement's own rows; for
    a holder rule its own rows and the plain patents' (variant PLAIN, grains 's' and 'c'; the
    province and city grains of whole counting take their county rows, which a division's
    filter sums whole)."""
    c = IndicatorCube
    if variant == FAST:
        return (c.variant == FAST) & (c.grain == grain_)
    if grain_ in ("s", "c"):
        return c.variant.in_([variant, PLAIN]) & (c.grain == grain_)
    # both IN lists seek the index; the last term leaves the variant's own county rows out
    return (c.variant.in_([variant, PLAIN]) & c.grain.in_([grain_, "c"])
            & ((c.variant == PLAIN) == (c.grain == "c")))


def _streetless_remainder(region: str | None, rule) -> bool:
    """Whether a read of `region`'s streets takes what is in none of them from its total: the
    street rows of the additive rules hold the patents with a street only
    (build.drop_streetless)."""
    variant = variant_of(rule)
    return is_additive(variant) and grain(region, True, variant) == "s"


def _remainder(total: dict, parts) -> dict:
    """total − the sum of `parts`, each spec; a difference within EPSILON is 0 (holder shares
    summed in another order)."""
    left = dict(total)
    for part in parts:
        for name, value in part.items():
            left[name] = left.get(name, 0.0) - value
    return {name: 0.0 if abs(value) <= EPSILON else value for name, value in left.items()}


def cube_where(variant: str, region: str | None, by_child: bool = False) -> pw.Expression:
    """The cube rows a read of `variant` sums for `region` (or its sub-regions): rows_of at
    the read's grain, in the region. A custom region's total under an additive rule sums the
    county rows of its counties, cities and provinces and the street rows of its other
    streets: the street rows hold no patent without a street (build.drop_streetless)."""
    grain_ = grain(region, by_child, variant)
    code = canonical(region) if region else ""
    if by_child or grain_ != "s" or not is_custom(code) or not is_additive(variant):
        return both(rows_of(variant, grain_), cube_place(region))
    listed = members(code)
    wider = [m for m in listed if len(m) < 9]
    streets = [m for m in listed if len(m) == 9 and not m.startswith(tuple(wider))]
    parts = [rows_of(variant, kept) & place for kept, place in (
        ("c", divisions_filter(wider, IndicatorCube)),
        ("s", divisions_filter(streets, IndicatorCube))) if place is not False]
    return functools.reduce(operator.or_, parts) if parts else pw.Value(1) == 0


def cube_place(region: str | None) -> pw.Expression | bool:
    """region_filter on the cube, spelled so that its covering index (variant, grain, kind,
    city, county, street, …) seeks."""
    c = IndicatorCube
    code = canonical(region) if region else region
    if not code or is_custom(code) or len(code) <= 2:
        return region_filter(region, model=c)
    place = c.city_code == code[:4]
    if len(code) >= 6:
        place &= c.county_code == code[:6]
    return place & (c.street_code == code) if len(code) == 9 else place


def stock_changes(region: str | None, rule, upto: int) -> list[tuple[str, int, float]]:
    """(patent type, month, entries − exits) of the as-of valid stock in `region` for the
    months ≤ `upto`: the stock at the end of a month is the sum over the months up to it (for
    many days at once, e.g. every year end, instead of one Stock spec per day)."""
    c = IndicatorCube
    variant = variant_of(rule)
    net = fn.SUM(pw.Case(None, [(c.kind == "out", c.n * -1)], c.n))
    which = cube_where(variant, region) & c.kind.in_(["in", "out"]) & (c.month <= upto)
    query = (c.select(c.patent_type, c.month, net).where(which)
             .group_by(c.patent_type, c.month))
    return [(t, m, float(n or 0)) for t, m, n in query.tuples()]


def _cube_part(region, specs, rule, by_child) -> list[dict]:
    """The specs' sums over whole months. The cube rows of the kinds asked for are first summed
    per type, domestic, kind and month (and sub-region): a province holds hundreds of thousands
    of county rows but a few thousand such groups, and the specs' CASE sums, evaluated per row
    and spec, then run over the groups only."""
    c = IndicatorCube
    variant = variant_of(rule)
    which = cube_where(variant, region, by_child) & c.kind.in_(_kinds(specs, rule))
    keys = [c.patent_type, c.domestic, c.kind, c.month]
    if by_child:
        keys.append(getattr(c, child_column(region)).alias("code"))
    grouped = (c.select(*keys, fn.SUM(c.n).alias("n")).where(which)
               .group_by(*keys).alias("grouped"))
    g = grouped.c
    columns = [fn.SUM(pw.Case(None, _cube_terms(s, rule, g), 0)).alias(s.name) for s in specs]
    query = pw.Select([grouped], columns)
    if by_child:
        query = pw.Select([grouped], [*columns, g.code]).group_by(g.code)
    return [{k: (v if k == "code" else float(v or 0)) for k, v in row.items()}
            for row in query.bind(db).dicts()]
