"""The 提醒函 section of 年费预警 and 届满通知: staff generate the letters of the page's current
selection (one .docx per first holder, zipped with a summary sheet) and download them; everyone
sees the batch list (who reminded whom, when)."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from core.config import labels
from core.db import current_url
from core.reports.letters import batch, content, history, letterhead
from core.reports.letters.content import Query
from ui import tables
from ui.auth import current_roles, current_user
from ui.cache import cached
from ui.nav import STAFF

ZIP_MIME = "application/zip"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cached
def _totals(url: str, q: Query) -> tuple[int | None, int]:
    return content.totals(q)


def list_columns(columns: dict[str, str]) -> dict[str, str]:
    """The columns of a monitor list with the 已提醒 day of the first holder."""
    return {**columns, "reminded": labels.LETTER_REMINDED}


def section(q: Query, key: str) -> None:
    """The generate action (staff) and the batch list of the page's letter kind."""
    st.subheader(labels.LETTER_SECTION)
    st.caption(labels.LETTER_HELP)
    if set(current_roles()) & set(STAFF):
        _generate(q, key)
    else:
        st.caption(labels.LETTER_STAFF_ONLY)
    _history(content.kind_of(q))


def _generate(q: Query, key: str) -> None:
    if content.kind_of(q) == "fee":
        st.caption(labels.LETTER_FEE_STATES_NOTE)
    if not letterhead.has_contact():
        st.warning(labels.LETTER_NO_CONTACT)
    holders, patents = _totals(current_url() or "", q)
    reason = batch.refusal(holders, patents)
    if reason:
        (st.info if holders == 0 else st.warning)(reason)
        return
    st.caption(labels.LETTER_WILL.format(holders=holders, patents=patents))
    if st.button(labels.LETTER_GENERATE, key=f"{key}_generate", type="primary"):
        _build(q, key)
    _downloads(q, key)


def _build(q: Query, key: str) -> None:
    bar = st.progress(0.0, text=labels.LETTER_GENERATING)
    try:
        made = batch.build(q, current_user(), dt.date.today(),
                           lambda done, total: bar.progress(done / total,
                                                            text=labels.LETTER_GENERATING))
    except ValueError as exc:
        st.error(str(exc))
        return
    finally:
        bar.empty()
    st.session_state[f"{key}_batch"] = (repr(q), made)
    st.rerun()  # the list above shows the new 已提醒 days


def _downloads(q: Query, key: str) -> None:
    """The files of the batch made for this very selection in this session."""
    built_for, made = st.session_state.get(f"{key}_batch") or (None, None)
    if made is None or built_for != repr(q):
        return
    st.success(labels.LETTER_DONE.format(batch=made.id, holders=made.letters,
                                         patents=made.patents))
    left, right = st.columns(2)
    left.download_button(labels.LETTER_DOWNLOAD, made.zip_bytes, file_name=made.zip_name,
                         mime=ZIP_MIME, key=f"{key}_zip")
    right.download_button(labels.LETTER_DOWNLOAD_SUMMARY, made.summary_bytes,
                          file_name=made.zip_name.replace(".zip", f"_{labels.LETTER_SUMMARY}.xlsx"),
                          mime=XLSX_MIME, key=f"{key}_summary")


def _history(kind: str) -> None:
    st.markdown(f"**{labels.LETTER_HISTORY}**")
    frame = history.recent(kind)
    if frame.empty:
        st.caption(labels.LETTER_HISTORY_EMPTY)
        return
    columns = labels.LETTER_HISTORY_COLUMNS
    with st.container(key=f"letters_history_{kind}"):
        tables.show(frame[list(columns)].rename(columns=columns), hide_index=True,
                    width="stretch")
