"""Widgets shared by the monitoring pages: the scope (the shared filter bar + a holder-name
filter), a paginated table fed by LIMIT/OFFSET queries, and a two-step .xlsx export."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from core.config import labels
from core.exports.sheet import rows_to_xlsx_bytes
from core.monitor.selection import EXPORT_LIMIT, PAGE_SIZE, page_slice
from core.regions.query import Scope
from ui import filters, tables


def scope(key: str) -> Scope:
    """The shared filter bar (region and types), narrowed by a holder-name filter (sidebar)."""
    shared = filters.scope_widgets(show_dates=False)
    return shared.with_holders(holder=st.sidebar.text_input(labels.MON_FILTER_HOLDER,
                                                            key=f"{key}_holder"))


def paged_table(total: int, fetch: Callable[[int, int], pd.DataFrame], columns: dict[str, str],
                key: str, size: int = PAGE_SIZE) -> None:
    """Show page n of `total` rows; `fetch(offset, limit)` runs the query for that page only."""
    if total == 0:
        st.info(labels.MON_EMPTY)
        return
    pages = max(1, math.ceil(total / size))
    number = st.number_input(labels.MON_PAGE, min_value=1, max_value=pages, value=1, step=1,
                             key=f"{key}_page")
    st.caption(labels.MON_PAGE_INFO.format(total=total, page=int(number), pages=pages))
    frame = fetch(*page_slice(int(number), size))
    shown = frame[[c for c in columns if c in frame.columns]].rename(columns=columns)
    tables.show(shown, hide_index=True, width="stretch")


def export(rows: Callable[[], Iterable[dict]], columns: dict[str, str], sheet: str,
           key: str, total: int, signature: str) -> None:
    """A button that builds the .xlsx (at most EXPORT_LIMIT rows), then a download button.
    `signature` identifies the query: a file built for other filters is not offered."""
    if total == 0:
        return
    st.caption(labels.MON_EXPORT_LIMIT.format(n=EXPORT_LIMIT))
    if st.button(labels.MON_EXPORT_PREPARE, key=f"{key}_prepare"):
        with st.spinner(labels.MON_EXPORT_PREPARE):
            st.session_state[f"{key}_xlsx"] = (signature,
                                               rows_to_xlsx_bytes(rows(), columns, sheet))
    built_for, data = st.session_state.get(f"{key}_xlsx") or (None, None)
    if data and built_for == signature:
        st.download_button(labels.MON_EXPORT, data, file_name=f"{sheet}_{dt.date.today()}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"{key}_download")
