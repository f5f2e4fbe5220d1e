"""Field sizes: a value longer than its database column is a row error naming the file's column,
never an IntegrityError, a silent cut, or two long names that collide once cut (an agency name
of 300 characters made every later import of the same file fail)."""
from __future__ import annotations

from functools import cache

import peewee as pw

from core.config import labels
from core.db.models import Agency, Holder
from core.importer.table import BadCell, Table
from core.importer.values import norm_name


def max_length(model, name: str) -> int | None:
    """The column's size when it is a sized text column (CharField), else None."""
    return _limits(model).get(name)


@cache
def _limits(model) -> dict[str, int]:
    return {name: field.max_length for name, field in model._meta.fields.items()
            if isinstance(field, pw.CharField)}


def check_values(table: Table, model, values: dict) -> None:
    """BadCell for the first value longer than the model's column."""
    limits = _limits(model)
    for name, value in values.items():
        limit = limits.get(name)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            raise _too_long(table.column(name), name, value, limit)


def check_names(table: Table, holders: list[str], agency: str | None) -> None:
    """BadCell for a holder or agency name (or its normalised key) longer than its column."""
    column = table.column("owners") or table.column("applicants")
    for name in holders:
        _check_name(column, "holders", name, Holder)
    if agency:
        _check_name(table.column("agency"), "agency", agency, Agency)


def _check_name(column: str | None, field: str, name: str, model) -> None:
    limit = min(max_length(model, "name"), max_length(model, "norm_name"))
    if max(len(name), len(norm_name(name))) > limit:
        raise _too_long(column, field, name, limit)


def _too_long(column: str | None, field: str, value: str, limit: int) -> BadCell:
    return BadCell(column, value, labels.IMP_R_FIELD_TOO_LONG.format(
        field=labels.IMP_FIELD.get(field, field), n=len(value), limit=limit))
