"""数据导入: upload a vendor export, check the detected mapping (and correct it), see the dry-run
summary and the row errors, download the error report, then import the valid rows or cancel."""
import pandas as pd
import streamlit as st

from core.config import labels
from core.importer import history, profiles
from core.importer.batch import KINDS, import_file
from core.importer.dialects import SOURCES
from core.importer.report import errors_xlsx
from ui import tables
from ui.guard import guard

guard(__file__)

AUTO = "auto"


def choices() -> tuple[str | None, str]:
    left, right = st.columns(2)
    kind = left.selectbox(labels.IMP_KIND_LABEL, [AUTO, *KINDS], key="imp_kind",
                          format_func=lambda k: labels.IMP_AUTO if k == AUTO else labels.IMP_KIND[k])
    source = right.selectbox(labels.IMP_SOURCE_LABEL, [AUTO, *SOURCES], key="imp_source",
                             format_func=lambda s: labels.IMP_AUTO if s == AUTO
                             else labels.IMP_SOURCE[s])
    return (None if kind == AUTO else kind), source


def dry_run(upload, kind, source, override):
    """Dry-run report of the upload, cached per file and choices (reruns are frequent)."""
    key = (upload.file_id, kind, source, tuple(sorted((override or {}).items())))
    cached = st.session_state.get("imp_dry")
    if cached and cached[0] == key:
        return cached[1], cached[2]
    path = history.save_upload(upload.name, upload.getvalue())
    report = import_file(path, kind=kind, source=source, dry_run=True, override=override,
                         display_name=upload.name, username=st.session_state.get("username"))
    st.session_state["imp_dry"] = (key, path, report)
    return path, report


def show_summary(report) -> None:
    for col, (name, label) in zip(st.columns(len(labels.IMP_COUNTS)), labels.IMP_COUNTS.items()):
        col.metric(label, f"{getattr(report, name):,}")
    for line in report.summary_lines(0)[1:]:
        if not line.startswith("  "):
            st.caption(line)


def edit_mapping(report) -> dict:
    """The detected mapping as an editable table; returns the override it now describes."""
    rows = history.mapping_rows(report.mapping, report.unmapped, report.kind)
    options = [*history.field_options(report.kind).values(), labels.IMP_IGNORE]
    edited = st.data_editor(
        pd.DataFrame(rows), key="imp_mapping", hide_index=True, width="stretch",
        disabled=["column"],
        column_config={"column": st.column_config.TextColumn(labels.IMP_COLUMN),
                       "target": st.column_config.SelectboxColumn(labels.IMP_TARGET,
                                                                  options=options)})
    return history.override_from_rows(edited.to_dict("records"), report.kind)


def offer_profiles(report, override) -> None:
    """The saved profiles (导入方案) for this header set; choosing one applies its mapping."""
    names = profiles.matching(report.headers, report.kind)
    if not names:
        return
    choice = st.selectbox(labels.IMP_PROFILE_OFFER, [labels.IMP_PROFILE_NONE, *names],
                          key="imp_profile")
    chosen = profiles.get(choice)
    if chosen and chosen["override"] != override:
        st.session_state["imp_override"] = chosen["override"]
        st.rerun()


def save_profile(report, override) -> None:
    left, right = st.columns(2)
    name = left.text_input(labels.IMP_PROFILE_NAME, key="imp_profile_name")
    if right.button(labels.IMP_PROFILE_SAVE, key="imp_profile_save"):
        if not name.strip():
            st.warning(labels.IMP_PROFILE_EMPTY)
            return
        profiles.save(name, report.kind, report.headers, override,
                      by=st.session_state.get("username"))
        st.success(labels.IMP_PROFILE_SAVED.format(profile=name.strip()))


def show_errors(report) -> None:
    if not report.errors and not report.limits and not report.skips:
        return
    if report.errors:
        frame = pd.DataFrame([e.__dict__ for e in report.errors[:500]])
        tables.show(frame.rename(columns=labels.IMP_ERROR_COLUMNS), hide_index=True)
    st.download_button(labels.IMP_ERROR_DOWNLOAD, errors_xlsx(report), key="imp_errors",
                       file_name=labels.IMP_ERROR_FILE.format(file=report.file_name))


def confirm(path, upload, kind, source, override) -> None:
    left, right = st.columns(2)
    if left.button(labels.IMP_CONFIRM, type="primary", key="imp_confirm"):
        report = import_file(path, kind=kind, source=source, override=override,
                             display_name=upload.name, username=st.session_state.get("username"))
        (st.error if report.failed else st.success)(report.summary_lines(0)[0])
        st.session_state.pop("imp_dry", None)
    if right.button(labels.IMP_CANCEL, key="imp_cancel"):
        st.info(labels.IMP_CANCELLED)


def show_history() -> None:
    st.subheader(labels.IMP_HISTORY)
    rows = history.history()
    if rows:
        tables.show(pd.DataFrame(rows).rename(columns=labels.IMP_HISTORY_COLUMNS),
                    hide_index=True)


st.header(labels.IMP_PAGE_TITLE)
kind, source = choices()
upload = st.file_uploader(labels.IMP_UPLOAD, type=["xlsx", "xls", "csv", "txt"], key="imp_file")
if upload is not None:
    override = st.session_state.get("imp_override")
    path, report = dry_run(upload, kind, source, override)
    if report.fatal:
        st.error(report.fatal)
    else:
        st.subheader(labels.IMP_DRY_RUN)
        show_summary(report)
    if report.headers:  # also when required columns are missing: map them here
        st.markdown(f"**{labels.IMP_MAPPING_EDIT}**")
        offer_profiles(report, override)
        new_override = edit_mapping(report)
        if new_override != (override or history.override_from_rows(
                history.mapping_rows(report.mapping, report.unmapped, report.kind),
                report.kind)):
            st.session_state["imp_override"] = new_override
            st.rerun()
        save_profile(report, new_override)
    if not report.fatal:
        show_errors(report)
        confirm(path, upload, report.kind if kind is None else kind, source, override)
show_history()
