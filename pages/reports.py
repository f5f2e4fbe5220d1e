"""分析报告: pick a region (the shared filter bar), a period and the sections; staff generate the
Word report and its .xlsx annex (stored in the report archive); everyone downloads from the
archive. Generating is for staff only: it writes to the archive in the bureau's name and takes
up to a minute of the server on a large database."""
import datetime as dt

import pandas as pd
import streamlit as st

from core.config import labels
from core.reports import archive
from core.reports.build import SECTION_KEYS, build
from core.reports.period import PeriodError, last_month, parse
from core.reports.render import to_docx, to_xlsx
from ui import filters, tables
from ui.auth import current_roles, current_user
from ui.guard import guard
from ui.nav import STAFF

guard(__file__)

KINDS = ("month", "quarter", "half", "year", "custom")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period_text(today: dt.date) -> str:
    """The chosen period written as core.reports.period.parse reads it."""
    default = last_month(today)
    kind = st.radio(labels.REPORT_PAGE_KIND, KINDS, horizontal=True, key="report_kind",
                    format_func=labels.REPORT_PERIOD_KIND.get)
    if kind == "custom":
        picked = st.date_input(labels.REPORT_PAGE_RANGE, (default.start, default.end),
                               key="report_range")
        start, end = (tuple(picked) + (None, None))[:2]
        return f"{start}..{end or start}" if start else ""
    left, right = st.columns(2)
    years = list(range(today.year, today.year - 20, -1))
    year = left.selectbox(labels.REPORT_PAGE_YEAR, years, key="report_year",
                          index=years.index(default.start.year))
    if kind == "month":
        month = right.selectbox(labels.REPORT_PAGE_MONTH, range(1, 13), key="report_month",
                                index=default.start.month - 1, format_func=lambda m: f"{m}月")
        return f"{year}-{month:02d}"
    if kind == "quarter":
        part = right.selectbox(labels.REPORT_PAGE_QUARTER, (1, 2, 3, 4), key="report_quarter",
                               format_func=labels.REPORT_PAGE_QUARTERS.get)
        return f"{year}Q{part}"
    if kind == "half":
        part = right.selectbox(labels.REPORT_PAGE_HALF, (1, 2), key="report_half",
                               format_func=labels.REPORT_PAGE_HALVES.get)
        return f"{year}H{part}"
    return str(year)


def _downloads(report_id: int, key: str) -> None:
    left, right = st.columns(2)
    for column, kind, label, mime in ((left, "docx", labels.REPORT_PAGE_DOCX, DOCX),
                                      (right, "xlsx", labels.REPORT_PAGE_XLSX, XLSX)):
        found = archive.file(report_id, kind)
        if found:
            column.download_button(label, found[1], file_name=found[0], mime=mime,
                                   key=f"{key}_{kind}", icon=":material/download:")


def _generate(region: str, text: str, sections: list[str]) -> None:
    try:
        period = parse(text)
    except PeriodError as exc:
        st.error(str(exc))
        return
    with st.spinner(labels.REPORT_PAGE_WORKING):
        report = build(region, period, sections, dt.date.today())
        report_id = archive.save(report, to_docx(report), to_xlsx(report), current_user() or "",
                                 dt.datetime.now().replace(microsecond=0))
    st.session_state["report_made"] = report_id


def _archive() -> None:
    st.subheader(labels.REPORT_PAGE_ARCHIVE)
    rows = archive.listing()
    if not rows:
        st.info(labels.REPORT_PAGE_EMPTY)
        return
    frame = pd.DataFrame(rows)
    tables.show(frame[list(labels.REPORT_ARCHIVE_COLUMNS)].rename(
        columns=labels.REPORT_ARCHIVE_COLUMNS), hide_index=True, width="stretch")
    titles = {r["id"]: f"{r['title']} · {r['created_at']:%Y-%m-%d %H:%M}" for r in rows}
    chosen = st.selectbox(labels.REPORT_PAGE_PICK, list(titles), format_func=titles.get,
                          key="report_pick")
    if chosen is not None:
        _downloads(chosen, "archive")


st.header(labels.REPORT_PAGE_TITLE)
st.caption(labels.REPORT_PAGE_INTRO)
region = filters.scope_widgets(show_dates=False, show_types=False).region or filters.home_region()
text = _period_text(dt.date.today())
sections = st.multiselect(labels.REPORT_PAGE_SECTIONS, SECTION_KEYS, default=SECTION_KEYS,
                          format_func=labels.REPORT_SECTIONS.get, key="report_sections")
staff = bool(set(STAFF) & set(current_roles()))
if not staff:
    st.info(labels.REPORT_PAGE_STAFF_ONLY)
clicked = st.button(labels.REPORT_PAGE_GENERATE, type="primary", key="report_generate",
                    disabled=not staff or not sections, icon=":material/summarize:")
if clicked and staff:  # the role checked again on the server: a disabled button is only a hint
    _generate(region, text, sections)
if not sections:
    st.warning(labels.REPORT_PAGE_NO_SECTION)
made = st.session_state.get("report_made")
if made:
    found = archive.file(made, "docx")
    if found:
        st.success(labels.REPORT_PAGE_DONE.format(title=found[0].removesuffix(".docx")))
        _downloads(made, "made")
_archive()
