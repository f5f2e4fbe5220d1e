"""inventor_cube: patents per inventor — one row per (province, city, county, first holder,
inventor) with its patents and inventions over all time — so that 区域核心发明人
(core.stats.teams) reads a few of a region's rows instead of splitting every patent's inventor
list.

An inventor is a name within the first holder (split_inventors: each name once per patent); a
patent without a first holder or without inventors has no row. The lists are split in Python
(the one definition the live path uses too), their rows counted into a temporary table, and the
table's rows go out as a SELECT like every other summary table's (core.cubes.delta adds and
subtracts them for changed patents; core.cubes.rebuild writes them all).
"""
from __future__ import annotations

import peewee as pw

from core.db import db
from core.db.models import InventorCube, Patent
from core.db.sql import load_temp

TEMP = "inventor_rows"
DIMS = ("province_code", "city_code", "county_code", "holder_id", "name")
COLUMNS = (*DIMS, "n", "n_invention")
_TYPES = [("province_code", "VARCHAR(2)"), ("city_code", "VARCHAR(4)"),
          ("county_code", "VARCHAR(6)"), ("holder_id", "INTEGER"), ("name", "TEXT"),
          ("n", "INTEGER"), ("n_invention", "INTEGER")]


def split_inventors(text: str | None) -> list[str]:
    """The names of a stored inventor list ("甲; 乙;丙"), each once, in order."""
    return list(dict.fromkeys(n.strip() for n in (text or "").split(";") if n.strip()))


def _counts(only: pw.Node | None) -> dict[tuple, list[int]]:
    """(province, city, county, holder, name) → [patents, inventions]."""
    query = (Patent.select(Patent.province_code, Patent.city_code, Patent.county_code,
                           Patent.first_holder, Patent.patent_type, Patent.inventors)
             .where(Patent.first_holder.is_null(False) & Patent.inventors.is_null(False)))
    if only is not None:
        query = query.where(Patent.id.in_(only))
    counts: dict[tuple, list[int]] = {}
    for province, city, county, holder, ptype, text in query.tuples().iterator():
        invention = ptype == "invention"
        for name in split_inventors(text):
            pair = counts.setdefault((province, city, county, holder, name), [0, 0])
            pair[0] += 1
            pair[1] += invention
    return counts


def rows(only: pw.Node | None) -> str:
    """SQL of the cube's rows (in COLUMNS order) counting the patents whose ids `only` selects
    (all when None), loaded into a temporary table; the caller drops it (drop())."""
    load_temp(TEMP, _TYPES, ((*key, *n) for key, n in _counts(only).items()))
    return f'SELECT {", ".join(COLUMNS)} FROM "{TEMP}"'


def drop() -> None:
    db.execute_sql(f'DROP TABLE IF EXISTS "{TEMP}"')


def build() -> None:
    """Recompute the cube (inside the caller's transaction)."""
    InventorCube.delete().execute()
    try:
        db.execute_sql(f'INSERT INTO "{InventorCube._meta.table_name}" ({", ".join(COLUMNS)}) '
                       f"{rows(None)}")
    finally:
        drop()


def emit(only: pw.Node, insert) -> None:
    """core.cubes.delta's emitter: the rows of the patents `only` selects."""
    try:
        insert(rows(only))
    finally:
        drop()
