"""数据导入: upload a vendor export, check the detected mapping (and correct it), see the dry-run
summary and the row errors, download the error report, then import the valid rows or cancel."""
import hashlib

import pandas as pd
import streamlit as st

from core.config import labels
from core.importer import history, profiles, readers
from core.importer.batch import KINDS, import_file
from core.importer.dialects import SOURCES
from core.importer.report import errors_xlsx
from ui import tables
from ui.guard import guard
from ui.text import plain

guard(__file__)

AUTO = "auto"
# The widget's own line names the server's limit (server.maxUploadSize, far above the importer's)
# in English: the Chinese caption below it states the real one.
HIDE_SERVER_LIMIT = ("<style>.st-key-imp_file [data-testid='stFileUploaderDropzoneInstructions']"
                     "{display:none}</style>")


def choices() -> tuple[str | None, str]:
    left, right = st.columns(2)
    kind = left.selectbox(labels.IMP_KIND_LABEL, [AUTO, *KINDS], key="imp_kind",
                          format_func=lambda k: labels.IMP_AUTO if k == AUTO else labels.IMP_KIND[k])
    source = right.selectbox(labels.IMP_SOURCE_LABEL, [AUTO, *SOURCES], key="imp_source",
                             format_func=lambda s: labels.IMP_AUTO if s == AUTO
                             else labels.IMP_SOURCE[s])
    return (None if kind == AUTO else kind), source


def too_big(upload) -> bool:
    """Refuse an upload over the importer's limit with a Chinese message (Streamlit's own,
    English, answers only past server.maxUploadSize, set well above it)."""
    if upload.size <= readers.MAX_BYTES:
        return False
    st.error(plain(readers.too_big(upload.name, upload.size, readers.MAX_BYTES)))
    return True


def run_import(upload, **options):
    """import_file on the upload, written to a private file that is deleted right after."""
    with history.upload_file(upload.name, upload.getvalue()) as path:
        return import_file(path, display_name=upload.name,
                           username=st.session_state.get("username"), **options)


def dry_run(upload, kind, source, override):
    """Dry-run report of the upload, cached per file and choices (reruns are frequent)."""
    key = (upload.file_id, kind, source, tuple(sorted((override or {}).items())))
    cached = st.session_state.get("imp_dry")
    if cached and cached[0] == key:
        return cached[1]
    report = run_import(upload, kind=kind, source=source, dry_run=True, override=override)
    st.session_state["imp_dry"] = (key, report)
    return report


def show_summary(report) -> None:
    for col, (name, label) in zip(st.columns(len(labels.IMP_COUNTS)), labels.IMP_COUNTS.items()):
        col.metric(label, f"{getattr(report, name):,}")
    for line in report.summary_lines(0)[1:]:  # the mapping itself: the editable table below
        if not line.startswith("  ") and line != labels.IMP_MAPPING_HEAD:
            st.caption(plain(line))


def edit_mapping(report) -> dict:
    """The detected mapping as an editable table; returns the override it describes. An edit
    stores the new override through the editor's callback (before the next run, so the page is
    drawn once with it); each mapping gets its own editor key, so no edit outlives it."""
    rows = history.mapping_rows(report.mapping, report.unmapped, report.kind, report.headers)
    options = [*history.field_options(report.kind).values(), labels.IMP_IGNORE]
    key = "imp_mapping_" + hashlib.sha1(repr(rows).encode("utf-8")).hexdigest()[:12]
    st.data_editor(
        pd.DataFrame(rows), key=key, hide_index=True, width="stretch",
        disabled=["column"], on_change=_store_edits, args=(key, rows, report.kind),
        column_config={"column": st.column_config.TextColumn(labels.IMP_COLUMN),
                       "target": st.column_config.SelectboxColumn(labels.IMP_TARGET,
                                                                  options=options)})
    return history.override_from_rows(rows, report.kind)


def _store_edits(key: str, rows: list[dict], kind: str) -> None:
    edited = [dict(r) for r in rows]
    for index, change in st.session_state[key].get("edited_rows", {}).items():
        edited[int(index)].update(change)
    st.session_state["imp_override"] = history.override_from_rows(edited, kind)


def offer_profiles(report) -> None:
    """The saved profiles (导入方案) for this header set; choosing one applies its mapping."""
    names = profiles.matching(report.headers, report.kind)
    if names:
        st.selectbox(labels.IMP_PROFILE_OFFER, [labels.IMP_PROFILE_NONE, *names],
                     key="imp_profile", on_change=_apply_profile)


def _apply_profile() -> None:
    chosen = profiles.get(st.session_state["imp_profile"])
    if chosen:
        st.session_state["imp_override"] = chosen["override"]


def save_profile(report, override) -> None:
    left, right = st.columns(2)
    name = left.text_input(labels.IMP_PROFILE_NAME, key="imp_profile_name")
    if right.button(labels.IMP_PROFILE_SAVE, key="imp_profile_save"):
        if not name.strip():
            st.warning(labels.IMP_PROFILE_EMPTY)
            return
        profiles.save(name, report.kind, report.headers, override,
                      by=st.session_state.get("username"))
        st.success(labels.IMP_PROFILE_SAVED.format(profile=plain(name.strip())))


def show_errors(report) -> None:
    if not report.errors and not report.limits and not report.skips and not report.notes:
        return
    if report.errors:
        frame = pd.DataFrame([e.__dict__ for e in report.errors[:500]])
        tables.show(frame.rename(columns=labels.IMP_ERROR_COLUMNS), hide_index=True)
    if report.notes:
        st.markdown(f"**{labels.IMP_NOTES}**")
        frame = pd.DataFrame([e.__dict__ for e in report.notes[:500]])
        tables.show(frame.rename(columns=labels.IMP_ERROR_COLUMNS), hide_index=True,
                    key="imp_notes")
    st.download_button(labels.IMP_ERROR_DOWNLOAD, errors_xlsx(report), key="imp_errors",
                       file_name=labels.IMP_ERROR_FILE.format(file=report.file_name))


def confirm(upload, kind, source, override) -> None:
    left, right = st.columns(2)
    if left.button(labels.IMP_CONFIRM, type="primary", key="imp_confirm"):
        report = run_import(upload, kind=kind, source=source, override=override)
        st.session_state.pop("imp_dry", None)
        if report.failed:
            st.error(plain(report.summary_lines(0)[0]))
        else:  # drawn again without the dry run and its button: a second click re-imported
            st.session_state["imp_done"] = (upload.file_id, report.summary_lines(0)[0])
            st.rerun()
    if right.button(labels.IMP_CANCEL, key="imp_cancel"):
        st.info(labels.IMP_CANCELLED)


def show_done(upload) -> bool:
    """After this upload's import: its summary, and no dry run or confirm button again."""
    done = st.session_state.get("imp_done")
    if not done or done[0] != upload.file_id:
        return False
    st.success(plain(done[1]))
    st.info(labels.IMP_DONE_NEXT)
    return True


def show_history() -> None:
    st.subheader(labels.IMP_HISTORY)
    rows = history.history()
    if rows:
        tables.show(pd.DataFrame(rows).rename(columns=labels.IMP_HISTORY_COLUMNS),
                    hide_index=True)


st.header(labels.IMP_PAGE_TITLE)
kind, source = choices()
upload = st.file_uploader(labels.IMP_UPLOAD, type=["xlsx", "xls", "csv", "txt"], key="imp_file")
st.html(HIDE_SERVER_LIMIT)
st.caption(labels.IMP_UPLOAD_LIMIT.format(limit=readers.MAX_BYTES // readers.MB))
if upload is not None and not too_big(upload) and not show_done(upload):
    override = st.session_state.get("imp_override")
    report = dry_run(upload, kind, source, override)
    if report.fatal:
        st.error(plain(report.fatal))
    else:
        st.subheader(labels.IMP_DRY_RUN)
        show_summary(report)
    if report.headers:  # also when required columns are missing: map them here
        st.markdown(f"**{labels.IMP_MAPPING_EDIT}**")
        offer_profiles(report)
        save_profile(report, edit_mapping(report))
    if not report.fatal:
        show_errors(report)
        confirm(upload, report.kind if kind is None else kind, source, override)
show_history()
