"""Adding net rows to a summary table in place (core.cubes.delta, the indicator cube's build):
rows of a key the table holds are updated, new keys inserted."""
from __future__ import annotations

from core.db import db, is_postgres
from core.db.sql import absent

EPSILON = 1e-9  # fractional counts: a sum this close to 0 is 0


def key_join(model, net: str, keys, indexed: bool, via: str | None = None) -> list[str]:
    """FROM clauses that together pair the rows of `model`'s table (alias c) with the rows of
    `net` of the same key (alias d), NULL equal to NULL, each row of `net` in one clause.
    SQLite: one clause with IS (the table's index when `indexed`, or an automatic index on the
    net rows, seeks). PostgreSQL: one clause per pattern of NULL keys among the net rows, with
    plain equalities and IS NULL, which its indexes answer: one lookup per changed key instead
    of a join over the whole table (a COALESCE on every key hashed all 11M rows of the
    indicator cube at 1,000,000 patents, or stalled in a nested loop).
    via: on SQLite, the index to seek (key_index): without statistics SQLite may prefer an
    index that covers the measures but matches fewer keys, and walk a whole region per key."""
    table = model._meta.table_name
    if is_postgres():
        return [f'"{table}" c JOIN "{net}" d ON {same}' for same in _pg_patterns(model, net, keys)]
    same = " AND ".join(f"c.{k} IS d.{k}" for k in keys)
    hint = f' INDEXED BY "{via}"' if via else ""
    order = (f'"{net}" d CROSS JOIN "{table}" c{hint}' if indexed
             else f'"{table}" c CROSS JOIN "{net}" d')
    return [f"{order} WHERE {same}"]


def key_index(model, keys) -> str:
    """The name of `model`'s index whose leading columns match the most of `keys` (all
    equalities of a pairing)."""
    def matched(index) -> int:
        columns = [e.column_name for e in index._expressions]
        return next((i for i, c in enumerate(columns) if c not in keys), len(columns))
    return max(model._meta.fields_to_index(), key=matched)._name


def _pg_patterns(model, net: str, keys) -> list[str]:
    nullable = [k for k in keys if model._meta.fields[k].null]
    always = [f"c.{k} = d.{k}" for k in keys if k not in nullable]
    if not nullable:
        return [" AND ".join(always)]
    found = db.execute_sql(f"SELECT DISTINCT {', '.join(f'{k} IS NULL' for k in nullable)} "
                           f'FROM "{net}"').fetchall()
    return [" AND ".join(always + [f"c.{k} IS NULL AND d.{k} IS NULL" if empty
                                   else f"c.{k} = d.{k}" for k, empty in zip(nullable, pattern)])
            for pattern in found] or ["FALSE"]  # no net rows: an empty pairing


def merge_net(table: str, net: str, measures: tuple[str, ...], joins: list[str],
              did: str = "did") -> None:
    """Add the rows of `net` (the table's key columns, `measures`, a unique `did`: a column of
    that name, or SQLite's rowid) to `table`,
    whose rows of a key are unique: `joins` pair them (aliases c and d, key_join). Paired
    rows are updated in place (deleted when the first measure reaches 0); the others inserted
    (unless 0). A NULL measure on one side leaves the other's value (as SUM would)."""
    run = db.execute_sql
    pair = f"dp_{table}"
    added = ", ".join(f"CASE WHEN c.{m} IS NULL THEN d.{m} WHEN d.{m} IS NULL THEN c.{m} "
                      f"ELSE c.{m} + d.{m} END AS {m}" for m in measures)
    pairs = " UNION ALL ".join(f"SELECT c.id AS cid, d.{did} AS did, {added} FROM {join}"
                               for join in joins)
    run(f'CREATE TEMPORARY TABLE "{pair}" AS {pairs}')
    first = measures[0]
    sets = ", ".join(f"{m} = p.{m}" for m in measures)
    run(f'UPDATE "{table}" SET {sets} FROM "{pair}" p WHERE "{table}".id = p.cid '
        f"AND ABS(p.{first}) > {EPSILON}")
    run(f'DELETE FROM "{table}" WHERE id IN (SELECT cid FROM "{pair}" '
        f"WHERE ABS({first}) <= {EPSILON} OR {first} IS NULL)")
    columns = [c for c in _columns_of(net) if c != did]
    listed = ", ".join(columns)
    unpaired = (absent(pair, "did", f"n.{did}") if is_postgres()
                else f'n.{did} NOT IN (SELECT did FROM "{pair}")')
    run(f'INSERT INTO "{table}" ({listed}) SELECT {listed} FROM "{net}" n '
        f'WHERE {unpaired} AND ABS({first}) > {EPSILON}')
    run(f'DROP TABLE "{pair}"')


def _columns_of(table: str) -> list[str]:
    cursor = db.execute_sql(f'SELECT * FROM "{table}" WHERE 1 = 0')
    return [d[0] for d in cursor.description]
