"""专利失效分析: patents that lapsed in a period, by reason, holder, sub-region and month.

A lapse is a patent with status "lapsed" whose `lapse_date` (the legal end of the right, e.g. the
missed annual-fee due date for 未缴年费) falls in [date_from, date_to]. By default only granted
patents count (失效专利); `granted_only=False` adds failed applications (驳回, 撤回 …).
Counting rule: region of the first holder's address · by lapse date.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import peewee as pw
from peewee import fn

from core.config import labels
from core.db.models import Holder, LegalEvent, Patent
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
from core.rules import numbers

# Reasons shown as their own column/series; everything else is summed as "other".
MAIN_REASONS = ("unpaid_fee", "expired", "invalidated", "surrendered", "double_patenting")


@dataclass(frozen=True)
class LapseQuery:
    scope: Scope
    date_from: dt.date
    date_to: dt.date
    reasons: tuple[str, ...] = ()  # empty: every reason
    granted_only: bool = True


def where(q: LapseQuery) -> pw.Expression:
    expr = both(patent_where(q.scope), Patent.status == "lapsed")
    expr &= (Patent.lapse_date >= q.date_from) & (Patent.lapse_date <= q.date_to)
    if q.reasons:
        expr &= Patent.status_reason.in_(list(q.reasons))
    if q.granted_only:
        expr &= Patent.grant_date.is_null(False)
    return expr


def _base(q: LapseQuery, *columns) -> pw.ModelSelect:
    return with_holder(Patent.select(*columns), q.scope).where(where(q))


def total(q: LapseQuery) -> int:
    return _base(q, count_all()).scalar() or 0


def by_reason(q: LapseQuery) -> pd.DataFrame:
    """Columns reason, label, n; largest first."""
    rows = (_base(q, Patent.status_reason.alias("reason"), count_all().alias("n"))
            .group_by(Patent.status_reason).dicts())
    frame = pd.DataFrame(list(rows), columns=["reason", "n"])
    frame["reason"] = frame["reason"].fillna("unknown")
    frame = frame.groupby("reason", as_index=False)["n"].sum()
    frame.insert(1, "label", frame["reason"].map(lambda r: labels.STATUS_REASON.get(r, r)))
    return frame.sort_values(["n", "reason"], ascending=[False, True]).reset_index(drop=True)


def _reason_columns() -> list:
    cols = [count_if(Patent.status_reason == r).alias(r) for r in MAIN_REASONS]
    others = Patent.status_reason.is_null() | Patent.status_reason.not_in(list(MAIN_REASONS))
    return cols + [count_if(others).alias("other")]


REASON_COLUMNS = list(MAIN_REASONS) + ["other"]


def by_subregion(q: LapseQuery) -> pd.DataFrame:
    """Columns code, name, n, one column per MAIN_REASONS + other; largest first."""
    column = child_field(q.scope)
    rows = (_base(q, column.alias("code"), count_all().alias("n"), *_reason_columns())
            .where(column.is_null(False)).group_by(column).dicts())
    frame = pd.DataFrame(list(rows), columns=["code", "n", *REASON_COLUMNS])
    frame.insert(1, "name", frame["code"].map(region_name))
    return _sorted(frame, "code")


def by_holder(q: LapseQuery, limit: int = 20) -> pd.DataFrame:
    """Columns holder_id, name, n, one column per MAIN_REASONS + other; the `limit` largest.
    Grouped on patent.first_holder (read from the covering index), names fetched for the top."""
    holder = Patent.first_holder
    rows = (_base(q, holder.alias("holder_id"), count_all().alias("n"), *_reason_columns())
            .where(holder.is_null(False)).group_by(holder)
            .order_by(count_all().desc(), holder).limit(limit).dicts())
    frame = pd.DataFrame(list(rows), columns=["holder_id", "n", *REASON_COLUMNS])
    names = dict(Holder.select(Holder.id, Holder.name)
                 .where(Holder.id.in_(frame["holder_id"].tolist() or [0])).tuples())
    frame.insert(1, "name", frame["holder_id"].map(names))
    return frame


def by_month(q: LapseQuery) -> pd.DataFrame:
    """Columns month ("YYYY-MM"), reason, n. Grouped by day in SQL, rolled up to months here."""
    rows = (_base(q, Patent.lapse_date.alias("day"), Patent.status_reason.alias("reason"),
                  count_all().alias("n"))
            .group_by(Patent.lapse_date, Patent.status_reason).tuples())
    frame = pd.DataFrame(list(rows), columns=["day", "reason", "n"])
    if frame.empty:
        return pd.DataFrame(columns=["month", "reason", "n"])
    frame["month"] = [f"{d.year:04d}-{d.month:02d}" for d in _dates(frame["day"])]
    frame["reason"] = frame["reason"].fillna("unknown")
    out = frame.groupby(["month", "reason"], as_index=False)["n"].sum()
    return out.sort_values(["month", "reason"]).reset_index(drop=True)


def summary(q: LapseQuery) -> dict:
    """total, by_reason, by_subregion and by_month (same frames as the functions of those names)
    from ONE query grouped by lapse date, reason and sub-region; the roll-ups happen here."""
    column = child_field(q.scope)
    rows = (_base(q, Patent.lapse_date.alias("day"), Patent.status_reason.alias("reason"),
                  column.alias("code"), count_all().alias("n"))
            .group_by(Patent.lapse_date, Patent.status_reason, column).tuples())
    frame = pd.DataFrame(list(rows), columns=["day", "reason", "code", "n"])
    frame["reason"] = frame["reason"].fillna("unknown")
    frame["n"] = frame["n"].astype(int)
    return {"total": int(frame["n"].sum()), "by_reason": _reason_rollup(frame),
            "by_subregion": _subregion_rollup(frame), "by_month": _month_rollup(frame)}


def _reason_rollup(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.groupby("reason", as_index=False)["n"].sum()
    out.insert(1, "label", out["reason"].map(lambda r: labels.STATUS_REASON.get(r, r)))
    return out.sort_values(["n", "reason"], ascending=[False, True]).reset_index(drop=True)


def _subregion_rollup(frame: pd.DataFrame) -> pd.DataFrame:
    placed = frame[frame["code"].notna()].copy()
    placed["bucket"] = placed["reason"].where(placed["reason"].isin(MAIN_REASONS), "other")
    table = placed.pivot_table(index="code", columns="bucket", values="n", aggfunc="sum",
                               fill_value=0).reindex(columns=REASON_COLUMNS, fill_value=0)
    table = table.astype(int).rename_axis(columns=None)
    table.insert(0, "n", table.sum(axis=1))
    out = table.reset_index()
    out.insert(1, "name", out["code"].map(region_name))
    return _sorted(out, "code")


def _month_rollup(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["month", "reason", "n"])
    frame = frame.assign(month=[f"{d.year:04d}-{d.month:02d}" for d in _dates(frame["day"])])
    out = frame.groupby(["month", "reason"], as_index=False)["n"].sum()
    return out.sort_values(["month", "reason"]).reset_index(drop=True)


LIST_COLUMNS = ["id", "app_no", "title", "patent_type", "holder", "holder_address", "county_code",
                "street_code", "status_reason", "lapse_date", "app_date", "grant_date"]


def _list_query(q: LapseQuery) -> pw.ModelSelect:
    query = (Patent.select(Patent.id, Patent.app_no, Patent.title, Patent.patent_type,
                           Holder.name.alias("holder"), Patent.address.alias("holder_address"),
                           Patent.county_code, Patent.street_code, Patent.status_reason,
                           Patent.lapse_date, Patent.app_date, Patent.grant_date)
             .join(Holder, pw.JOIN.LEFT_OUTER, on=(Patent.first_holder == Holder.id)))
    return (with_holder(query, q.scope, joined=True).where(where(q))
            .order_by(Patent.lapse_date.desc(), Patent.id.desc()))


# Gazette events confirming a lapse (LegalEvent.kind), used for the 公告日 column.
LAPSE_EVENTS = ("lapse_unpaid", "expiry", "invalidation", "surrender", "double_patenting",
                "rejection", "withdrawal")
BATCH = 1000


def announce_dates(patent_ids: list[int]) -> dict[int, dt.date]:
    """Latest gazette date of a lapse event per patent (only patents that have one)."""
    if not patent_ids:
        return {}
    rows = (LegalEvent.select(LegalEvent.patent, fn.MAX(LegalEvent.announce_date))
            .where(LegalEvent.patent.in_(patent_ids) & LegalEvent.kind.in_(LAPSE_EVENTS)
                   & LegalEvent.announce_date.is_null(False))
            .group_by(LegalEvent.patent).tuples())
    return {pid: _dates([day])[0] for pid, day in rows}


def page(q: LapseQuery, offset: int, limit: int) -> pd.DataFrame:
    """One page of the lapse list, newest lapse first (app_no printed). Columns LIST_COLUMNS +
    announce_date (gazette date of the lapse event, when recorded), type_label, reason_label,
    county, street."""
    frame = pd.DataFrame(list(_list_query(q).offset(offset).limit(limit).dicts()),
                         columns=LIST_COLUMNS)
    dates = announce_dates(frame["id"].tolist())
    frame["announce_date"] = [dates.get(pid) for pid in frame["id"]]
    return _decorate(frame)


def export_rows(q: LapseQuery, limit: int = EXPORT_LIMIT) -> Iterator[dict]:
    """Every row of the list (up to `limit`), streamed, with Chinese labels for codes."""
    batch: list[dict] = []
    for row in _list_query(q).limit(limit).dicts().iterator():
        batch.append(row)
        if len(batch) == BATCH:
            yield from _with_dates(batch)
            batch = []
    yield from _with_dates(batch)


def _with_dates(rows: list[dict]) -> Iterator[dict]:
    dates = announce_dates([r["id"] for r in rows])
    for row in rows:
        row["announce_date"] = dates.get(row["id"])
        yield _labelled(row)


EXPORT_COLUMNS = {
    "app_no": "申请号", "title": "专利名称", "type_label": "专利类型", "holder": "第一权利人",
    "holder_address": "权利人地址", "county": "区县", "street": "街道/乡镇",
    "reason_label": "失效原因", "lapse_date": "失效日", "announce_date": "失效公告日",
    "app_date": "申请日", "grant_date": "授权公告日",
}


def _labelled(row: dict) -> dict:
    row["app_no"] = numbers.display(row["app_no"])
    row["type_label"] = labels.PATENT_TYPE.get(row["patent_type"], row["patent_type"])
    row["reason_label"] = labels.STATUS_REASON.get(row["status_reason"] or "unknown",
                                                   row["status_reason"])
    row["county"] = region_name(row["county_code"])
    row["street"] = region_name(row["street_code"])
    return row


def _decorate(frame: pd.DataFrame) -> pd.DataFrame:
    frame["app_no"] = frame["app_no"].map(numbers.display)
    frame["type_label"] = frame["patent_type"].map(lambda t: labels.PATENT_TYPE.get(t, t))
    frame["reason_label"] = frame["status_reason"].map(
        lambda r: labels.STATUS_REASON.get(r or "unknown", r))
    frame["county"] = frame["county_code"].map(region_name)
    frame["street"] = frame["street_code"].map(region_name)
    return frame


def _sorted(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.sort_values(["n", key], ascending=[False, True]).reset_index(drop=True)


def _dates(values) -> list[dt.date]:
    return [v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10]) for v in values]
