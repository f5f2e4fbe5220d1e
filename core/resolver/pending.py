"""Batch resolution: resolve every Address with status 'new' once, store the result, and push the
codes to every patent and holder that carries the address, with set-based UPDATEs."""
from __future__ import annotations

import json
import time

from core.db import db
from core.models import Address, now
from core.resolver import propagate

BATCH = 20000


def resolve_pending(limit: int | None = None) -> dict:
    """Resolve new addresses. Returns {addresses, auto, queued, patents, holders, seconds}."""
    from core.resolver import resolve_text, taught
    started = time.monotonic()
    taught.invalidate()
    query = (Address.select(Address.id, Address.normalized, Address.postcode)
             .where(Address.status == "new").order_by(Address.id))
    if limit:
        query = query.limit(limit)
    rows = list(query.tuples())
    stats = {"addresses": len(rows), "auto": 0, "queued": 0, "patents": 0, "holders": 0}
    stamp = now()
    for start in range(0, len(rows), BATCH):
        results = []
        for address_id, text, postcode in rows[start:start + BATCH]:
            res = resolve_text(f"{text} {postcode}" if postcode else text)
            stats["queued" if res.queued else "auto"] += 1
            results.append((address_id, res.province_code, res.city_code, res.county_code,
                            res.street_code, res.confidence, res.method,
                            "queued" if res.queued else "auto",
                            json.dumps(res.candidates, ensure_ascii=False) if res.candidates
                            else None, str(stamp)))
        with db.atomic():
            store(results)
            counts = propagate.apply_addresses([r[0] for r in results])
        stats["patents"] += counts["patents"]
        stats["holders"] += counts["holders"]
    stats["seconds"] = round(time.monotonic() - started, 2)
    return stats


RESULT_COLUMNS = [("id", "INTEGER PRIMARY KEY"), ("province_code", "VARCHAR(2)"),
                  ("city_code", "VARCHAR(4)"), ("county_code", "VARCHAR(6)"),
                  ("street_code", "VARCHAR(9)"), ("confidence", "REAL"), ("method", "VARCHAR(32)"),
                  ("status", "VARCHAR(12)"), ("candidates", "TEXT"), ("resolved_at", "TIMESTAMP")]


def store(results: list[tuple]) -> None:
    """Write (id, province, city, county, street, confidence, method, status, candidates,
    resolved_at) rows into `address` through a temporary table."""
    propagate.load_temp("_address_result", RESULT_COLUMNS, results)
    sets = ", ".join(f'{c} = r.{c}' for c, _ in RESULT_COLUMNS[1:])
    db.execute_sql(f'UPDATE address SET {sets} FROM "_address_result" r WHERE address.id = r.id')
    db.execute_sql('DROP TABLE "_address_result"')
