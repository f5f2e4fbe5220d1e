"""New holders (新增权利人) of 权利人统计: the list with each holder's kind, tags, main fields and
first patents, and a digest of the period. The rule (core.stats.holders.first_in_region): a
holder is new when its first patent in the region — the earliest filing date of the patents it
holds first, placed in the region — falls in the period. Of the Scope it reads the region and the
date range; without a date range nobody is new.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
from peewee import fn

from core.db.models import Holder, HolderTag, Patent
from core.regions.query import Scope
from core.regions.scope import canonical, region_filter
from core.stats.holders import first_in_region, new_holder_ids, tags_of

LIST_COLUMNS = ["holder_id", "name", "kind", "tags", "first_date", "patents", "fields",
                "first_patents"]
FIRST_PATENTS = 3  # titles listed per new holder
FIELDS = 3  # IPC subclasses listed per new holder


def _region(q: Scope) -> list:
    return [region_filter(canonical(q.region))] if q.region else []


def count(q: Scope) -> int:
    if not q.has_dates:
        return 0
    return first_in_region(q).count()


def listing(q: Scope, limit: int = 200) -> pd.DataFrame:
    """The new holders, most recent first (then most patents). Columns LIST_COLUMNS: kind, tags
    ("hightech,above_scale"), first_date (first filing in the region), patents (in the region),
    fields ("H01M(3) G06F(1)": main IPC subclasses of those patents), first_patents (the first
    titles, by filing date)."""
    if not q.has_dates:
        return pd.DataFrame(columns=LIST_COLUMNS)
    firsts = first_in_region(q).alias("f")
    rows = list(Holder.select(Holder.id.alias("holder_id"), Holder.name, Holder.kind,
                              firsts.c.first_date, firsts.c.patents)
                .join(firsts, on=(Holder.id == firsts.c.holder_id))
                .order_by(firsts.c.first_date.desc(), firsts.c.patents.desc(), Holder.id)
                .limit(limit).dicts())
    frame = pd.DataFrame(rows, columns=LIST_COLUMNS[:3] + ["first_date", "patents"])
    ids = [int(i) for i in frame["holder_id"]]
    tags, fields, titles = tags_of(ids), _fields(q, ids), _first_titles(q, ids)
    frame["tags"] = [",".join(tags.get(i, [])) for i in ids]
    frame["fields"] = [" ".join(f"{c}({n})" for c, n in fields.get(i, [])) for i in ids]
    frame["first_patents"] = ["；".join(titles.get(i, [])) for i in ids]
    frame["patents"] = frame["patents"].astype(int)
    frame["first_date"] = [_as_date(d) for d in frame["first_date"]]
    return frame[LIST_COLUMNS]


def _as_date(value) -> dt.date:
    """A date read through a subquery (SQLite hands back its ISO text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _fields(q: Scope, ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    if not ids:
        return {}
    rows = (Patent.select(Patent.first_holder, Patent.ipc_subclass, fn.COUNT(Patent.id))
            .where(Patent.first_holder.in_(ids), Patent.ipc_subclass.is_null(False), *_region(q))
            .group_by(Patent.first_holder, Patent.ipc_subclass).tuples())
    out: dict[int, list[tuple[str, int]]] = {}
    for holder, ipc, n in sorted(rows, key=lambda r: (r[0], -r[2], r[1])):
        if len(out.setdefault(holder, [])) < FIELDS:
            out[holder].append((ipc, int(n)))
    return out


def _first_titles(q: Scope, ids: list[int]) -> dict[int, list[str]]:
    """The first FIRST_PATENTS titles of each holder in the region (new holders have few)."""
    if not ids:
        return {}
    rows = (Patent.select(Patent.first_holder, Patent.title)
            .where(Patent.first_holder.in_(ids), Patent.app_date.is_null(False), *_region(q))
            .order_by(Patent.first_holder, Patent.app_date, Patent.id).tuples())
    out: dict[int, list[str]] = {}
    for holder, title in rows:
        if len(out.setdefault(holder, [])) < FIRST_PATENTS:
            out[holder].append(title)
    return out


def digest(q: Scope, top: int = 5) -> dict:
    """A summary of the period's new holders: {'holders', 'patents' (theirs in the region),
    'kinds': {kind: holders}, 'tags': {tag: holders}, 'fields': [(IPC subclass, patents)],
    'top': [(name, patents)]} — the biggest kinds, tags, fields and holders first."""
    empty = {"holders": 0, "patents": 0, "kinds": {}, "tags": {}, "fields": [], "top": []}
    if not q.has_dates:
        return empty
    firsts = first_in_region(q).alias("f")
    joined = Holder.select().join(firsts, on=(Holder.id == firsts.c.holder_id))
    holders, patents = joined.select(fn.COUNT(Holder.id), fn.SUM(firsts.c.patents)).scalar(
        as_tuple=True)
    if not holders:
        return empty
    kinds = joined.select(Holder.kind, fn.COUNT(Holder.id)).group_by(Holder.kind).tuples()
    tags = (HolderTag.select(HolderTag.tag, fn.COUNT(HolderTag.id))
            .where(HolderTag.holder.in_(new_holder_ids(q))).group_by(HolderTag.tag).tuples())
    fields = (Patent.select(Patent.ipc_subclass, fn.COUNT(Patent.id))
              .where(Patent.first_holder.in_(new_holder_ids(q)), Patent.ipc_subclass.is_null(False),
                     *_region(q))
              .group_by(Patent.ipc_subclass).tuples())
    biggest = (joined.select(Holder.name, firsts.c.patents)
               .order_by(firsts.c.patents.desc(), Holder.id).limit(top).tuples())
    return {"holders": int(holders), "patents": int(patents or 0), "kinds": _ranked(kinds),
            "tags": _ranked(tags), "fields": list(_ranked(fields).items())[:top],
            "top": [(name, int(n)) for name, n in biggest]}


def _ranked(pairs) -> dict:
    """{key: n} largest first (ties by key)."""
    return {k: int(n) for k, n in sorted(pairs, key=lambda kv: (-kv[1], kv[0]))}
