"""Batch resolution at scale: intern 100,000 distinct addresses, then `resolve_pending` over
1,000,000 patents (and their holders), against a naive baseline in the same run (resolve every
patent's address text again and UPDATE patent rows one by one, timed on a sample and scaled).

    python bench/resolver_pending.py [--patents 1000000] [--addresses 100000] [--db URL]

Default database: a fresh SQLite file in a temp dir. With --db postgresql://… it uses a fresh
schema in that database (dropped afterwards).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from resolver_speed import addresses

from core import db as core_db
from core.db import bulk_insert
from core.db.models import Holder, Patent
from core.regions.divisions import load_divisions
from core.resolver import addresses as addr
from core.resolver import resolve_pending, resolve_text
from core.upkeep.bootstrap import upgrade_schema

SAMPLE = 20_000


def open_database(url: str | None) -> tuple[str, callable]:
    if not url:
        path = Path(tempfile.mkdtemp()) / "bench.db"
        return f"sqlite:///{path}", lambda: None
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = core_db.make_database(url)
    admin.execute_sql(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in url else "?"

    def drop():
        admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
    return f"{url}{sep}schema={schema}", drop


def seed(n_patents: int, texts: list[str]) -> dict[str, int]:
    started = time.perf_counter()
    ids = addr.intern(texts)
    print(f"intern {len(texts):,} addresses: {time.perf_counter() - started:.1f} s")
    rng = random.Random(3)
    holders = [(f"H{i}", f"H{i}", ids[t], t) for i, t in enumerate(texts[: len(texts) // 2])]
    with core_db.db.atomic():
        bulk_insert(Holder, ["name", "norm_name", "address_ref", "address"], holders)
    first = {t: i + 1 for i, t in enumerate(texts[: len(texts) // 2])}
    rows = []
    for n in range(n_patents):
        text = texts[n % len(texts)] if n < len(texts) else rng.choice(texts)
        rows.append((f"P{n}", "utility", "t", ids[text], text, first.get(text)))
    with core_db.db.atomic():
        bulk_insert(Patent, ["app_no", "patent_type", "title", "address_ref", "address",
                             "first_holder"], rows)
    print(f"seed {n_patents:,} patents: {time.perf_counter() - started:.1f} s")
    return ids


def naive_seconds(n_patents: int) -> float:
    """Per patent: resolve its text, UPDATE its row. Timed on SAMPLE patents, scaled."""
    sample = list(Patent.select(Patent.id, Patent.address).limit(SAMPLE).tuples())
    started = time.perf_counter()
    with core_db.db.atomic() as txn:
        for patent_id, text in sample:
            res = resolve_text(text)
            Patent.update(province_code=res.province_code, city_code=res.city_code,
                          county_code=res.county_code, street_code=res.street_code,
                          region_level=res.level).where(Patent.id == patent_id).execute()
        txn.rollback()  # leave the rows for resolve_pending
    return (time.perf_counter() - started) * n_patents / len(sample)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", type=int, default=1_000_000)
    parser.add_argument("--addresses", type=int, default=100_000)
    parser.add_argument("--db")
    args = parser.parse_args()
    url, cleanup = open_database(args.db)
    core_db.connect(url)
    try:
        upgrade_schema()
        load_divisions()
        seed(args.patents, addresses(args.addresses))
        naive = naive_seconds(args.patents)
        started = time.perf_counter()
        stats = resolve_pending()
        ours = time.perf_counter() - started
        print(f"resolve_pending: {ours:.1f} s  {stats}")
        print(f"naive per-patent baseline (scaled from {SAMPLE:,}): {naive:.1f} s")
        print(f"ratio naive / resolve_pending: {naive / ours:.1f}×")
    finally:
        core_db.db.close()
        cleanup()


if __name__ == "__main__":
    main()
