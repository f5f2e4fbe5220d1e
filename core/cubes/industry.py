"""The industry cube: patents per top-level industry × street × type × status × filing and grant
year (each patent once per industry), and the same for '*sei' — patents in at least one strategic
emerging industry — so that 产业统计 sums a few thousand rows instead of joining a million
patents to their industry links. Built by core.cubes.rebuild() from patent_industry (kept by
core.industries.assign, which the demo, imports and the nightly job run before the rebuild)."""
from __future__ import annotations

import peewee as pw
from peewee import fn

from core.db.models import IndustryCube, Patent, PatentIndustry
from core.rules.industries import top_level_expr

ANY_SEI = "*sei"
DIMS = ("province_code", "city_code", "county_code", "street_code", "patent_type", "status",
        "app_year", "grant_year")


def build() -> int:
    """Recompute the cube (inside the caller's transaction). Returns the rows written."""
    IndustryCube.delete().execute()
    for select in rows(None):
        IndustryCube.insert_from(select, columns()).execute()
    return IndustryCube.select().count()


def columns() -> list[pw.Field]:
    return [IndustryCube.industry, *(getattr(IndustryCube, d) for d in DIMS), IndustryCube.n]


def rows(only: pw.Node | None) -> list[pw.Select]:
    """SELECTs of the cube's rows counting the patents whose ids `only` selects (all when
    None). A patent counts once per (industry, dims) group, so the counts of disjoint sets of
    patents add up (core.cubes.delta)."""
    dims = [getattr(Patent, d) for d in DIMS]
    top, codes = top_level_expr(("sei", "local"))
    _, sei = top_level_expr(("sei",))
    out = []
    for key, allowed in ((top, codes), (pw.Value(ANY_SEI), sei)):
        select = (PatentIndustry.select(key, *dims, fn.COUNT(Patent.id.distinct()))
                  .join(Patent, on=(PatentIndustry.patent == Patent.id))
                  .where(PatentIndustry.industry_code.in_(allowed or [""]))
                  .group_by(*([] if isinstance(key, pw.Value) else [key]), *dims))
        if only is not None:
            select = select.where(PatentIndustry.patent.in_(only))
        out.append(select)
    return out
