"""Copy a SQLite demo database into a PostgreSQL schema, for measuring PostgreSQL at sizes whose
generation would take hours here (the demo writes ~200 patents/s to PostgreSQL on this machine).

    python -m bench.copy_to_pg --from /tmp/bench1m.db \
        --to "postgresql://postgres@127.0.0.1:5432/test?schema=bench1m"

The schema is created by the app (core.upkeep.bootstrap.ensure_ready), then the patent data and
the summary tables with their stamp are copied as they are (DuckDB reading SQLite and writing
PostgreSQL through the scanner extensions of requirements-dev.txt, loaded by file path), so the
copy serves the same numbers as the source. The big tables' secondary indexes are built once
after the copy (core.db.bulk.deferred_indexes). Accounts, parameters and divisions stay the app's own.
"""
from __future__ import annotations

import argparse
import time
from urllib.parse import parse_qs, urlparse

from bench.duckdb_reads import duck, scanner_path
from core.db import db
from core.db.bulk import deferred_indexes
from core.upkeep.bootstrap import ensure_ready

TABLES = ("address", "holder", "holder_tag", "agency", "industry", "patent", "legal_event",
          "patent_holder", "patent_industry", "fee_payment", "patent_cube", "street_cube", "holder_cube", "event_cube",
          "indicator_cube", "ops_cube", "actor_cube", "agency_year_cube", "agency_field_cube", "industry_cube",
          "inventor_cube", "inventor_year_cube", "quality_cube", "quality_year_cube",
          "subject_total_cube", "subject_year_cube", "holder_region_cube", "cube_stamp",
          "data_version")
# tables whose secondary indexes are built once after the copy (the indicator cube took
# 195 of 310 s of a 200,000-patent copy with its two indexes kept current row by row)
BULK = ["patent", "legal_event", "patent_holder", "patent_industry", "fee_payment", "holder",
        "indicator_cube", "inventor_cube", "inventor_year_cube", "quality_cube",
        "quality_year_cube", "industry_cube", "subject_total_cube", "subject_year_cube",
        "holder_region_cube"]


def columns(con, database: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND table_name = ?",
        [database, table]).fetchall()]


def copy(source: str, url: str, tables: tuple[str, ...] = TABLES) -> None:
    parts = urlparse(url)
    schema = parse_qs(parts.query).get("schema", ["public"])[0]
    started = time.perf_counter()
    ensure_ready(url)
    con = duck()
    con.execute(f"LOAD '{scanner_path()}'")
    con.execute(f"LOAD '{scanner_path('postgres_scanner')}'")
    con.execute(f"ATTACH '{source}' AS s (TYPE sqlite, READ_ONLY)")
    con.execute(f"ATTACH 'host={parts.hostname} port={parts.port or 5432} "
                f"user={parts.username} dbname={parts.path.lstrip('/')}' AS pg "
                f"(TYPE postgres, SCHEMA '{schema}')")
    for table in reversed(tables):
        con.execute(f"CALL postgres_execute('pg', 'TRUNCATE {schema}.{table} CASCADE')")
    with deferred_indexes([t for t in BULK if t in tables]):  # built once after the copy
        for table in tables:
            began = time.perf_counter()
            source_cols = set(columns(con, "s", table))
            common = ", ".join(f'"{c}"' for c in columns(con, "pg", table) if c in source_cols)
            con.execute(f"INSERT INTO pg.{table} ({common}) SELECT {common} FROM s.{table}")
            print(f"{table:<18}{time.perf_counter() - began:7.0f} s", flush=True)
        print(f"rows copied in {time.perf_counter() - started:.0f} s", flush=True)
    sequences_past_ids([t for t in tables if "id" in columns(con, "pg", t)])
    print(f"copied, indexed and analysed in {time.perf_counter() - started:.0f} s")


def sequences_past_ids(tables: list[str]) -> None:
    """The rows came with their ids: move each table's id sequence past them, so that rows the
    app adds later (an import's new addresses, patents, events) get ids of their own."""
    for table in tables:
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"COALESCE((SELECT MAX(id) FROM {table}), 1))")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", required=True, help="SQLite file")
    parser.add_argument("--to", required=True, help="postgresql://…?schema=NAME")
    parser.add_argument("--tables", help="comma-separated tables to copy again (default: all)")
    args = parser.parse_args()
    copy(args.source, args.to, tuple(args.tables.split(",")) if args.tables else TABLES)


if __name__ == "__main__":
    main()
