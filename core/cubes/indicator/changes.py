"""The indicator cube's part of a change of some patents (core.cubes.delta): each changed patent's
inputs — its months row (months_table: regions, type, domestic flag, month of each kind), whether
every rule places it alike (plain), and its holder placements under both holder sets — are kept
as they were before the change (note) and read again after it (emit). Only the patents whose
inputs differ emit rows: the kept inputs with −1, the new ones with +1. A patent whose inputs
are the same gives the same rows before and after, which cancel (a new title, the same status);
of a patent whose regions, flags and placements stay, only the kinds whose month moved emit
(a row of one kind depends on that kind's month alone besides them): a status change moves the
stock kinds, not the filing, publication and grant ones. The placements are read once per holder
set for all five holder rules, which read them from the kept table.

Both sides are emitted at once, netted: the changed patents' months rows of both sides, signed
(−1 before, +1 after) and one row per kind with a month, are grouped once per counting rule and
grain — every kind in one statement (18 statements, where one per side, kind and grain took
about 430 and peewee spent about 0.3 s building them) —, so the delta holds one row per key and
the merge groups nothing.

Temporary tables: WAS and NOW (months rows with a `hard` flag, hard_ids), WAS_PL and NOW_PL
(placements of the hard patents: basis, pid, seq, region codes, dom, share — the weighted
share 1/n; the unweighted rules weigh 1); SIDE, LONG and SIDE_pl: the changed patents' rows
of both sides, signed (_signed)."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import peewee as pw
from peewee import fn

from core.cubes.indicator.build import (
    ADDITIVE_GRAINS,
    DIMS,
    FAST,
    KINDS,
    LEVEL_GRAINS,
    MONTH_COLUMNS,
    NOT_A_DIM,
    PLAIN,
    REGION_DIMS,
    hard_ids,
    is_additive,
    months_table,
    rule_of,
)
from core.cubes.merge import EPSILON
from core.db import db, is_postgres
from core.db.sql import query_sql
from core.regions.scope import both
from core.rules.counting import CountingRule, placed_in, placements

WAS, NOW = "ind_was", "ind_now"
CHANGED = "ind_changed"  # ids whose inputs differ
MOVED = "ind_moved"  # ids whose inputs but the months differ
SIDE = "ind_side"  # one side's months rows of the changed patents
LONG = "ind_long"  # both sides' months rows of the changed patents, signed, one per kind
SUMMED = "ind_summed"  # LONG's signs summed per regions, type, flags, kind and month
MONTHS = ("id", *REGION_DIMS, *DIMS, *MONTH_COLUMNS)
PLACED = ("basis", "pid", "seq", *REGION_DIMS, "dom", "share")
BASES = ("current", "original")


def start() -> None:
    """Empty WAS and NOW tables for a change."""
    reset()
    nothing = pw.SQL("(SELECT 0 WHERE 1 = 0)")
    for side in (WAS, NOW):
        _snapshot(side, nothing, create=True)


def reset() -> None:
    for table in (WAS, NOW, CHANGED, MOVED, SIDE, LONG, SUMMED):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
        db.execute_sql(f"DROP TABLE IF EXISTS {table}_pl")


def note(only: pw.Node) -> None:
    """Before the patents `only` selects change: their inputs into WAS (added to those kept)."""
    _snapshot(WAS, only)


def emit(only: pw.Node, variants, insert: Callable) -> None:
    """After the change of the patents `only` selects (every patent noted, and the new ones):
    the net rows of those whose inputs changed — NOW's less WAS's, one per key — into `insert`
    (core.cubes.delta's inserter), for the counting rules `variants` (FAST first)."""
    _snapshot(NOW, only)
    _changed()
    _signed()
    for select in _signed_rows(variants):
        insert(select)
    reset()


def _snapshot(name: str, only: pw.Node, create: bool = False) -> None:
    """The months rows of the patents `only` selects, flagged hard, into `name`; their
    placements (hard ones) under both holder sets into `name`_pl (created when `create`)."""
    into = "CREATE TEMPORARY TABLE {} AS" if create else "INSERT INTO {}"
    with months_table(only=only) as months:
        table = months.__name__
        hard = f"CASE WHEN id IN ({hard_ids(months)}) THEN 1 ELSE 0 END AS hard"
        db.execute_sql(f"{into.format(name)} SELECT {', '.join(MONTHS)}, {hard} FROM {table}")
        ids = pw.SQL(f"(SELECT id FROM {name} WHERE hard = 1 AND id IN (SELECT id FROM {table}))")
        for basis in BASES:
            rule = CountingRule(holder="any", basis=basis, fractional=True)
            sql, params = query_sql(placements(rule, ids, name="pl"))
            columns = ", ".join(PLACED[1:])
            db.execute_sql(f"{into.format(name + '_pl')} SELECT '{basis}' AS basis, {columns} "
                           f"FROM ({sql}) pl", params)
            into = "INSERT INTO {}"  # the second basis joins the first's table


def _changed() -> None:
    """MOVED: the ids whose inputs but the months (regions, type, domestic and hard flags,
    placements as multisets) differ between WAS and NOW, or that are on one side only.
    CHANGED: those and the ids whose months differ."""
    rest = ", ".join(c for c in (*MONTHS, "hard") if c not in MONTH_COLUMNS)
    placed = ", ".join(PLACED)
    counted = {side: f"SELECT {placed}, COUNT(*) AS k FROM {side}_pl GROUP BY {placed}"
               for side in (WAS, NOW)}
    db.execute_sql(
        f"CREATE TEMPORARY TABLE {MOVED} AS "
        f"SELECT id FROM (SELECT {rest} FROM {WAS} EXCEPT SELECT {rest} FROM {NOW}) a UNION "
        f"SELECT id FROM (SELECT {rest} FROM {NOW} EXCEPT SELECT {rest} FROM {WAS}) b UNION "
        f"SELECT pid FROM ({counted[WAS]} EXCEPT {counted[NOW]}) c UNION "
        f"SELECT pid FROM ({counted[NOW]} EXCEPT {counted[WAS]}) d")
    db.execute_sql(
        f"CREATE TEMPORARY TABLE {CHANGED} AS SELECT id FROM {MOVED} UNION "
        f"SELECT id FROM (SELECT * FROM {WAS} EXCEPT SELECT * FROM {NOW}) a UNION "
        f"SELECT id FROM (SELECT * FROM {NOW} EXCEPT SELECT * FROM {WAS}) b")


def _signed() -> None:
    """LONG: the rows of the changed patents from both sides, WAS with sgn −1 and NOW with +1,
    one row per kind with a month (id, regions, dims, hard, sgn, kind, month). A patent not
    moved (MOVED) keeps only the kinds whose month differs on the other side: its rows of the
    others cancel. SIDE_pl: the two sides' placements of the changed patents, signed alike."""
    run = db.execute_sql
    for table in (SIDE, LONG, SUMMED, f"{SIDE}_pl"):
        run(f"DROP TABLE IF EXISTS {table}")
    same = "IS NOT DISTINCT FROM" if is_postgres() else "IS"
    rest = [c for c in MONTHS if c not in MONTH_COLUMNS]
    plain = ", ".join(f"s.{c}" for c in rest)
    months = ", ".join(f"CASE WHEN o.id IS NOT NULL AND s.{m} {same} o.{m} THEN NULL "
                       f"ELSE s.{m} END AS {m}" for m in MONTH_COLUMNS)
    sides = " UNION ALL ".join(
        f"SELECT {plain}, s.hard, {sign} AS sgn, {months} FROM {side} s "
        f"LEFT JOIN {other} o ON o.id = s.id AND o.id NOT IN (SELECT id FROM {MOVED}) "
        f"WHERE s.id IN (SELECT id FROM {CHANGED})"
        for side, other, sign in ((WAS, NOW, -1), (NOW, WAS, 1)))
    run(f"CREATE TEMPORARY TABLE {SIDE} AS {sides}")
    kinds = " UNION ALL ".join(
        f"SELECT {', '.join(rest)}, hard, sgn, '{kind}' AS kind, {m} AS month FROM {SIDE} "
        f"WHERE {m} IS NOT NULL" for kind, m in zip(KINDS, MONTH_COLUMNS))
    run(f"CREATE TEMPORARY TABLE {LONG} AS {kinds}")
    run(f"CREATE INDEX {LONG}_id ON {LONG} (id, sgn)")
    keys = ", ".join((*REGION_DIMS, *DIMS, "hard", "kind", "month"))
    run(f"CREATE TEMPORARY TABLE {SUMMED} AS SELECT {keys}, SUM(sgn) AS n FROM {LONG} "
        f"GROUP BY {keys}")
    placed = " UNION ALL ".join(
        f"SELECT {', '.join(PLACED)}, {sign} AS sgn FROM {side}_pl "
        f"WHERE pid IN (SELECT id FROM {CHANGED})" for side, sign in ((WAS, -1), (NOW, 1)))
    run(f"CREATE TEMPORARY TABLE {SIDE}_pl AS {placed}")


def _signed_rows(variants) -> Iterator[pw.Select]:
    """The net cube rows (COLUMNS order, keys unique across every SELECT, none 0) of the
    changed patents from LONG and SIDE_pl: with FAST, the default placement's rows and the
    plain patents' rows (PLAIN); each holder rule's rows of the hard patents — one grouped
    SELECT per counting rule and grain, every kind at once, both sides summed by their sign
    (core.cubes.indicator.build.shared_rows gives the same rows of one side)."""
    long = pw.Table(LONG, (*(c for c in MONTHS if c not in MONTH_COLUMNS), "hard", "sgn",
                           "kind", "month"))
    if FAST in variants:  # from LONG summed per street, type, flags, kind and month once
        summed = pw.Table(SUMMED, (*REGION_DIMS, *DIMS, "hard", "kind", "month", "n"))
        regions = [getattr(summed, d) for d in REGION_DIMS]
        for variant, query in ((FAST, summed.select()),
                               (PLAIN, summed.select().where(summed.hard == 0))):
            for grain, depth in ADDITIVE_GRAINS:
                yield _net(query, variant, grain, regions[:depth], summed, None, summed.n)
    still = _still_depths() if any(v != FAST for v in variants) else set()
    for variant in variants:
        if variant == FAST:
            continue
        rule = rule_of(variant)
        kept = _kept_placements(rule, "pl")
        inside = placed_in(rule, kept)
        on = (long.id == kept.c.pid) & (long.sgn == kept.c.sgn) & (long.hard == 1)
        if is_additive(variant):
            query = pw.Select([kept]).join(long, on=on)
            if inside is not True:
                query = query.where(inside)
            weight = kept.c.share * long.sgn if rule.weighted else long.sgn
            placed = [getattr(kept.c, d) for d in REGION_DIMS]
            for grain, depth in ADDITIVE_GRAINS:
                if depth not in still:
                    yield _net(query, variant, grain, placed[:depth], long, kept.c.dom, weight)
            continue
        for grain, depth in LEVEL_GRAINS:
            if depth in still:
                continue
            levels = [getattr(kept.c, d) for d in REGION_DIMS[:depth]]
            per_patent = (pw.Select([kept], [kept.c.pid.alias("pid"), kept.c.sgn.alias("sgn"),
                                             *(lv.alias(d) for lv, d in zip(levels, REGION_DIMS)),
                                             fn.MAX(kept.c.dom).alias("dom")])
                          .where(both(inside, levels[-1].is_null(False)))
                          .group_by(kept.c.pid, kept.c.sgn, *levels).alias("lv"))
            query = pw.Select([per_patent]).join(long, on=(
                (long.id == per_patent.c.pid) & (long.sgn == per_patent.c.sgn)
                & (long.hard == 1)))
            yield _net(query, variant, grain,
                       [getattr(per_patent.c, d) for d in REGION_DIMS[:depth]], long,
                       per_patent.c.dom, long.sgn)


def _still_depths() -> set[int]:
    """The region depths (1 province … 4 street) at which no holder rule's row can move: every
    changed patent keeps its type, hard flag and months (CHANGED = MOVED, and those equal on
    both sides), and its placements cut at that depth (basis, seq, the codes down to it, dom,
    share) are the same multiset on both sides. A holder rule's rows of a patent depend on
    nothing else (not on the patent's own regions nor its domestic flag), so at such a depth
    its rows before and after cancel: a decision moving patents to another county of their
    city leaves the province and city grains (1, 2) of the whole-counting rules unmoved.
    Empty when any month or flag moved (an import): nothing is skipped."""
    run = db.execute_sql
    counts = run(f"SELECT (SELECT COUNT(*) FROM {CHANGED}), (SELECT COUNT(*) FROM {MOVED})")
    changed, moved = counts.fetchone()
    if changed != moved:
        return set()
    kept = ", ".join(("id", "patent_type", "hard", *MONTH_COLUMNS))
    side = {s: f"SELECT {kept} FROM {s} WHERE id IN (SELECT id FROM {MOVED})" for s in (WAS, NOW)}
    if run(f"SELECT 1 FROM ({side[WAS]} EXCEPT {side[NOW]}) a UNION ALL "
           f"SELECT 1 FROM ({side[NOW]} EXCEPT {side[WAS]}) b LIMIT 1").fetchone():
        return set()
    still = set()
    for depth in range(1, len(REGION_DIMS) + 1):
        cut = ", ".join(("basis", "pid", "seq", *REGION_DIMS[:depth], "dom", "share"))
        placed = {s: f"SELECT {cut}, COUNT(*) AS k FROM {s}_pl "
                     f"WHERE pid IN (SELECT id FROM {MOVED}) GROUP BY {cut}" for s in (WAS, NOW)}
        if run(f"SELECT 1 FROM ({placed[WAS]} EXCEPT {placed[NOW]}) a UNION ALL "
               f"SELECT 1 FROM ({placed[NOW]} EXCEPT {placed[WAS]}) b LIMIT 1").fetchone():
            break  # a deeper cut differs too
        still.add(depth)
    return still


def _net(query: pw.Select, variant: str, grain: str, regions: list, long: pw.Table,
         dom: pw.Node | None, weight: pw.Node) -> pw.Select:
    """The rows of one counting rule and grain: `query`'s rows grouped by the grain's region
    columns `regions`, type, domestic flag (the patent's, or when `dom` is given the
    placement's: dom = 1), kind and month; n the sum of `weight` (signed), rows summing to 0
    left out. The street grain keeps the rows with a street only (build.drop_streetless)."""
    if len(regions) == len(REGION_DIMS):
        query = query.where(regions[-1].is_null(False))
    shown = regions + [pw.Value(None)] * (len(REGION_DIMS) - len(regions))
    if dom is None:
        dom = domestic = long.domestic
    else:
        domestic = pw.Case(None, [(dom == 1, True)], False)
    total = fn.SUM(weight)
    return (query.select(pw.Value(variant), pw.Value(grain), *shown, long.patent_type, domestic,
                         NOT_A_DIM, long.kind, long.month, total)
            .group_by(*regions, long.patent_type, dom, long.kind, long.month)
            .having(fn.ABS(total) > EPSILON))


def _kept_placements(rule: CountingRule, name: str) -> pw.Select:
    """The placements of `rule` as placements() gives them (pid, seq, region codes, dom,
    share) with their side's sgn, read from SIDE_pl."""
    kept = pw.Table(f"{SIDE}_pl", (*PLACED, "sgn"))
    share = kept.share if rule.weighted else pw.Value(1.0)
    return (kept.select(kept.pid, kept.sgn, kept.seq,
                        *(getattr(kept, d) for d in REGION_DIMS), kept.dom, share.alias("share"))
            .where(kept.basis == rule.basis).alias(name))
