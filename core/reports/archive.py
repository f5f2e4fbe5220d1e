"""The report archive (报告存档): generated reports kept with their region, period, sections, who
or which job made them and when; listed without their files, read back one file at a time."""
from __future__ import annotations

import datetime as dt

from core.config import labels
from core.db import db
from core.db.models import ReportArchive, User
from core.reports.model import Report
from core.reports.render import title

LIST_COLUMNS = ["id", "title", "region_code", "region_name", "period", "period_name", "sections",
                "created_by", "created_at"]
KINDS = {"docx": "docx", "xlsx": "xlsx"}
JOB_PREFIX = "job:"


def save(report: Report, docx: bytes, xlsx: bytes, by: str, at: dt.datetime) -> int:
    """Store a generated report (both files in one row, one transaction); returns its id."""
    ctx = report.context
    with db.atomic():
        row = ReportArchive.create(
            region_code=ctx.region, region_name=ctx.region_name, period=ctx.period.code,
            period_name=ctx.period.name, sections=",".join(s.key for s in report.sections),
            title=title(report), docx=docx, xlsx=xlsx, created_by=by, created_at=at)
    return row.id


def listing(limit: int = 200, region: str | None = None) -> list[dict]:
    """The newest reports first, without their files; `author` is the user's display name (or
    计划任务 for a job's report)."""
    fields = [getattr(ReportArchive, c) for c in LIST_COLUMNS]
    query = ReportArchive.select(*fields)
    if region:
        query = query.where(ReportArchive.region_code == region)
    rows = list(query.order_by(ReportArchive.created_at.desc(), ReportArchive.id.desc())
                .limit(limit).dicts())
    names = dict(User.select(User.username, User.name)
                 .where(User.username.in_({r["created_by"] for r in rows} or {""})).tuples())
    for row in rows:
        by = row["created_by"]
        row["author"] = labels.REPORT_PAGE_JOB if by.startswith(JOB_PREFIX) else names.get(by) or by
    return rows


def file(report_id: int, kind: str) -> tuple[str, bytes] | None:
    """(file name, bytes) of one stored file ("docx" or "xlsx"); None when there is no such report."""
    column = getattr(ReportArchive, KINDS[kind])
    row = (ReportArchive.select(ReportArchive.title, column)
           .where(ReportArchive.id == report_id).first())
    if row is None:
        return None
    return f"{row.title}.{kind}", bytes(getattr(row, kind))


def exists(region: str, period: str, by: str) -> bool:
    """Whether `by` already stored a report of this region and period (a job's rerun skips it)."""
    return ReportArchive.select().where((ReportArchive.region_code == region)
                                        & (ReportArchive.period == period)
                                        & (ReportArchive.created_by == by)).exists()
