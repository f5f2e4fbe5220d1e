"""Set-based database helpers for the importers: chunked lookups, name upserts, bulk updates.
All of them run inside the caller's transaction."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from core.db import bulk_insert, db
from core.db.models import Agency, Holder, Patent
from core.db.sql import chunks as _chunks
from core.importer.values import holder_kind, is_domestic, norm_name

CHUNK = 900  # below SQLite's oldest variable limit (999)


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    return _chunks(items, size)


def bulk_update(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """UPDATE model SET columns… WHERE id = ? for each row (values in `columns` order, then id)."""
    fields = [model._meta.fields[c] for c in columns]
    marks = ", ".join(f'"{f.column_name}" = {db.obj.param}' for f in fields)
    sql = f'UPDATE "{model._meta.table_name}" SET {marks} WHERE "id" = {db.obj.param}'
    batch = [tuple(f.db_value(v) for f, v in zip(fields, row[:-1])) + (row[-1],) for row in rows]
    if batch:
        db.obj.cursor().executemany(sql, batch)
    return len(batch)


def holder_ids(names: Iterable[str], addresses: dict | None = None) -> dict[str, int]:
    """norm_name → Holder id for every name, creating missing holders (kind guessed; address,
    address_ref and region codes from `addresses`: norm_name → (raw, address id, province, city,
    county, street)). Existing holders are not touched: a checker may have corrected their kind
    or region."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(norm_name(name), name)
    wanted.pop("", None)
    addresses = addresses or {}
    ids = _ids(Holder, list(wanted))
    missing = [(wanted[n][:255], n[:255], holder_kind(wanted[n]), is_domestic(wanted[n]),
                *addresses.get(n, (None,) * 6)) for n in wanted if n not in ids]
    if missing:
        bulk_insert(Holder, ["name", "norm_name", "kind", "domestic", "address", "address_ref",
                             "province_code", "city_code", "county_code", "street_code"], missing)
        ids.update(_ids(Holder, [m[1] for m in missing]))
    return ids


def agency_ids(names: Iterable[str]) -> dict[str, int]:
    """norm_name → Agency id, creating missing agencies."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(norm_name(name), name)
    wanted.pop("", None)
    ids = _ids(Agency, list(wanted))
    missing = [(wanted[n][:255], n[:255]) for n in wanted if n not in ids]
    if missing:
        bulk_insert(Agency, ["name", "norm_name"], missing)
        ids.update(_ids(Agency, [m[1] for m in missing]))
    return ids


def _ids(model, norms: list[str]) -> dict[str, int]:
    table = model._meta.table_name
    return {norm: pk for pk, norm in select_in(f'SELECT "id", "norm_name" FROM "{table}"',
                                               '"norm_name"', norms)}


def select_in(sql: str, column: str, keys: list, extra: str = "") -> Iterator[tuple]:
    """Rows of `sql WHERE column IN (keys…) extra`, in chunks (raw SQL: peewee's query builder
    costs more than the query itself for thousands of parameters)."""
    param = db.obj.param
    for part in chunks(keys):
        marks = ", ".join([param] * len(part))
        yield from db.obj.execute_sql(f"{sql} WHERE {column} IN ({marks}) {extra}", part)


def patents_by_app_no(app_nos: list[str], columns=()) -> dict[str, dict]:
    """app_no → {id, app_no, pub_no, grant_no, *columns} of stored patents."""
    return {row["app_no"]: row for row in _patent_rows(sorted(set(app_nos)), columns,
                                                       '"app_no"')}


def patents_by_pub_no(pub_nos: list[str], columns=(), without_app_no: bool = False
                      ) -> dict[str, dict]:
    """document number → stored patent, matching publication or grant numbers (lowest id first).
    without_app_no: only patents stored without an application number (a record with one can
    only be such a patent)."""
    keys = sorted(set(pub_nos))
    extra = 'AND "app_no" IS NULL' if without_app_no else ""
    rows = [*_patent_rows(keys, columns, '"pub_no"', extra),
            *_patent_rows(keys, columns, '"grant_no"', extra)]
    out: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        for number in (row["pub_no"], row["grant_no"]):
            if number:
                out.setdefault(number, row)
    return out


def _patent_rows(keys: list[str], columns, column: str, extra: str = "") -> Iterator[dict]:
    names = list(dict.fromkeys(("id", "app_no", "pub_no", "grant_no", *columns)))
    fields = [Patent._meta.fields[n] for n in names]
    select = ", ".join(f'"{f.column_name}"' for f in fields)
    for values in select_in(f'SELECT {select} FROM "patent"', column, keys, extra):
        yield {n: f.python_value(x) for n, f, x in zip(names, fields, values)}
