"""运营监控: this year's (or any period's) transfers in and out, licences and pledges; holders whose
transfers out pass the alert threshold; the stored alerts, which staff acknowledge or close; the
biggest players of each side; the flows between the region and the other regions."""
import datetime as dt

import pandas as pd
import streamlit as st

from core.config import labels
from core.monitor import alerts, ops_monitor
from core.regions.custom import region_name
from ui import echarts, filters, tables
from ui.auth import current_roles, current_user
from ui.cache import cached
from ui.charts import ops_monitor as charts
from ui.guard import guard
from ui.nav import STAFF

guard(__file__)

ALERT_KINDS = ("holder_outflow", "transfer_out")
STATUS_VIEWS = {"open": ("open",), "acked": ("acked",), "closed": ("closed", "done")}
ALERT_ROWS = 200


def _metrics(totals: dict) -> None:
    keys = ("transfer_in", "transfer_out", "transfer_within", "license", "pledge")
    cols = st.columns(len(keys) + 1)
    for col, key in zip(cols, keys):
        col.metric(labels.OPS_YEAR_COLUMNS[key], f"{totals[key]:,}")
    cols[-1].metric(labels.PLEDGE_AMOUNT_WAN, f"{totals['pledge_amount'] / 10000:,.1f}")


def _player_table(frame, side: str) -> None:
    names = {k: v for k, v in labels.OPM_PLAYER_COLUMNS.items()
             if k != "amount" or side == "pledge"}
    shown = frame.assign(kind=frame["kind"].map(labels.HOLDER_KIND).fillna(""),
                         amount=frame["amount"] / 10000, county=frame["county"].map(region_name))
    tables.show(shown[list(names)].rename(columns=names), hide_index=True, width="stretch")


def _warnings(q) -> None:
    st.subheader(labels.OPM_WARNINGS)
    rule = alerts.outflow_rule(q.region)
    st.caption(labels.OPM_WARNING_RULE.format(**rule))
    over = cached(ops_monitor.players)(q, "out", None, int(rule["min_transfers"]))
    if over.empty:
        st.info(labels.OPM_NO_WARNINGS)
        return
    _player_table(over, "out")


def _alerts(region: str) -> None:
    st.subheader(labels.OPM_ALERTS)
    st.caption(labels.OPM_ALERT_HELP)
    if "opm_done" in st.session_state:
        st.success(labels.OPM_UPDATED.format(n=st.session_state.pop("opm_done")))
    view = st.radio(labels.OPM_STATUS_PICK, list(STATUS_VIEWS), key="opm_status",
                    format_func=labels.OPM_STATUS_VIEWS.get, horizontal=True)
    statuses = STATUS_VIEWS[view]
    total = alerts.count(region, ALERT_KINDS, statuses)
    if total == 0:
        st.info(labels.OPM_NO_ALERTS)
        return
    frame = alerts.listing(region, ALERT_KINDS, statuses, ALERT_ROWS)
    st.caption(labels.OPM_SHOWING.format(shown=len(frame), total=total))
    staff = bool(set(current_roles()) & set(STAFF))
    st.caption(labels.OPM_PICK_HELP if staff else labels.OPM_STAFF_ONLY)
    picked = _alert_table(frame, view, staff)
    if staff:
        _decide(picked, view)


def _alert_table(frame, view: str, staff: bool) -> list[int]:
    """The alerts as a table; staff tick rows in it (returns the ids of the ticked alerts)."""
    shown = frame.assign(kind=frame["kind"].map(labels.ALERT_KIND),
                         status=frame["status"].map(labels.ALERT_STATUS),
                         county=frame["county_code"].map(region_name),
                         events=frame["events"].map(lambda n: "" if pd.isna(n) else int(n)),
                         app_no=frame["app_no"].fillna(""))
    columns = labels.OPM_ALERT_COLUMNS
    table = shown[list(columns)].rename(columns=columns)
    if not staff:
        tables.show(table, hide_index=True, width="stretch")
        return []
    # a new key per view and after each decision: the table starts with nothing ticked
    key = f"opm_table_{view}_{st.session_state.get('opm_round', 0)}"
    event = st.dataframe(table, hide_index=True, width="stretch", key=key,
                         on_select="rerun", selection_mode="multi-row")
    return [int(frame["id"].iloc[i]) for i in event.selection.rows if i < len(frame)]


def _decide(picked: list[int], view: str) -> None:
    actions = [s for s in labels.OPM_ACTIONS if s != view]
    cols = st.columns(len(actions) + 3)
    cols[0].caption(labels.OPM_PICKED.format(n=len(picked)))
    for col, status in zip(cols[1:], actions):
        if col.button(labels.OPM_ACTIONS[status], key=f"opm_{status}", disabled=not picked):
            changed = sum(alerts.set_status(i, status, current_user()) for i in picked)
            st.session_state["opm_done"] = changed
            st.session_state["opm_round"] = st.session_state.get("opm_round", 0) + 1
            st.rerun()


def _players(q) -> None:
    st.subheader(labels.OPM_PLAYERS)
    for tab, side in zip(st.tabs(list(labels.OPM_SIDES.values())), labels.OPM_SIDES):
        with tab:
            frame = cached(ops_monitor.players)(q, side)
            if frame.empty:
                st.info(labels.OPM_NO_PLAYERS)
                continue
            left, right = st.columns([2, 3])
            with left:
                echarts.show(echarts.options(charts.top_players, frame, side),
                             key=f"opm_top_{side}", height="420px")
            with right:
                _player_table(frame, side)


def _flows(q) -> None:
    frame = cached(ops_monitor.flows)(q)
    if frame.empty:
        st.subheader(labels.OPM_FLOWS)
        st.info(labels.OPM_NO_FLOWS)
        return
    left, right = st.columns([3, 2])
    with left:
        echarts.show(echarts.options(charts.flow_sankey, frame, region_name(q.region)),
                     key="opm_flows", height="460px")
    with right:
        shown = frame.assign(direction=frame["direction"].map(labels.DIRECTION),
                             name=frame["name"].replace("", labels.FLOW_UNKNOWN))
        names = labels.OPM_FLOW_COLUMNS
        tables.show(shown[list(names)].rename(columns=names), hide_index=True,
                    width="stretch", height=440)


st.header(labels.OPS_MONITOR_TITLE)
scope = filters.scope_widgets()
filters.breadcrumb("opm_crumb")
period = scope.or_this_year(dt.date.today())
st.caption(labels.OPM_PERIOD.format(start=period.date_from or labels.ANY,
                                    end=period.date_to or labels.ANY)
           + ("" if scope.has_dates else labels.OPM_DEFAULT_PERIOD))
_metrics(cached(ops_monitor.totals)(period))
echarts.caption_rule(labels.RULE_OPS_MONITOR)
_warnings(period)
_alerts(scope.region)
_players(period)
_flows(period)
