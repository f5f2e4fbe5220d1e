"""Versioned parameters: the value in force on a date is the row with the latest effective_from
on or before it. Values are JSON. The keys in use, with their meaning, scope and default, are
the catalogue's (core.config.catalog)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import Parameter


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
        version.bump()
    return row


def history(key: str, region_code: str = "", year: int | None = None) -> list[dict]:
    query = Parameter.select().where((Parameter.key == key)
                                     & (Parameter.region_code == (region_code or "")))
    if year is not None:
        query = query.where(Parameter.year == year)
    return list(query.order_by(Parameter.effective_from, Parameter.id).dicts())
