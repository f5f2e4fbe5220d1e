"""The importers' look-ups of stored patents (core.importer.store): a list without application
numbers finds its patents by publication or grant number, and every look-up seeks an index —
a scan of the patent table per 900 numbers took 10.6 s of a 13,086-row re-import at 1,000,000
patents before the grant number had one (migration step 42)."""
from __future__ import annotations

from core import db as core_db
from core.db.models import Patent
from core.importer import store
from tests.sql_plans import plan, recorded


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
    seen = recorded(db, monkeypatch)
    store.patents_by_pub_no(["CN108572939B", "CN208000001U"], ["title"])
    store.patents_by_pub_no(["CN108572939B"], without_app_no=True)
    assert len(seen) == 4
    for sql, params in seen:
        shown = plan(seen.execute, sql, params)
        if core_db.is_postgres():
            assert "Seq Scan" not in shown, (sql, shown)
        else:
            assert "SEARCH" in shown and "SCAN" not in shown, (sql, shown)
