"""SQLite under an office's load: sessions reading the statistics while the nightly jobs (each in
its own thread, as a "run now" beside the runner) and two imports with their follow-up steps
write to the same file. Writers take turns (BEGIN IMMEDIATE); nothing answers "database is
locked", every job run is recorded, every import is complete."""
from __future__ import annotations

import datetime as dt
import threading
import traceback

import openpyxl
import pytest

from core import db as core_db
from core.db.models import ImportBatch, JobRun, Patent
from core.importer.batch import import_file
from core.regions.query import Scope
from core.rules.numbers import check_char
from core.stats import overview, regions, trend
from jobs import runner
from tests.conftest import _sqlite_copy

READERS = 5
JOBS = ("refresh_status", "refresh_alerts", "indicator_snapshot")
ROUNDS = 2
ROWS = 60
HEADER = ["申请号", "申请日", "发明名称", "申请（专利权）人", "申请人地址"]
STREETS = ["江苏省苏州市吴中区木渎镇金枫路216号", "江苏省苏州市工业园区星湖街328号",
           "江苏省苏州市虎丘区狮山街道长江路88号"]


def _patent_file(path, first: int) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i in range(first, first + ROWS):
        digits = f"2019{1 + i % 2}{i:07d}"
        sheet.append([f"CN{digits}.{check_char(digits)}", dt.date(2019, 1 + i % 12, 1 + i % 28),
                      f"一种装置{i}", f"苏州测试{i % 7}科技有限公司", STREETS[i % len(STREETS)]])
    book.save(path)


@pytest.fixture
def office_db(sqlite_template, tmp_path):
    url = _sqlite_copy(sqlite_template, tmp_path)
    core_db.connect(url)
    files = [tmp_path / f"patents{n}.xlsx" for n in range(2)]
    for n, path in enumerate(files):
        _patent_file(path, n * ROWS)
    yield files
    core_db.db.obj.close()


def _guarded(errors: list, work) -> None:
    """Run `work` on this thread's own connection; any exception is kept for the test."""
    try:
        with core_db.db.connection_context():
            work()
    except Exception:
        errors.append(traceback.format_exc())


def _read_statistics(done: threading.Event) -> None:
    scope = Scope("3205", dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    while not done.is_set():
        overview.cards(scope, dt.date(2026, 11, 24))
        regions.table(scope)
        trend.applications(scope)


def test_readers_jobs_and_imports_share_one_sqlite_file(office_db):
    errors: list[str] = []
    reports = []
    specs = runner.available()
    done = threading.Event()

    def job(name):
        for _ in range(ROUNDS):
            runner.run_now(specs[name])

    def imports():
        for path in office_db:
            reports.append(import_file(path, username="admin"))

    writers = [threading.Thread(target=_guarded, args=(errors, lambda n=n: job(n))) for n in JOBS]
    writers.append(threading.Thread(target=_guarded, args=(errors, imports)))
    readers = [threading.Thread(target=_guarded, args=(errors, lambda: _read_statistics(done)))
               for _ in range(READERS)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=300)
    done.set()
    for thread in readers:
        thread.join(timeout=60)
    assert [t for t in readers + writers if t.is_alive()] == []
    assert errors == []
    runs = sorted(JobRun.select(JobRun.job, JobRun.status).tuples())
    assert runs == sorted((name, "ok") for name in JOBS for _ in range(ROUNDS))
    assert [(r.fatal, r.warnings, r.inserted, r.rejected) for r in reports] == [
        (None, [], ROWS, 0)] * len(office_db)
    assert [b.status for b in ImportBatch.select()] == ["done"] * len(office_db)
    assert Patent.select().count() == ROWS * len(office_db)
