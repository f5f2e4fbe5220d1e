"""专利创造指标分析: indicator cards against targets, sub-regions with 达标 marks and the distance
to the line, progress through the year and the year-end projection (core.indicators)."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.cubes import indicator as indicator_cube
from core.db import current_url
from core.regions.custom import region_name
from core.rules.counting import CountingRule, default_rule
from core.stats import indicators
from core.stats import presence as overview
from ui import echarts, filters, tables
from ui.cache import cached
from ui.charts import monitor as charts
from ui.guard import guard

guard(__file__)

PROGRESS_KEYS = ("applications", "invention_applications", "grants", "invention_grants",
                 "valid_inventions")
CARDS_PER_ROW = 4
RATIO_KEYS = (*indicators.RATIOS, "quality")


@cached
def _report(url: str, region: str, year: int, rule: CountingRule, on: dt.date):
    return indicators.compute(region, year, rule, on)


@cached
def _subregions(url: str, region: str, year: int, rule: CountingRule, on: dt.date):
    return indicators.subregions(region, year, rule, on)


@cached
def _monthly(url: str, region: str, year: int, rule: CountingRule, on: dt.date):
    return indicators.monthly(region, year, rule, on)


def _rule() -> CountingRule:
    default = default_rule()  # the bureau's default (参数设置 → counting_rule)
    for key, value in (("ind_holder", default.holder), ("ind_basis", default.basis),
                       ("ind_fractional", default.fractional),
                       ("ind_domestic", default.domestic_only), ("ind_stock", default.stock_basis)):
        st.session_state.setdefault(key, value)
    with st.sidebar.expander(labels.IND_RULE_SETTINGS):
        holder = st.radio(labels.IND_RULE_SETTINGS, list(labels.IND_RULE_HOLDER_OPTS),
                          format_func=labels.IND_RULE_HOLDER_OPTS.get, key="ind_holder",
                          label_visibility="collapsed")
        basis = st.radio(labels.IND_RULE_SETTINGS, list(labels.IND_RULE_BASIS_OPTS),
                         format_func=labels.IND_RULE_BASIS_OPTS.get, key="ind_basis",
                         label_visibility="collapsed")
        fractional = st.toggle(labels.IND_RULE_FRACTIONAL, key="ind_fractional",
                               disabled=holder != "any")
        domestic_only = st.toggle(labels.IND_RULE_DOMESTIC, key="ind_domestic")
        stock = st.radio(labels.IND_RULE_SETTINGS, list(labels.IND_RULE_STOCK_OPTS),
                         format_func=labels.IND_RULE_STOCK_OPTS.get, key="ind_stock",
                         label_visibility="collapsed")
    return CountingRule(holder=holder, basis=basis, fractional=bool(fractional and holder == "any"),
                        domestic_only=bool(domestic_only), stock_basis=stock,
                        filing_basis=default.filing_basis)


def _fmt(value, digits: int = 2) -> str:
    """Whole numbers without decimals (counts), others with `digits`."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


def _projection(item) -> str:
    """A count's year-end projection is a number of patents: whole, like the count itself."""
    whole = item.unit == labels.INDICATOR_UNIT["applications"] and item.projection is not None
    return _fmt(round(item.projection) if whole else item.projection)


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _cards(report) -> None:
    items = report.items
    for start in range(0, len(items), CARDS_PER_ROW):
        cols = st.columns(CARDS_PER_ROW)
        for col, item in zip(cols, items[start:start + CARDS_PER_ROW]):
            delta = None if item.completion is None else \
                f"{labels.IND_COMPLETION} {_percent(item.completion)}"
            col.metric(item.name, f"{_fmt(item.value)} {item.unit}", delta=delta,
                       delta_color="normal" if (item.completion or 0) >= 1 else "inverse",
                       delta_arrow="off", help=item.rule)  # a completion badge, not a change
            target = labels.IND_NO_TARGET if item.target is None else _fmt(item.target)
            standing = indicators.standing(item.key, item.value, item.target)
            col.caption(labels.IND_CARD_DETAIL.format(target=target, standing=standing,
                                                      projection=_projection(item)))
            if item.note:
                col.caption(item.note)


def _completion_chart(report) -> None:
    targeted = [i for i in report.items if i.completion is not None]
    if not targeted:
        return
    chart = echarts.options(charts.completion_bars, [i.name for i in targeted],
                            [i.completion * 100 for i in targeted], labels.IND_COMPLETION,
                            targeted[0].rule, labels.IND_COMPLETION)
    echarts.show(chart, key="ind_completion")


def _against_line(table, key: str, item):
    """name, value, target, met, gap per sub-region. Without its own target a sub-region is held
    to the region's target for ratio indicators (a count target of the whole region does not
    apply to a part of it)."""
    shown = table[["name", key, f"{key}_target"]].copy()
    shown.columns = ["name", "value", "target"]
    if key in RATIO_KEYS and item.target is not None:
        shown["target"] = shown["target"].astype(float).fillna(item.target)
    has = shown["value"].notna() & shown["target"].notna()
    pairs = list(zip(shown["value"], shown["target"], has))
    shown["met"] = [(labels.IND_MET if v >= t else labels.IND_NOT_MET) if ok
                    else labels.IND_NO_TARGET for v, t, ok in pairs]
    shown["gap"] = [indicators.standing(key, v, t) if ok else None for v, t, ok in pairs]
    return shown.sort_values("value", ascending=False, na_position="last")


def _subregion_section(report, table) -> None:
    st.subheader(labels.IND_SUBREGION_TABLE)
    if table.empty:
        st.info(labels.MON_EMPTY)
        return
    keys = [i.key for i in report.items if i.key in table.columns]
    key = st.selectbox(labels.IND_PICK, keys, key="ind_sub_key",
                       format_func=lambda k: labels.INDICATOR[k])
    item = report.get(key)
    shown = _against_line(table, key, item)
    tables.show(shown.rename(columns=labels.IND_SUB_COLUMNS), hide_index=True, width="stretch")
    echarts.caption_rule(item.rule)
    if report.rule.holder == "any" and not report.rule.fractional:
        st.caption(labels.IND_OVERLAP_NOTE)
    elif table["code"].isna().any():
        st.caption(labels.IND_UNPLACED_NOTE)
    target = shown["target"].dropna()
    chart = echarts.options(charts.versus_target, shown["name"].tolist(),
                            shown["value"].fillna(0).tolist(),
                            float(target.iloc[0]) if not target.empty else None,
                            labels.INDICATOR[key], item.rule, labels.IND_VALUE, labels.IND_TARGET)
    echarts.show(chart, key="ind_sub_chart")


def _progress_section(report, monthly) -> None:
    st.subheader(labels.IND_PROGRESS)
    if monthly.empty:
        st.info(labels.MON_EMPTY)
        return
    key = st.selectbox(labels.IND_PICK, list(PROGRESS_KEYS), key="ind_progress_key",
                       format_func=lambda k: labels.INDICATOR[k])
    item = report.get(key)
    months = [f"{m}月" for m in range(1, 13)]
    actual = monthly[key].tolist() + [None] * (12 - len(monthly))
    last = len(monthly) - 1
    projection = None
    if item.projection is not None and last < 11:
        step = (item.projection - actual[last]) / (11 - last)
        projection = [None] * last + [actual[last] + step * i for i in range(12 - last)]
    start = 0 if key != "valid_inventions" else actual[0]
    chart = echarts.options(charts.progress, months, actual, item.target, projection,
                            labels.INDICATOR[key], item.rule,
                            {"actual": labels.IND_ACTUAL, "pace": labels.IND_PACE,
                             "projection": labels.IND_PROJECTION}, pace_from=start)
    echarts.show(chart, key="ind_progress_chart")
    st.caption(labels.IND_PROGRESS_NOTE)


st.header(labels.IND_TITLE)
if not overview.has_patents():
    st.info(labels.MON_NO_PATENTS)
    st.stop()
scope = filters.scope_widgets(show_dates=False)
this_year = dt.date.today().year
year = st.sidebar.selectbox(labels.IND_YEAR, list(range(this_year, this_year - 11, -1)),
                            key="ind_year")
rule = _rule()
on = dt.date.today()
url = current_url() or ""
if indicator_cube.needs_build(rule):  # a page view never writes: read live until a job builds
    st.caption(labels.IND_RULE_LIVE)
report = _report(url, scope.region, year, rule, on)
st.caption(f"{region_name(scope.region)} · {year} · {report.as_of}")
_cards(report)
_completion_chart(report)
_subregion_section(report, _subregions(url, scope.region, year, rule, on))
_progress_section(report, _monthly(url, scope.region, year, rule, on))
