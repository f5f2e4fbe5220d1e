"""区域统计: per sub-region (county, street, custom region) applications, grants, valid patents,
transfers, invention grant rate (definition shown), shares and rankings; top applicants and
grantees of a chosen unit. A click on a unit drills down or opens the search pre-filled."""
import streamlit as st

from core.config import labels
from core.regions import watch
from core.regions.custom import region_name
from core.stats import compare, overview, regions
from ui import clicks, echarts, filters, tables
from ui.cache import cached
from ui.charts import regions as charts
from ui.guard import guard

guard(__file__)

MEASURES = ("valid", "valid_inventions", "applications", "grants", "transfers_in",
            "transfers_out")


def render_ranking(scope, table, measure: str, level: str) -> None:
    ranked = table.sort_values([measure, "code"], ascending=[False, True]).head(30)
    chart = echarts.options(charts.ranking, ranked["name"].tolist(),
                            {labels.REGIONS_COLUMNS[measure]: ranked[measure].tolist()},
                            labels.REGIONS_RANKING, labels.RULE_REGIONS,
                            height=f"{max(360, 26 * len(ranked) + 80)}px")
    picked = filters.clicked(chart, f"rg_rank_{level}_{measure}_{scope.region}",
                             height=f"{max(360, 26 * len(ranked) + 80)}px")
    _act(scope, table, picked, level, measure)


def _act(scope, table, name, level: str, measure: str = "valid") -> None:
    """A unit's bar or slice showing `measure`: drill, or search what the number counts."""
    filters.follow(clicks.subregion(name, table, drill=level == "child", measure=measure), scope)


def render_rate_and_share(scope, table, level: str) -> None:
    left, right = st.columns(2)
    with left:
        rated = table[table["grant_rate"].notna()]
        picked = filters.clicked(echarts.options(charts.grant_rate, rated["name"].tolist(),
                                                 rated["grant_rate"].tolist(),
                                                 labels.REGIONS_GRANT_RATE, labels.RULE_REGIONS),
                                 f"rg_rate_{level}_{scope.region}")
        _act(scope, table, picked, level, "inv_granted")  # the rate's numerator
        st.caption(labels.GRANT_RATE_DEFINITION)
    with right:
        pairs = list(zip(table["name"], table["valid"]))
        picked = filters.clicked(echarts.options(charts.share_pie, pairs, labels.REGIONS_SHARE,
                                                 labels.RULE_VALID_ASOF),
                                 f"rg_share_{level}_{scope.region}")
        _act(scope, table, picked, level)


def render_table(table) -> None:
    shown = table.rename(columns=labels.REGIONS_COLUMNS)
    tables.show(shown, hide_index=True, width="stretch", column_config={
        labels.REGIONS_COLUMNS["grant_rate"]: st.column_config.NumberColumn(format="percent"),
        labels.REGIONS_COLUMNS["valid_share"]: st.column_config.NumberColumn(format="percent")})


def render_focus(scope, table) -> None:
    codes = table["code"].tolist()
    names = dict(zip(table["code"], table["name"]))
    code = st.selectbox(labels.REGIONS_FOCUS, codes, format_func=names.get, key="rg_focus")
    if not code:
        return
    sub = scope.with_region(code)
    left, right = st.columns(2)
    for col, measure, title in ((left, "applications", labels.REGIONS_TOP_APPLICANTS),
                                (right, "grants", labels.REGIONS_TOP_GRANTEES)):
        top = cached(regions.top_holders)(sub, measure)
        with col:
            chart = echarts.options(charts.ranking, top["name"].tolist(),
                                    {labels.COUNT: top["n"].tolist()},
                                    f"{names[code]} · {title}", labels.RULE_REGIONS)
            holder = filters.clicked(chart, f"rg_top_{measure}_{code}")
            filters.follow(clicks.top_holder(holder, top, code, measure), scope)


def render_compare(scope, measure: str) -> None:
    """区域对比: the region beside its siblings and the watched regions (editable), every
    indicator side by side, with the valid patents of each watched industry."""
    user = st.session_state.get("username")
    codes = st.multiselect(labels.REGIONS_COMPARE_PICK,
                           cached(watch.comparison_choices)(scope.region, user),
                           default=cached(watch.default_comparison)(scope.region, user),
                           format_func=region_name, key=f"rg_compare_{scope.region}")
    st.caption(labels.REGIONS_COMPARE_HELP)
    if not codes:
        return
    industries = cached(watch.watched)("industry", user)
    table = cached(compare.compare)(scope, codes, tuple(industries))
    render_ranking(scope, table, measure, "compare")
    names = cached(compare.industry_names)(tuple(industries))
    with st.container(key="rg_compare_table"):
        render_table(table.rename(columns={
            compare.INDUSTRY_PREFIX + c: labels.REGIONS_INDUSTRY_VALID.format(name=names.get(c, c))
            for c in industries}))


title = st.empty()
scope = filters.scope_widgets()
title.header(f"{labels.REGIONS_TITLE} · {region_name(scope.region)}")
filters.breadcrumb("rg_crumb")
if not overview.has_patents():
    st.info(labels.EMPTY_DB_HELP)
    st.stop()
left, right = st.columns(2)
level = left.segmented_control(labels.REGIONS_LEVEL_LABEL, list(labels.REGIONS_LEVEL),
                               default="child", key="rg_level",
                               format_func=labels.REGIONS_LEVEL.get) or "child"
measure = right.selectbox(labels.REGIONS_MEASURE, MEASURES, key="rg_measure",
                          format_func=labels.REGIONS_COLUMNS.get)
if level == "compare":
    render_compare(scope, measure)
    st.stop()
table = cached(regions.table)(scope, level)
if table.empty:
    st.info(labels.NO_CUSTOM_REGIONS if level == "custom" else labels.NO_SUBREGIONS)
    st.stop()
render_ranking(scope, table, measure, level)
render_rate_and_share(scope, table, level)
render_table(table)
render_focus(scope, table)
st.caption(labels.CLICK_HINT)
