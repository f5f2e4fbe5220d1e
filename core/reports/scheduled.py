"""The scheduled monthly reports: from the configured day of each month (parameter
`monthly_report`, default the 5th), last month's report of the home region and of each county
under it (a city's counties; a county or street home region has only its own), stored in the
archive once each — a later run of the same month writes only what is missing."""
from __future__ import annotations

import datetime as dt

from core.config import rules as ruleparams
from core.regions import divisions
from core.regions.scope import canonical, is_custom
from core.reports import archive
from core.reports.build import build
from core.reports.period import last_month
from core.reports.render import to_docx, to_xlsx

JOB_NAME = "monthly_reports"


def report_day(on: dt.date) -> int:
    return int(ruleparams.value("monthly_report", on=on)["day"])


def regions_of(home: str) -> list[str]:
    """The home region, then each county under it when it is a city."""
    code = canonical(home)
    if is_custom(code) or len(code) != 4:
        return [code]
    return [code] + [c for c, _ in divisions.children(code)]


def write_monthly(home: str, now: dt.datetime) -> int:
    """Write and archive last month's missing reports when today is on or after the report day;
    returns how many were written."""
    today = now.date()
    if today.day < report_day(today):
        return 0
    period, by = last_month(today), archive.JOB_PREFIX + JOB_NAME
    written = 0
    for region in regions_of(home):
        if archive.exists(region, period.code, by):
            continue
        report = build(region, period, None, today)
        archive.save(report, to_docx(report), to_xlsx(report), by, now)
        written += 1
    return written
