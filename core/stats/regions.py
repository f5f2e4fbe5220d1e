"""区域统计: per sub-region (the counties of a city, the streets of a county or of a custom
region, every street of the region, or every custom region) — applications, grants, valid
patents, transfers in and out, the invention grant rate, shares and rankings; top applicants
and grantees of a region.

Counting rule: the region of the first holder's address; applications by filing date, grants by
grant date, transfers by registration date, all within the scope's date range; valid as of the
stored legal status.

Grant rate (domain-facts §3.3 (a), CNIPA style): inventions granted ÷ (granted + rejected +
withdrawn) among invention cases closed in the period — grants by grant date, rejections and
withdrawals by their status date (else lapse date).
"""
from __future__ import annotations

import pandas as pd
import peewee as pw
from peewee import fn

from core.cubes.stats import Events
from core.db.models import Holder, Patent, PatentCube, Region
from core.db.sql import as_int, count_all, count_if
from core.regions import divisions
from core.regions.query import Scope
from core.regions.scope import child_column, region_filter
from core.rules.counting import refused as closed_without_grant
from core.stats.base import (
    cube_where,
    in_range,
    patents,
    side_filter,
    type_filter,
    use_cube,
    where,
)
from core.stats.overview import INVENTION, VALID

LEVELS = ("child", "street", "custom")
COLUMNS = ["code", "name", "applications", "grants", "valid", "valid_inventions",
           "transfers_in", "transfers_out", "inv_granted", "inv_closed", "grant_rate",
           "valid_share", "rank"]


def custom_regions() -> list[tuple[str, str]]:
    """(code, name) of every custom region, by name."""
    custom = Region.is_custom == True  # noqa: E712
    return list(Region.select(Region.code, Region.name).where(custom)
                .order_by(Region.name).tuples())


def _measures(scope: Scope) -> list[pw.Node]:
    closed_on = fn.COALESCE(Patent.status_date, Patent.lapse_date)
    granted = INVENTION & in_range(Patent.grant_date, scope)
    refused = INVENTION & closed_without_grant() & in_range(closed_on, scope)
    return [count_if(in_range(Patent.app_date, scope)).alias("applications"),
            count_if(in_range(Patent.grant_date, scope)).alias("grants"),
            count_if(VALID).alias("valid"), count_if(VALID & INVENTION).alias("valid_inventions"),
            count_if(granted).alias("inv_granted"), count_if(granted | refused).alias("inv_closed")]


def table(scope: Scope, level: str = "child") -> pd.DataFrame:
    """Columns code, name, applications, grants, valid, valid_inventions, transfers_in,
    transfers_out, inv_granted, inv_closed, grant_rate (None when no case closed), valid_share
    (of the listed total), rank (by valid). One row per unit of `level`: child = direct
    sub-regions, street = every street of the region, custom = every custom region.
    Sample: ("320506", "吴中区", 12000, 8000, 41000, 9000, 50, 40, 3000, 4200, 0.7143, 0.21, 2)."""
    rows = _custom_rows(scope) if level == "custom" else _division_rows(scope, level)
    frame = pd.DataFrame(rows, columns=COLUMNS[:10])
    frame["grant_rate"] = [round(g / c, 4) if c else None
                           for g, c in zip(frame["inv_granted"], frame["inv_closed"])]
    total = frame["valid"].sum()
    frame["valid_share"] = (frame["valid"] / total).round(4) if total else 0.0
    frame = frame.sort_values(["valid", "code"], ascending=[False, True]).reset_index(drop=True)
    frame["rank"] = frame["valid"].rank(method="min", ascending=False).astype("int64")
    return frame[COLUMNS]


def _division_rows(scope: Scope, level: str) -> list[tuple]:
    name = "street_code" if level == "street" else child_column(scope.region)
    if name in ("city_code", "county_code") and use_cube(scope):
        rows = _cube_rows(scope, name)
    else:
        column = getattr(Patent, name)
        rows = (patents(scope, column.alias("code"), *_measures(scope))
                .where(where(scope, dates=False) & column.is_null(False)).group_by(column).dicts())
    moves = _transfers(scope, name)
    names = divisions.names()
    return [(r["code"], names.get(r["code"], r["code"]), as_int(r["applications"]),
             as_int(r["grants"]), as_int(r["valid"]), as_int(r["valid_inventions"]),
             *moves.get(r["code"], (0, 0)), as_int(r["inv_granted"]), as_int(r["inv_closed"]))
            for r in rows]


def _cube_rows(scope: Scope, name: str) -> list[dict]:
    """The measures of _measures (open date range) per sub-region, from patent_cube."""
    c = PatentCube
    column, valid, inv = getattr(c, name), c.status == "valid", c.patent_type == "invention"
    s = lambda cond, col=c.n: count_if(cond, col)
    return list(c.select(column.alias("code"), fn.SUM(c.n_app).alias("applications"),
                         fn.SUM(c.n_grant).alias("grants"), s(valid).alias("valid"),
                         s(valid & inv).alias("valid_inventions"),
                         s(inv, c.n_grant).alias("inv_granted"),
                         s(inv, c.n_grant + c.n_refused).alias("inv_closed"))
                .where(cube_where(scope, c) & column.is_null(False)).group_by(column).dicts())


def _transfers(scope: Scope, name: str) -> dict[str, tuple[int, int]]:
    """code → (transfers in, transfers out) in the scope's range: each side's unit is the event's
    street (street level) or the first PREFIX[name] digits of its county (a province's or a
    city's code, the county itself); a transfer counts when the unit differs on the other side
    (or that side is unknown). From ops_cube when fresh."""
    ev = Events.for_stats()
    prefix = "street" if name == "street_code" else "county"
    result: dict[str, list[int]] = {}
    for slot, (mine, other) in enumerate((("after", "before"), ("before", "after"))):
        col = _unit(ev.event(f"{prefix}_{mine}"), name)
        other_col = _unit(ev.event(f"{prefix}_{other}"), name)
        inside = side_filter(scope.region, ev.event(f"county_{mine}"),
                             ev.event(f"street_{mine}"))
        rows = (ev.select(col, ev.count())
                .where((ev.event("kind") == "transfer") & in_range(ev.event("date"), scope)
                       & col.is_null(False) & (other_col.is_null() | (other_col != col))
                       & inside & ev.types(scope.patent_types))
                .group_by(col).tuples())
        for code, n in rows:
            result.setdefault(code, [0, 0])[slot] = as_int(n)
    return {k: tuple(v) for k, v in result.items()}


PREFIX = {"province_code": 2, "city_code": 4}  # digits of a county code naming the unit


def _unit(column: pw.Field, name: str) -> pw.Node:
    """The event's region column cut to the unit of the child column `name`."""
    return fn.substr(column, 1, PREFIX[name]) if name in PREFIX else column


def _custom_rows(scope: Scope) -> list[tuple]:
    return [region_row(scope, code, name) for code, name in custom_regions()]


def region_row(scope: Scope, code: str, name: str) -> tuple:
    """The first ten COLUMNS of one region (any code) in `scope`'s range and types."""
    r = (Patent.select(*_measures(scope))
         .where(region_filter(code) & type_filter(scope)).dicts().get())
    return (code, name, as_int(r["applications"]), as_int(r["grants"]), as_int(r["valid"]),
            as_int(r["valid_inventions"]), *transfers(scope.with_region(code)),
            as_int(r["inv_granted"]), as_int(r["inv_closed"]))


def transfers(scope: Scope) -> tuple[int, int]:
    """(transfers into, transfers out of) the scope's region in its range and types."""
    return _custom_transfers(scope)


def _custom_transfers(scope: Scope) -> tuple[int, int]:
    ev = Events.for_stats()
    after = side_filter(scope.region, ev.event("county_after"), ev.event("street_after"))
    before = side_filter(scope.region, ev.event("county_before"), ev.event("street_before"))
    row = (ev.select(ev.count_if(after & ~before), ev.count_if(before & ~after))
           .where((ev.event("kind") == "transfer") & in_range(ev.event("date"), scope)
                  & ev.types(scope.patent_types)).tuples().get())
    return as_int(row[0]), as_int(row[1])


def top_holders(scope: Scope, measure: str = "applications", limit: int = 10) -> pd.DataFrame:
    """Columns holder_id, name, n: first holders with the most filings (measure=applications,
    by filing date) or grants (measure=grants, by grant date) in the scope's range.
    Sample: (17, "苏州大学", 820)."""
    column = Patent.app_date if measure == "applications" else Patent.grant_date
    rows = (patents(scope, Patent.first_holder, count_all())
            .where(where(scope, dates=False) & in_range(column, scope)
                   & Patent.first_holder.is_null(False))
            .group_by(Patent.first_holder)
            .order_by(count_all().desc(), Patent.first_holder).limit(limit).tuples())
    frame = pd.DataFrame(list(rows), columns=["holder_id", "n"])
    names = dict(Holder.select(Holder.id, Holder.name)
                 .where(Holder.id.in_(frame["holder_id"].tolist() or [0])).tuples())
    frame.insert(1, "name", frame["holder_id"].map(names))
    return frame
