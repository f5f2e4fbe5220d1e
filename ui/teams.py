"""研发团队 on 权利人统计: a holder's detail view (its co-inventor groups) and the region's core
inventors. Layout only; the numbers come from core.stats.teams."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.config import labels
from core.regions.query import Scope
from core.stats import teams
from ui.cache import cached


def render(scope: Scope, rows: pd.DataFrame) -> None:
    """The teams of a holder picked among `rows` (the holders listed above), then the region's
    core inventors; `scope` is the filter bar's (teams over all time unless dates are chosen)."""
    st.subheader(labels.TEAMS_TITLE)
    st.caption(labels.TEAMS_RULE)
    names = dict(zip(rows["holder_id"].astype(int), rows["name"]))
    holder = st.selectbox(labels.TEAMS_PICK, list(names), format_func=names.get,
                          key="hs_team_holder")
    if holder is not None:
        _holder(scope, holder, names[holder])
    _core(scope)


def _holder(scope: Scope, holder_id: int, name: str) -> None:
    frame = cached(teams.holder_teams)(scope, holder_id)
    if frame.empty:
        st.info(labels.TEAMS_NONE.format(name=name))
        return
    summary = teams.team_summary(frame)
    cols = st.columns(4)
    for col, key in zip(cols, ("teams", "inventors", "largest", "solo")):
        col.metric(labels.TEAMS_SUMMARY[key], f"{summary[key]:,}")
    st.dataframe(frame.rename(columns=labels.TEAM_COLUMNS), hide_index=True, width="stretch")


def _core(scope: Scope) -> None:
    st.markdown(f"**{labels.CORE_INVENTORS_TITLE}**")
    # reads the biggest holders' patents one holder at a time: only when asked for
    if not st.toggle(labels.CORE_INVENTORS_SHOW, key="hs_core_inventors"):
        return
    frame, complete = cached(teams.core_inventors)(scope)
    if frame.empty:
        st.info(labels.CORE_INVENTORS_NONE)
        return
    shown = frame.drop(columns="holder_id").rename(columns=labels.CORE_INVENTOR_COLUMNS)
    with st.container(key="hs_core_table"):
        st.dataframe(shown, hide_index=True, width="stretch")
    if not complete:
        st.caption(labels.CORE_INVENTORS_PARTIAL.format(n=teams.MAX_HOLDERS))
