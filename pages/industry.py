"""产业统计: the nine strategic emerging industries (IPC concordance 2021) and the local key
industries — size, recent trend on a log axis, industry × sub-region matrix, emerging vs
traditional shares. A click opens the search pre-filled with the industry or region."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.regions.custom import region_name
from core.stats import industry, overview
from ui import clicks, echarts, filters
from ui.cache import cached
from ui.charts import industry as charts
from ui.guard import guard

guard(__file__)

YEARS = 10


def render_summary(scope, frame) -> None:
    chart = echarts.options(charts.summary, frame["name"].tolist(),
                            {name: frame[col].tolist() for name, col in charts.SERIES.items()},
                            labels.INDUSTRY_SUMMARY, labels.RULE_INDUSTRY)
    picked = filters.clicked(chart, f"in_sum_{scope.region}", series=True, height="420px")
    filters.follow(clicks.industry(picked, frame, charts.SERIES), scope)


def render_trend(scope, frame, first: int, last: int) -> None:
    data = cached(industry.trend)(scope, first, last)
    series = {name: data[data["code"] == code]["applications"].tolist()
              for code, name in zip(frame["code"], frame["name"])}
    chart = echarts.options(charts.log_trend, list(range(first, last + 1)), series,
                            labels.INDUSTRY_TREND,
                            labels.RULE_INDUSTRY + " · " + labels.RULE_TREND_APPS)
    filters.clicked(chart, f"in_trend_{scope.region}", height="420px")


def render_matrix(scope, frame) -> None:
    cells = cached(industry.matrix)(scope)
    if cells.empty:
        st.info(labels.NO_SUBREGIONS)
        return
    names = frame["name"].tolist()
    regions_ = list(dict.fromkeys(cells.sort_values("region_code")["region_name"]))
    data = [(regions_.index(r), names.index(n), v)
            for n, r, v in zip(cells["name"], cells["region_name"], cells["valid"]) if n in names]
    chart = echarts.options(charts.matrix, names, regions_, data, labels.INDUSTRY_MATRIX,
                            labels.RULE_INDUSTRY + " · " + labels.RULE_VALID_ASOF)
    height = f"{max(320, 40 * len(names) + 120)}px"
    picked = filters.clicked(chart, f"in_matrix_{scope.region}", height=height)
    filters.follow(clicks.region(picked, cells, name_col="region_name", code_col="region_code"))


def render_emerging(scope, first: int, last: int) -> None:
    data = cached(industry.emerging_share)(scope, first, last)
    chart = echarts.options(charts.emerging, data["year"].tolist(), data["emerging"].tolist(),
                            data["traditional"].tolist(), data["emerging_share"].tolist(),
                            labels.INDUSTRY_SHARE_NAMES, labels.INDUSTRY_EMERGING,
                            labels.RULE_EMERGING)
    year = filters.clicked(chart, f"in_emerging_{scope.region}")
    filters.follow(clicks.period(year), scope)


title = st.empty()
scope = filters.scope_widgets()
title.header(f"{labels.INDUSTRY_TITLE} · {region_name(scope.region)}")
filters.breadcrumb("in_crumb")
if not overview.has_patents():
    st.info(labels.EMPTY_DB_HELP)
    st.stop()
kinds = st.pills(labels.INDUSTRY_TITLE, list(labels.INDUSTRY_KIND), selection_mode="multi",
                 default=list(labels.INDUSTRY_KIND), key="in_kinds",
                 format_func=labels.INDUSTRY_KIND.get, label_visibility="collapsed")
frame = cached(industry.summary)(scope, tuple(kinds or labels.INDUSTRY_KIND))
if frame.empty:
    st.info(labels.INDUSTRY_EMPTY)
    st.stop()
last = dt.date.today().year
first = last - YEARS + 1
left, right = st.columns(2)
with left:
    render_summary(scope, frame)
with right:
    render_trend(scope, frame, first, last)
render_matrix(scope, frame)
render_emerging(scope, first, last)
st.caption(labels.CLICK_HINT)
