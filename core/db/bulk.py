"""Bulk loads: secondary indexes built once after the load, planner statistics refreshed after
large writes."""
from __future__ import annotations

from contextlib import contextmanager

from core.db import db, is_postgres
from core.db.models import ALL_MODELS


@contextmanager
def deferred_indexes(tables: list[str]):
    """Bulk loads: drop the secondary (non-unique) indexes of `tables`, yield, then recreate them
    exactly as they were and refresh the planner statistics. Building an index once is far
    cheaper than keeping it current through a million inserts."""
    saved = [(t, i.name, i.sql) for t in tables for i in db.obj.get_indexes(t)
             if not i.unique and i.sql and not i.name.endswith("_pkey")]
    for _, name, _ in saved:
        db.obj.execute_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        for _, _, sql in saved:
            db.obj.execute_sql(sql)
        analyze()


def analyze() -> None:
    """Refresh planner statistics after large writes: SQLite ANALYZE; PostgreSQL VACUUM ANALYZE
    outside a transaction (the visibility map lets the covering indexes answer without heap
    reads — what autovacuum would do some time later), else ANALYZE."""
    if is_postgres() and not db.obj.in_transaction():
        # this schema's tables, not every table of the database
        tables = ", ".join(f'"{m._meta.table_name}"' for m in ALL_MODELS if m.table_exists())
        db.obj.execute_sql(f"VACUUM ANALYZE {tables}")
    else:
        db.obj.execute_sql("ANALYZE")
