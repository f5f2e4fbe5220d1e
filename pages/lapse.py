"""专利失效分析: lapses by reason, month, sub-region and holder; filterable list with export."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.db import current_url
from core.monitor import lapses
from core.regions.custom import region_name
from core.stats import presence as overview
from ui import echarts, monitor_page, tables
from ui.cache import cached
from ui.charts import monitor as charts
from ui.guard import guard

guard(__file__)

REASON_CHOICES = ["unpaid_fee", "expired", "invalidated", "surrendered", "double_patenting",
                  "rejected", "withdrawn", "not_registered", "unknown"]


@cached
def _summary(url: str, q: lapses.LapseQuery) -> dict:
    data = lapses.summary(q)
    return {"total": data["total"], "reason": data["by_reason"], "month": data["by_month"],
            "sub": data["by_subregion"], "holder": lapses.by_holder(q)}


def _query() -> lapses.LapseQuery:
    scope = monitor_page.scope("lapse")
    today = dt.date.today()
    st.session_state.setdefault("lapse_period", (today.replace(month=1, day=1), today))
    st.session_state.setdefault("lapse_granted", True)
    with st.sidebar:
        period = st.date_input(labels.MON_FILTER_PERIOD, key="lapse_period")
        reasons = st.multiselect(labels.MON_FILTER_REASONS, REASON_CHOICES, key="lapse_reasons",
                                 format_func=lambda r: labels.STATUS_REASON.get(r, r),
                                 placeholder=labels.ALL)
        granted = st.toggle(labels.MON_GRANTED_ONLY, key="lapse_granted")
    start, end = (tuple(period) + (None, None))[:2]
    return lapses.LapseQuery(scope, start or today, end or start or today, tuple(reasons), granted)


def _charts(data: dict) -> None:
    reason, month = data["reason"], data["month"]
    left, right = st.columns([1, 2])
    with left:
        pairs = list(zip(reason["label"].tolist(), reason["n"].tolist()))
        echarts.show(echarts.options(charts.share_pie, pairs, labels.LAPSE_BY_REASON,
                                     labels.MON_RULE_LAPSE),
                     key="lapse_reason")
    with right:
        table = month.pivot_table(index="month", columns="reason", values="n", aggfunc="sum",
                                  fill_value=0) if not month.empty else None
        if table is not None:
            series = {labels.STATUS_REASON.get(r, r): table[r].tolist() for r in table.columns}
            echarts.show(echarts.options(charts.stacked, table.index.tolist(), series,
                                         labels.LAPSE_BY_MONTH, labels.MON_RULE_LAPSE),
                         key="lapse_month")
    sub = data["sub"]
    left, right = st.columns(2)
    with left:
        series = {labels.STATUS_REASON.get(r, labels.LAPSE_OTHER): sub[r].tolist()
                  for r in lapses.REASON_COLUMNS if sub[r].sum() > 0}
        echarts.show(echarts.options(charts.stacked, sub["name"].tolist(), series,
                                     labels.LAPSE_BY_SUBREGION, labels.MON_RULE_LAPSE,
                                     horizontal=True), key="lapse_sub")
    with right:
        st.markdown(f"**{labels.LAPSE_BY_HOLDER}**")
        holders = data["holder"].rename(columns={"name": labels.HOLDER, "n": labels.LAPSE_TOTAL,
                                                 **{r: labels.STATUS_REASON.get(r, labels.LAPSE_OTHER)
                                                    for r in lapses.REASON_COLUMNS}})
        tables.show(holders.drop(columns="holder_id"), hide_index=True, width="stretch")
        echarts.caption_rule(labels.MON_RULE_LAPSE)


st.header(f"{labels.LAPSE_TITLE}")
if not overview.has_patents():
    st.info(labels.MON_NO_PATENTS)
    st.stop()
query = _query()
st.caption(f"{region_name(query.scope.region)} · {query.date_from} – {query.date_to}")
summary = _summary(current_url() or "", query)
st.metric(labels.LAPSE_TOTAL, f"{summary['total']:,}")
echarts.caption_rule(labels.MON_RULE_LAPSE)
if summary["total"]:
    _charts(summary)
st.subheader(labels.LAPSE_LIST)
echarts.caption_rule(labels.MON_RULE_LAPSE)
monitor_page.paged_table(summary["total"], lambda off, lim: lapses.page(query, off, lim),
                         labels.LAPSE_LIST_COLUMNS, key="lapse_list")
monitor_page.export(lambda: lapses.export_rows(query), lapses.EXPORT_COLUMNS, labels.LAPSE_SHEET,
                    key="lapse_export", total=summary["total"], signature=repr(query))
