"""The report archive and the scheduled monthly reports, on SQLite and PostgreSQL: what the job
writes, when, under which name, only once; files read back; the migration step's table."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
from docx import Document

from core.accounts import users
from core.config import params
from core.config import rules as ruleparams
from core.db import db as proxy
from core.db import migrations
from core.db.models import JobRun, ReportArchive, SchemaVersion
from core.reports import archive, scheduled
from core.reports.build import build
from core.reports.period import parse
from jobs import monthly_reports
from jobs.base import run_guarded

COUNTY = "320506"  # 吴中区: a county home region has one monthly report, its own


def test_a_city_gets_its_own_report_and_one_per_county():
    found = scheduled.regions_of("3205")
    assert found[0] == "3205" and "320506" in found and "320571" not in found
    assert all(len(code) == 6 and code.startswith("3205") for code in found[1:])
    assert scheduled.regions_of(COUNTY) == [COUNTY]


def test_the_job_writes_last_months_report_from_the_report_day_on_once(db, monkeypatch):
    monkeypatch.setenv("PATENT_HOME_REGION", COUNTY)
    before_day = run_guarded("monthly_reports", monthly_reports.run, dt.datetime(2026, 12, 4, 3))
    assert (before_day.status, before_day.message) == ("ok", "reports written: 0")
    on_day = run_guarded("monthly_reports", monthly_reports.run, dt.datetime(2026, 12, 5, 3))
    again = run_guarded("monthly_reports", monthly_reports.run, dt.datetime(2026, 12, 6, 3))
    assert [on_day.message, again.message] == ["reports written: 1", "reports written: 0"]
    rows = archive.listing()
    assert [(r["region_code"], r["period"], r["period_name"], r["created_by"]) for r in rows] == [
        (COUNTY, "2026-11", "2026年11月", "job:monthly_reports")]
    assert rows[0]["created_at"] == dt.datetime(2026, 12, 5, 3)
    assert rows[0]["author"] == "计划任务"
    assert rows[0]["sections"].split(",")[0] == "overview"
    assert JobRun.select().where(JobRun.status == "ok").count() == 3


def test_the_report_day_is_a_parameter(db, monkeypatch):
    monkeypatch.setenv("PATENT_HOME_REGION", COUNTY)
    params.set_value("monthly_report", {"day": 10}, effective_from=dt.date(2026, 1, 1))
    ruleparams.clear()
    assert scheduled.write_monthly(COUNTY, dt.datetime(2026, 12, 9, 3)) == 0
    assert scheduled.write_monthly(COUNTY, dt.datetime(2026, 12, 10, 3)) == 1


def test_stored_files_read_back_whole(db):
    scheduled.write_monthly(COUNTY, dt.datetime(2027, 1, 5, 3))
    row = archive.listing(region=COUNTY)[0]
    name, docx = archive.file(row["id"], "docx")
    assert name == "吴中区2026年12月专利统计分析报告.docx"
    assert Document(io.BytesIO(docx)).paragraphs[0].text == row["title"]
    name, xlsx = archive.file(row["id"], "xlsx")
    assert name.endswith(".xlsx") and openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames[0] == "目录"
    assert archive.file(row["id"] + 1, "docx") is None
    assert archive.listing(region="3205") == []
    users.create_user("li", "password-li-1", "checker", name="李四")
    report = build("3205", parse("2026"), ["overview"], dt.date(2027, 1, 6))
    archive.save(report, b"d", b"x", "li", dt.datetime(2027, 1, 6, 9))
    archive.save(report, b"d", b"x", "gone", dt.datetime(2027, 1, 6, 10))
    assert [(r["created_by"], r["author"]) for r in archive.listing(region="3205")] == [
        ("gone", "gone"), ("li", "李四")]  # a deleted account keeps its login name


def test_step_26_brings_the_archive_table(db):
    proxy.obj.execute_sql('DROP TABLE "report_archive"')
    SchemaVersion.delete().execute()
    SchemaVersion.create(version=25)
    assert migrations.upgrade() == [v for v, _ in migrations.STEPS if v > 25]
    assert ReportArchive.table_exists() and ReportArchive.select().count() == 0
