"""Region scope: turn a region code (province 2, city 4, county 6, street 9 digits, or a custom
region code) into a filter on the denormalised region columns of a table (patent by default)."""
from __future__ import annotations

from functools import reduce

import peewee as pw

from core.db.models import Patent, Region, RegionMember

# NBS changed the statistical code of 苏州工业园区 from 320571 to 320576 (2023 edition).
LEGACY_CODES = {"320571": "320576"}
COLUMN_BY_LENGTH = {2: "province_code", 4: "city_code", 6: "county_code", 9: "street_code"}


def canonical(code: str) -> str:
    code = str(code).strip()
    for old, new in LEGACY_CODES.items():
        if code.startswith(old):
            return new + code[len(old):]
    return code


def is_custom(code: str) -> bool:
    return not code.isdigit() or len(code) not in COLUMN_BY_LENGTH


def province_or_city(code: str | None) -> bool:
    """Whether `code` is a province's or a city's: the grain of the per-region summary tables
    (core.cubes.holder_region, core.cubes.subject); counties and streets are read otherwise."""
    return bool(code) and not is_custom(code) and len(code) in (2, 4)


def members(code: str) -> list[str]:
    """Member division codes of a custom region."""
    region = Region.get_or_none(Region.code == code)
    if region is None:
        return []
    return [m.member_code for m in RegionMember.select().where(RegionMember.region == region)]


def region_filter(code: str | None, model=Patent) -> pw.Expression | bool:
    """An expression selecting rows of `model` placed inside region `code` (None: everything)."""
    if not code:
        return True
    code = canonical(code)
    if not is_custom(code):
        return getattr(model, COLUMN_BY_LENGTH[len(code)]) == code
    return divisions_filter(members(code), model)


def divisions_filter(codes, model=Patent) -> pw.Expression | bool:
    """Rows of `model` placed inside any of the divisions `codes` (False: none given)."""
    by_column: dict[str, list[str]] = {}
    for member in codes:
        by_column.setdefault(COLUMN_BY_LENGTH[len(member)], []).append(member)
    if not by_column:
        return False
    parts = [getattr(model, col).in_(codes) for col, codes in by_column.items()]
    return reduce(lambda a, b: a | b, parts)


def child_column(code: str | None) -> str:
    """The column that splits region `code` into its sub-regions (city → county → street)."""
    if not code or is_custom(code):
        return "street_code" if code else "province_code"
    return {2: "city_code", 4: "county_code", 6: "street_code", 9: "street_code"}[len(code)]


def both(a, b):
    """a AND b, where True stands for "no condition" (as region_filter returns for no region)."""
    if a is True:
        return b
    if b is True:
        return a
    return a & b
