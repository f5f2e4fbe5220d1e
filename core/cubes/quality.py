"""quality_cube and quality_year_cube: the counts of 申请质量监测 (core.monitor.quality) per
subject — 'holder' (the first holder) or 'agency' — county and patent type, over all time
(quality_cube) and per filing year (quality_year_cube), so that a ranking reads a few rows per
subject instead of grouping the region's patents.

The measures, each a count of patents (the definitions core.monitor.quality's live path uses):
- n: filings; n_closed, n_granted, n_rejected, n_withdrawn: the closed invention cases (结案) and
  of them the granted, the rejected and the withdrawn ones (granted wins over a status reason);
- per year only: n_grant_any, the granted patents of any type, and n_kept_N (N = 3, 5, 10), those
  of them still in force N years after filing (valid now, or lapsed on or after that
  anniversary). Whether a grant is old enough to count (filed at least N years before the day
  of the ranking) depends on the day: readers add the whole years before the boundary year from
  the cube and read the boundary year's patents live.
Patents without the subject have no row. Rows add up over disjoint sets of patents, so
core.cubes.delta keeps both tables like the others; core.cubes.rebuild writes them.
"""
from __future__ import annotations

import peewee as pw
from peewee import fn

from core.db.models import Patent, QualityCube, QualityYearCube
from core.db.sql import add_years, count_if

SUBJECT_KEYS = {"holder": Patent.first_holder, "agency": Patent.agency}
YEARS = (3, 5, 10)
DIMS = ("subject", "subject_id", "province_code", "city_code", "county_code", "patent_type")
TOTALS = ("n", "n_closed", "n_granted", "n_rejected", "n_withdrawn")
KEPT = ("n_grant_any", *[f"n_kept_{n}" for n in YEARS])
COLUMNS = (*DIMS, *TOTALS)
YEAR_COLUMNS = (*DIMS, "app_year", *TOTALS, *KEPT)


def granted() -> pw.Expression:
    return Patent.grant_date.is_null(False)


def kept_past(years: int) -> pw.Expression:
    """In force `years` years after filing: valid now, or lapsed on or after that anniversary."""
    return (Patent.status == "valid") | (Patent.lapse_date >= add_years(Patent.app_date, years))


def total_measures() -> list[pw.Node]:
    """The TOTALS of a group of patents, in order."""
    inv = Patent.patent_type == "invention"
    rejected, withdrawn = Patent.status_reason == "rejected", Patent.status_reason == "withdrawn"
    return [fn.COUNT(Patent.id), count_if(inv & (granted() | rejected | withdrawn)),
            count_if(inv & granted()), count_if(inv & ~granted() & rejected),
            count_if(inv & ~granted() & withdrawn)]


def kept_measures() -> list[pw.Node]:
    """The KEPT counts of a group of patents, in order."""
    return [count_if(granted()), *[count_if(granted() & kept_past(n)) for n in YEARS]]


def _selects(only: pw.Node | None, yearly: bool) -> list[pw.Select]:
    out = []
    for subject, key in SUBJECT_KEYS.items():
        dims = [key, Patent.province_code, Patent.city_code, Patent.county_code,
                Patent.patent_type, *([Patent.app_year] if yearly else [])]
        measures = total_measures() + (kept_measures() if yearly else [])
        select = (Patent.select(pw.Value(subject), *dims, *measures)
                  .where(key.is_null(False)).group_by(*dims))
        out.append(select if only is None else select.where(Patent.id.in_(only)))
    return out


def totals_rows(only: pw.Node | None) -> list[pw.Select]:
    """quality_cube's rows (COLUMNS order) of the patents whose ids `only` selects (all: None)."""
    return _selects(only, yearly=False)


def year_rows(only: pw.Node | None) -> list[pw.Select]:
    """quality_year_cube's rows (YEAR_COLUMNS order)."""
    return _selects(only, yearly=True)


def build() -> None:
    """Recompute both tables (inside the caller's transaction)."""
    for model, columns, rows in ((QualityCube, COLUMNS, totals_rows),
                                 (QualityYearCube, YEAR_COLUMNS, year_rows)):
        model.delete().execute()
        for select in rows(None):
            model.insert_from(select, [getattr(model, c) for c in columns]).execute()


def emit_totals(only: pw.Node, insert) -> None:
    """core.cubes.delta's emitters: the rows of the patents `only` selects."""
    for select in totals_rows(only):
        insert(select)


def emit_years(only: pw.Node, insert) -> None:
    for select in year_rows(only):
        insert(select)
