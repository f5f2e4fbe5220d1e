"""New holders (新增权利人) of 权利人统计: the list with each holder's kind, tags, main fields and
first patents, and a digest of the period. The rule (core.stats.holders.first_in_region): a
holder is new when its first patent in the region — the earliest filing date of the patents it
holds first, placed in the region — falls in the period. Of the Scope it reads the region and the
date range; without a date range nobody is new. One grouped scan finds the new holders; their
details are read by holder id (new holders have few patents).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
from peewee import fn

from core.db.models import Holder, HolderTag, Patent
from core.db.sql import chunks, id_values
from core.regions.query import Scope
from core.regions.scope import canonical, region_filter
from core.stats.holders import new_holders, tags_of

LIST_COLUMNS = ["holder_id", "name", "kind", "tags", "first_date", "patents", "fields",
                "first_patents"]
FIRST_PATENTS = 3  # titles listed per new holder
FIELDS = 3  # IPC subclasses listed per new holder


def _region(q: Scope) -> list:
    return [region_filter(canonical(q.region))] if q.region else []


def firsts(q: Scope, found: list[tuple] | None = None) -> pd.DataFrame:
    """Columns holder_id, first_date, patents of the new holders (one scan of the region, or
    `found`: core.stats.holders.new_holders(q) when already read)."""
    if not q.has_dates:
        return pd.DataFrame(columns=["holder_id", "first_date", "patents"])
    found = new_holders(q) if found is None else found
    rows = [(int(h), _as_date(d), int(n)) for h, d, n in found]
    return pd.DataFrame(rows, columns=["holder_id", "first_date", "patents"])


def _as_date(value) -> dt.date:
    """A date read back from an aggregate (SQLite hands back its ISO text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def count(q: Scope) -> int:
    return len(firsts(q))


def report(q: Scope, limit: int = 200, top: int = 5, found: pd.DataFrame | None = None) -> dict:
    """{'digest': digest(...), 'list': listing(...)} from one scan of the region; `found`:
    firsts(q) when already known (e.g. the rows of a wider period's scan inside q's period)."""
    found = firsts(q) if found is None else found
    return {"digest": _digest(q, found, top), "list": _listing(q, found, limit)}


def listing(q: Scope, limit: int = 200) -> pd.DataFrame:
    """The new holders, most recent first (then most patents). Columns LIST_COLUMNS: kind, tags
    ("hightech,above_scale"), first_date (first filing in the region), patents (in the region),
    fields ("H01M(3) G06F(1)": main IPC subclasses of those patents), first_patents (the first
    titles, by filing date)."""
    return _listing(q, firsts(q), limit)


def _listing(q: Scope, found: pd.DataFrame, limit: int) -> pd.DataFrame:
    frame = found.sort_values(["first_date", "patents", "holder_id"],
                              ascending=[False, False, True]).head(limit)
    ids = [int(i) for i in frame["holder_id"]]
    info = {pk: (name, kind) for pk, name, kind in
            Holder.select(Holder.id, Holder.name, Holder.kind).where(Holder.id.in_(ids)).tuples()
            } if ids else {}
    tags, fields, titles = tags_of(ids), _fields(q, ids), _first_titles(q, ids)
    frame = frame.assign(name=[info[i][0] for i in ids], kind=[info[i][1] for i in ids],
                         tags=[",".join(tags.get(i, [])) for i in ids],
                         fields=[" ".join(f"{c}({n})" for c, n in fields.get(i, []))
                                 for i in ids],
                         first_patents=["；".join(titles.get(i, [])) for i in ids])
    return frame[LIST_COLUMNS].reset_index(drop=True)


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
    return _digest(q, firsts(q), top)


def _digest(q: Scope, found: pd.DataFrame, top: int) -> dict:
    ids = [int(i) for i in found["holder_id"]]
    kinds, tags, fields = Counter(), Counter(), Counter()
    for part in chunks(ids):
        kinds.update(dict(Holder.select(Holder.kind, fn.COUNT(Holder.id))
                          .where(Holder.id.in_(id_values(part))).group_by(Holder.kind).tuples()))
        tags.update(dict(HolderTag.select(HolderTag.tag, fn.COUNT(HolderTag.id))
                         .where(HolderTag.holder.in_(id_values(part))).group_by(HolderTag.tag).tuples()))
        fields.update(dict(Patent.select(Patent.ipc_subclass, fn.COUNT(Patent.id))
                           .where(Patent.first_holder.in_(id_values(part)),
                                  Patent.ipc_subclass.is_null(False), *_region(q))
                           .group_by(Patent.ipc_subclass).tuples()))
    biggest = found.sort_values(["patents", "holder_id"], ascending=[False, True]).head(top)
    names = dict(Holder.select(Holder.id, Holder.name)
                 .where(Holder.id.in_([int(i) for i in biggest["holder_id"]])).tuples())
    return {"holders": len(found), "patents": int(found["patents"].sum()),
            "kinds": _ranked(kinds.items()), "tags": _ranked(tags.items()),
            "fields": list(_ranked(fields.items()).items())[:top],
            "top": [(names[int(h)], int(n)) for h, n in zip(biggest["holder_id"],
                                                             biggest["patents"])]}


def _ranked(pairs) -> dict:
    """{key: n} largest first (ties by key)."""
    return {k: int(n) for k, n in sorted(pairs, key=lambda kv: (-kv[1], kv[0]))}
