"""代理机构统计: agencies serving the region's holders — volume, valid patents, agents, client
mix, main fields, local share, ranking; abnormal volume flagged (parameter agency_abnormal)."""
import streamlit as st

from core.config import labels
from core.db import current_url
from core.regions.query import Scope
from core.stats import agencies
from core.stats import presence as overview
from ui import clicks, echarts, filters, tables
from ui.cache import cached
from ui.charts import agencies as charts
from ui.guard import guard

guard(__file__)

ABNORMAL_ROW_STYLE = "background-color: #fde2e1"


@cached
def _data(url: str, q: Scope) -> dict:
    ranked = agencies.ranking(q, limit=None)
    return {"ranking": ranked, "summary": agencies.summary(q, ranked),
            "rule": agencies.abnormal_rule(q.region)}


def _metrics(summary: dict) -> None:
    cols = st.columns(4)
    cols[0].metric(labels.AGENCY_COUNT, f"{summary['agencies']:,}")
    cols[1].metric(labels.AGENCY_FILINGS, f"{summary['filings']:,}")
    cols[2].metric(labels.LOCAL_SHARE, f"{summary['local_share']:.1%}")
    cols[3].metric(labels.UNAGENTED, f"{summary['unagented']:,}")
    echarts.caption_rule(labels.RULE_AGENCIES)


def _charts(scope, data: dict) -> None:
    ranking = data["ranking"]
    left, right = st.columns([3, 2])
    with left:
        clicked = echarts.show(echarts.options(charts.ranking, ranking), key="ag_rank",
                               height="480px", clickable=True, series=True)
        st.caption(labels.CLICK_TO_SEARCH)
    with right:
        echarts.show(echarts.options(charts.local_share, data["summary"]), key="ag_local",
                     height="480px")
    echarts.show(echarts.options(charts.client_mix, ranking), key="ag_mix", height="420px")
    click = clicks.agency(clicks.Pick.of(clicked), ranking)
    if click and st.session_state.get("ag_clicked") != clicked:
        st.session_state["ag_clicked"] = clicked
        filters.follow(click, scope)


def _table(scope, ranking, rule: dict) -> None:
    st.caption(labels.ABNORMAL_RULE_TEXT.format(**rule))
    if st.toggle(labels.ABNORMAL_ONLY, key="ag_abnormal_only"):
        ranking = ranking[ranking["abnormal"]]
    shown = ranking.assign(
        local=ranking["local"].map({True: labels.YES, False: ""}),
        share=(ranking["share"] * 100).round(1),
        abnormal_reason=ranking["abnormal_reason"].map(
            lambda r: "、".join(labels.ABNORMAL_REASON[x] for x in r.split(",") if x)),
        link=[filters.search_link(scope, agency_id=int(i), basis="app", **clicks.EVERY_FILING)
              for i in ranking["agency_id"]])
    shown = shown[list(labels.AGENCY_COLUMNS)]
    styled = shown.style.apply(
        lambda row: [ABNORMAL_ROW_STYLE if row["abnormal"] else ""] * len(row), axis=1)
    tables.show(styled, hide_index=True, width="stretch", column_config={
        **{k: v for k, v in labels.AGENCY_COLUMNS.items() if k not in ("link", "share")},
        "share": st.column_config.NumberColumn(labels.AGENCY_COLUMNS["share"], format="%.1f%%"),
        "link": st.column_config.LinkColumn(labels.AGENCY_COLUMNS["link"],
                                            display_text=labels.OPEN_SEARCH)})


st.header(labels.AGENCIES_TITLE)
scope = filters.scope_widgets()
if not overview.has_patents():
    st.info(labels.AGENCIES_EMPTY)
    st.stop()
data = _data(current_url() or "", scope)
_metrics(data["summary"])
if data["ranking"].empty:
    st.info(labels.AGENCIES_EMPTY)
    st.stop()
_charts(scope, data)
_table(scope, data["ranking"], data["rule"])
