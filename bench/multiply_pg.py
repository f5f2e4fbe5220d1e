"""Multiply a PostgreSQL demo copy into a province (issue 17 item 5): the city's patents, holders,
links, events, fee payments and industry links copied `--times - 1` more times inside the
database, each copy moved to another city of the province (codes 3205… become 3201…, 3202…),
with shifted ids and valid application numbers of its own. The summary tables are multiplied the
same way (each copy's rows moved to its city; the rows of the province and of other provinces,
the same key in every copy, get their counts × times), which equals a rebuild because the copies
share no patent and no holder (distinct agencies per province are the exception: a shared
agency counts once per copy);
a rebuild at 5,000,000 patents would take hours on this machine (`--rebuild` runs it instead).

    python -m bench.copy_to_pg --from /tmp/demo1m.db --to postgresql://postgres@127.0.0.1/bench5m
    python -m bench.multiply_pg postgresql://postgres@127.0.0.1/bench5m [--times 5]

Copy k (1 … times-1) gets ids + k × 10,000,000 and application numbers moved by years (and
serials, see offsets) with the check character recomputed, so the copies' numbers are valid,
unique and never those of the import bench's new patents (filed 2026, serials from 990,000).
Holders are copied with the copy's cities and a name suffix (their names must stay unique);
addresses, agencies and industries are shared. Division codes that do
not exist in the other city keep their digits (their names show as codes): a bench database.
"""
from __future__ import annotations

import argparse
import time

from core.db import connect, db, version
from core.db.bulk import analyze, deferred_indexes
from core.rules.numbers import WEIGHTS

HOME = "3205"
CITIES = ("3201", "3202", "3204", "3206", "3203", "3207", "3208", "3209", "3210")
ID_STEP = 10_000_000
# offsets() has three year shifts × two serial shifts before a serial passes 9,999,999 (copy 7
# failed on a duplicate number): the original and six copies
MAX_TIMES = 7
YEAR_STEP = 22
SERIAL_STEP = 5_000_000
REGION_COLUMNS = ("city_code", "county_code", "street_code", "county_before", "county_after",
                  "street_before", "street_after")  # the province stays
ID_COLUMNS = ("patent_id", "holder_id", "first_holder_id")
CUBES = ("patent_cube", "street_cube", "holder_cube", "event_cube", "indicator_cube", "ops_cube",
         "actor_cube", "agency_year_cube", "agency_field_cube", "industry_cube", "inventor_cube", "inventor_year_cube",
         "quality_cube", "quality_year_cube", "subject_total_cube", "subject_year_cube",
         "holder_region_cube")
# their rows are a province's or a city's (region_code); a holder's are copied with it (its
# filings in the province are copied too), an agency's province rows scaled; one row per key
# (one_row_per_key)
REGION_CODE_TABLES = ("subject_total_cube", "subject_year_cube")
# tables with a single region column named region (a province, city, county or street code)
REGION_TABLES = ("actor_cube", "holder_region_cube")
# tables of rows per holder only: every row is its holder's, so every copy gets each row with
# the copy's holder (its province row too: that key differs per copy, unlike holder_cube's)
PER_HOLDER = ("holder_region_cube",)
# parents before children; holder_tag and patent_holder need the copied holders
TABLES = ("holder", "holder_tag", "patent", "patent_holder", "legal_event", "fee_payment",
          "patent_industry")
# fee payments are read by no page (the fee columns are on the patent): copied with --fees only
WITHOUT_FEES = tuple(t for t in TABLES if t != "fee_payment")
BULK = ["patent", "patent_holder", "legal_event", "fee_payment", "holder", "holder_tag",
        "patent_industry"]


def offsets(k: int) -> tuple[int, int]:
    """Copy k's application numbers: (years added, serial added). The demo's numbers span
    2005–2026 and serials up to about 3,400,000: copies 1–3 move 22, 44 and 66 years on (up to
    2092; numbers stay valid to 2100), copy 4 and after 22 years and 5,000,000 serials."""
    return YEAR_STEP * ((k - 1) % 3 + 1), SERIAL_STEP * ((k - 1) // 3)


def shifted_app_no(k: int) -> str:
    """SQL: app_no of copy k, its check character recomputed (core.rules.numbers)."""
    years, serials = offsets(k)
    digits = (f"((substr(app_no, 1, 4)::int + {years})::text || substr(app_no, 5, 1) || "
              f"lpad((substr(app_no, 6, 7)::int + {serials})::text, 7, '0'))")
    total = " + ".join(f"substr({digits}, {i + 1}, 1)::int * {w}" for i, w in enumerate(WEIGHTS))
    check = f"CASE WHEN mod({total}, 11) = 10 THEN 'X' ELSE mod({total}, 11)::text END"
    return f"CASE WHEN length(app_no) = 13 THEN {digits} || {check} ELSE app_no || '-{k}' END"


def expression(table: str, column: str, k: int, city: str) -> str:
    if column == "id" and table in ("patent", "holder"):
        return f"id + {k * ID_STEP}"
    if column in ID_COLUMNS:
        return f"{column} + {k * ID_STEP}"
    if column == "subject_id":  # quality cubes: a holder's copy, an agency shared
        return f"CASE WHEN subject = 'holder' THEN subject_id + {k * ID_STEP} ELSE subject_id END"
    if column in REGION_COLUMNS or (table in REGION_CODE_TABLES and column == "region_code") \
            or (table in REGION_TABLES and column == "region"):
        return (f"CASE WHEN {column} LIKE '{HOME}%%' THEN '{city}' || substr({column}, 5) "
                f"ELSE {column} END")
    if table == "patent" and column == "app_no":
        return shifted_app_no(k)
    if table == "holder" and column in ("name", "norm_name"):
        return f"{column} || '（{k}）'"
    return column


def columns(table: str) -> list[str]:
    rows = db.execute_sql(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = %s ORDER BY ordinal_position", (table,)).fetchall()
    return [r[0] for r in rows]


def copy_once(k: int, city: str, tables: tuple[str, ...]) -> None:
    for table in tables:
        began = time.perf_counter()
        names = [c for c in columns(table) if not (c == "id" and table not in ("patent",
                                                                                 "holder"))]
        source = f"SELECT {', '.join(expression(table, c, k, city) for c in names)} FROM {table}"
        if table in ("patent", "holder"):
            source += f" WHERE id < {ID_STEP}"
        elif table in ("holder_tag", "patent_holder"):
            source += f" WHERE holder_id < {ID_STEP}"
        if table in ("patent_holder", "legal_event", "fee_payment", "patent_industry"):
            source += (" AND" if "WHERE" in source else " WHERE") + f" patent_id < {ID_STEP}"
        cursor = db.execute_sql(f"INSERT INTO {table} ({', '.join(names)}) {source}")
        print(f"  copy {k} ({city}) {table:<16}{cursor.rowcount:>11,} rows "
              f"{time.perf_counter() - began:7.0f} s", flush=True)


def measures(table: str) -> list[str]:
    return [c for c in columns(table) if c == "n" or c.startswith("n_") or c == "amount"]


def multiply_cube(table: str, times: int) -> None:
    """Each copy's rows of `table` in its city; rows in none of the home city's regions (the
    province's, other provinces') are the same key in every copy: their measures × times —
    except in a PER_HOLDER table, whose every row is copied with the copy's holder."""
    began = time.perf_counter()
    names = [c for c in columns(table) if c != "id"]
    regions = [c for c in names
               if c in REGION_COLUMNS or (table in REGION_TABLES and c == "region")
               or (table in REGION_CODE_TABLES and c == "region_code")]
    home = "TRUE" if table in PER_HOLDER else " OR ".join(f"{c} LIKE '{HOME}%%'" for c in regions)
    if table in REGION_CODE_TABLES:  # a holder's rows of the province and elsewhere: copied
        home += " OR subject = 'holder'"
    db.execute_sql(f"CREATE TEMPORARY TABLE cube_home AS SELECT {', '.join(names)} FROM {table} "
                   f"WHERE {home}")
    db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                   f"COALESCE((SELECT MAX(id) FROM {table}), 1))")  # copied with their ids
    scaled = ", ".join(f"{c} = {c} * {times}" for c in measures(table))
    shared = db.execute_sql(f"UPDATE {table} SET {scaled} WHERE NOT ({home})").rowcount
    copied = 0
    for k, city in zip(range(1, times), CITIES):
        shifted = ", ".join(expression(table, c, k, city) for c in names)
        copied += db.execute_sql(f"INSERT INTO {table} ({', '.join(names)}) "
                                 f"SELECT {shifted} FROM cube_home").rowcount
    db.execute_sql("DROP TABLE cube_home")
    if table in REGION_CODE_TABLES:
        one_row_per_key(table, names)
    print(f"  {table:<18}{copied:>11,} rows copied, {shared:,} scaled "
          f"{time.perf_counter() - began:7.0f} s", flush=True)


def one_row_per_key(table: str, names: list[str]) -> None:
    """A copy moved into a city the source has patents in (3201, 3202, …) gave an agency a
    second row of that city: their sums in one row, as a build makes them (these tables' readers
    and merges take a key's row to be unique)."""
    sums = measures(table)
    keys = ", ".join(c for c in names if c not in sums)
    db.execute_sql(f"CREATE TEMPORARY TABLE cube_keyed AS SELECT {keys}, "
                   f"{', '.join(f'SUM({m}) AS {m}' for m in sums)} FROM {table} GROUP BY {keys}")
    db.execute_sql(f"DELETE FROM {table}")
    db.execute_sql(f"INSERT INTO {table} ({keys}, {', '.join(sums)}) SELECT * FROM cube_keyed")
    db.execute_sql("DROP TABLE cube_keyed")


def stamp_current() -> None:
    """The multiplied tables are current: the stamp takes the tables' new MAX(id)s."""
    db.execute_sql("UPDATE cube_stamp SET max_patent_id = (SELECT MAX(id) FROM patent), "
                   "max_event_id = (SELECT MAX(id) FROM legal_event), "
                   "patents = (SELECT COUNT(*) FROM patent)")


def model_indexes() -> None:
    """Every index the models define, where missing (CREATE INDEX IF NOT EXISTS)."""
    from core.db.models import ALL_MODELS
    for model in ALL_MODELS:
        if model._meta.table_name in BULK:
            model._schema.create_indexes(safe=True)


def sequences_past_ids() -> None:
    """The copy (bench.copy_to_pg) inserted explicit ids: move every copied table's id sequence
    past them, so rows inserted without an id get new ones."""
    for table in TABLES:
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"COALESCE((SELECT MAX(id) FROM {table}), 1))")


def multiply(url: str, times: int, rebuild: bool, cubes_only: bool = False,
             fees: bool = False) -> None:
    from core.cubes import rebuild as cubes
    from core.demo.writer import fix_sequences
    connect(url)
    started = time.perf_counter()
    db.execute_sql("SET maintenance_work_mem = '1GB'")
    if not cubes_only:
        if db.execute_sql(f"SELECT count(*) FROM patent WHERE id >= {ID_STEP}").fetchone()[0]:
            raise SystemExit("this database already holds copies")
        sequences_past_ids()
        with deferred_indexes(BULK), db.atomic():  # all copies or none
            for k, city in zip(range(1, times), CITIES):
                copy_once(k, city, TABLES if fees else WITHOUT_FEES)
            print(f"rows copied in {time.perf_counter() - started:.0f} s; rebuilding the "
                  f"indexes", flush=True)
        model_indexes()  # also those an interrupted run dropped
        fix_sequences()
        print(f"indexes and statistics at {time.perf_counter() - started:.0f} s", flush=True)
    began = time.perf_counter()
    if rebuild:
        cubes.rebuild()
    else:  # the indicator cube grows by tens of millions of rows: indexes built once after
        with deferred_indexes(list(CUBES)), db.atomic():
            for table in CUBES:
                multiply_cube(table, times)
            stamp_current()
    with db.atomic():
        version.bump()
    if rebuild:
        analyze()
    else:  # the other tables were analysed after the copies
        db.execute_sql(f"ANALYZE {', '.join(CUBES)}")
    print(f"summary tables {'rebuilt' if rebuild else 'multiplied'} in "
          f"{time.perf_counter() - began:.0f} s; "
          f"{db.execute_sql('SELECT count(*) FROM patent').fetchone()[0]:,} patents, "
          f"done in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="postgresql://… holding one city (bench.copy_to_pg)")
    parser.add_argument("--times", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the summary tables instead of multiplying them")
    parser.add_argument("--fees", action="store_true", help="copy the fee payments too")
    parser.add_argument("--cubes-only", action="store_true",
                        help="multiply the summary tables only (copied in after the patents)")
    args = parser.parse_args()
    if not 2 <= args.times <= MAX_TIMES:
        raise SystemExit(f"--times between 2 and {MAX_TIMES}")
    multiply(args.url, args.times, args.rebuild, args.cubes_only, args.fees)


if __name__ == "__main__":
    main()
