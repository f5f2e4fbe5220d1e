"""Versioned parameters: the value in force on a date is the row with the latest effective_from
on or before it. Values are JSON. Keys in use are listed in KNOWN with their meaning."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from core.audit import AuditEvent, record
from core.db import db
from core.models import Parameter

KNOWN = {
    "population": "year-end resident population of a region, in 10,000 persons (万人)",
    "gdp": "GDP of a region, in 100 million yuan (亿元)",
    "target": "indicator targets of a region and year: {indicator_key: value}",
}


def get(key: str, region_code: str = "", year: int | None = None,
        on: dt.date | None = None, default: Any = None) -> Any:
    row = current_row(key, region_code, year, on)
    return default if row is None else json.loads(row.value)


def current_row(key: str, region_code: str = "", year: int | None = None,
                on: dt.date | None = None) -> Parameter | None:
    on = on or dt.date.today()
    query = Parameter.select().where((Parameter.key == key)
                                     & (Parameter.region_code == (region_code or ""))
                                     & (Parameter.effective_from <= on))
    query = query.where(Parameter.year.is_null() if year is None else Parameter.year == year)
    return query.order_by(Parameter.effective_from.desc(), Parameter.id.desc()).first()


def set_value(key: str, value: Any, region_code: str = "", year: int | None = None,
              effective_from: dt.date | None = None, source: str | None = None,
              note: str | None = None, is_demo: bool = False, by: str | None = None) -> Parameter:
    """Add a new version (older versions stay for history); audited."""
    with db.atomic():
        row = Parameter.create(key=key, region_code=region_code or "", year=year,
                               value=json.dumps(value, ensure_ascii=False),
                               effective_from=effective_from or dt.date(2000, 1, 1),
                               source=source, note=note, is_demo=is_demo, created_by=by)
        record(AuditEvent(by, "change", "parameter", str(row.id),
                          f"{key}/{region_code}/{year}", payload={"value": value}))
    return row


def history(key: str, region_code: str = "", year: int | None = None) -> list[dict]:
    query = Parameter.select().where((Parameter.key == key)
                                     & (Parameter.region_code == (region_code or "")))
    if year is not None:
        query = query.where(Parameter.year == year)
    return list(query.order_by(Parameter.effective_from, Parameter.id).dicts())
