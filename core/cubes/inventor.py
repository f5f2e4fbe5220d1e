"""inventor_cube and inventor_year_cube: patents per inventor — one row per (province, city,
county, first holder, inventor) with its patents and inventions over all time (inventor_cube),
and the same patents per patent type and filing year (inventor_year_cube) — so that 区域核心发明人
(core.stats.teams) reads a few of a region's rows instead of splitting every patent's inventor
list.

An inventor is a name within the first holder (split_inventors: each name once per patent); a
patent without a first holder or without inventors has no row. The lists are split in Python
(the one definition the live path uses too), their per-year rows counted into a temporary
table, and both tables' rows go out as SELECTs from it like every other summary table's
(core.cubes.delta adds and subtracts them for changed patents, one split for both tables;
core.cubes.rebuild writes them).
"""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw

from core.db import db
from core.db.models import InventorCube, InventorYearCube, Patent
from core.db.sql import load_temp

TEMP = "inventor_rows"
DIMS = ("province_code", "city_code", "county_code", "holder_id", "name")
COLUMNS = (*DIMS, "n", "n_invention")
YEAR_COLUMNS = (*DIMS, "patent_type", "app_year", "n")
_TYPES = [("province_code", "VARCHAR(2)"), ("city_code", "VARCHAR(4)"),
          ("county_code", "VARCHAR(6)"), ("holder_id", "INTEGER"), ("name", "TEXT"),
          ("patent_type", "VARCHAR(10)"), ("app_year", "INTEGER"), ("n", "INTEGER")]


def split_inventors(text: str | None) -> list[str]:
    """The names of a stored inventor list ("甲; 乙;丙"), each once, in order."""
    return list(dict.fromkeys(n.strip() for n in (text or "").split(";") if n.strip()))


def _counts(only: pw.Node | None) -> Counter:
    """(province, city, county, holder, name, type, filing year) → patents."""
    query = (Patent.select(Patent.province_code, Patent.city_code, Patent.county_code,
                           Patent.first_holder, Patent.patent_type, Patent.app_year,
                           Patent.inventors)
             .where(Patent.first_holder.is_null(False) & Patent.inventors.is_null(False)))
    if only is not None:
        query = query.where(Patent.id.in_(only))
    counts: Counter = Counter()
    for province, city, county, holder, ptype, year, text in query.tuples().iterator():
        for name in split_inventors(text):
            counts[(province, city, county, holder, name, ptype, year)] += 1
    return counts


def _load(only: pw.Node | None) -> None:
    """The per-year rows of the patents whose ids `only` selects (all when None) into TEMP;
    the caller drops it (drop())."""
    load_temp(TEMP, _TYPES, ((*key, n) for key, n in _counts(only).items()))


def totals_sql() -> str:
    """inventor_cube's rows (COLUMNS order) from TEMP."""
    dims = ", ".join(DIMS)
    return (f"SELECT {dims}, SUM(n), SUM(CASE WHEN patent_type = 'invention' THEN n ELSE 0 END) "
            f'FROM "{TEMP}" GROUP BY {dims}')


def years_sql() -> str:
    """inventor_year_cube's rows (YEAR_COLUMNS order) from TEMP."""
    return f'SELECT {", ".join(YEAR_COLUMNS)} FROM "{TEMP}"'


def drop() -> None:
    db.execute_sql(f'DROP TABLE IF EXISTS "{TEMP}"')


TABLES = ((InventorCube, COLUMNS, totals_sql), (InventorYearCube, YEAR_COLUMNS, years_sql))


def build() -> None:
    """Recompute both tables (inside the caller's transaction), splitting the lists once."""
    try:
        _load(None)
        for model, columns, rows in TABLES:
            model.delete().execute()
            db.execute_sql(f'INSERT INTO "{model._meta.table_name}" ({", ".join(columns)}) '
                           f"{rows()}")
    finally:
        drop()


def emit_totals(only: pw.Node, insert) -> None:
    """core.cubes.delta's emitters: the rows of the patents `only` selects."""
    _emit(only, insert, totals_sql)


def emit_years(only: pw.Node, insert) -> None:
    _emit(only, insert, years_sql)


_shared = threading.local()  # inside shared(): TEMP holds the batch's rows for both tables


@contextmanager
def shared(only: pw.Node) -> Iterator[None]:
    """While the block runs, both emitters read one split of the lists of the patents `only`
    selects (core.cubes.delta emits both tables of each batch inside it)."""
    _load(only)
    _shared.on = True
    try:
        yield
    finally:
        _shared.on = False
        drop()


def _emit(only: pw.Node, insert, rows) -> None:
    if getattr(_shared, "on", False):
        insert(rows())
        return
    try:
        _load(only)
        insert(rows())
    finally:
        drop()
