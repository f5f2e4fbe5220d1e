"""The 分析报告 page (AppTest): a viewer reads and downloads the archive but cannot generate; a
checker generates a report of the chosen period and sections, stored under the checker's name."""
import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.config import labels
from core.reports import archive, scheduled

ROOT = Path(__file__).resolve().parents[1]


def _page(role: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/reports.py"), default_timeout=120)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = role
    return at


def test_a_viewer_sees_the_archive_but_cannot_generate(app_env):
    scheduled.write_monthly("320506", dt.datetime(2026, 12, 5, 3))
    at = _page("viewer")
    at.run()
    assert not at.exception
    assert at.button(key="report_generate").disabled
    assert labels.REPORT_PAGE_STAFF_ONLY in [i.value for i in at.info]
    shown = at.dataframe[0].value
    assert shown.columns.tolist() == list(labels.REPORT_ARCHIVE_COLUMNS.values())
    assert shown.values.tolist()[0][:4] == ["吴中区2026年11月专利统计分析报告", "2026年11月", "吴中区",
                                           labels.REPORT_PAGE_JOB]
    assert len(at.get("download_button")) == 2  # the chosen archive report's .docx and .xlsx


def test_a_checker_generates_a_quarter_report_with_chosen_sections(app_env):
    at = _page("checker")
    at.run()
    assert not at.exception and not at.button(key="report_generate").disabled
    at.radio(key="report_kind").set_value("quarter").run()
    at.selectbox(key="report_year").set_value(2025)
    at.selectbox(key="report_quarter").set_value(3)
    at.multiselect(key="report_sections").set_value(["regions", "overview"])
    at.button(key="report_generate").click().run()
    assert not at.exception
    rows = archive.listing()
    assert [(r["region_code"], r["period"], r["sections"], r["created_by"]) for r in rows] == [
        ("3205", "2025Q3", "overview,regions", "checker")]
    assert at.success[0].value == labels.REPORT_PAGE_DONE.format(
        title="苏州市2025年第三季度专利统计分析报告")


def test_no_section_chosen_is_refused(app_env):
    at = _page("admin")
    at.run()
    at.multiselect(key="report_sections").set_value([]).run()
    assert at.button(key="report_generate").disabled
    assert labels.REPORT_PAGE_NO_SECTION in [w.value for w in at.warning]
