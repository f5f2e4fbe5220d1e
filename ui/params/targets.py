"""参数设置 → 指标目标值: the targets of one region and year as a table under the indicators'
Chinese names (empty cell: no target)."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from core.config import labels, targets
from ui.auth import current_user
from ui.params import history, pick_region, saved, version_fields

ROW_HEIGHT = 35  # st.data_editor's default row height in pixels: every indicator in view


def render(choices: dict[str, str]) -> None:
    cols = st.columns(2)
    region = pick_region(choices, "tgt_region", cols[0])
    year = int(cols[1].number_input(labels.PARAM_YEAR, 2000, 2100, dt.date.today().year,
                                    key="tgt_year"))
    st.caption(labels.TARGET_HELP)
    frame = _frame(targets.current(region, year))
    with st.form(f"tgt_form_{region}_{year}"):
        edited = st.data_editor(
            frame, key=editor_key(region, year), hide_index=True, width="stretch", placeholder="—",
            height=ROW_HEIGHT * (len(frame) + 1) + 3,
            disabled=["name", "unit"], column_order=["name", "unit", "target"],
            column_config={"name": st.column_config.TextColumn(labels.TARGET_COLUMNS["name"]),
                           "unit": st.column_config.TextColumn(labels.TARGET_COLUMNS["unit"]),
                           "target": st.column_config.NumberColumn(labels.TARGET_COLUMNS["target"],
                                                                   format="%g")})
        effective, source, note = version_fields("tgt")
        submitted = st.form_submit_button(labels.PARAM_SAVE, key="tgt_save")
    if submitted:
        _save(region, year, edited, effective, source, note)
    history(targets.KEY, region, year)


def editor_key(region: str, year: int) -> str:
    """The data editor of one region and year (its edits never carry over to another)."""
    return f"tgt_editor_{region}_{year}"


def _frame(stored: dict[str, float]) -> pd.DataFrame:
    keys = targets.indicator_keys()
    return pd.DataFrame({"key": keys, "name": [labels.INDICATOR[k] for k in keys],
                         "unit": [labels.INDICATOR_UNIT[k] for k in keys],
                         "target": [stored.get(k) for k in keys]}).astype({"target": "float64"})


def _save(region, year, edited: pd.DataFrame, effective, source, note) -> None:
    value = {row["key"]: _cell(row["target"]) for row in edited.to_dict("records")}
    try:
        row = targets.save(region, year, value, effective, source, note, by=current_user())
    except ValueError as exc:
        st.error(f"{labels.PARAM_LABEL[targets.KEY]}：{exc}")
    else:
        saved(row)


def _cell(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return int(value) if float(value).is_integer() else float(value)
