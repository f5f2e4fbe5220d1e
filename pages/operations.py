"""专利运营统计: transfers in/out of the region, licences and pledges (amounts) per year and per
sub-region, with the event lists; a click on a sub-region re-scopes the page to it."""
import streamlit as st

from core.config import labels
from core.db import current_url
from core.regions import divisions
from core.regions.query import Scope
from core.stats import operations
from ui import clicks, echarts, filters, tables
from ui.cache import cached
from ui.charts import operations as charts
from ui.guard import guard

guard(__file__)

BAND = 30  # px per sub-region bar


@cached
def _data(url: str, q: Scope) -> dict:
    return {"years": operations.per_year(q), "sub": operations.per_subregion(q)}


@cached
def _events(url: str, q: Scope, kind: str):
    return operations.events(q, kind)


def _metrics(years) -> None:
    cols = st.columns(5)
    for col, key in zip(cols, ("transfer_in", "transfer_out", "license", "pledge")):
        col.metric(labels.OPS_YEAR_COLUMNS[key], f"{int(years[key].sum()):,}")
    cols[4].metric(labels.PLEDGE_AMOUNT_WAN, f"{years['pledge_amount'].sum() / 10000:,.1f}")
    echarts.caption_rule(labels.RULE_OPS)


def _subregions(sub) -> None:
    if sub.empty:
        return
    clicked = echarts.show(echarts.options(charts.per_subregion, sub), key="ops_sub",
                           height=f"{BAND * len(sub) + 130}px", clickable=True)
    st.caption(labels.OPS_CLICK_HINT)
    click = clicks.region(clicked, sub)
    if click and st.session_state.get("ops_clicked") != clicked:
        st.session_state["ops_clicked"] = clicked
        filters.follow(click)


def _lists(q: Scope) -> None:
    names = divisions.names()
    for tab, kind in zip(st.tabs(list(labels.OPS_LISTS.values())), labels.OPS_LISTS):
        with tab:
            frame = _events(current_url() or "", q, kind)
            shown = frame.assign(
                direction=frame["direction"].map(labels.DIRECTION),
                patent_type=frame["patent_type"].map(labels.PATENT_TYPE),
                county_before=frame["county_before"].map(names),
                county_after=frame["county_after"].map(names))
            tables.show(shown[list(labels.OPS_LIST_COLUMNS)].rename(
                columns=labels.OPS_LIST_COLUMNS), hide_index=True, width="stretch")


st.header(labels.OPERATIONS_TITLE)
scope = filters.scope_widgets()
filters.breadcrumb("ops_crumb")
data = _data(current_url() or "", scope)
if data["years"].empty:
    st.info(labels.OPS_EMPTY)
    st.stop()
_metrics(data["years"])
echarts.show(echarts.options(charts.per_year, data["years"]), key="ops_years", height="400px")
_subregions(data["sub"])
_lists(scope)
