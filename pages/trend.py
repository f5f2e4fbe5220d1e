"""趋势统计: by year or month for the region or any sub-region down to streets — applications,
grants and valid patents by type with YoY, applicants/inventors/agencies, the invention
pipeline, transfers/licences/pledges. A click on a period opens the search pre-filled."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.db.models import PATENT_TYPES
from core.regions.custom import region_name
from core.stats import overview, trend
from ui import clicks, echarts, filters
from ui.cache import cached
from ui.charts import trend as charts
from ui.guard import guard

guard(__file__)

YEARS_BACK = 15


def by_type(frame) -> dict[str, list]:
    return {labels.PATENT_TYPE[t]: frame[t].tolist() for t in PATENT_TYPES if t in frame}


def render_flow(scope, unit: str, func, title: str, rule: str, basis: str, key: str) -> None:
    frame = cached(func)(scope, unit)
    if frame.empty:
        st.info(labels.NO_DATA_IN_SCOPE)
        return
    chart = echarts.options(charts.by_type_with_yoy, frame["period"].tolist(), by_type(frame),
                            frame["yoy"].tolist(), title, rule, labels.YOY)
    picked = filters.clicked(chart, f"{key}_{unit}_{scope.region}", series=True)
    filters.follow(clicks.period_series(picked, clicks.BY_TYPE, unit, basis,
                                        within=(scope.date_from, scope.date_to)), scope)


def render_valid(scope) -> None:
    last = dt.date.today().year
    frame = cached(trend.valid_stock)(scope, last - YEARS_BACK + 1, last)
    chart = echarts.options(charts.lines, frame["period"].tolist(), by_type(frame),
                            labels.TREND_VALID, labels.RULE_TREND_VALID, area=True)
    filters.clicked(chart, f"tr_valid_{scope.region}")


def render_actors(scope, unit: str) -> None:
    frame = cached(trend.actors)(scope, unit)
    series = {labels.ACTOR_NAMES[c]: frame[c].tolist() for c in labels.ACTOR_NAMES}
    filters.clicked(echarts.options(charts.lines, frame["period"].tolist(), series,
                                    labels.TREND_ACTORS, labels.RULE_TREND_ACTORS),
                    f"tr_actors_{unit}_{scope.region}")


def render_pipeline(scope) -> None:
    frame = cached(trend.pipeline)(scope)
    stages = {labels.PIPELINE_STAGES[c]: frame[c].tolist() for c in labels.PIPELINE_STAGES}
    picked = filters.clicked(echarts.options(charts.pipeline, frame["period"].tolist(), stages,
                                             labels.TREND_PIPELINE, labels.RULE_PIPELINE),
                             f"tr_pipe_{scope.region}", series=True)
    filters.follow(clicks.period_series(picked, clicks.PIPELINE,
                                        within=(scope.date_from, scope.date_to)), scope)


def render_operations(scope, unit: str) -> None:
    frame = cached(trend.operations)(scope, unit)
    series = {labels.EVENT_SERIES[c]: frame[c].tolist() for c in labels.EVENT_SERIES}
    filters.clicked(echarts.options(charts.lines, frame["period"].tolist(), series,
                                    labels.TREND_OPERATIONS, labels.RULE_TREND_EVENTS),
                    f"tr_ops_{unit}_{scope.region}")


title = st.empty()
scope = filters.scope_widgets()
title.header(f"{labels.TREND_TITLE} · {region_name(scope.region)}")
filters.breadcrumb("tr_crumb")
if not overview.has_patents():
    st.info(labels.EMPTY_DB_HELP)
    st.stop()
unit = st.segmented_control(labels.TREND_TITLE, list(labels.TREND_UNIT), key="tr_unit",
                            default="year", format_func=labels.TREND_UNIT.get,
                            label_visibility="collapsed") or "year"
left, right = st.columns(2)
with left:
    render_flow(scope, unit, trend.applications, labels.TREND_APPLICATIONS,
                labels.RULE_TREND_APPS, "app", "tr_apps")
with right:
    render_flow(scope, unit, trend.grants, labels.TREND_GRANTS, labels.RULE_TREND_GRANTS,
                "grant", "tr_grants")
left, right = st.columns(2)
with left:
    render_valid(scope)
with right:
    render_actors(scope, unit)
left, right = st.columns(2)
with left:
    render_pipeline(scope)
with right:
    render_operations(scope, unit)
st.caption(labels.CLICK_HINT)
