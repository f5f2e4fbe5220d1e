"""届满通知: valid patents whose term ends in the next 3 / 6 / 12 months, by month and sub-region,
and the effect on 有效发明 and the per-population indicators; list with export."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.db import current_url
from core.monitor import expiry as expiry_notices
from core.regions.custom import region_name
from core.reports.letters import history
from core.stats import presence as overview
from ui import echarts, letters, monitor_page, tables
from ui.cache import cached
from ui.charts import monitor as charts
from ui.guard import guard

guard(__file__)

@cached
def _summary(url: str, q: expiry_notices.ExpiryQuery) -> dict:
    data = expiry_notices.summary(q)
    return {"horizons": data["horizon_counts"], "month": data["by_month"],
            "sub": data["by_subregion"], "total": data["total"],
            "effect": expiry_notices.indicator_effect(q.scope, q.on)}


def _query() -> expiry_notices.ExpiryQuery:
    scope = monitor_page.scope("expiry")
    st.session_state.setdefault("expiry_on", dt.date.today())
    st.session_state.setdefault("expiry_months", 12)
    with st.sidebar:
        on = st.date_input(labels.MON_FILTER_ON, key="expiry_on")
    months = st.radio(labels.EXPIRY_HORIZON, list(expiry_notices.HORIZONS), horizontal=True,
                      key="expiry_months", format_func=labels.EXPIRY_HORIZONS.get)
    return expiry_notices.ExpiryQuery(scope, on, int(months))


def _metrics(horizons) -> None:
    row = horizons.set_index("patent_type").loc["all"]
    cols = st.columns(len(expiry_notices.HORIZONS))
    for col, h in zip(cols, expiry_notices.HORIZONS):
        inv = int(horizons.set_index("patent_type").loc["invention", f"m{h}"])
        col.metric(labels.EXPIRY_HORIZONS[h], f"{int(row[f'm{h}']):,}",
                   help=f"{labels.PATENT_TYPE['invention']} {inv:,}")


def _charts(month, sub) -> None:
    left, right = st.columns(2)
    with left:
        series = {labels.PATENT_TYPE[t]: month[t].tolist() for t in labels.PATENT_TYPE}
        echarts.show(echarts.options(charts.stacked, month["month"].tolist(), series,
                                     labels.EXPIRY_BY_MONTH, labels.MON_RULE_EXPIRY),
                     key="expiry_month_chart")
    with right:
        others = [n - i for n, i in zip(sub["n"].tolist(), sub["inventions"].tolist())]
        series = {labels.PATENT_TYPE["invention"]: sub["inventions"].tolist(),
                  labels.EXPIRY_OTHER_TYPES: others}
        echarts.show(echarts.options(charts.stacked, sub["name"].tolist(), series,
                                     labels.EXPIRY_BY_SUBREGION, labels.MON_RULE_EXPIRY,
                                     horizontal=True),
                     key="expiry_sub_chart")


def _effect(effect) -> None:
    st.subheader(labels.EXPIRY_EFFECT)
    shown = effect.drop(columns="key").rename(columns=labels.EXPIRY_EFFECT_COLUMNS)
    tables.show(shown, hide_index=True, width="stretch")
    echarts.caption_rule(labels.MON_RULE_EXPIRY_INDICATOR)
    if effect.set_index("key").loc["per_10k", "now"] is None:
        st.caption(labels.EXPIRY_NO_POPULATION)


st.header(labels.EXPIRY_TITLE)
if not overview.has_patents():
    st.info(labels.MON_NO_PATENTS)
    st.stop()
query = _query()
st.caption(f"{region_name(query.scope.region)} · {query.on} – {query.until}")
st.caption(labels.EXPIRY_COMPENSATION_NOTE)
summary = _summary(current_url() or "", query)
_metrics(summary["horizons"])
echarts.caption_rule(labels.MON_RULE_EXPIRY)
_charts(summary["month"], summary["sub"])
_effect(summary["effect"])
st.subheader(labels.EXPIRY_LIST)
echarts.caption_rule(labels.MON_RULE_EXPIRY)
monitor_page.paged_table(summary["total"],
                         lambda off, lim: history.with_reminded(expiry_notices.page(query, off, lim),
                                                                "expiry"),
                         letters.list_columns(labels.EXPIRY_LIST_COLUMNS), key="expiry_list")
monitor_page.export(lambda: expiry_notices.export_rows(query), labels.EXPIRY_LIST_COLUMNS,
                    labels.EXPIRY_SHEET, key="expiry_export", total=summary["total"],
                    signature=repr(query))
letters.section(query, key="expiry_letters")
