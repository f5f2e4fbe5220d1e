"""研发团队: co-inventor groups of a holder and the region's core inventors.

A holder's teams are the connected components of the co-inventor graph over the patents it holds
first in the scope (region, types, dates): two inventors are linked when they are named on one
patent together. An inventor is a name within a holder (the same name at two holders is two
people). Computed per holder in Python from that holder's patents only (at most
MAX_HOLDER_PATENTS, the newest), never from the whole table.

Core inventors of the region: the inventors named on the most patents of the scope, from
inventor_cube (core.cubes.inventor: all time, every type) for undated scopes of every type
or of inventions only (its n_invention); from inventor_year_cube (per type and filing year)
for scopes of other types or whole filing years: an inventor on k patents belongs to a holder
with at least k patents, so the biggest holders' rows are summed first (holders from
quality_cube / quality_year_cube), then those of every holder with at least as many patents as
the last of the top inventors found (exact).
Either way only the listed inventors' holders are read, for their team sizes. Other scopes
(exact dates, another date basis, a custom region or a street, stale tables) live: the biggest
holders' patents are read first and the reading stops as soon as a holder has fewer patents
than the last of the top inventors found (exact), or after MAX_HOLDERS holders (then among the
biggest holders only; `complete` says so).
"""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
import peewee as pw
from peewee import fn

from core.cubes.inventor import split_inventors
from core.db import db, is_postgres
from core.db.models import (
    PATENT_TYPES,
    Holder,
    InventorCube,
    InventorYearCube,
    Patent,
    PatentCube,
    QualityCube,
    QualityYearCube,
)
from core.db.sql import chunks, count_if, id_values, query_sql
from core.regions.query import Scope
from core.regions.scope import both, region_filter
from core.stats.base import cube_where, patents, use_cube, where, year_range

MAX_HOLDER_PATENTS = 50_000
MAX_HOLDERS = 30
HOLDERS_READ = 2_000  # holders counted by the one grouping of _year_core
HOLDER_CHUNK = 500  # holders summed a query in _year_core, biggest first
MEMBERS_SHOWN = 5
FIELDS_SHOWN = 3
TEAM_COLUMNS = ["team", "size", "lead", "members", "patents", "inventions", "valid",
                "first_year", "last_year", "fields"]
CORE_COLUMNS = ["name", "holder_id", "holder", "patents", "inventions", "team_size"]


@dataclass
class _Team:
    members: Counter = field(default_factory=Counter)  # inventor → patents
    patents: int = 0
    inventions: int = 0
    valid: int = 0
    years: list[int] = field(default_factory=list)
    fields: Counter = field(default_factory=Counter)  # IPC subclass → patents


ROW_COLUMNS = (Patent.inventors, Patent.patent_type, Patent.status, Patent.app_year,
               Patent.ipc_main)


def _holder_rows(scope: Scope, holder_id: int, *columns: pw.Field) -> list[tuple]:
    """(inventors, type, status, filing year, main IPC) — or `columns` — of the holder's patents
    in scope."""
    return list(Patent.select(*(columns or ROW_COLUMNS))
                .where((Patent.first_holder == holder_id) & where(scope)
                       & Patent.inventors.is_null(False))
                .order_by(Patent.app_date.desc(nulls="LAST"), Patent.id.desc())
                .limit(MAX_HOLDER_PATENTS).tuples())


def _components(lists: list[list[str]]) -> dict[str, str]:
    """Union-find over the names: name → the root of its co-inventor component."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for names in lists:
        for name in names:
            parent.setdefault(name, name)
        for other in names[1:]:
            a, b = root(names[0]), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {name: root(name) for name in parent}


def _teams(rows: list[tuple]) -> list[_Team]:
    lists = [split_inventors(r[0]) for r in rows]
    roots = _components(lists)
    teams: dict[str, _Team] = {}
    for names, (_, ptype, status, year, ipc) in zip(lists, rows):
        if not names:
            continue
        team = teams.setdefault(roots[names[0]], _Team())
        team.members.update(names)
        team.patents += 1
        team.inventions += ptype == "invention"
        team.valid += status == "valid"
        if year:
            team.years.append(int(year))
        if ipc:
            team.fields[ipc.replace(" ", "")[:4]] += 1
    return sorted(teams.values(), key=lambda t: (-t.patents, -len(t.members),
                                                 min(t.members)))


def holder_teams(scope: Scope, holder_id: int) -> pd.DataFrame:
    """Columns TEAM_COLUMNS, one row per co-inventor group of the holder, biggest output first:
    team (1, 2, …), size (inventors), lead (the member on most patents), members (the first
    MEMBERS_SHOWN by patents, joined by 、), patents, inventions, valid, first_year, last_year,
    fields (the main IPC subclasses, most frequent first). Sample: (1, 6, "王伟", "王伟、李娜…",
    42, 30, 35, 2016, 2024, "H01L、G06F")."""
    rows = []
    for number, team in enumerate(_teams(_holder_rows(scope, holder_id)), start=1):
        ranked = sorted(team.members.items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append((number, len(ranked), ranked[0][0],
                     "、".join(n for n, _ in ranked[:MEMBERS_SHOWN]), team.patents,
                     team.inventions, team.valid, min(team.years, default=None),
                     max(team.years, default=None),
                     "、".join(f for f, _ in team.fields.most_common(FIELDS_SHOWN))))
    return pd.DataFrame(rows, columns=TEAM_COLUMNS)


def team_summary(teams: pd.DataFrame) -> dict:
    """{teams, inventors, largest (size), solo (teams of one inventor)} of holder_teams' frame."""
    return {"teams": len(teams), "inventors": int(teams["size"].sum()),
            "largest": int(teams["size"].max()) if len(teams) else 0,
            "solo": int((teams["size"] == 1).sum())}


def _biggest_holders(scope: Scope) -> list[tuple[int, str, int]]:
    """(holder id, name, patents in scope) of the MAX_HOLDERS biggest first holders, read from
    the statistics covering index (patents with or without inventors: an upper bound)."""
    n = fn.COUNT(Patent.id)
    counts = list(patents(scope, Patent.first_holder, n)
                  .where(where(scope) & Patent.first_holder.is_null(False))
                  .group_by(Patent.first_holder).order_by(n.desc(), Patent.first_holder)
                  .limit(MAX_HOLDERS).tuples())
    names = _holder_names([h for h, _ in counts])
    return [(h, names.get(h, ""), c) for h, c in counts]


def _years_answer(scope: Scope) -> bool:
    """quality_year_cube and inventor_year_cube answer the scope: no date range or whole
    filing years (see use_cube), a division region."""
    return (not scope.has_dates or scope.date_basis == "app") and use_cube(scope, years=True)


def _holder_counts(scope: Scope, limit: int | None = None,
                   least: int = 1) -> list[tuple[int, int]]:
    """(holder id, patents in scope) of the holders with at least `least`, biggest first (the
    first `limit`), from quality_cube (undated) or quality_year_cube (whole filing years)."""
    c = QualityYearCube if scope.has_dates else QualityCube
    n = fn.SUM(c.n)
    conds = [c.subject == "holder", cube_where(scope, c),
             year_range(c.app_year, scope) if scope.has_dates else True]
    query = (c.select(c.subject_id, n).where(*[x for x in conds if x is not True])
             .group_by(c.subject_id).order_by(n.desc(), c.subject_id))
    query = query.having(n >= least) if least > 1 else query
    return [(int(h), int(k)) for h, k in (query.limit(limit) if limit else query).tuples()]


def core_inventors(scope: Scope, top: int = 20) -> tuple[pd.DataFrame, bool]:
    """(frame, complete): the `top` inventors on most patents of the scope, ranked by patents,
    then inventions, then holder id, then name. Columns CORE_COLUMNS: name, holder_id, holder
    (name), patents, inventions, team_size (inventors of their co-inventor group at that
    holder). From inventor_cube or inventor_year_cube when they answer the scope: exact; else
    live, complete False when MAX_HOLDERS holders were read before the ranking was certain.
    Sample: ("王伟", 12, "甲科技有限公司", 42, 30, 6)."""
    if _cube_answers(scope):
        return _cube_core(scope, top), True
    if _years_answer(scope):
        return _year_core(scope, top), True
    return _live_core(scope, top)


def _cube_answers(scope: Scope) -> bool:
    """inventor_cube (all time; patents of every type and inventions) answers undated scopes of
    every type or of inventions only."""
    return not scope.has_dates and _cube_measure(scope) is not None and use_cube(scope)


def _cube_measure(scope: Scope) -> pw.Field | None:
    """inventor_cube's column counting a pair's patents in the scope's types: n for every type,
    n_invention for inventions only (None for other types)."""
    types = set(scope.patent_types or PATENT_TYPES)
    if types >= set(PATENT_TYPES):
        return InventorCube.n
    return InventorCube.n_invention if types == {"invention"} else None


def _cube_core(scope: Scope, top: int) -> pd.DataFrame:
    """Exact top from a few cube rows. A (holder, name) has one row per county, at most
    `spread` in the region. The first rows by patents name `top` distinct pairs with at least
    `least` patents each, so every listed pair totals at least `least` and has a row of at
    least least ÷ spread: only those pairs are summed, and only the sums reaching `least` are
    read back. Team sizes come from the patents of the listed inventors' holders only.
    Patents are the measure's (_cube_measure)."""
    c, measure = InventorCube, _cube_measure(scope)
    region = region_filter(scope.region, model=c)  # the types are the measure's
    spread = _spread(scope)
    head = (_cube_rows(region, measure >= 1, measure).order_by(measure.desc())
            .limit(max(1, top) * spread))
    least = _kth_pair(list(head.tuples()), top)
    floor = max(1, -(-least // spread))
    return _ranked_frame(scope, _pair_totals(region, measure, floor, least), top)


def _ranked_frame(scope: Scope, totals: dict[tuple, list[int]], top: int) -> pd.DataFrame:
    """The frame of the `top` (holder, name) pairs of `totals` ({pair: [patents, inventions]}),
    with team sizes read from the patents of the listed inventors' holders only."""
    ranked = sorted(totals.items(), key=_pair_rank)[:top]
    listed = {h for (h, _), _ in ranked}
    holder_names = _holder_names(listed)
    sizes = {h: _team_sizes(_holder_rows(scope, h, Patent.inventors)) for h in listed}
    return _core_frame([(k, inv, -h, name, holder_names.get(h, ""), sizes[h].get(name, 0))
                        for (h, name), (k, inv) in ranked])


def _pair_rank(item: tuple) -> tuple:
    (holder_id, name), (patents_, inventions) = item
    return -patents_, -inventions, holder_id, name


def _year_core(scope: Scope, top: int) -> pd.DataFrame:
    """Exact top from inventor_year_cube: the MAX_HOLDERS biggest holders' rows first; their
    top-th pair's patents (`least`) bound the rest (a pair's patents never exceed its
    holder's), so only the holders with at least that many patents in scope are summed too,
    biggest first, `least` rising after each HOLDER_CHUNK of them. The holders' counts are
    grouped once (the HOLDERS_READ biggest); again only when all of those reach the bound."""
    biggest = _holder_counts(scope, limit=max(HOLDERS_READ, MAX_HOLDERS))
    first = biggest[:MAX_HOLDERS]
    totals = _year_totals(scope, [h for h, _ in first])
    least = _kth_total(totals, top)
    if len(first) < MAX_HOLDERS or first[-1][1] < least:
        return _ranked_frame(scope, totals, top)
    rest = biggest[MAX_HOLDERS:]
    if len(biggest) == max(HOLDERS_READ, MAX_HOLDERS) and biggest[-1][1] >= least:
        read = {h for h, _ in first}
        rest = [(h, k) for h, k in _holder_counts(scope, least=least) if h not in read]
    while rest and rest[0][1] >= least:
        part, rest = rest[:HOLDER_CHUNK], rest[HOLDER_CHUNK:]
        totals.update(_year_totals(scope, [h for h, k in part if k >= least], least))
        least = _kth_total(totals, top)
    return _ranked_frame(scope, totals, top)


def _kth_total(totals: dict[tuple, list[int]], top: int) -> int:
    """The patents of the top-th pair of `totals` (1 when there are fewer pairs)."""
    if top < 1 or len(totals) < top:
        return 1
    return heapq.nlargest(top, (k for k, _ in totals.values()))[-1]


def _year_totals(scope: Scope, holder_ids: list[int],
                 least: int = 1) -> dict[tuple, list[int]]:
    """{(holder, name): [patents, inventions]} in scope of the holders `holder_ids`, the pairs
    with at least `least` patents."""
    c = InventorYearCube
    conds = [x for x in (cube_where(scope, c), year_range(c.app_year, scope)) if x is not True]
    totals = {}
    for part in chunks(holder_ids):
        query = (c.select(c.holder_id, c.name, fn.SUM(c.n),
                          count_if(c.patent_type == "invention", c.n))
                 .where(c.holder_id.in_(id_values(part)), *conds)
                 .group_by(c.holder_id, c.name))
        if least > 1:
            query = query.having(fn.SUM(c.n) >= least)
        totals.update({(int(h), name): [int(k), int(inv)] for h, name, k, inv in query.tuples()})
    return totals


def _cube_rows(region, condition, measure: pw.Field = InventorCube.n) -> pw.Select:
    c = InventorCube
    return c.select(c.holder_id, c.name, measure, c.n_invention).where(both(region, condition))


PAIRS = "core_pairs"
PAIR_INDEX = "inventor_cube_holder_id_name_county_code_city_code"  # peewee's name of the index


def _pair_totals(region, measure: pw.Field, floor: int, least: int) -> dict[tuple, list[int]]:
    """{(holder, name): [patents, inventions]} in the region of the pairs with a row of at least
    `floor` patents there and at least `least` in all, chosen, summed and cut in SQL: the pairs
    into a temporary table (at a province with many counties `floor` is low and they are
    tens of thousands: read into Python and sent back, they took most of the page), each
    looked up by the cube's (holder_id, name, …) index (on SQLite named: the planner otherwise
    walks the region's rows for each pair)."""
    c, listed = InventorCube, pw.Table(PAIRS, ("holder_id", "name"))
    chosen = c.select(c.holder_id, c.name).distinct().where(both(region, measure >= floor))
    db.execute_sql(f'DROP TABLE IF EXISTS "{PAIRS}"')
    sql, params = query_sql(chosen)
    db.execute_sql(f'CREATE TEMPORARY TABLE "{PAIRS}" AS {sql}', params)
    try:
        query = (c.select(c.holder_id, c.name, fn.SUM(measure), fn.SUM(c.n_invention))
                 .from_(listed).join(c, pw.JOIN.CROSS)
                 .where(both((c.holder_id == listed.holder_id) & (c.name == listed.name),
                             region))
                 .group_by(c.holder_id, c.name).having(fn.SUM(measure) >= least))
        if not is_postgres():  # the columns' aliases: t1 the cube (selected first), t2 the pairs
            query = query.from_(pw.SQL(f'"{PAIRS}" AS "t2" CROSS JOIN "inventor_cube" AS "t1" '
                                       f'INDEXED BY "{PAIR_INDEX}"'))
        return {(int(h), name): [int(k), int(inv)] for h, name, k, inv in query.tuples()}
    finally:
        db.execute_sql(f'DROP TABLE "{PAIRS}"')


def _kth_pair(rows: list[tuple], top: int) -> int:
    """The patents of the row naming the top-th distinct (holder, name) among `rows` (by
    patents, largest first); 0 when they name fewer."""
    seen: set[tuple] = set()
    for h, name, k, _ in rows:
        seen.add((h, name))
        if len(seen) == top:
            return int(k)
    return 0


def _spread(scope: Scope) -> int:
    """The most cube rows one (holder, name) can have in the scope's region: its counties with
    patents (patent_cube), plus one for patents placed above county level."""
    c = PatentCube
    region = cube_where(scope, c)
    query = c.select(fn.COUNT(c.county_code.distinct()))
    return int((query.where(region) if region is not True else query).scalar() or 0) + 1


def _holder_names(ids) -> dict[int, str]:
    if not ids:
        return {}
    return dict(Holder.select(Holder.id, Holder.name).where(Holder.id.in_(list(ids))).tuples())


def _team_sizes(rows: list[tuple]) -> dict[str, int]:
    """name → inventors of its co-inventor group among `rows` (_holder_rows)."""
    roots = _components([split_inventors(r[0]) for r in rows])
    sizes = Counter(roots.values())
    return {name: sizes[root] for name, root in roots.items()}


def _live_core(scope: Scope, top: int) -> tuple[pd.DataFrame, bool]:
    """Reads the biggest holders' patents first and stops as soon as a holder has fewer
    patents than the last inventor kept (no inventor of it or of a later one can rank)."""
    best: list[tuple] = []  # (patents, inventions, -holder, name, holder name, size), ranked
    holders = _biggest_holders(scope)
    for holder_id, holder_name, count in holders:
        if len(best) >= top and count < best[-1][0]:
            return _core_frame(best), True
        rows = _holder_rows(scope, holder_id)
        lists = [split_inventors(r[0]) for r in rows]
        sizes = _team_sizes(rows)
        named, inventions = Counter(), Counter()
        for names, row in zip(lists, rows):
            named.update(names)
            inventions.update(names if row[1] == "invention" else [])
        found = [(n, inventions[name], -holder_id, name, holder_name, sizes[name])
                 for name, n in named.items()]
        best = heapq.nsmallest(top, best + found, key=_rank)
    return _core_frame(best), len(holders) < MAX_HOLDERS


def _rank(entry: tuple) -> tuple:
    n, inventions, neg_holder, name = entry[:4]
    return -n, -inventions, -neg_holder, name


def _core_frame(best: list[tuple]) -> pd.DataFrame:
    rows = [(name, -neg_holder, holder, n, inv, size)
            for n, inv, neg_holder, name, holder, size in sorted(best, key=_rank)]
    return pd.DataFrame(rows, columns=CORE_COLUMNS)
