"""The indicator cube: monthly changes of every sum core.indicators needs, so that an indicator
of any region, year and day is a sum over a few thousand cube rows plus a small live query for
the days of the last, unfinished month — exact, not an approximation.

Rows (models.IndicatorCube), per region × patent type × domestic × high-value × kind × month
(month index = year × 12 + month − 1; 0 stands for "before any date"):
- app / pub / grant: filings, publications, grants in the month (the flows);
- in / out: entries into and exits from the valid stock on the as-of basis — a patent whose
  status is valid or lapsed enters on its grant day (0 without one) and, when lapsed, leaves
  on its lapse day (never before it entered: a lapse month before the grant month counts as
  the grant month, so the two cancel);
- long_in / long_out: the same for the long-maintained stock (core.highvalue category
  "long_maintained": anchor < day − N years, i.e. from anchor + 1 day + N years on);
- s_in / s_long: the status basis (stored status valid; long-maintained from the month above).
Each row set is kept twice: grain 'c' per county (street NULL) for provinces, cities and
counties, grain 's' per county and street (NULL when unknown) for streets, custom regions and a
county's streets.

A stock on day D in month M is the sum of in − out over months ≤ M − 1 (exact at the end of
month M − 1) plus, live, the change between that month end and D among the patents that can
change in between (granted, lapsed or crossing the long-maintained line in those days): a
handful of index range look-ups. Flows are whole months from the cube plus the live days of
the unfinished month. Only the default placement (first holder, current; core.counting "fast")
has a cube; other counting rules read the patent table.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw
from peewee import fn

from core import highvalue
from core.calendar import add_years
from core.db import is_postgres
from core.models import IndicatorCube, Patent

REGION_DIMS = ("province_code", "city_code", "county_code", "street_code")
DIMS = ("patent_type", "domestic", "high_value")


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_end(index: int) -> dt.date:
    year, month = divmod(index + 1, 12)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def month_start(index: int) -> dt.date:
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def long_rule_key(rule: dict | None = None) -> str:
    rule = rule or highvalue.rules()
    return f"{rule['maintained_from']}:{int(rule['maintained_years'])}"


# --- building -------------------------------------------------------------------------------

def _sql_month(expr: pw.Node) -> pw.Node:
    if is_postgres():
        return pw.Cast(fn.date_part("year", expr) * 12 + fn.date_part("month", expr) - 1,
                       "integer")
    return _sql_year(expr) * 12 + pw.Cast(fn.strftime("%m", expr), "integer") - 1


def _sql_year(expr: pw.Node) -> pw.Node:
    if is_postgres():
        return pw.Cast(fn.date_part("year", expr), "integer")
    return pw.Cast(fn.strftime("%Y", expr), "integer")


def _next_day(column: pw.Field) -> pw.Node:
    if is_postgres():
        return column + pw.SQL("1")
    return fn.date(column, "+1 day")


def _month_day(expr: pw.Node) -> pw.Node:
    return fn.to_char(expr, "MM-DD") if is_postgres() else fn.strftime("%m-%d", expr)


def _long_month(anchor: pw.Field, years: int) -> pw.Node:
    """Month in which anchor < day − `years` years first holds: the month of anchor + 1 day,
    `years` years on — one month later when that day is 29 February and the year it lands in
    is not a leap year (core.calendar.add_years clamps 29 February to the 28th)."""
    nxt = _next_day(anchor)
    landing = _sql_year(nxt) + years
    leap = ((_mod(landing, 4) == 0) & (_mod(landing, 100) != 0)) | (_mod(landing, 400) == 0)
    shift = pw.Case(None, [((_month_day(nxt) == "02-29") & ~leap, 1)], 0)
    return _sql_month(nxt) + 12 * years + shift


def _mod(value: pw.Node, divisor: int) -> pw.Node:
    """value % divisor in SQL (peewee's `%` operator means LIKE; psycopg2 reserves `%`)."""
    if is_postgres():
        return fn.MOD(value, divisor)
    return pw.NodeList((value, pw.SQL("%"), pw.Value(divisor)), parens=True)


def _greatest(a: pw.Node, b: pw.Node) -> pw.Node:
    return fn.GREATEST(a, b) if is_postgres() else fn.MAX(a, b)


def _kind_selects(long_rule: dict) -> list[tuple[str, pw.Node, pw.Expression]]:
    """(kind, month expression, row condition) of every kind."""
    years = int(long_rule["maintained_years"])
    anchor = Patent.grant_date if long_rule["maintained_from"] == "grant" else Patent.app_date
    lapsed = (Patent.status == "lapsed") & Patent.lapse_date.is_null(False)
    stock = (Patent.status == "valid") | lapsed
    enter = fn.COALESCE(_sql_month(Patent.grant_date), 0)
    leave = _greatest(_sql_month(Patent.lapse_date), enter)
    long_enter = _greatest(_long_month(anchor, years), enter)
    has_anchor = anchor.is_null(False)
    valid = Patent.status == "valid"
    return [
        ("app", _sql_month(Patent.app_date), Patent.app_date.is_null(False)),
        ("pub", _sql_month(Patent.pub_date), Patent.pub_date.is_null(False)),
        ("grant", _sql_month(Patent.grant_date), Patent.grant_date.is_null(False)),
        ("in", enter, stock),
        ("out", leave, lapsed),
        ("long_in", long_enter, stock & has_anchor),
        ("long_out", _greatest(leave, long_enter), lapsed & has_anchor),
        ("s_in", pw.Value(0), valid),
        ("s_long", _long_month(anchor, years), valid & has_anchor),
    ]


def build(long_rule: dict | None = None) -> int:
    """Recompute the cube from the patent table (call inside the caller's transaction): the
    street grain from the patents, one grouped scan per kind; the county grain from the street
    grain. Returns the rows written."""
    long_rule = long_rule or highvalue.rules()
    IndicatorCube.delete().execute()
    columns = ("grain", *REGION_DIMS, *DIMS, "kind", "month", "n")
    target = [getattr(IndicatorCube, c) for c in columns]
    regions = [getattr(Patent, d) for d in REGION_DIMS]
    dims = [getattr(Patent, d) for d in DIMS]
    for kind, month, condition in _kind_selects(long_rule):
        keys = [*regions, *dims] + ([] if isinstance(month, pw.Value) else [month])
        select = (Patent.select(pw.Value("s"), *regions, *dims, pw.Value(kind), month,
                                fn.COUNT(Patent.id))
                  .where(condition).group_by(*keys))  # PG: GROUP BY 0 would be a position
        IndicatorCube.insert_from(select, target).execute()
    c = IndicatorCube.alias("s")
    county = [getattr(c, d) for d in (*REGION_DIMS[:3], *DIMS, "kind", "month")]
    select = (c.select(pw.Value("c"), *county[:3], pw.Value(None), *county[3:], fn.SUM(c.n))
              .where(c.grain == "s").group_by(*county))
    IndicatorCube.insert_from(select, target).execute()
    return IndicatorCube.select().count()


def is_current(stamp_rule: str | None) -> bool:
    return stamp_rule == long_rule_key()


def usable() -> bool:
    """The cube may be read: the cubes are fresh (core.cubes.usable rebuilds them when stale)
    and were built under today's long-maintained rule (else rebuilt here)."""
    from core import cubes
    from core.models import CubeStamp
    if not cubes.usable():
        return False
    stamp = CubeStamp.select().order_by(CubeStamp.id.desc()).first()
    if stamp is None or not is_current(stamp.long_rule):
        cubes.rebuild()
    return True


def table_exists() -> bool:
    return IndicatorCube.table_exists()


# --- reading --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stock:
    """Patents in the valid stock on `day` (types None: every type)."""
    name: str
    day: dt.date
    types: tuple[str, ...] | None = None
    domestic: bool = False
    high_value: bool = False
    long: bool = False


@dataclass(frozen=True)
class Flow:
    """Filings (kind app or pub) or grants (grant) from `start` (a month's first day) to `end`."""
    name: str
    kind: str
    start: dt.date
    end: dt.date
    types: tuple[str, ...] | None = None


def read(region: str | None, specs: list, rule, by_child: bool = False) -> list[dict]:
    """For each spec its count in `region` (one row, or one per sub-region with key 'code'):
    whole months from the cube, the unfinished month live. `rule`: a fast CountingRule."""
    got: dict = {}
    for row in _cube_part(region, specs, rule, by_child):
        got.setdefault(row.pop("code", None), {}).update(row)
    live = [s for s in specs if _live_window(s, rule)]
    for row in _live_part(region, live, rule, by_child) if live else []:
        code = row.pop("code", None)
        base = got.setdefault(code, {s.name: 0.0 for s in specs})
        for spec in live:
            base[spec.name] = base.get(spec.name, 0.0) + row[spec.name] - row.get(
                f"{spec.name}__before", 0.0)
    empty = {s.name: 0.0 for s in specs}
    rows = [{**empty, **values, **({"code": code} if by_child else {})}
            for code, values in got.items() if not by_child or code is not None]
    return rows or ([] if by_child else [empty])


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def _whole_months_to(day: dt.date) -> int:
    """The last month index the cube answers for `day` (its own month when it is a month end)."""
    return month_index(day) - (0 if _is_month_end(day) else 1)


def _live_window(spec, rule) -> tuple[dt.date, dt.date] | None:
    """(first, last) day read live, or None when whole months cover the spec (or, on the
    status basis, nothing in it depends on the day)."""
    last = spec.day if isinstance(spec, Stock) else spec.end
    if _is_month_end(last):
        return None
    if isinstance(spec, Stock) and rule.stock_basis == "status" and not spec.long:
        return None
    if isinstance(spec, Flow) and spec.start > month_start(month_index(last)):
        return spec.start, last
    return month_start(month_index(last)), last


def _cube_filter(spec, rule) -> pw.Expression:
    c = IndicatorCube
    cond = c.patent_type.in_(list(spec.types)) if spec.types else pw.Value(1) == 1
    if isinstance(spec, Stock):
        if spec.domestic:
            cond &= c.domestic == True  # noqa: E712
        if spec.high_value:
            cond &= c.high_value == True  # noqa: E712
    return cond


def _cube_terms(spec, rule) -> list[tuple[pw.Expression, pw.Node]]:
    c = IndicatorCube
    base = _cube_filter(spec, rule)
    if isinstance(spec, Flow):
        first, last = month_index(spec.start), _whole_months_to(spec.end)
        if spec.start != month_start(first):
            raise ValueError("Flow.start must be the first day of a month")
        return [(base & (c.kind == spec.kind) & c.month.between(first, last), c.n)]
    upto = _whole_months_to(spec.day)
    if rule.stock_basis == "status":
        kind = "s_long" if spec.long else "s_in"
        return [(base & (c.kind == kind) & (c.month <= upto), c.n)]
    enter, leave = ("long_in", "long_out") if spec.long else ("in", "out")
    return [(base & (c.kind == enter) & (c.month <= upto), c.n),
            (base & (c.kind == leave) & (c.month <= upto), c.n * -1)]


def _grain(region: str | None, by_child: bool) -> str:
    from core.scope import canonical, child_column, is_custom
    code = canonical(region) if region else ""
    if code and (is_custom(code) or len(code) == 9):
        return "s"
    return "s" if by_child and child_column(region) == "street_code" else "c"


def _cube_place(region: str | None) -> pw.Expression | bool:
    """region_filter on the cube, spelled so that its index (grain, city, county, street) seeks."""
    from core.scope import canonical, is_custom, region_filter
    c = IndicatorCube
    code = canonical(region) if region else region
    if not code or is_custom(code) or len(code) <= 2:
        return region_filter(region, model=c)
    place = c.city_code == code[:4]
    if len(code) >= 6:
        place &= c.county_code == code[:6]
    return place & (c.street_code == code) if len(code) == 9 else place


def _cube_part(region, specs, rule, by_child) -> list[dict]:
    from core.scope import both, child_column
    c = IndicatorCube
    columns = [fn.SUM(pw.Case(None, _cube_terms(s, rule), 0)).alias(s.name) for s in specs]
    query = c.select(*columns).where(both(c.grain == _grain(region, by_child),
                                          _cube_place(region)))
    if by_child:
        child = getattr(c, child_column(region))
        query = query.select_extend(child.alias("code")).group_by(child)
    return [{k: (v if k == "code" else float(v or 0)) for k, v in row.items()}
            for row in query.dicts()]


def _live_part(region, specs, rule, by_child) -> list[dict]:
    """The unfinished month: flows counted on their days; stocks as (condition on the day) −
    (condition on the eve of the month) among the patents that can change in between."""
    from core.counting import valid_on
    conditions, changed = {}, []
    for spec in specs:
        first, last = _live_window(spec, rule)
        if isinstance(spec, Flow):
            column = getattr(Patent, f"{spec.kind}_date")
            conditions[spec.name] = _live_filter(spec, rule) & column.between(first, last)
            changed.append(column.between(first, last))
            continue
        eve = first - dt.timedelta(days=1)
        for name, day in ((spec.name, last), (f"{spec.name}__before", eve)):
            cond = _live_filter(spec, rule) & valid_on(day, rule)
            if spec.long:
                cond &= highvalue.category_condition("long_maintained", day)
            conditions[name] = cond
        changed += _changes_between(eve, last, rule, spec.long)
    return _live_sums(region, conditions, _any(changed), by_child)


def _live_sums(region, conditions: dict, changed: pw.Expression, by_child: bool) -> list[dict]:
    """SUM(CASE …) over the changed rows. The region columns are read unindexed: the date
    ranges of `changed` are the selective part (a county's index range is ~10 % of the table)."""
    from core.counting import unindexed
    from core.scope import canonical, child_column, is_custom, region_filter, COLUMN_BY_LENGTH
    code = canonical(region) if region else ""
    place = region_filter(region) if not code or is_custom(code) else \
        unindexed(getattr(Patent, COLUMN_BY_LENGTH[len(code)])) == code
    columns = [fn.SUM(pw.Case(None, [(cond, 1)], 0)).alias(name)
               for name, cond in conditions.items()]
    query = Patent.select(*columns).where(changed if place is True else place & changed)
    if by_child:
        key = unindexed(getattr(Patent, child_column(region)))
        query = query.select_extend(key.alias("code")).where(key.is_null(False)).group_by(key)
    return [{k: (v if k == "code" else float(v or 0)) for k, v in row.items()}
            for row in query.dicts()]


def _live_filter(spec, rule) -> pw.Expression:
    cond = Patent.patent_type.in_(list(spec.types)) if spec.types else pw.Value(1) == 1
    if isinstance(spec, Stock):
        if spec.domestic:
            cond &= Patent.domestic == True  # noqa: E712
        if spec.high_value:
            cond &= Patent.high_value == True  # noqa: E712
    return cond


def _changes_between(eve: dt.date, day: dt.date, rule, long: bool) -> list[pw.Expression]:
    """Patents whose stock membership can differ between `eve` and `day`: granted or lapsed in
    (eve, day], or crossing the long-maintained line in between."""
    after = eve + dt.timedelta(days=1)
    out = []
    if rule.stock_basis == "as_of":
        out += [Patent.grant_date.between(after, day),
                (Patent.status == "lapsed") & Patent.lapse_date.between(after, day)]
    if long:
        hv = highvalue.rules()
        anchor = Patent.grant_date if hv["maintained_from"] == "grant" else Patent.app_date
        years = int(hv["maintained_years"])
        out.append((anchor >= add_years(eve, -years)) & (anchor < add_years(day, -years)))
    return out


def _any(parts: list[pw.Expression]) -> pw.Expression:
    if not parts:
        return pw.Value(1) == 0
    out = parts[0]
    for part in parts[1:]:
        out |= part
    return out
