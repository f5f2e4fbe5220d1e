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

Temporary tables: WAS and NOW (months rows with a `hard` flag, hard_ids), WAS_PL and NOW_PL
(placements of the hard patents: basis, pid, seq, region codes, dom, share — the weighted
share 1/n; the unweighted rules weigh 1)."""
from __future__ import annotations

from collections.abc import Callable

import peewee as pw

from core.cubes.indicator.build import (
    DIMS,
    MONTH_COLUMNS,
    REGION_DIMS,
    hard_ids,
    months_table,
    shared_rows,
)
from core.db import db, is_postgres
from core.db.sql import query_sql
from core.rules.counting import CountingRule, placements

WAS, NOW = "ind_was", "ind_now"
CHANGED = "ind_changed"  # ids whose inputs differ
MOVED = "ind_moved"  # ids whose inputs but the months differ
SIDE = "ind_side"  # one side's months rows of the changed patents
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
    for table in (WAS, NOW, CHANGED, MOVED, SIDE):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
        db.execute_sql(f"DROP TABLE IF EXISTS {table}_pl")


def note(only: pw.Node) -> None:
    """Before the patents `only` selects change: their inputs into WAS (added to those kept)."""
    _snapshot(WAS, only)


def emit(only: pw.Node, variants, minus: Callable, plus: Callable) -> None:
    """After the change of the patents `only` selects (every patent noted, and the new ones):
    the rows of those whose inputs changed, from WAS into `minus` and from NOW into `plus`
    (core.cubes.delta's inserters), for the counting rules `variants` (FAST first)."""
    _snapshot(NOW, only)
    _changed()
    for side, other, insert in ((WAS, NOW, minus), (NOW, WAS, plus)):
        _emit_side(side, other, variants, insert)
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


def _emit_side(side: str, other: str, variants, insert: Callable) -> None:
    """The rows of the changed patents from `side`. A patent not moved (MOVED) emits only the
    kinds whose month differs on the `other` side: its rows of the others cancel."""
    run = db.execute_sql
    for table in (SIDE, f"{SIDE}_pl"):
        run(f"DROP TABLE IF EXISTS {table}")
    same = "IS NOT DISTINCT FROM" if is_postgres() else "IS"
    months = ", ".join(f"CASE WHEN o.id IS NOT NULL AND s.{m} {same} o.{m} THEN NULL "
                       f"ELSE s.{m} END AS {m}" for m in MONTH_COLUMNS)
    plain = ", ".join(f"s.{c}" for c in MONTHS if c not in MONTH_COLUMNS)
    run(f"CREATE TEMPORARY TABLE {SIDE} AS SELECT {plain}, {months}, s.hard FROM {side} s "
        f"LEFT JOIN {other} o ON o.id = s.id AND o.id NOT IN (SELECT id FROM {MOVED}) "
        f"WHERE s.id IN (SELECT id FROM {CHANGED})")
    run(f"CREATE TEMPORARY TABLE {SIDE}_pl AS SELECT * FROM {side}_pl "
        f"WHERE pid IN (SELECT id FROM {CHANGED})")
    table = pw.Table(SIDE, (*MONTHS, "hard"))
    for select in shared_rows(variants, table, placed=_kept_placements):
        insert(select)


def _kept_placements(rule: CountingRule, name: str) -> pw.Select:
    """The placements of `rule` as placements() gives them (pid, seq, region codes, dom,
    share), read from the side's kept table."""
    kept = pw.Table(f"{SIDE}_pl", PLACED)
    share = kept.share if rule.weighted else pw.Value(1.0)
    return (kept.select(kept.pid, kept.seq, *(getattr(kept, d) for d in REGION_DIMS), kept.dom,
                        share.alias("share"))
            .where(kept.basis == rule.basis).alias(name))

