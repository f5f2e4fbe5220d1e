"""年费预警: patents whose annual fee is due soon, in the grace period or past it (still shown
valid); counts by state and sub-region; the list with amounts and surcharge; .xlsx for letters."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.db import current_url
from core.monitor import fee_warnings
from core.regions.custom import region_name
from core.reports.letters import history
from core.stats import presence as overview
from ui import echarts, letters, monitor_page
from ui.cache import cached
from ui.charts import monitor as charts
from ui.guard import guard

guard(__file__)

@cached
def _summary(url: str, q: fee_warnings.FeeQuery) -> dict:
    return fee_warnings.summary(q)


@cached
def _has_due_dates(url: str) -> bool:
    return fee_warnings.has_due_dates()


def _query() -> fee_warnings.FeeQuery:
    scope = monitor_page.scope("fees")
    st.session_state.setdefault("fees_on", dt.date.today())
    st.session_state.setdefault("fees_states", ["due_soon", "grace"])
    with st.sidebar:
        on = st.date_input(labels.MON_FILTER_ON, key="fees_on")
        states = st.multiselect(labels.MON_FILTER_STATES, list(fee_warnings.WARN_STATES),
                                key="fees_states", format_func=fee_warnings.state_label,
                                placeholder=labels.ALL)
    return fee_warnings.FeeQuery(scope, on, tuple(states) or fee_warnings.WARN_STATES)


def _metrics(states) -> None:
    totals = states.groupby("state")["n"].sum()
    cols = st.columns(len(fee_warnings.WARN_STATES))
    for col, state in zip(cols, fee_warnings.WARN_STATES):
        col.metric(fee_warnings.state_label(state), f"{int(totals.get(state, 0)):,}")


def _charts(states, sub) -> None:
    left, right = st.columns(2)
    with left:
        echarts.show(echarts.options(charts.counts_bar, states["label"].tolist(),
                                     states["n"].tolist(), labels.FEE_COUNTS_BY_STATE,
                                     labels.MON_RULE_FEE, labels.COUNT), key="fees_states_chart")
    with right:
        if not sub.empty:
            table = sub.pivot_table(index="name", columns="label", values="n", aggfunc="sum",
                                    fill_value=0)
            table = table.loc[table.sum(axis=1).sort_values(ascending=False).index]
            series = {c: table[c].tolist() for c in table.columns}
            echarts.show(echarts.options(charts.stacked, table.index.tolist(), series,
                                         labels.FEE_COUNTS_BY_SUBREGION, labels.MON_RULE_FEE,
                                         horizontal=True), key="fees_sub_chart")


st.header(labels.FEE_TITLE)
if not overview.has_patents():
    st.info(labels.MON_NO_PATENTS)
    st.stop()
if not _has_due_dates(current_url() or ""):
    st.info(labels.FEE_NO_DUE_DATES)
    st.stop()
query = _query()
st.caption(f"{region_name(query.scope.region)} · {labels.MON_FILTER_ON} {query.on}")
with st.expander(labels.FEE_RULES_EXPANDER):
    for line in labels.FEE_RULES_HELP:
        st.markdown(f"- {line}")
summary = _summary(current_url() or "", query)
_metrics(summary["states"])
echarts.caption_rule(labels.MON_RULE_FEE)
if not summary["states"].empty:
    _charts(summary["states"], summary["sub"])
st.subheader(labels.FEE_LIST)
echarts.caption_rule(labels.MON_RULE_FEE)
monitor_page.paged_table(summary["total"],
                         lambda off, lim: history.with_reminded(fee_warnings.page(query, off, lim),
                                                                "fee"),
                         letters.list_columns(labels.FEE_LIST_COLUMNS), key="fees_list")
monitor_page.export(lambda: fee_warnings.export_rows(query), fee_warnings.EXPORT_COLUMNS,
                    labels.FEE_SHEET, key="fees_export", total=summary["total"],
                    signature=repr(query))
letters.section(query, key="fees_letters")
