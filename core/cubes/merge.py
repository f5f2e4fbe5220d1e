"""Adding net rows to a summary table in place (core.cubes.delta, the indicator cube's build):
rows of a key the table holds are updated, new keys inserted."""
from __future__ import annotations

import peewee as pw

from core.db import db, is_postgres

EPSILON = 1e-9  # fractional counts: a sum this close to 0 is 0


def key_join(model, net: str, keys, indexed: bool) -> str:
    """FROM clause pairing the rows of `model`'s table (alias c) with the rows of `net` of the
    same key (alias d), NULL equal to NULL: SQLite's IS (the table's index when `indexed`, or
    an automatic index on the net rows, seeks); PostgreSQL hashes both sides on the keys with
    NULL mapped to a value no key holds."""
    table = model._meta.table_name
    if is_postgres():
        same = " AND ".join(_pg_equal(model, k) for k in keys)
        return f'"{table}" c JOIN "{net}" d ON {same}'
    same = " AND ".join(f"c.{k} IS d.{k}" for k in keys)
    order = f'"{net}" d CROSS JOIN "{table}" c' if indexed else f'"{table}" c CROSS JOIN "{net}" d'
    return f"{order} WHERE {same}"


def _pg_equal(model, key: str) -> str:
    field = model._meta.fields[key]
    if not field.null:
        return f"c.{key} = d.{key}"
    none = "-2147483648" if isinstance(field, pw.IntegerField) else "'~'"
    return f"COALESCE(c.{key}, {none}) = COALESCE(d.{key}, {none})"


def merge_net(table: str, net: str, measures: tuple[str, ...], join: str) -> None:
    """Add the rows of `net` (the table's key columns, `measures`, a unique `did`) to `table`,
    whose rows of a key are unique: `join` pairs them (aliases c and d, key_join). Paired
    rows are updated in place (deleted when the first measure reaches 0); the others inserted
    (unless 0). A NULL measure on one side leaves the other's value (as SUM would)."""
    run = db.execute_sql
    pair = f"dp_{table}"
    added = ", ".join(f"CASE WHEN c.{m} IS NULL THEN d.{m} WHEN d.{m} IS NULL THEN c.{m} "
                      f"ELSE c.{m} + d.{m} END AS {m}" for m in measures)
    run(f'CREATE TEMPORARY TABLE "{pair}" AS SELECT c.id AS cid, d.did AS did, {added} '
        f"FROM {join}")
    first = measures[0]
    sets = ", ".join(f"{m} = p.{m}" for m in measures)
    run(f'UPDATE "{table}" SET {sets} FROM "{pair}" p WHERE "{table}".id = p.cid '
        f"AND ABS(p.{first}) > {EPSILON}")
    run(f'DELETE FROM "{table}" WHERE id IN (SELECT cid FROM "{pair}" '
        f"WHERE ABS({first}) <= {EPSILON} OR {first} IS NULL)")
    columns = [c for c in _columns_of(net) if c != "did"]
    listed = ", ".join(columns)
    run(f'INSERT INTO "{table}" ({listed}) SELECT {listed} FROM "{net}" '
        f'WHERE did NOT IN (SELECT did FROM "{pair}") AND ABS({first}) > {EPSILON}')
    run(f'DROP TABLE "{pair}"')


def _columns_of(table: str) -> list[str]:
    cursor = db.execute_sql(f'SELECT * FROM "{table}" WHERE 1 = 0')
    return [d[0] for d in cursor.description]
