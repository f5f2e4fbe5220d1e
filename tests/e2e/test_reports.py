"""分析报告 in a real browser: a checker generates last month's report of the home region and
downloads the Word file and its annex, which open and carry the report's title and tables."""
from __future__ import annotations

import datetime as dt
import re

import openpyxl
from docx import Document
from playwright.sync_api import expect

from core.config import labels
from core.regions import divisions
from core.reports.period import last_month
from tests.e2e.conftest import heading, open_page, screenshot


def test_a_checker_generates_and_downloads_a_report(app_url, page, facts, tmp_path):
    open_page(page, app_url, "reports", role="checker")
    expect(heading(page, labels.REPORT_PAGE_TITLE)).to_be_visible()
    page.get_by_role("button", name=labels.REPORT_PAGE_GENERATE).click()
    title = labels.REPORT_TITLE.format(region=divisions.names()[facts["home"]],
                                       period=last_month(dt.date.today()).name)
    expect(page.get_by_text(labels.REPORT_PAGE_DONE.format(title=title))).to_be_visible(
        timeout=120_000)
    downloads = {}
    for kind, label in (("docx", labels.REPORT_PAGE_DOCX), ("xlsx", labels.REPORT_PAGE_XLSX)):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=re.compile(re.escape(label))).first.click()
        downloads[kind] = tmp_path / f"report.{kind}"
        info.value.save_as(downloads[kind])
        assert info.value.suggested_filename == f"{title}.{kind}"
    screenshot(page, "reports")
    doc = Document(str(downloads["docx"]))
    assert doc.paragraphs[0].text == title
    assert len(doc.tables) >= 5 and len(doc.inline_shapes) >= 5
    book = openpyxl.load_workbook(downloads["xlsx"])
    assert book.sheetnames[0] == labels.REPORT_INDEX_SHEET and len(book.sheetnames) >= 6
