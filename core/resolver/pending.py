"""Batch resolution: resolve every Address with status 'new' once, store the result, and push the
codes to every patent and holder that carries the address, with set-based UPDATEs."""
from __future__ import annotations

import json
import time

from core.db import db, version
from core.db.models import Address, now
from core.db.sql import load_temp
from core.resolver import propagate, taught
from core.resolver.addresses import intern
from core.resolver.resolution import resolve_text

BATCH = 20000


def resolve_pending(limit: int | None = None) -> dict:
    """Resolve new addresses. Returns {addresses, auto, queued, patents, holders, seconds}."""
    started = time.monotonic()
    taught.invalidate()
    query = (Address.select(Address.id, Address.normalized, Address.postcode)
             .where(Address.status == "new").order_by(Address.id))
    if limit:
        query = query.limit(limit)
    rows = list(query.tuples())
    stats = {"addresses": len(rows), "auto": 0, "queued": 0, "patents": 0, "holders": 0}
    for start in range(0, len(rows), BATCH):
        results = resolve_rows(rows[start:start + BATCH])
        for r in results:
            stats[r[7]] += 1
        with db.atomic():
            store(results)
    if rows:
        with db.atomic():
            counts = propagate.apply_addresses([r[0] for r in rows])
            version.bump()
        stats["patents"], stats["holders"] = counts["patents"], counts["holders"]
    with db.atomic():
        # patents added since (e.g. written with intern_resolved) count in the queue order
        propagate.refresh_patent_counts("SELECT id FROM address WHERE status = 'queued'")
    stats["seconds"] = round(time.monotonic() - started, 2)
    return stats


def resolve_rows(rows: list[tuple]) -> list[tuple]:
    """(id, normalized, postcode) → (id, province, city, county, street, confidence, method,
    status, candidates JSON, resolved_at) with status 'auto' or 'queued'."""
    stamp = str(now())
    out = []
    for address_id, text, postcode in rows:
        res = resolve_text(f"{text} {postcode}" if postcode else text)
        out.append((address_id, res.province_code, res.city_code, res.county_code,
                    res.street_code, res.confidence, res.method,
                    "queued" if res.queued else "auto",
                    json.dumps(res.candidates, ensure_ascii=False) if res.candidates else None,
                    stamp))
    return out


def intern_resolved(raws) -> dict[str, tuple]:
    """Like core.addresses.intern, but new addresses are resolved at once, so callers can write
    patents and holders with their region already set (resolve_pending then has nothing to
    update). Returns raw → (address id, province, city, county, street, region_level)."""
    ids = intern(raws)
    wanted = set(ids.values())
    new = [r for r in Address.select(Address.id, Address.normalized, Address.postcode)
           .where(Address.status == "new").tuples() if r[0] in wanted]
    if new:
        with db.atomic():
            store(resolve_rows(new))
    codes = {}
    chunk = list(wanted)
    for start in range(0, len(chunk), 500):
        query = (Address.select(Address.id, Address.province_code, Address.city_code,
                                Address.county_code, Address.street_code)
                 .where(Address.id.in_(chunk[start:start + 500])))
        codes.update({r[0]: (*r, _level(r)) for r in query.tuples()})
    return {raw: codes[i] for raw, i in ids.items()}


def _level(row: tuple) -> str | None:
    for code, level in zip(row[4:0:-1], ("street", "county", "city", "province")):
        if code:
            return level
    return None


RESULT_COLUMNS = [("id", "INTEGER PRIMARY KEY"), ("province_code", "VARCHAR(2)"),
                  ("city_code", "VARCHAR(4)"), ("county_code", "VARCHAR(6)"),
                  ("street_code", "VARCHAR(9)"), ("confidence", "REAL"), ("method", "VARCHAR(32)"),
                  ("status", "VARCHAR(12)"), ("candidates", "TEXT"), ("resolved_at", "TIMESTAMP")]


def store(results: list[tuple]) -> None:
    """Write (id, province, city, county, street, confidence, method, status, candidates,
    resolved_at) rows into `address` through a temporary table."""
    load_temp("_address_result", RESULT_COLUMNS, results)
    sets = ", ".join(f'{c} = r.{c}' for c, _ in RESULT_COLUMNS[1:])
    db.execute_sql(f'UPDATE address SET {sets} FROM "_address_result" r WHERE address.id = r.id')
    db.execute_sql('DROP TABLE "_address_result"')
