"""The SQL a call runs and the plans the database makes of it (tests of index use)."""
from __future__ import annotations

from core.db import is_postgres


class Recorded(list):
    """(sql, params) of the statements run, in order; `execute` runs one unrecorded."""
    execute = None


def recorded(db, monkeypatch) -> Recorded:
    """The statements `db` runs from now on in the test."""
    seen = Recorded()
    execute = db.execute_sql

    def record(sql, params=None, *rest):
        seen.append((sql, params))
        return execute(sql, params, *rest)
    monkeypatch.setattr(db, "execute_sql", record)
    seen.execute = execute  # the unrecorded original, for the plans
    return seen


def plan(execute, sql: str, params) -> str:
    """The plan of `sql`: SQLite's EXPLAIN QUERY PLAN details; PostgreSQL's EXPLAIN with
    sequential scans discouraged (a test table is small enough for the planner to scan it)."""
    if not is_postgres():
        return " | ".join(r[-1] for r in execute("EXPLAIN QUERY PLAN " + sql, params))
    execute("SET enable_seqscan = off")
    try:
        return " | ".join(r[0] for r in execute("EXPLAIN " + sql, params).fetchall())
    finally:
        execute("RESET enable_seqscan")
