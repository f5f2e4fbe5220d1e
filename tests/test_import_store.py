"""The importers' look-ups of stored patents (core.importer.store): a list without application
numbers finds its patents by publication or grant number, and every look-up seeks an index —
a scan of the patent table per 900 numbers took 10.6 s of a 13,086-row re-import at 1,000,000
patents before the grant number had one (migration step 42)."""
from __future__ import annotations

from core import db as core_db
from core.db.models import Patent
from core.importer import store


def _stored() -> None:
    Patent.create(patent_type="invention", title="甲", app_no="CN201810390462.7",
                  pub_no="CN108572939A", grant_no="CN108572939B")
    Patent.create(patent_type="utility", title="乙", pub_no="CN208000001U",
                  grant_no="CN208000001U")


def test_a_patent_is_found_by_its_publication_or_its_grant_number(db):
    _stored()
    found = store.patents_by_pub_no(["CN108572939B", "CN208000001U", "CN000000000A"], ["title"])
    assert {number: row["title"] for number, row in found.items()} == {
        "CN108572939A": "甲", "CN108572939B": "甲", "CN208000001U": "乙"}
    only = store.patents_by_pub_no(["CN108572939B", "CN208000001U"], without_app_no=True)
    assert set(only) == {"CN208000001U"}


def test_every_look_up_by_document_number_seeks_an_index(db, monkeypatch):
    _stored()
    seen: list[tuple[str, list]] = []
    execute = db.execute_sql
    monkeypatch.setattr(db, "execute_sql",
                        lambda sql, params=None: seen.append((sql, params)) or execute(sql, params))
    store.patents_by_pub_no(["CN108572939B", "CN208000001U"], ["title"])
    store.patents_by_pub_no(["CN108572939B"], without_app_no=True)
    assert len(seen) == 4
    for sql, params in seen:
        if core_db.is_postgres():
            plan = " ".join(r[0] for r in execute("SET enable_seqscan = off; EXPLAIN " + sql,
                                                  params).fetchall())
            assert "Seq Scan" not in plan, (sql, plan)
        else:
            plan = " ".join(r[-1] for r in execute("EXPLAIN QUERY PLAN " + sql, params))
            assert "SEARCH" in plan and "SCAN" not in plan, (sql, plan)
