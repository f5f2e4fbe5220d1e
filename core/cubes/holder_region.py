"""holder_region_cube: 权利人统计 of a province or a city at the grain its questions ask — one row
per region × first holder (with its kind) — so that a province's page reads index ranges instead
of grouping every row of holder_cube and probing quality_year_cube for each holder filing in the
period (0.4–1.3 M rows each at 5,000,000 patents).

A row counts the patents placed in the region (province_code or city_code: `region` holds the
code) whose first holder is the holder: n all of them, n_dated those with a filing date, valid
the valid ones and valid_* those by type. These measures add up over disjoint sets of patents,
so core.cubes.delta keeps them like every summary table (a row whose n reaches 0 is dropped).
first_date, the holder's earliest filing date in the region (its first patent there: the day
that makes it a new holder, core.stats.holders), is not a sum: the build takes it from the same
grouping, and after a change core.cubes.delta sets it again for the holders the change touched,
from their patents (refresh_first_dates: one index look-up each).
Counties and streets keep holder_cube and quality_year_cube (a county's rows are few).
"""
from __future__ import annotations

import time

import peewee as pw
from peewee import fn

from core.db import db
from core.db.models import Holder, HolderRegionCube, Patent
from core.db.sql import count_if, distinct_op

LEVELS = {2: "province_code", 4: "city_code"}  # a region code's length → the patent column
TYPES = ("invention", "utility", "design")
MEASURES = ("n", "n_dated", "valid", *[f"valid_{t}" for t in TYPES])  # n first: the merge
# drops a row whose first measure reaches 0
COLUMNS = ("region", "holder_id", "holder_kind", *MEASURES)  # what the delta adds and subtracts


def _grouped(only: pw.Node | None, regions: list[str], first_date: bool) -> pw.Select:
    """The patents (those whose ids `only` selects; all: None) grouped by the region columns
    `regions`, first holder and its kind: the region codes, holder, kind, MEASURES (and the
    first filing date when asked)."""
    valid = Patent.status == "valid"
    counts = [fn.COUNT(Patent.id), count_if(Patent.app_date.is_null(False)), count_if(valid),
              *[count_if(valid & (Patent.patent_type == t)) for t in TYPES]]
    measures = [count.alias(name) for count, name in zip(counts, MEASURES)]
    if first_date:
        measures.append(fn.MIN(Patent.app_date).alias("first_date"))
    dims = [*[getattr(Patent, r) for r in regions], Patent.first_holder, Holder.kind]
    query = (Patent.select(*dims[:-2], Patent.first_holder.alias("holder_id"),
                           Holder.kind.alias("holder_kind"), *measures)
             .join(Holder, on=(Patent.first_holder == Holder.id)).group_by(*dims))
    if len(regions) == 1:
        query = query.where(getattr(Patent, regions[0]).is_null(False))
    return query if only is None else query.where(Patent.id.in_(only))


def build() -> float:
    """Recompute the table (inside the caller's transaction); returns the seconds it took."""
    started = time.perf_counter()
    HolderRegionCube.delete().execute()
    fields = [getattr(HolderRegionCube, c) for c in (*COLUMNS, "first_date")]
    for level in LEVELS.values():
        HolderRegionCube.insert_from(_grouped(None, [level], first_date=True), fields).execute()
    return time.perf_counter() - started


BATCH = "holder_region_batch"  # a change's patents grouped once for both levels


def emit(only: pw.Node, insert) -> None:
    """core.cubes.delta's emitter: the rows (COLUMNS) of the patents `only` selects — grouped
    once by province, city and holder into a temporary table, then summed per level (one read
    of the patents, not one per level)."""
    levels = list(LEVELS.values())
    db.execute_sql(f'DROP TABLE IF EXISTS "{BATCH}"')
    sql, params = _grouped(only, levels, first_date=False).sql()
    db.execute_sql(f'CREATE TEMPORARY TABLE "{BATCH}" AS {sql}', params)
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    for column in levels:
        insert(f'SELECT {column}, holder_id, holder_kind, {sums} FROM "{BATCH}" '
               f"WHERE {column} IS NOT NULL GROUP BY {column}, holder_id, holder_kind")
    db.execute_sql(f'DROP TABLE "{BATCH}"')


def refresh_first_dates(keys: str) -> None:
    """Set first_date of the rows whose (region, holder_id) the temporary table `keys` lists,
    from the patents (after a change, its rows merged): for each, its holder's first patent
    placed in the region in filing-date order (core.db.models.HOLDER_DATE_INDEX). Only the
    rows whose date moves are written (most keep theirs: an index entry each spared)."""
    table, moved = HolderRegionCube._meta.table_name, f"{keys}_moved"
    firsts = " ".join(
        f"WHEN {length} THEN (SELECT p.app_date FROM patent p WHERE p.first_holder_id = "
        f"c.holder_id AND p.app_date IS NOT NULL AND p.{column} = c.region "
        f"ORDER BY p.app_date LIMIT 1)" for length, column in LEVELS.items())
    db.execute_sql(f'CREATE TEMPORARY TABLE "{moved}" AS SELECT c.id AS id, c.first_date AS '
                   f'was, CASE LENGTH(c.region) {firsts} END AS first_date FROM "{keys}" k '
                   f"CROSS JOIN {table} c WHERE c.region = k.region "  # SQLite: keys first
                   f"AND c.holder_id = k.holder_id")
    db.execute_sql(f'DELETE FROM "{moved}" WHERE NOT (first_date {distinct_op()} was)')
    db.execute_sql(f'UPDATE {table} SET first_date = (SELECT m.first_date FROM "{moved}" m '
                   f'WHERE m.id = {table}.id) WHERE id IN (SELECT id FROM "{moved}")')
    db.execute_sql(f'DROP TABLE "{moved}"')
