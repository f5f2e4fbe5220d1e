"""SQL building blocks shared by every package: portable conditional counts, date parts and
temporary tables, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import peewee as pw
from peewee import fn
from psycopg2.extras import execute_values

from core.db import db, is_postgres

ID_CHUNK = 5000  # ids per IN list of values (SQLite allows 32,766 variables)


def id_values(ids: Iterable[int]) -> pw.SQL:
    """Integer ids as one SQL list of literals, for `field.in_(id_values(ids))`: peewee builds
    a list of values one parameter node at a time (about 8 µs an id; the new holders' pages
    pass tens of thousands). Each id goes through int(); an empty list matches nothing."""
    text = ", ".join(str(int(i)) for i in ids)
    return pw.SQL(f"({text or 'NULL'})")


def chunks(items: list, size: int = ID_CHUNK) -> Iterator[list]:
    """`items` in consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def count_if(condition: pw.Expression, weight=1) -> pw.Function:
    """SUM(CASE WHEN condition THEN weight ELSE 0 END), portable across SQLite and PostgreSQL."""
    return fn.SUM(pw.Case(None, [(condition, weight)], 0))


def count_all() -> pw.Function:
    """COUNT(*): unlike COUNT(id) it lets PostgreSQL answer from a covering index alone (the
    primary key is not in a btree index there; SQLite's rowid is)."""
    return fn.COUNT(pw.SQL("*"))


def in_select(column: pw.Node, select: pw.Select) -> pw.Expression:
    """column IN (select). On PostgreSQL written column = ANY(ARRAY(select)): inside an OR of
    index ranges an IN (subquery) becomes a hashed subplan that forces a scan of the whole
    table, where = ANY(ARRAY(…)) is one more index scan of the bitmap OR (a 200,000-patent
    province: 328 ms → 10 ms)."""
    if is_postgres():
        return column == fn.ANY(fn.ARRAY(select))
    return column.in_(select)


def absent(table: str, column: str, outer: str) -> str:
    """SQL: the value `outer` is not in `table`.`column` (an indexed key), as an anti-join. Not
    NOT IN (SELECT …): PostgreSQL hashes that list only while it fits in work_mem and past that
    rescans it for every row (the gone patents of a 10,000-row import against 5,000,000 patents
    were counted for minutes; as an anti-join, 19 ms)."""
    return f'NOT EXISTS (SELECT 1 FROM "{table}" x WHERE x.{column} = {outer})'


def as_int(value) -> int:
    return int(value or 0)


def period(column: pw.Field, unit: str = "year") -> pw.Node:
    """The year (int) or month ('YYYY-MM') of a date column, on SQLite and PostgreSQL."""
    if unit == "year":
        if is_postgres():
            return pw.Cast(fn.date_part("year", column), "integer")
        return pw.Cast(fn.strftime("%Y", column), "integer")
    if is_postgres():
        return fn.to_char(column, "YYYY-MM")
    return fn.substr(column, 1, 7)


def first_item(column: pw.Node, sep: str = ";") -> pw.Node:
    """The text of `column` before the first `sep` (all of it when there is none), trimmed: the
    first of a list of names such as a legal event's parties."""
    if is_postgres():
        return fn.TRIM(fn.SPLIT_PART(column, sep, 1))
    pos = fn.INSTR(column, sep)
    return fn.TRIM(pw.Case(None, [(pos > 0, fn.SUBSTR(column, 1, pos - 1))], column))


def add_years(column: pw.Field, years: int) -> pw.Node:
    """The date `years` calendar years after a date column (29 Feb → 1 Mar on SQLite, 28 Feb on
    PostgreSQL: only leap days differ)."""
    if is_postgres():
        return pw.Cast(column + pw.SQL(f"INTERVAL '{int(years)} years'"), "date")
    return fn.DATE(column, f"+{int(years)} years")


def load_temp(name: str, columns: list[tuple[str, str]], rows: Iterable[tuple]) -> None:
    """(Re)create temporary table `name` with `columns` [(name, sql type)] and fill it."""
    db.execute_sql(f'DROP TABLE IF EXISTS "{name}"')
    cols = ", ".join(f'"{c}" {t}' for c, t in columns)
    db.execute_sql(f'CREATE TEMPORARY TABLE "{name}" ({cols})')
    rows = list(rows)
    names = ", ".join(f'"{c}"' for c, _ in columns)
    if rows and is_postgres():
        execute_values(db.cursor(), f'INSERT INTO "{name}" ({names}) VALUES %s', rows,
                       page_size=5000)
    elif rows:
        marks = ", ".join("?" * len(columns))
        db.cursor().executemany(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', rows)
    analyze_temp(name)


def analyze_temp(name: str) -> None:
    """PostgreSQL: planner statistics for temporary tables of ids just filled. Autovacuum
    never analyzes a temporary table, and without statistics the planner takes one for about
    2,550 rows: joined with the patent table it scanned every patent to find those of one
    address (1.2 s of an address decision at 5,000,000 patents). Not for the summary tables'
    net rows and pairs: told their true size (tens of thousands of keys) the planner hashed a
    whole summary table (4.9M rows at 1M) instead of seeking each key, 0.6 s more per
    decision. SQLite's planner uses no row counts it was not given by ANALYZE: nothing to do."""
    if is_postgres():
        db.execute_sql(f'ANALYZE "{name}"')


def cursor_dicts(query: pw.Query) -> Iterator[dict]:
    """The rows of a select as dicts keyed by column name (or alias), read straight from the
    cursor: dates as dates and booleans as booleans on both engines, like the fields' own
    conversion, which costs as much as the rest of a large export."""
    columns = query.selected_columns
    names = [c.name for c in columns]
    dates = [n for n, c in zip(names, columns) if isinstance(c, pw.DateField)]
    flags = [n for n, c in zip(names, columns) if isinstance(c, pw.BooleanField)]
    for values in db.execute_sql(*query_sql(query)):
        row = dict(zip(names, values))
        for name in dates:
            row[name] = as_date(row[name])
        for name in flags:
            row[name] = None if row[name] is None else bool(row[name])
        yield row


def as_date(value) -> dt.date | None:
    """A DateField's value as read from the cursor (SQLite: ISO text) as a date, like the
    field's own conversion: text that is no date comes back unchanged."""
    if not isinstance(value, str):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            return value


def query_sql(query: pw.Node) -> tuple[str, list]:
    """(SQL, params) of a query in the bound database's dialect (a query over pw.Table is
    bound to no database: its own .sql() would use SQLite's placeholders)."""
    return db.get_sql_context().sql(query).query()


def raw_rows(query: pw.Query) -> list[tuple]:
    """The rows of a select as the driver returns them, without peewee's conversion of each row
    (about 7 µs a row): for many rows of counts and ids, which need none."""
    return db.execute_sql(*query_sql(query)).fetchall()


REGION_CODES = ("province_code", "city_code", "county_code", "street_code")


def distinct_op() -> str:
    """The NULL-safe "differs" operator of the bound database."""
    return "IS DISTINCT FROM" if is_postgres() else "IS NOT"


def codes_differ(target: str, source: str) -> str:
    """SQL: some region code of `target` differs from `source`'s (NULL-safe)."""
    op = distinct_op()
    return "(" + " OR ".join(f"{target}.{c} {op} {source}.{c}" for c in REGION_CODES) + ")"


def level_sql(alias: str) -> str:
    """SQL: the placement level ('street' … 'province') of `alias`'s region codes."""
    return (f"CASE WHEN {alias}.street_code IS NOT NULL THEN 'street' "
            f"WHEN {alias}.county_code IS NOT NULL THEN 'county' "
            f"WHEN {alias}.city_code IS NOT NULL THEN 'city' "
            f"WHEN {alias}.province_code IS NOT NULL THEN 'province' END")
