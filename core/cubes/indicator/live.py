"""The unfinished month of an indicator-cube read, from the patent table: flows counted on their
days; stocks as (condition on the day) − (condition on the eve of the month) among the patents
that can change in between (granted, lapsed or crossing the long-maintained line)."""
from __future__ import annotations

import datetime as dt

import peewee as pw

from core.cubes.indicator.specs import Flow, Stock, live_window
from core.db.models import Patent
from core.db.sql import count_if, in_select
from core.regions.scope import child_column
from core.rules import highvalue
from core.rules.calendar import add_years
from core.rules.counting import (
    aggregate_selective,
    domestic,
    known_granted,
    unindexed,
    unindexed_region,
    valid_on,
)


def live_part(region, specs, rule, by_child) -> list[dict]:
    conditions, windows = {}, []
    for spec in specs:
        first, last = live_window(spec, rule)
        if isinstance(spec, Flow):
            column = getattr(Patent, f"{spec.kind}_date")
            conditions[spec.name] = _filter(spec, rule) & column.between(first, last)
            windows.append((f"{spec.kind}_date", first, last))
            continue
        eve = first - dt.timedelta(days=1)
        for name, day in ((spec.name, last), (f"{spec.name}__before", eve)):
            cond = _filter(spec, rule) & valid_on(day, rule)
            if spec.long:
                cond &= highvalue.category_condition("long_maintained", day)
            if spec.high_value:  # tested on the changed patents only
                cond &= highvalue.condition(day, few=True)
            conditions[name] = cond
        windows.append(("stock", eve, last, spec.long, spec.high_value))
    if rule.fast:
        return _fast_sums(region, conditions, _changed(Patent, windows, rule), by_child)
    changed = Patent.alias("changed")  # the changed patents first (date indexes), then holders
    ids = changed.select(changed.id).where(_changed(changed, windows, rule))
    return aggregate_selective(region, rule, conditions, ids, by_child)


def _changed(model, windows: list[tuple], rule) -> pw.Expression:
    """Rows of `model` (patent or an alias) that can count differently inside the windows. Each
    condition once: the stock specs of a read share their windows, and PostgreSQL scans every
    arm of an OR of index ranges, repeated ones too."""
    parts: dict[tuple, pw.Expression] = {}
    for window in windows:
        if window[0] == "stock":
            parts |= _changes_between(model, *window[1:], rule=rule)
        else:
            parts[window] = getattr(model, window[0]).between(window[1], window[2])
    return _any(list(parts.values()))


def _fast_sums(region, conditions: dict, changed: pw.Expression, by_child: bool) -> list[dict]:
    """SUM(CASE …) over the changed rows. The region columns are read unindexed: the date
    ranges of `changed` are the selective part (a county's index range is ~10 % of the table)."""
    place = unindexed_region(region)
    columns = [count_if(cond).alias(name)
               for name, cond in conditions.items()]
    query = Patent.select(*columns).where(changed if place is True else place & changed)
    if by_child:
        key = unindexed(getattr(Patent, child_column(region)))
        query = query.select_extend(key.alias("code")).group_by(key)
    return [{k: (v if k == "code" else float(v or 0)) for k, v in row.items()}
            for row in query.dicts()]


def _filter(spec, rule) -> pw.Expression:
    cond = Patent.patent_type.in_(list(spec.types)) if spec.types else pw.Value(1) == 1
    if isinstance(spec, Stock) and spec.domestic:
        cond &= domestic(rule)
    return cond


def _changes_between(model, eve: dt.date, day: dt.date, long: bool, high_value: bool, *,
                     rule) -> dict[tuple, pw.Expression]:
    """Patents whose stock membership can differ between `eve` and `day`: granted or lapsed in
    (eve, day], crossing the long-maintained line in between, or (high-value) pledged over the
    threshold in between; keyed by what each condition selects."""
    after = eve + dt.timedelta(days=1)
    out = {}
    if rule.stock_basis == "as_of":
        # undated grants by their filing dates: the missing grant date is read unindexed, or
        # PostgreSQL intersects the filing-date range with every undated patent of the database
        undated = unindexed(model.grant_date).is_null() & known_granted(model)
        out |= {("grant", after, day): model.grant_date.between(after, day),
                ("undated", after, day): undated & model.app_date.between(after, day),
                ("lapse", after, day): (model.status == "lapsed")
                & model.lapse_date.between(after, day)}
    hv = highvalue.rules()
    if long or (high_value and hv.get("long_maintained")):
        anchor = model.grant_date if hv["maintained_from"] == "grant" else model.app_date
        years = int(hv["maintained_years"])
        out[("long", eve, day)] = ((anchor >= add_years(eve, -years))
                                   & (anchor < add_years(day, -years)))
    if high_value and hv.get("pledge"):
        out[("pledge", after, day)] = in_select(model.id,
                                                highvalue.pledged_between(after, day, hv))
    return out


def _any(parts: list[pw.Expression]) -> pw.Expression:
    if not parts:
        return pw.Value(1) == 0
    out = parts[0]
    for part in parts[1:]:
        out |= part
    return out
