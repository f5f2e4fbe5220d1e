"""参数设置 → 人口与GDP: population and GDP per region and year as one editable table, with an
Excel (.xlsx) import that names every bad cell and writes nothing until the file is clean."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.config import labels, regional
from core.exports.sheet import to_xlsx_bytes
from ui.auth import current_user
from ui.params import history, known_regions, version_fields

YEARS_SHOWN = 5


def render(choices: dict[str, str]) -> None:
    st.caption(labels.REGIONAL_HELP)
    this_year = dt.date.today().year
    first, last = st.select_slider(labels.REGIONAL_YEARS, list(range(2000, this_year + 2)),
                                   value=(this_year - YEARS_SHOWN, this_year), key="reg_years")
    frame = regional.table(choices, range(first, last + 1))
    _editor(frame, first, last)
    _upload()
    st.download_button(labels.REGIONAL_TEMPLATE, to_xlsx_bytes(
        frame, labels.REGIONAL_COLUMNS, labels.PARAM_TABS[1]),
        labels.REGIONAL_TEMPLATE_FILE.format(region=next(iter(choices.values()))),
        key="reg_template")
    for key in regional.KEYS:
        history(key, None)


def editor_key(first: int, last: int) -> str:
    return f"reg_editor_{first}_{last}"


def _editor(frame: pd.DataFrame, first: int, last: int) -> None:
    number = {key: st.column_config.NumberColumn(labels.REGIONAL_COLUMNS[key], min_value=0,
                                                 max_value=regional.HIGHEST[key], format="%g")
              for key in regional.KEYS}
    with st.form(f"reg_form_{first}_{last}"):
        edited = st.data_editor(
            frame, key=editor_key(first, last), hide_index=True, width="stretch",
            placeholder="—",
            disabled=["region_code", "region_name", "year"],
            column_config={**{k: st.column_config.TextColumn(v) for k, v
                              in labels.REGIONAL_COLUMNS.items() if k not in regional.KEYS},
                           "year": st.column_config.NumberColumn(labels.REGIONAL_COLUMNS["year"],
                                                                 format="%d"),
                           **number})
        effective, source, note = version_fields("reg")
        submitted = st.form_submit_button(labels.REGIONAL_SAVE, key="reg_save")
    if submitted:
        try:
            found = regional.changes(frame, edited)
        except ValueError as exc:
            st.error(str(exc))
            return
        _save(found, effective, source, note)


def _upload() -> None:
    upload = st.file_uploader(labels.REGIONAL_UPLOAD, type=["xlsx"], key="reg_upload")
    if upload is None:
        return
    found, errors = regional.read_xlsx(upload.getvalue(), upload.name, known_regions())
    if errors:
        st.error("\n".join([labels.REGIONAL_ERRORS.format(n=len(errors)),
                            *(f"- {e}" for e in errors)]))
        return
    if st.button(labels.REGIONAL_IMPORT + f"（{len(found)} 项）", key="reg_import"):
        _save(found, dt.date.today(), upload.name, None)


def _save(found, effective, source, note) -> None:
    n = regional.save(found, effective, source, note, by=current_user())
    if n:
        st.success(labels.REGIONAL_SAVED.format(n=n))
    else:
        st.info(labels.REGIONAL_NO_CHANGES)
