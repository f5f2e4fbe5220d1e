"""The data version (core.db.version): every kind of write raises it inside its own transaction,
a refused or rolled-back write leaves it, and another connection sees the new number at once."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.config import catalog, params
from core.cubes import rebuild as cubes
from core.db import make_database, version
from core.db.models import Holder
from core.importer.batch import import_file
from core.regions import custom, watch
from core.resolver import addresses, decisions, resolve_pending
from core.stats import holders
from jobs import runner

DATA = Path(__file__).resolve().parent / "data" / "import"
QUEUED = "江苏省苏州市工业园区星湖街328号"  # the resolver queues it (no street named)
LOUFENG = "320576050"
PARK = ["320576050", "320506004"]
NOW = dt.datetime(2026, 11, 24, 2, 0, 0)


def _queued_address() -> int:
    address_id = addresses.intern([QUEUED])[QUEUED]
    resolve_pending()
    return address_id


def _holder() -> Holder:
    return Holder.create(name="苏州甲科技有限公司", norm_name="苏州甲科技有限公司")


def _job(name: str):
    return lambda: runner.run_now(runner.available()[name], clock=lambda: NOW)


def _import():
    return lambda: import_file(DATA / "cnipa.xlsx")


def _address_decision():
    address_id = _queued_address()
    return lambda: decisions.decide(address_id, LOUFENG, "checker", alias="星湖街")


def _undo():
    audit_id = decisions.decide(_queued_address(), LOUFENG, "checker")
    return lambda: decisions.undo(audit_id, "checker")


def _holder_region():
    holder_id = _holder().id
    return lambda: decisions.set_holder_region(holder_id, LOUFENG, "checker")


def _new_address_placed():
    addresses.intern(["江苏省苏州市吴中区木渎镇金枫路216号"])
    return resolve_pending


def _tag():
    holder_id = _holder().id
    return lambda: holders.update_holder(holder_id, "checker", tags=["高新技术企业"])


def _parameter():
    return lambda: catalog.save("population", "1296.5", region="3205", year=2025, by="admin")


def _custom_region_change():
    code = custom.create("东部片区", "3205", PARK, "admin")
    return lambda: custom.update(code, "东部科创片区", "3205", PARK, "admin")


def _custom_region_delete():
    code = custom.create("东部片区", "3205", PARK, "admin")
    return lambda: custom.delete(code, "admin")


def _watch_remove():
    item = watch.add("region", "3201", "admin")
    return lambda: watch.remove(item.id, "admin")


WRITES = {
    "import": _import,
    "address decision": _address_decision,
    "undo of a decision": _undo,
    "holder region": _holder_region,
    "new addresses placed": _new_address_placed,
    "holder tags": _tag,
    "parameter": _parameter,
    "custom region added": lambda: lambda: custom.create("东部片区", "3205", PARK, "admin"),
    "custom region changed": _custom_region_change,
    "custom region deleted": _custom_region_delete,
    "watch item added": lambda: lambda: watch.add("region", "3201", "admin"),
    "watch item removed": _watch_remove,
    "job refresh_status": lambda: _job("refresh_status"),
    "job refresh_alerts": lambda: _job("refresh_alerts"),
    "job indicator_snapshot": lambda: _job("indicator_snapshot"),
    "summary-table rebuild": lambda: cubes.rebuild,
}


@pytest.mark.parametrize("kind", WRITES)
def test_every_kind_of_write_raises_the_version(db, kind):
    write = WRITES[kind]()
    before = version.current()
    write()
    assert version.current() > before


def _refuse(func, error=ValueError):
    def run():
        with pytest.raises(error):
            func()
    return run


REFUSED = {
    "dry-run import": lambda: import_file(DATA / "cnipa.xlsx", dry_run=True),
    "invalid parameter": _refuse(lambda: catalog.save("population", "abc", "3205", 2025)),
    "custom region outside the divisions": _refuse(
        lambda: custom.create("片区", "3205", ["999999"], "admin")),
    "watch of an unknown region": _refuse(lambda: watch.add("region", "9999", "admin")),
    "decision on an unknown street": _refuse(lambda: decisions.decide(1, "999999999", "x")),
}


@pytest.mark.parametrize("kind", REFUSED)
def test_a_refused_write_leaves_the_version(db, kind):
    before = version.current()
    REFUSED[kind]()
    assert version.current() == before


def test_an_unchanged_holder_and_an_idle_address_job_leave_the_version(db):
    holder_id = _holder().id
    before = version.current()
    assert holders.update_holder(holder_id, "checker", tags=[]) == {}
    assert resolve_pending()["addresses"] == 0
    assert version.current() == before


def test_a_rolled_back_write_leaves_the_version(db):
    before = version.current()
    with pytest.raises(RuntimeError), db.atomic():
        params.set_value("population", 1000, "3205", 2025)
        raise RuntimeError("cancel")
    assert version.current() == before


def test_another_connection_sees_each_committed_write(db, db_url):
    other = make_database(db_url)
    other.connect()
    try:
        seen = [other.execute_sql("SELECT version FROM data_version").fetchone()[0]]
        for value in (1000, 1100):
            params.set_value("population", value, "3205", 2025)
            seen.append(other.execute_sql("SELECT version FROM data_version").fetchone()[0])
    finally:
        other.close()
    assert seen == [version.current() - 2, version.current() - 1, version.current()]
