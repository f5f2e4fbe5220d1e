"""subject_total_cube and subject_year_cube: the filings of each subject — 'holder' (the first
holder) or 'agency' — per province and per city (region_code: the province's 2 digits or the
city's 4), all patent types together; over all time with 申请质量监测's closed invention cases
(subject_total_cube), and per filing year with the grants kept past years 3, 5 and 10
(subject_year_cube).

They answer the province and city questions of 非正常申请监测 (core.monitor.abnormal: the
subjects with at least so many filings in a year, an index range on (subject, region_code,
app_year, n)) and 申请质量监测 (core.monitor.quality: the subjects with at least the floor of
filings, an index range on (subject, region_code, n), and their kept shares), where grouping the
province's patents per subject took about a second at 5,000,000 patents. Counties, streets,
custom regions, some patent types and date ranges keep their paths (quality_cube, the patents).

The measures are those of core.cubes.quality (same definitions), plus n_invention. The holder's
kind is not a key: readers join it for the few rows they keep, so a change of kind needs no
upkeep here. Every measure is a sum of quality_year_cube's, so core.cubes.delta keeps both
tables from that table's delta (net_sql), without reading the patents again;
core.cubes.rebuild writes them (after step 41 alone: rebuild.build_added).
"""
from __future__ import annotations

import peewee as pw
from peewee import fn

from core.cubes import freshness
from core.cubes.quality import SUBJECT_KEYS, kept_measures, total_measures
from core.db.models import Patent, SubjectTotalCube, SubjectYearCube
from core.db.sql import count_if
from core.regions.scope import province_or_city

LEVELS = (Patent.province_code, Patent.city_code)  # region_code: one row per level
TOTALS = ("n", "n_invention", "n_closed", "n_granted", "n_rejected", "n_withdrawn")
KEPT = ("n_grant_any", "n_kept_3", "n_kept_5", "n_kept_10")
COLUMNS = ("subject", "region_code", "subject_id", *TOTALS)
YEAR_COLUMNS = ("subject", "region_code", "subject_id", "app_year", "n", *KEPT)


def usable(region: str | None) -> bool:
    """Whether readers may answer the region from these tables: they hold its rows and the
    summary tables are current (core.cubes.freshness)."""
    return province_or_city(region) and freshness.usable()


def _totals() -> list[pw.Node]:
    """TOTALS of a group of patents, in order (core.cubes.quality's definitions)."""
    count, *closed = total_measures()
    return [count, count_if(Patent.patent_type == "invention"), *closed]


def _selects(yearly: bool) -> list[pw.Select]:
    out = []
    for subject, key in SUBJECT_KEYS.items():
        for level in LEVELS:
            dims = [level, key, *([Patent.app_year] if yearly else [])]
            measures = [fn.COUNT(Patent.id), *kept_measures()] if yearly else _totals()
            out.append(Patent.select(pw.Value(subject), *dims, *measures)
                       .where(key.is_null(False), level.is_null(False)).group_by(*dims))
    return out


def totals_rows() -> list[pw.Select]:
    """subject_total_cube's rows (COLUMNS order) of every patent."""
    return _selects(yearly=False)


def year_rows() -> list[pw.Select]:
    """subject_year_cube's rows (YEAR_COLUMNS order)."""
    return _selects(yearly=True)


TABLES = ((SubjectTotalCube, COLUMNS, totals_rows), (SubjectYearCube, YEAR_COLUMNS, year_rows))


def build() -> None:
    """Recompute both tables (inside the caller's transaction)."""
    for model, columns, rows in TABLES:
        model.delete().execute()
        for select in rows():
            model.insert_from(select, [getattr(model, c) for c in columns]).execute()


def net_sql(delta: str, yearly: bool) -> str:
    """SQL: the net rows (COLUMNS or YEAR_COLUMNS, then `did`) of subject_total_cube
    (yearly=False) or subject_year_cube from quality_year_cube's delta table `delta` (its rows
    with their sign, sgn): its counts summed per province and per city — every measure here is
    a sum of quality_year_cube's (n_invention: n of the inventions) —, keys whose measures do
    not move left out. core.cubes.delta merges it instead of emitting rows from the patents
    (four more groupings of each batch's patents per table: 0.6 s CPU of a 10,000-row import
    at 1,000,000 patents on SQLite)."""
    keys = ["subject", "region_code", "subject_id", *(["app_year"] if yearly else [])]
    sums = {"n": "n", "n_invention": "CASE WHEN patent_type = 'invention' THEN n ELSE 0 END"}
    measures = ("n", *KEPT) if yearly else TOTALS
    signed = ", ".join(f"({sums.get(m, m)}) * sgn AS {m}" for m in measures)
    levels = " UNION ALL ".join(
        f"SELECT subject, {level.name} AS region_code, subject_id, app_year, {signed} "
        f'FROM "{delta}" WHERE {level.name} IS NOT NULL' for level in LEVELS)
    moved = " OR ".join(f"SUM({m}) <> 0" for m in measures)
    return (f"SELECT {', '.join(keys)}, {', '.join(f'SUM({m}) AS {m}' for m in measures)}, "
            f"ROW_NUMBER() OVER () AS did FROM ({levels}) u GROUP BY {', '.join(keys)} "
            f"HAVING {moved}")
