"""Push resolved codes from `address` (and from holders a checker placed by hand) to `patent` and
`holder` rows with set-based UPDATE … FROM (SQLite ≥ 3.33 and PostgreSQL share the syntax).

First-holder rule: a patent takes the region of its first holder's address, unless that holder's
region was overridden by a checker (holder.region_override), then it takes the holder's region.
"""
from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager

from core.cubes import delta
from core.db import db
from core.db.sql import REGION_CODES, codes_differ, distinct_op, level_sql, load_temp
from core.resolver.resolution import split

REGION_COLUMNS = {*REGION_CODES, "region_level"}
TOUCHED = "_touched_ids"
BULK_PATENTS = 200_000


def _ids_table(ids: Iterable[int]) -> None:
    load_temp(TOUCHED, [("id", "INTEGER PRIMARY KEY")], ((i,) for i in set(ids)))


def refresh_patent_counts(ids_sql: str) -> None:
    """address.patent_count from the patents that reference each address in `ids_sql` (a
    subquery giving address ids), counted from the patents' address index; only the counts
    that differ are written (the count sits in an index of the queue order)."""
    db.execute_sql(
        "UPDATE address SET patent_count = c.n FROM (SELECT a.id AS aid, (SELECT COUNT(*) "
        "FROM patent p WHERE p.address_ref_id = a.id) AS n FROM address a "
        f"WHERE a.id IN ({ids_sql})) c WHERE address.id = c.aid AND address.patent_count <> c.n")


def street_tables():
    """The summary tables with a street column (core.cubes.delta.SPECS): the only ones a move
    of patents from one street to another inside their county can change."""
    return tuple(spec.model for spec in delta.SPECS if "street_code" in spec.columns)


def tables_moved(address_id: int, code: str):
    """The summary tables that placing address `address_id` at `code` can move: street_tables()
    when none of its patents changes province, city or county (a street found inside the county
    the patents already have) — the holders registered there move the indicator cube's holder
    placements only, one of them —, else None (every table). A patent whose first holder's
    region was set by hand keeps that holder's region."""
    op, mark = distinct_op(), db.obj.param
    differs = " OR ".join(
        f"(CASE WHEN h.region_override THEN h.{column} ELSE {mark} END) {op} p.{column}"
        for column in REGION_CODES[:3])
    found = db.execute_sql(
        "SELECT 1 FROM patent p LEFT JOIN holder h ON h.id = p.first_holder_id "
        f"WHERE p.address_ref_id = {mark} AND ({differs}) LIMIT 1",
        (int(address_id), *split(code)[:3])).fetchone()
    return None if found else street_tables()


def apply_addresses(address_ids: Iterable[int]) -> dict:
    """Refresh patent_count of the addresses and copy their codes to patents and holders whose
    codes differ. Returns {patents, holders} rows updated. Runs in the caller's transaction;
    above BULK_PATENTS changes the region indexes of `patent` are rebuilt instead of maintained."""
    _ids_table(address_ids)
    refresh_patent_counts(f'SELECT id FROM "{TOUCHED}"')
    # summary tables (core.cubes.delta): the patents filed from these addresses and those of
    # holders registered there (the holder counting rules place by the holder's region)
    delta.before(f'SELECT id FROM patent WHERE address_ref_id IN (SELECT id FROM "{TOUCHED}") '
                 "UNION SELECT patent_id FROM patent_holder WHERE holder_id IN (SELECT id FROM "
                 f'holder WHERE address_ref_id IN (SELECT id FROM "{TOUCHED}"))')
    sets = ", ".join(f"{c} = a.{c}" for c in REGION_CODES)
    where = (f'patent.address_ref_id = a.id AND a.id IN (SELECT id FROM "{TOUCHED}") '
             f"AND {codes_differ('patent', 'a')}")
    with _bulk_mode(_count(f"SELECT COUNT(*) FROM patent, address a WHERE {where}")):
        patents = db.execute_sql(
            f"UPDATE patent SET {sets}, region_level = {level_sql('a')} FROM address a "
            f"WHERE {where} AND NOT EXISTS (SELECT 1 FROM holder h "
            f"WHERE h.id = patent.first_holder_id AND h.region_override)").rowcount
        patents += _apply_overrides(f'patent.address_ref_id IN (SELECT id FROM "{TOUCHED}")')
    holders = db.execute_sql(
        f"UPDATE holder SET {sets} FROM address a WHERE holder.address_ref_id = a.id "
        f'AND a.id IN (SELECT id FROM "{TOUCHED}") AND NOT holder.region_override '
        f"AND {codes_differ('holder', 'a')}").rowcount
    db.execute_sql(f'DROP TABLE "{TOUCHED}"')
    return {"patents": max(patents, 0), "holders": max(holders, 0)}


def _count(sql: str) -> int:
    return db.execute_sql(sql).fetchone()[0]


@contextmanager
def _bulk_mode(changes: int):
    """Drop the patent indexes that contain region columns while more than BULK_PATENTS rows and
    half the table change, then rebuild them from their own definitions (the cost of a rebuild
    grows with the table, the cost of maintaining them with the rows changed)."""
    if changes <= BULK_PATENTS or changes < _count("SELECT COUNT(*) FROM patent") / 2:
        yield
        return
    indexes = [i for i in db.get_indexes("patent") if set(i.columns) & REGION_COLUMNS
               and not i.unique and i.sql]
    for index in indexes:
        db.execute_sql(f'DROP INDEX "{index.name}"')
    yield
    for index in indexes:
        db.execute_sql(index.sql)


def note_holders(holder_ids: Iterable[int]) -> None:
    """Before a holder's region changes: its patents' rows leave the summary tables' delta
    (core.cubes.delta; the holder counting rules place every patent it holds by its region)."""
    ids = ", ".join(str(int(i)) for i in set(holder_ids)) or "NULL"
    delta.before(f"SELECT patent_id FROM patent_holder WHERE holder_id IN ({ids}) "
                 f"UNION SELECT id FROM patent WHERE first_holder_id IN ({ids})")


def apply_holders(holder_ids: Iterable[int]) -> int:
    """Re-place the patents whose first holder is one of `holder_ids`: the holder's own region
    when overridden, else the region of the patent's address. Returns patents updated."""
    note_holders(holder_ids)
    _ids_table(holder_ids)
    touched = f'patent.first_holder_id IN (SELECT id FROM "{TOUCHED}")'
    sets = ", ".join(f"{c} = a.{c}" for c in REGION_CODES)
    count = db.execute_sql(
        f"UPDATE patent SET {sets}, region_level = {level_sql('a')} FROM address a "
        f"WHERE patent.address_ref_id = a.id AND {touched} AND {codes_differ('patent', 'a')} "
        f"AND NOT EXISTS (SELECT 1 FROM holder h WHERE h.id = patent.first_holder_id "
        f"AND h.region_override)").rowcount
    count += _apply_overrides(touched)
    db.execute_sql(f'DROP TABLE "{TOUCHED}"')
    return max(count, 0)


def _apply_overrides(where: str) -> int:
    """Place the patents `where` selects (a condition on `patent`) whose first holder's region a
    checker fixed at that holder's region; patents updated. Looks first among those patents'
    first holders only (index seeks: a scan of every holder for one took 0.03-0.1 s at
    1,000,000 patents, 196,075 holders, on each decision)."""
    if not db.execute_sql("SELECT 1 FROM patent JOIN holder h ON h.id = patent.first_holder_id "
                          f"WHERE h.region_override AND {where} LIMIT 1").fetchone():
        return 0
    sets = ", ".join(f"{c} = h.{c}" for c in REGION_CODES)
    return db.execute_sql(
        f"UPDATE patent SET {sets}, region_level = {level_sql('h')} FROM holder h "
        f"WHERE patent.first_holder_id = h.id AND h.region_override AND {where} "
        f"AND {codes_differ('patent', 'h')}").rowcount
