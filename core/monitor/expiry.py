"""届满通知: valid patents whose term ends within the next 3 / 6 / 12 months, and what that does
to 有效发明 and the per-population indicators of the region.

A patent "expires within h months" when on ≤ expiry_date ≤ on + h months (expiry_date is the
recorded 期满终止日, core.terms). Selected on the (expiry_date, status) index.
Indicator effect: the indicator counts (domestic valid inventions, high-value ones) minus the
inventions of the same population expiring by each horizon, over the same denominator
(parameter `population`, 万人, for the region and year, found as core.indicators does).
Counting rule: region of the first holder's address · current legal status · by expiry date.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import peewee as pw
from peewee import fn

from core.config import labels
from core.cubes import indicator as cube
from core.db.models import Holder, Patent
from core.db.sql import count_all, count_if
from core.monitor.selection import (
    EXPORT_LIMIT,
    both,
    child_field,
    patent_where,
    with_holder,
)
from core.regions.custom import region_name
from core.regions.query import Scope
from core.regions.scope import region_filter
from core.rules import calendar, highvalue, numbers
from core.rules.counting import CountingRule
from core.stats import indicators

HORIZONS = (3, 6, 12)


@dataclass(frozen=True)
class ExpiryQuery:
    scope: Scope
    on: dt.date
    months: int = 12

    @property
    def until(self) -> dt.date:
        return calendar.add_months(self.on, self.months)


def where(q: ExpiryQuery) -> pw.Expression:
    expr = both(patent_where(q.scope, selective=True), Patent.status == "valid")
    return expr & (Patent.expiry_date >= q.on) & (Patent.expiry_date <= q.until)


def _selected(q: ExpiryQuery, *columns) -> pw.ModelSelect:
    return with_holder(Patent.select(*columns), q.scope).where(where(q))


def horizon_counts(q: ExpiryQuery) -> pd.DataFrame:
    """Columns patent_type, label, m3, m6, m12 (expiring within 3/6/12 months), plus a total row
    ("all"). One query over the 12-month window."""
    limits = {h: calendar.add_months(q.on, h) for h in HORIZONS}
    wide = ExpiryQuery(q.scope, q.on, max(HORIZONS))
    cols = [count_if(Patent.expiry_date <= limits[h]).alias(f"m{h}") for h in HORIZONS]
    rows = list(_selected(wide, Patent.patent_type, *cols).group_by(Patent.patent_type).dicts())
    frame = pd.DataFrame(rows, columns=["patent_type", *[f"m{h}" for h in HORIZONS]])
    frame = frame.set_index("patent_type").reindex(list(labels.PATENT_TYPE), fill_value=0)
    frame = frame.fillna(0).astype(int)
    frame.loc["all"] = frame.sum()
    frame = frame.reset_index()
    frame.insert(1, "label", frame["patent_type"].map(lambda t: labels.PATENT_TYPE.get(t, labels.ALL)))
    return frame


def by_month(q: ExpiryQuery) -> pd.DataFrame:
    """Columns month ("YYYY-MM"), invention, utility, design. Grouped by day in SQL."""
    rows = (_selected(q, Patent.expiry_date.alias("day"), Patent.patent_type,
                      count_all().alias("n"))
            .group_by(Patent.expiry_date, Patent.patent_type).tuples())
    frame = pd.DataFrame(list(rows), columns=["day", "patent_type", "n"])
    months = _month_labels(q.on, q.until)
    if frame.empty:
        return pd.DataFrame({"month": months, **{t: [0] * len(months) for t in labels.PATENT_TYPE}})
    frame["month"] = [_month(d) for d in frame["day"]]
    table = frame.pivot_table(index="month", columns="patent_type", values="n", aggfunc="sum",
                              fill_value=0)
    table = table.reindex(index=months, columns=list(labels.PATENT_TYPE), fill_value=0)
    return table.fillna(0).astype(int).rename_axis(columns=None).reset_index()


def by_subregion(q: ExpiryQuery) -> pd.DataFrame:
    """Columns code, name, n, inventions, high_value; largest first."""
    column = child_field(q.scope)
    inv = Patent.patent_type == "invention"
    rows = (_selected(q, column.alias("code"), count_all().alias("n"),
                      count_if(inv).alias("inventions"),
                      count_if(inv & (Patent.high_value == True)).alias("high_value"))  # noqa: E712
            .where(column.is_null(False)).group_by(column).dicts())
    frame = pd.DataFrame(list(rows), columns=["code", "n", "inventions", "high_value"])
    frame.insert(1, "name", frame["code"].map(region_name))
    return frame.sort_values(["n", "code"], ascending=[False, True]).reset_index(drop=True)


def summary(q: ExpiryQuery) -> dict:
    """horizon_counts, by_month, by_subregion and total (as the functions of those names) from
    two grouped scans of the covering expiry index: by day and type over 12 months, and by
    sub-region over the query's horizon."""
    wide = ExpiryQuery(q.scope, q.on, max(HORIZONS))
    rows = (_selected(wide, Patent.expiry_date.alias("day"), Patent.patent_type,
                      count_all().alias("n"))
            .group_by(Patent.expiry_date, Patent.patent_type).tuples())
    frame = pd.DataFrame(list(rows), columns=["day", "patent_type", "n"])
    frame["day"] = [_date(d) for d in frame["day"]]
    frame["n"] = frame["n"].astype(int)
    inside = frame[frame["day"] <= q.until]
    return {"horizon_counts": _horizon_rollup(frame, q.on), "by_month": _month_rollup(inside, q),
            "by_subregion": by_subregion(q), "total": int(inside["n"].sum())}


def _horizon_rollup(frame: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    out = pd.DataFrame({"patent_type": list(labels.PATENT_TYPE)})
    for h in HORIZONS:
        part = frame[frame["day"] <= calendar.add_months(on, h)]
        sums = part.groupby("patent_type")["n"].sum()
        out[f"m{h}"] = [int(sums.get(t, 0)) for t in labels.PATENT_TYPE]
    out = out.set_index("patent_type")
    out.loc["all"] = out.sum()
    out = out.reset_index()
    out.insert(1, "label", out["patent_type"].map(lambda t: labels.PATENT_TYPE.get(t, labels.ALL)))
    return out


def _month_rollup(frame: pd.DataFrame, q: ExpiryQuery) -> pd.DataFrame:
    months = _month_labels(q.on, q.until)
    frame = frame.assign(month=[_month(d) for d in frame["day"]])
    table = frame.pivot_table(index="month", columns="patent_type", values="n", aggfunc="sum",
                              fill_value=0) if not frame.empty else pd.DataFrame()
    table = table.reindex(index=months, columns=list(labels.PATENT_TYPE), fill_value=0)
    return table.fillna(0).astype(int).rename_axis(index="month", columns=None).reset_index()


# --- indicator effect --------------------------------------------------------------------------

def _stock_now(scope: Scope) -> dict:
    """Valid inventions of the region now (stored status): all, domestic, domestic high-value —
    from the indicator cube when it can be read, else from the indicator covering index."""
    inv = ("invention",)
    if cube.usable():
        specs = [cube.Stock("inv", dt.date.today(), inv),
                 cube.Stock("dom", dt.date.today(), inv, domestic=True),
                 cube.Stock("hv", dt.date.today(), inv, domestic=True, high_value=True)]
        row = cube.read(scope.region, specs, CountingRule(stock_basis="status"))[0]
        return {k: int(v) for k, v in row.items()}
    dom = Patent.domestic == True  # noqa: E712
    hv = dom & highvalue.condition(dt.date.today())  # as the cube judges it
    row = (Patent.select(count_all().alias("inv"), count_if(dom).alias("dom"),
                         count_if(hv).alias("hv"))
           .where(both(region_filter(scope.region),
                       (Patent.status == "valid") & (Patent.patent_type == inv[0])))
           .dicts().get())
    return {k: int(v or 0) for k, v in row.items()}


def _stock_gone(scope: Scope, on: dt.date) -> dict:
    """Of those, the ones expiring by each horizon (the 12-month window only)."""
    inv = Patent.patent_type == "invention"
    dom = Patent.domestic == True  # noqa: E712
    hv = dom & highvalue.condition(dt.date.today(), few=True)  # tested on the window's rows
    cols = []
    for h in HORIZONS:
        by = Patent.expiry_date <= calendar.add_months(on, h)
        cols += [count_if(by).alias(f"inv_{h}"), count_if(by & dom).alias(f"dom_{h}"),
                 count_if(by & hv).alias(f"hv_{h}")]
    wide = ExpiryQuery(Scope(scope.region, patent_types=("invention",)), on, max(HORIZONS))
    row = Patent.select(*cols).where(where(wide) & inv).dicts().get()
    return {k: int(v or 0) for k, v in row.items()}


def population(region: str, year: int) -> float | None:
    """Year-end resident population in 万人 (parameter `population`), as core.indicators finds it
    (the latest of the earlier years when the year has none)."""
    return indicators.param_for_year("population", region, year)[0]


def indicator_effect(scope: Scope, on: dt.date) -> pd.DataFrame:
    """Columns key, label, now, after_3, after_6, after_12: 有效发明, 国内有效发明, 每万人口发明
    专利拥有量, 高价值发明, 每万人口高价值发明专利拥有量 now and once the patents expiring within
    each horizon are gone. Per-10k rows are None without a population parameter. Holder and type
    filters do not apply (indicators cover the whole region)."""
    row = {**_stock_now(scope), **_stock_gone(scope, on)}
    pop = population(scope.region, on.year)
    lines = [("valid_inventions", row["inv"], "inv"), ("domestic_valid_inventions", row["dom"], "dom"),
             ("high_value", row["hv"], "hv")]
    out = []
    for key, now, prefix in lines:
        out.append([key, now] + [now - row[f"{prefix}_{h}"] for h in HORIZONS])
    for key, base in (("per_10k", out[1]), ("high_value_per_10k", out[2])):
        out.append([key] + [_per_10k(v, pop) for v in base[1:]])
    frame = pd.DataFrame(out, columns=["key", "now", *[f"after_{h}" for h in HORIZONS]],
                         dtype=object)
    order = ["valid_inventions", "domestic_valid_inventions", "per_10k", "high_value",
             "high_value_per_10k"]
    frame = frame.set_index("key").loc[order].reset_index()
    frame.insert(1, "label", frame["key"].map(labels.EXPIRY_INDICATORS))
    return frame


def _per_10k(count: int, pop: float | None) -> float | None:
    return None if not pop else round(count / pop, 2)


# --- the list ----------------------------------------------------------------------------------

LIST_COLUMNS = ["id", "app_no", "title", "patent_type", "holder_id", "holder", "address",
                "county_code", "street_code", "app_date", "expiry_date", "high_value"]


def _list_query(q: ExpiryQuery) -> pw.ModelSelect:
    query = (Patent.select(Patent.id, Patent.app_no, Patent.title, Patent.patent_type,
                           Patent.first_holder.alias("holder_id"), Holder.name.alias("holder"),
                           fn.COALESCE(Holder.address, Patent.address).alias("address"),
                           Patent.county_code, Patent.street_code, Patent.app_date,
                           Patent.expiry_date, Patent.high_value)
             .join(Holder, pw.JOIN.LEFT_OUTER, on=(Patent.first_holder == Holder.id)))
    return (with_holder(query, q.scope, joined=True).where(where(q))
            .order_by(Patent.expiry_date, Patent.id))


def page(q: ExpiryQuery, offset: int, limit: int) -> pd.DataFrame:
    """One page of expiring patents, soonest first (app_no printed): LIST_COLUMNS + type_label,
    county, street, high_value_label."""
    rows = [_labelled(r) for r in _list_query(q).offset(offset).limit(limit).dicts()]
    return pd.DataFrame(rows, columns=LIST_COLUMNS + ["type_label", "county", "street",
                                                      "high_value_label"])


def total(q: ExpiryQuery) -> int:
    return _selected(q, count_all()).scalar() or 0


def holder_totals(q: ExpiryQuery) -> tuple[int, int]:
    """(first holders, patents with a first holder) of the query's rows: the letters it makes."""
    row = _selected(q, fn.COUNT(Patent.first_holder.distinct()),
                    fn.COUNT(Patent.first_holder)).tuples().get()
    return int(row[0] or 0), int(row[1] or 0)


def export_rows(q: ExpiryQuery, limit: int = EXPORT_LIMIT) -> Iterator[dict]:
    for row in _list_query(q).limit(limit).dicts().iterator():
        yield _labelled(row)


def _labelled(row: dict) -> dict:
    row["app_no"] = numbers.display(row["app_no"])
    row["app_date"], row["expiry_date"] = _date(row["app_date"]), _date(row["expiry_date"])
    row["high_value"] = bool(row["high_value"])
    row["type_label"] = labels.PATENT_TYPE.get(row["patent_type"], row["patent_type"])
    row["county"] = region_name(row["county_code"])
    row["street"] = region_name(row["street_code"])
    row["high_value_label"] = labels.YES if row["high_value"] else ""
    return row


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _month(value) -> str:
    day = _date(value)
    return f"{day.year:04d}-{day.month:02d}"


def _month_labels(first: dt.date, last: dt.date) -> list[str]:
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(f"{day.year:04d}-{day.month:02d}")
        day = calendar.add_months(day, 1)
    return out
