"""权利人统计: holders with valid patents by type, filters by region, industry, kind and tags,
sorting; holders new in the period (this year when none is chosen) highlighted, listed with their
fields and first patents, and summed up in a digest; a click on a holder opens its patents."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.db import current_url
from core.db.models import HOLDER_KINDS
from core.regions.query import Scope
from core.stats import holders, industry, new_holders
from core.stats import presence as overview
from ui import clicks, echarts, filters, tables, teams
from ui.cache import cached
from ui.charts import holders as charts
from ui.guard import guard

guard(__file__)

PAGE_SIZE = 100
NEW_ROW_STYLE = "background-color: #fff4ce"


@cached
def _found(url: str, period: Scope) -> list[tuple]:
    """The holders new in the period: read once per render (and data version) for every part."""
    return holders.new_holders(period)


def _found_for(url: str, q: Scope) -> list[tuple]:
    return _found(url, Scope(q.region, q.date_from, q.date_to))  # what new_holders reads


@cached
def _summary(url: str, q: Scope) -> dict:
    kinds = holders.kind_split(q, _found_for(url, q))
    return {"totals": holders.holder_totals(q, kinds), "kinds": kinds}


@cached
def _rows(url: str, q: Scope, sort: str, page: int):
    return holders.holder_stats(q, sort, PAGE_SIZE, (page - 1) * PAGE_SIZE,
                                found=_found_for(url, q))


@cached
def _new(url: str, q: Scope) -> dict:
    return new_holders.report(q, found=new_holders.firsts(q, _found_for(url, q)))


@cached
def _choices(url: str) -> tuple[list[str], dict[str, str]]:
    tops = industry.tops()
    return holders.tags_in_use(), dict(zip(tops["code"], tops["name"]))


def _tag_label(tag: str) -> str:
    return labels.HOLDER_TAG.get(tag, tag)


def _query(scope: Scope) -> tuple[Scope, str]:
    tags, industries = _choices(current_url() or "")
    with st.sidebar:
        kinds = st.multiselect(labels.FILTER_HOLDER_KINDS, list(HOLDER_KINDS), key="hs_kinds",
                               format_func=labels.HOLDER_KIND.get, placeholder=labels.ALL)
        chosen = st.multiselect(labels.FILTER_HOLDER_TAGS, tags, key="hs_tags",
                                format_func=_tag_label, placeholder=labels.ALL)
        code = st.selectbox(labels.FILTER_INDUSTRY, [""] + list(industries), key="hs_industry",
                            format_func=lambda c: industries.get(c, labels.ALL))
        name = st.text_input(labels.FILTER_NAME, key="hs_name")
        new_only = st.toggle(labels.NEW_ONLY, key="hs_new")
        sort = st.selectbox(labels.SORT_BY, list(holders.SORTS), key="hs_sort",
                            format_func=labels.HOLDER_SORTS.get)
    return scope.with_holders(holder_kinds=kinds, holder_tags=chosen, industry=code, holder=name,
                              new_only=new_only), sort


def _open_holder(scope, rows, clicked) -> None:
    click = clicks.holder(clicks.Pick.of(clicked), rows, scope.industry)
    if click and st.session_state.get("hs_clicked") != clicked:
        st.session_state["hs_clicked"] = clicked
        filters.follow(click, filters.every_type(scope))  # the page counts every type


def _charts(scope, rows, kinds) -> None:
    left, right = st.columns([3, 2])
    with left:
        clicked = echarts.show(echarts.options(charts.top_holders, rows), key="hs_top",
                               height="480px", clickable=True, series=True)
        st.caption(labels.CLICK_TO_SEARCH)
        _open_holder(scope, rows, clicked)
    with right:
        echarts.show(echarts.options(charts.kind_split, kinds), key="hs_kinds_pie", height="480px")


def _table(scope, rows) -> None:
    shown = rows.assign(
        kind=rows["kind"].map(labels.HOLDER_KIND),
        tags=rows["tags"].map(lambda t: "、".join(_tag_label(x) for x in t.split(",") if x)),
        is_new=rows["is_new"].map(lambda new: labels.NEW_MARK if new else ""),
        link=[filters.search_link(filters.every_type(scope.undated()), first_holder_id=int(i),
                                  status="valid", industry=scope.industry or None,
                                  **clicks.EVERY_FILING) for i in rows["holder_id"]])
    shown = shown[list(labels.HOLDER_COLUMNS)]
    styled = shown.style.apply(
        lambda row: [NEW_ROW_STYLE if row["is_new"] else ""] * len(row), axis=1)
    tables.show(styled, hide_index=True, width="stretch", column_config={
        **{k: v for k, v in labels.HOLDER_COLUMNS.items() if k != "link"},
        "link": st.column_config.LinkColumn(labels.HOLDER_COLUMNS["link"],
                                            display_text=labels.OPEN_SEARCH)})


def _digest_text(digest: dict, q: Scope) -> str:
    def joined(pairs, name=lambda k: k):
        return "、".join(f"{name(k)} {n:,}" for k, n in pairs)
    kinds = joined(digest["kinds"].items(), lambda k: labels.HOLDER_KIND.get(k, k))
    tags = joined(digest["tags"].items(), _tag_label)
    return labels.NEW_HOLDERS_DIGEST.format(
        start=q.date_from or labels.ANY, end=q.date_to or labels.ANY, holders=digest["holders"],
        kinds=kinds, patents=digest["patents"],
        tags=labels.NEW_DIGEST_TAGS.format(tags=tags) if tags else "",
        fields=labels.NEW_DIGEST_FIELDS.format(fields=joined(digest["fields"]))
        if digest["fields"] else "",
        top=labels.NEW_DIGEST_TOP.format(top=joined(digest["top"])) if digest["top"] else "")


def _new_holders(scope: Scope, q: Scope) -> None:
    st.subheader(labels.NEW_HOLDERS_TITLE)
    echarts.caption_rule(labels.RULE_NEW_HOLDERS)
    data = _new(current_url() or "", q)
    if data["digest"]["holders"] == 0:
        st.info(labels.NEW_HOLDERS_NONE)
        return
    st.markdown(_digest_text(data["digest"], q))
    frame = data["list"]
    shown = frame.assign(
        kind=frame["kind"].map(labels.HOLDER_KIND),
        tags=frame["tags"].map(lambda t: "、".join(_tag_label(x) for x in t.split(",") if x)),
        link=[filters.search_link(scope, holder_id=int(i)) for i in frame["holder_id"]])
    columns = labels.NEW_HOLDER_COLUMNS
    tables.show(shown[list(columns)], hide_index=True, width="stretch", column_config={
        **{k: v for k, v in columns.items() if k != "link"},
        "link": st.column_config.LinkColumn(columns["link"], display_text=labels.OPEN_SEARCH)})
    if len(frame) < data["digest"]["holders"]:
        st.caption(labels.SHOWING_FIRST.format(n=len(frame)))


st.header(labels.HOLDERS_TITLE)
scope = filters.scope_widgets()
if not overview.has_patents():
    st.info(labels.HOLDERS_EMPTY)
    st.stop()
query, sort = _query(scope)
query = query.or_this_year(dt.date.today())
st.caption(labels.HOLDERS_PERIOD.format(start=query.date_from or labels.ANY,
                                        end=query.date_to or labels.ANY)
           + ("" if scope.has_dates else labels.HOLDERS_DEFAULT_PERIOD))
summary = _summary(current_url() or "", query)
totals = summary["totals"]
cols = st.columns(3)
cols[0].metric(labels.HOLDERS_COUNT, f"{totals['holders']:,}")
cols[1].metric(labels.HOLDERS_NEW, f"{totals['new']:,}")
cols[2].metric(labels.HOLDERS_VALID, f"{totals['valid']:,}")
echarts.caption_rule(labels.RULE_HOLDERS)
if totals["holders"] == 0:
    st.info(labels.HOLDERS_EMPTY)
    _new_holders(scope, query)
    st.stop()
pages = max(1, -(-totals["holders"] // PAGE_SIZE))
page = int(st.columns([1, 5])[0].number_input(labels.MON_PAGE, min_value=1, max_value=pages,
                                               value=1, key="hs_page"))
rows = _rows(current_url() or "", query, sort, page)
_charts(scope, rows, summary["kinds"])
st.caption(labels.MON_PAGE_INFO.format(total=totals["holders"], page=page, pages=pages))
_table(scope, rows)
teams.render(scope, rows)
_new_holders(scope, query)
