"""权利人统计 and 权利人标注: holders of the region's valid patents, and the tagging of holders.

Counting rule: a patent counts for its FIRST holder (Patent.first_holder) and for the region of
the first holder's address (Patent region columns); valid = current legal status 'valid'.
A holder is "new in the period" when its first patent in the region (the earliest filing date of
the patents it holds first placed in the region: a company filing for years elsewhere is new
where it files for the first time) falls in the period; without a period nobody is new.
Holder.first_filing (its first filing anywhere, kept by `refresh_holder_columns` after the demo
and after each import) is shown and sorted on.
Of the Scope it reads the region, the date range (the period), industry and the holder filters
(holder: part of the name, holder_kinds, holder_tags, new_only) — not the patent types.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import reduce

import pandas as pd
import peewee as pw
from peewee import fn

from core.cubes import delta, freshness
from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import (
    HOLDER_KINDS,
    Holder,
    HolderCube,
    HolderRegionCube,
    HolderTag,
    Industry,
    Patent,
    QualityYearCube,
)
from core.db.sql import ID_CHUNK, chunks, count_all, count_if, id_values, load_temp
from core.regions.query import Scope
from core.regions.scope import canonical, province_or_city, region_filter
from core.stats.base import patents, where, year_range
from core.stats.search import industry_patents

BUILTIN_TAGS = ("hightech", "above_scale")  # 高企, 规上
MAX_TAG_LENGTH = 32
MAX_ID_LIST = 20_000  # new-holder ids passed as a list of values (SQLite allows 32,766)
CANDIDATE_CHUNK = ID_CHUNK  # candidate holders whose patents one query reads
NEW_IDS = "_new_holder_ids"  # temporary table of the new holders, when more than MAX_ID_LIST
SORTS = ("valid_total", "valid_invention", "valid_utility", "valid_design", "first_filing")
STAT_COLUMNS = ["holder_id", "name", "kind", "tags", "first_filing", "is_new", "valid_invention",
                "valid_utility", "valid_design", "valid_total"]


def first_in_region(q: Scope, ids: list[int] | None = None) -> pw.Select:
    """Per first holder of patents in the region (or only the holders `ids`): its first filing
    date there (first_date) and its patents there (patents) — only the holders whose first date
    lies in the period. Without `ids` one grouped scan of the region's patents (SQLite: the
    covering STATS_INDEX, see core.stats.base.scan); with them, those holders' patents."""
    first, area = fn.MIN(Patent.app_date), Scope(q.region)
    columns = (Patent.first_holder.alias("holder_id"), first.alias("first_date"),
               count_all().alias("patents"))
    if ids is not None:
        query = Patent.select(*columns).where(Patent.first_holder.in_(id_values(ids)))
    else:
        query = patents(area, *columns).where(Patent.first_holder.is_null(False))
    query = (query.where(Patent.app_date.is_null(False), where(area, dates=False))
             .group_by(Patent.first_holder))
    if q.date_from:
        query = query.having(first >= q.date_from)
    if q.date_to:
        query = query.having(first <= q.date_to)
    return query


def new_holder_ids(q: Scope, found: list[tuple] | None = None) -> list[int] | None:
    """The ids of the holders new in the period (None without a period); `found`: new_holders(q)
    when already read (a page reads it once per render for all its parts)."""
    if not q.has_dates:
        return None
    return [holder_id for holder_id, _, _ in (new_holders(q) if found is None else found)]


def new_holders(q: Scope) -> list[tuple]:
    """(holder_id, first_date, patents) of the holders new in the period (first_in_region's
    rows; none without a period). A province or city reads them from holder_region_cube (one
    index range of first dates). When the summary tables serve another region, the holders whose
    first filing year there (quality_year_cube) lies in the period's years are the candidates,
    and only their patents are read, CANDIDATE_CHUNK holders a query (by holder and date,
    core.models.HOLDER_DATE_INDEX) — instead of grouping every patent of the region, which at
    a province of 3,000,000 patents took three times as long as 22,906 candidates in chunks."""
    if not q.has_dates:
        return []
    code = _region_cube_code(q)
    if code:
        return _region_new_holders(q, code)
    ids = _first_year_candidates(q)
    if ids is None:
        return list(first_in_region(q).tuples())
    return [row for part in chunks(ids, CANDIDATE_CHUNK)
            for row in first_in_region(q, part).tuples()]


def _first_year_candidates(q: Scope) -> list[int] | None:
    """The holders whose first filing year in the region lies in the period's years, from
    quality_year_cube (None when it cannot answer: a custom region or a street, stale tables):
    those with a row in those years and none before them (the years' rows, each holder's
    earlier rows looked up by its index)."""
    code = canonical(q.region) if q.region else ""
    if (code and (not code.isdigit() or len(code) not in (2, 4, 6))) or not freshness.usable():
        return None
    c, earlier = QualityYearCube, QualityYearCube.alias("e")
    region = region_filter(code, model=c) if code else True
    query = (c.select(c.subject_id).distinct()
             .where(c.subject == "holder", c.app_year.is_null(False), region,
                    year_range(c.app_year, q)))
    if q.date_from:
        before = (earlier.select(pw.SQL("1"))
                  .where(earlier.subject == "holder", earlier.subject_id == c.subject_id,
                         earlier.app_year < q.date_from.year,
                         region_filter(code, model=earlier) if code else True))
        query = query.where(~fn.EXISTS(before))
    return sorted(int(i) for i, in query.tuples())


def _region_cube_code(q: Scope) -> str | None:
    """The province or city code of q's region when holder_region_cube answers it (fresh
    tables); None for the whole database, a county, a street or a custom region."""
    code = canonical(q.region) if q.region else ""
    return code if province_or_city(code) and freshness.usable() else None


def _region_new_holders(q: Scope, code: str) -> list[tuple]:
    """new_holders of a province or city: the rows of holder_region_cube whose first filing
    date lies in the period (one range of HOLDER_FIRST_INDEX, from the index alone)."""
    c = HolderRegionCube
    query = c.select(c.holder_id, c.first_date, c.n_dated).where(c.region == code)
    if q.date_from:
        query = query.where(c.first_date >= q.date_from)
    if q.date_to:
        query = query.where(c.first_date <= q.date_to)
    return list(query.where(c.first_date.is_null(False)).order_by(c.holder_id).tuples())


def _new_condition(q: Scope, found: list[tuple] | None = None,
                   key: pw.Field = Holder.id) -> pw.Expression | None:
    """`key` (a holder id column) among the new holders (read, or `found`): a list of ids, or
    for very many (a province, a period reaching far back) a temporary table of them — not the
    grouped query of first_in_region again, which groups every patent of the region."""
    ids = new_holder_ids(q, found)
    if ids is None:
        return None
    if len(ids) <= MAX_ID_LIST:
        return key.in_(id_values(ids))
    load_temp(NEW_IDS, [("holder_id", "INTEGER PRIMARY KEY")], ((i,) for i in ids))
    return key.in_(pw.Table(NEW_IDS, ("holder_id",)).select(pw.SQL("holder_id")))


def _holder_conditions(q: Scope, new: pw.Expression | None = None) -> list:
    """The holder filters; `new`: the new-holder condition when already built."""
    out = []
    if q.holder_kinds and set(q.holder_kinds) != set(HOLDER_KINDS):
        out.append(Holder.kind.in_(list(q.holder_kinds)))
    for tag in q.holder_tags:
        out.append(Holder.id.in_(HolderTag.select(HolderTag.holder).where(HolderTag.tag == tag)))
    if q.holder:
        out.append(fn.LOWER(Holder.name).contains(q.holder.lower()))
    if q.new_only:
        new = new if new is not None else _new_condition(q)
        if new is not None:
            out.append(new)
    return out


def _patent_conditions(q: Scope) -> list:
    out = [Patent.status == "valid", Patent.first_holder.is_null(False)]
    if q.region:
        out.append(region_filter(canonical(q.region)))
    if q.industry:
        out.append(Patent.id.in_(industry_patents(q.industry)))
    return out


def _use_cube(q: Scope) -> bool:
    """holder_cube (valid patents per county × first holder × type) answers a province, city or
    county region (or none) without an industry filter."""
    code = canonical(q.region) if q.region else ""
    if q.industry or (code and (not code.isdigit() or len(code) not in (2, 4, 6))):
        return False
    return freshness.usable()


def _stats_query(q: Scope, new: pw.Expression | None = None) -> pw.Select:
    """Per first holder: valid patents by type and in total (column holder_id …), one row per
    holder; `new`: the new-holder condition when already built. A province or city reads its
    holders' valid-stock rows of holder_region_cube (one per holder: no grouping)."""
    code = None if q.industry else _region_cube_code(q)
    if code:
        c = HolderRegionCube
        query = (c.select(c.holder_id, c.valid_invention, c.valid_utility, c.valid_design,
                          c.valid.alias("valid_total"))
                 .where(c.region == code, c.valid > 0))
        holder_conds = _holder_conditions(q, new)
        if holder_conds:
            query = query.where(c.holder_id.in_(Holder.select(Holder.id).where(*holder_conds)))
        return query
    if _use_cube(q):
        c = HolderCube
        key = c.holder_id
        by_type = [count_if(c.patent_type == t, c.n).alias(f"valid_{t}")
                   for t in ("invention", "utility", "design")]
        query = (c.select(key.alias("holder_id"), *by_type, fn.SUM(c.n).alias("valid_total"))
                 .where(region_filter(canonical(q.region), model=c) if q.region else True))
    else:
        key = Patent.first_holder
        query = (Patent.select(
            key.alias("holder_id"),
            count_if(Patent.patent_type == "invention").alias("valid_invention"),
            count_if(Patent.patent_type == "utility").alias("valid_utility"),
            count_if(Patent.patent_type == "design").alias("valid_design"),
            count_all().alias("valid_total"))
            .where(*_patent_conditions(q)))
    holder_conds = _holder_conditions(q, new)
    if holder_conds:
        query = query.where(key.in_(Holder.select(Holder.id).where(*holder_conds)))
    return query.group_by(key)


def holder_stats(q: Scope, sort: str = "valid_total", limit: int = 200,
                 offset: int = 0, found: list[tuple] | None = None) -> pd.DataFrame:
    """One row per holder with valid patents, sorted by `sort` (largest first; first_filing:
    newest first). Columns STAT_COLUMNS. `found`: new_holders(q) when already read. Sample:
    (12, "苏州某某科技有限公司", "enterprise", "hightech", date(2019, 3, 1), False, 5, 12, 0, 17)."""
    query = _stats_query(q, _new_condition(q, found) if q.new_only else None)
    key = Patent.first_holder if query.model is Patent else query.model.holder_id
    if sort == "first_filing":
        query = query.switch(query.model).join(Holder, on=(key == Holder.id))
        if query.model is not HolderRegionCube:  # one row per holder there already
            query = query.group_by(key, Holder.first_filing)
        query = query.order_by(Holder.first_filing.desc(nulls="last"), key)
    else:
        order = pw.SQL(f'"{sort if sort in SORTS else "valid_total"}"')
        query = query.order_by(order.desc(), key)
    rows = list(query.limit(limit).offset(offset).dicts())
    frame = pd.DataFrame(rows, columns=["holder_id", "valid_invention", "valid_utility",
                                        "valid_design", "valid_total"])
    return _with_holder_details(frame, q, found)


def _with_holder_details(frame: pd.DataFrame, q: Scope,
                         found: list[tuple] | None) -> pd.DataFrame:
    ids = [int(i) for i in frame["holder_id"].tolist()]
    info = {h["id"]: h for h in Holder.select(Holder.id, Holder.name, Holder.kind,
                                              Holder.first_filing)
            .where(Holder.id.in_(ids)).dicts()} if ids else {}
    tags = tags_of(ids)
    frame["name"] = [info[i]["name"] for i in ids]
    frame["kind"] = [info[i]["kind"] for i in ids]
    frame["tags"] = [",".join(tags.get(i, [])) for i in ids]
    frame["first_filing"] = [info[i]["first_filing"] for i in ids]
    new = _new_among(q, ids, found)
    frame["is_new"] = [i in new for i in ids]
    for col in ("valid_invention", "valid_utility", "valid_design", "valid_total"):
        frame[col] = frame[col].astype(int)
    return frame[STAT_COLUMNS]


def _new_among(q: Scope, ids: list[int], found: list[tuple] | None = None) -> set[int]:
    """Which of the holders `ids` are new in the period (among `found` when given)."""
    if not ids or not q.has_dates:
        return set()
    if found is not None:
        return {holder_id for holder_id, _, _ in found} & set(ids)
    return {holder_id for holder_id, _, _ in first_in_region(q, ids).tuples()}


def kind_split(q: Scope, found: list[tuple] | None = None) -> pd.DataFrame:
    """Columns kind, holders, new, valid: holders with valid patents, how many of them are new
    in the period, and their valid patents, by holder kind (largest first). The per-holder
    aggregate is grouped first, then joined to `holder` (one row per holder, not per patent).
    `found`: new_holders(q) when already read."""
    if found is None and q.has_dates:
        found = new_holders(q)  # read once for both conditions below
    new = _new_condition(q, found)
    code = None if q.industry else _region_cube_code(q)
    if code and not _holder_conditions(q, new):
        return _region_kind_split(code, _new_condition(q, found, HolderRegionCube.holder_id)
                                  if new is not None else None)
    if _use_cube(q) and not _holder_conditions(q, new):
        return _cube_kind_split(q, _new_condition(q, found, HolderCube.holder_id)
                                if new is not None else None)
    grouped = _stats_query(q, new).alias("g")
    flag = pw.Case(None, [(new, 1)], 0) if new is not None else pw.Value(0)
    rows = (Holder.select(Holder.kind, fn.COUNT(Holder.id).alias("holders"),
                          fn.SUM(flag).alias("new"),
                          fn.SUM(grouped.c.valid_total).alias("valid"))
            .join(grouped, on=(Holder.id == grouped.c.holder_id))
            .group_by(Holder.kind).order_by(fn.SUM(grouped.c.valid_total).desc(), Holder.kind)
            .dicts())
    frame = pd.DataFrame(list(rows), columns=["kind", "holders", "new", "valid"])
    return frame.fillna(0).astype({"holders": int, "new": int, "valid": int})


def _cube_kind_split(q: Scope, new: pw.Expression | None) -> pd.DataFrame:
    """kind_split from holder_cube alone (no holder filter); `new`: the new-holder condition on
    holder_cube.holder_id (None without a period: nobody is new)."""
    c = HolderCube
    flag = fn.COUNT(pw.Case(None, [(new, c.holder_id)], None).distinct()) if new is not None \
        else pw.Value(0)
    rows = (c.select(c.holder_kind.alias("kind"), fn.COUNT(c.holder_id.distinct()).alias("holders"),
                     flag.alias("new"), fn.SUM(c.n).alias("valid"))
            .where(region_filter(canonical(q.region), model=c) if q.region else True)
            .group_by(c.holder_kind).order_by(fn.SUM(c.n).desc(), c.holder_kind).dicts())
    frame = pd.DataFrame(list(rows), columns=["kind", "holders", "new", "valid"])
    return frame.fillna(0).astype({"holders": int, "new": int, "valid": int})


def _region_kind_split(code: str, new: pw.Expression | None) -> pd.DataFrame:
    """kind_split of a province or city from holder_region_cube's rows of the holders with
    valid patents (one row each: counted, not counted distinct; from HOLDER_RANK_INDEX alone);
    `new`: the new-holder condition on its holder_id (None without a period: nobody is new)."""
    c = HolderRegionCube
    flag = count_if(new) if new is not None else pw.Value(0)
    rows = (c.select(c.holder_kind.alias("kind"), count_all().alias("holders"),
                     flag.alias("new"), fn.SUM(c.valid).alias("valid"))
            .where(c.region == code, c.valid > 0)
            .group_by(c.holder_kind).order_by(fn.SUM(c.valid).desc(), c.holder_kind).dicts())
    frame = pd.DataFrame(list(rows), columns=["kind", "holders", "new", "valid"])
    return frame.fillna(0).astype({"holders": int, "new": int, "valid": int})


def holder_totals(q: Scope, kinds: pd.DataFrame | None = None) -> dict:
    """{'holders': holders with valid patents, 'new': of them new in the period,
    'valid': their valid patents} (from `kinds`, a kind_split frame, when given)."""
    kinds = kind_split(q) if kinds is None else kinds
    return {k: int(kinds[k].sum()) for k in ("holders", "new", "valid")}


HOLDER_COLUMNS_SQL = (
    "UPDATE holder SET patent_count = (SELECT COUNT(*) FROM patent_holder ph "
    "WHERE ph.holder_id = holder.id AND ph.current), "
    "first_filing = (SELECT MIN(p.app_date) FROM patent_holder ph JOIN patent p "
    "ON p.id = ph.patent_id WHERE ph.holder_id = holder.id)")


def refresh_holder_columns(only: str | None = None) -> None:
    """Set Holder.patent_count (patents it currently holds, any position) and
    Holder.first_filing (its first filing anywhere: the earliest filing date of the patents it
    is or was a holder of) for every holder, or for the holders of the patents whose ids the SQL
    `only` selects (an event list's touched patents). A patent list keeps the columns of its
    holders itself, in proportion to its links (core.importer.holder_counts)."""
    sql = HOLDER_COLUMNS_SQL
    if only is not None:
        sql += f" WHERE id IN (SELECT holder_id FROM patent_holder WHERE patent_id IN ({only}))"
    with db.atomic():
        db.execute_sql(sql)
        version.bump()


# ---- tagging (权利人标注) ---------------------------------------------------------------------

@dataclass(frozen=True)
class ListConfig:
    """Declarative back-office list (admin/holders.py renders it): columns shown, filters offered,
    search fields and editable fields; every name is a Holder field or a computed column."""
    model: type
    columns: tuple[str, ...]
    computed: tuple[str, ...]
    filters: tuple[str, ...]
    search_fields: tuple[str, ...]
    editable: tuple[str, ...]
    ordering: tuple[str, ...] = field(default=("-patent_count", "id"))


HOLDER_ADMIN = ListConfig(
    model=Holder,
    columns=("id", "name", "kind", "county_code", "street_code", "industry_code",
             "fee_reduction", "patent_count", "first_filing"),
    computed=("tags",),
    filters=("kind", "tags", "fee_reduction", "county_code"),
    search_fields=("name", "norm_name", "credit_code"),
    editable=("kind", "tags", "fee_reduction", "industry_code"),
)
ADMIN_COLUMNS = list(HOLDER_ADMIN.columns) + list(HOLDER_ADMIN.computed)


def tags_of(holder_ids: list[int]) -> dict[int, list[str]]:
    rows = (HolderTag.select(HolderTag.holder, HolderTag.tag)
            .where(HolderTag.holder.in_(holder_ids)).order_by(HolderTag.tag).tuples())
    out: dict[int, list[str]] = {}
    for holder_id, tag in rows:
        out.setdefault(holder_id, []).append(tag)
    return out


def tags_in_use() -> list[str]:
    """Built-in tags first, then custom tags in alphabetical order."""
    used = [t for (t,) in HolderTag.select(HolderTag.tag).distinct().tuples()]
    return list(BUILTIN_TAGS) + sorted(set(used) - set(BUILTIN_TAGS))


def search_holders(text: str | None = None, kind: str | None = None, tag: str | None = None,
                   fee_reduction: bool | None = None, region: str | None = None,
                   limit: int = 100) -> pd.DataFrame:
    """Holders matching the search (name, normalised name or credit code contains `text`),
    biggest first. Columns ADMIN_COLUMNS."""
    config, conds = HOLDER_ADMIN, []
    if text and text.strip():
        needle = text.strip().lower()
        conds.append(reduce(lambda a, b: a | b, [
            fn.LOWER(getattr(Holder, f)).contains(needle) for f in config.search_fields]))
    if kind:
        conds.append(Holder.kind == kind)
    if tag:
        conds.append(Holder.id.in_(HolderTag.select(HolderTag.holder).where(HolderTag.tag == tag)))
    if fee_reduction is not None:
        conds.append(Holder.fee_reduction == fee_reduction)
    if region:
        conds.append(region_filter(canonical(region), model=Holder))
    query = Holder.select(*[getattr(Holder, c) for c in config.columns])
    if conds:
        query = query.where(*conds)
    rows = list(query.order_by(Holder.patent_count.desc(), Holder.id).limit(limit).dicts())
    frame = pd.DataFrame(rows, columns=list(config.columns))
    tags = tags_of(frame["id"].astype(int).tolist())
    frame["tags"] = [",".join(tags.get(int(i), [])) for i in frame["id"]]
    return frame[ADMIN_COLUMNS]


class TagError(ValueError):
    """A bad kind or tag; the message is shown to the user as is."""


class IndustryError(ValueError):
    """An industry code that is not in the industry table (the message names it in Chinese)."""


def industries() -> dict[str, str]:
    """The industries a holder may be given: top-level industries, code → name, by code."""
    rows = (Industry.select(Industry.code, Industry.name)
            .where(Industry.parent_code.is_null() | (Industry.parent_code == ""))
            .order_by(Industry.kind.desc(), Industry.code).tuples())
    return dict(rows)


def clean_tags(tags) -> list[str]:
    """Tags stripped and de-duplicated in order; raises TagError for a too long or comma tag."""
    out: list[str] = []
    for tag in tags:
        tag = str(tag).strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH or "," in tag or "，" in tag:
            raise TagError(tag)
        if tag not in out:
            out.append(tag)
    return out


def update_holder(holder_id: int, by: str | None, kind: str | None = None,
                  tags: list[str] | None = None, fee_reduction: bool | None = None,
                  industry: str | None = None) -> dict:
    """Change a holder's kind, tags (the full new set), fee-reduction flag and/or industry
    (a top-level industry code; "" clears it), in one transaction with an audit row holding
    before and after. Returns the changes made ({field: [before, after]}, the industry under
    "industry_code"); nothing is written when nothing changes."""
    if kind is not None and kind not in HOLDER_KINDS:
        raise TagError(kind)
    new_tags = clean_tags(tags) if tags is not None else None
    if industry and industry not in industries():
        raise IndustryError(f"产业代码不存在：{industry}")
    # the summary tables counting by holder kind
    kept = delta.change(delta.BY_HOLDER_KIND) if kind is not None else nullcontext()
    with db.atomic(), kept:
        holder = Holder.get_by_id(holder_id)
        before_tags = tags_of([holder_id]).get(holder_id, [])
        changes = _diff(holder, before_tags, kind, new_tags, fee_reduction)
        if industry is not None and (industry or None) != holder.industry_code:
            changes["industry_code"] = [holder.industry_code, industry or None]
        if not changes:
            return {}
        _apply(holder, changes)
        record(AuditEvent(by, "change", "holder", str(holder_id), holder.name,
                          message=",".join(sorted(changes)), payload=changes))
        version.bump()
    return changes


def _diff(holder: Holder, before_tags: list[str], kind, new_tags, fee_reduction) -> dict:
    changes = {}
    if kind is not None and kind != holder.kind:
        changes["kind"] = [holder.kind, kind]
    if new_tags is not None and sorted(new_tags) != sorted(before_tags):
        changes["tags"] = [sorted(before_tags), sorted(new_tags)]
    if fee_reduction is not None and bool(fee_reduction) != bool(holder.fee_reduction):
        changes["fee_reduction"] = [bool(holder.fee_reduction), bool(fee_reduction)]
    return changes


def _apply(holder: Holder, changes: dict) -> None:
    if "kind" in changes:  # the summary tables count its patents by its kind: old counts out
        delta.before(f"SELECT id FROM patent WHERE first_holder_id = {int(holder.id)}")
        holder.kind = changes["kind"][1]
    if "fee_reduction" in changes:
        holder.fee_reduction = changes["fee_reduction"][1]
    if "industry_code" in changes:
        holder.industry_code = changes["industry_code"][1]
    if {"kind", "fee_reduction", "industry_code"} & set(changes):
        holder.save()
    if "tags" in changes:
        before, after = set(changes["tags"][0]), set(changes["tags"][1])
        if before - after:
            HolderTag.delete().where((HolderTag.holder == holder.id)
                                     & HolderTag.tag.in_(sorted(before - after))).execute()
        for tag in sorted(after - before):
            HolderTag.create(holder=holder.id, tag=tag)


def add_tags(new_tags: dict[int, list[str]], by: str | None) -> dict[int, list[str]]:
    """Add tags to many holders at once (bulk import), keeping the tags they have: one
    transaction, one audit row per holder that changed (its tags before and after, as
    update_holder writes them), one data-version bump. Returns holder id → the tags added."""
    wanted = {h: clean_tags(t) for h, t in new_tags.items()}
    added: dict[int, list[str]] = {}
    with db.atomic():
        before = tags_of(list(wanted)) if wanted else {}
        names = dict(Holder.select(Holder.id, Holder.name).where(Holder.id.in_(list(wanted)))
                     .tuples()) if wanted else {}
        for holder_id, tags in wanted.items():
            had = before.get(holder_id, [])
            fresh = [t for t in tags if t not in had]
            if not fresh:
                continue
            HolderTag.insert_many([(holder_id, t) for t in fresh],
                                  fields=[HolderTag.holder, HolderTag.tag]).execute()
            changes = {"tags": [sorted(had), sorted(had + fresh)]}
            record(AuditEvent(by, "change", "holder", str(holder_id), names.get(holder_id, ""),
                              message="tags", payload=changes))
            added[holder_id] = fresh
        if added:
            version.bump()
    return added
