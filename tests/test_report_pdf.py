"""The report converts to PDF with LibreOffice (skipped where `soffice` is absent): the pages are
there and the Chinese text is real text in an embedded CJK font, not boxes."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from core.reports.build import build
from core.reports.period import parse
from core.reports.render import to_docx

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_the_report_converts_to_pdf_with_chinese_text(db, tmp_path):
    report = build("3205", parse("2026Q3"), ["overview", "trend", "regions"], dt.date(2026, 12, 6))
    source = tmp_path / "report.docx"
    source.write_bytes(to_docx(report))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    pdf = (tmp_path / "report.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 2
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+Noto\w*CJK", pdf), "a CJK font is embedded"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True,
                              capture_output=True, text=True, timeout=60).stdout
        assert "苏州市2026年第三季度专利统计分析报告" in text.replace(" ", "")
        assert "口径" in text and f"第1页共{pages}页" in text.replace(" ", "")
