"""专利概况: the big screen — indicator cards, map and rankings, trend, type split, top holders,
operations this year, watched regions. Clicking a sub-region re-scopes the whole screen
(breadcrumb to go back); other clicks open the patent search pre-filled. ?kiosk=1: wall mode."""
import datetime as dt

import streamlit as st
from streamlit_echarts import Map

from core.config import labels
from core.regions.custom import region_name
from core.stats import overview
from ui import clicks, demo_offer, echarts, filters, kiosk
from ui.cache import cached
from ui.charts import maps
from ui.charts import overview as charts
from ui.errors import guarded
from ui.guard import guard

guard(__file__)

KIOSK = kiosk.active()
YEARS = 10
HEIGHT = "440px"
WALL_HEIGHT = "380px"  # two rows of charts under the cards fill one 1920×1080 wall screen


def render_empty() -> None:
    st.subheader(labels.EMPTY_DB_TITLE)
    st.info(labels.EMPTY_DB_HELP)
    demo_offer.render()


def render_header(scope, name: str) -> None:
    if KIOSK:
        left, middle, right = st.columns([5, 2, 1], vertical_alignment="center")
    else:
        left, right = st.columns([4, 1])
        middle = right
    left.header(f"{labels.OVERVIEW} · {name}")
    stamp = cached(overview.data_updated_at)()
    middle.caption(f"{labels.DATA_UPDATED_AT} {stamp:%Y-%m-%d %H:%M}" if stamp else "")
    kiosk.toggle(right, note=middle)
    filters.breadcrumb("ov_crumb")


def render_cards(scope, today: dt.date) -> None:
    c = cached(overview.cards)(scope, today)
    cols = st.columns(6)
    cols[0].metric(labels.TOTAL_PUBLISHED, f"{c.published:,}")
    cols[1].metric(labels.TOTAL_VALID, f"{c.valid:,}")
    cols[2].metric(labels.VALID_INVENTIONS, f"{c.valid_inventions:,}")
    cols[3].metric(labels.CARD_PER_10K, "—" if c.per_10k is None else f"{c.per_10k:.2f}",
                   help=None if c.per_10k is not None else labels.CARD_PER_10K_MISSING)
    cols[4].metric(labels.CARD_FILINGS_YTD, f"{c.filings_this_year:,}",
                   _delta(c.filings_this_year, c.filings_last_year),
                   help=f"{labels.CARD_VS_LAST_YEAR}: {c.filings_last_year:,}")
    cols[5].metric(labels.CARD_GRANTS_YTD, f"{c.grants_this_year:,}",
                   _delta(c.grants_this_year, c.grants_last_year),
                   help=f"{labels.CARD_VS_LAST_YEAR}: {c.grants_last_year:,}")
    if not KIOSK:  # the wall screen has no room for it; the charts state their rules
        st.caption(labels.RULE_PREFIX + labels.CARD_RULE.format(as_of=f"{today:%m月%d日}"))


def _delta(now: int, before: int) -> str | None:
    if not before:
        return None
    return f"{(now / before - 1) * 100:+.1f}%"


def render_geography(scope, columns=None) -> None:
    """The map (home region) beside the sub-region ranking; below the home region the ranking
    alone, full width. `columns`: two containers to draw into (the wall screen's grid)."""
    subs = cached(overview.subregions)(scope)
    if subs.empty:
        st.info(labels.NO_SUBREGIONS)
        return
    with_map = scope.region == filters.home_region() and bool(
        maps.polygon_names() & set(subs["name"]))
    if columns:
        left, right = columns if with_map else (None, columns[0])
    else:
        left, right = st.columns([3, 2]) if with_map else (None, st.container())
    pick = None
    if with_map:
        with left:
            pick = filters.clicked(charts_map(list(zip(subs["name"], subs["valid"]))),
                                   f"ov_map_{scope.region}", height=_height(),
                                   map_=Map(maps.MAP_NAME, maps.geojson()))
    with right:
        pick = _ranking(subs.head(12), labels.SUBREGION_RANKING, f"ov_sub_{scope.region}") or pick
    _drill(subs, pick, scope)


def _height() -> str:
    return WALL_HEIGHT if KIOSK else HEIGHT


def charts_map(pairs):
    return echarts.options(maps.county_map, pairs, labels.MAP_TITLE, labels.RULE_VALID_ASOF,
                           labels.TOTAL_VALID, dark=KIOSK, height=_height())


def _ranking(frame, title: str, key: str):
    chart = echarts.options(charts.ranking, frame["name"].tolist(),
                            {labels.TOTAL_VALID: frame["valid"].tolist()}, title,
                            labels.RULE_VALID_ASOF, dark=KIOSK, height=_height())
    return filters.clicked(chart, key, height=_height())


def _drill(frame, name, scope) -> None:
    filters.follow(clicks.subregion(name, frame), scope)


def render_trend_and_types(scope, today: dt.date, columns=None) -> None:
    left, right = columns or st.columns([3, 2])
    years = cached(overview.yearly)(scope, today.year - YEARS + 1, today.year)
    with left:
        chart = echarts.options(charts.yearly, years["year"].tolist(),
                                years["applications"].tolist(), years["grants"].tolist(),
                                labels.YEARLY_TREND, labels.RULE_FLOWS,
                                (labels.APPLICATIONS, labels.GRANTS), dark=KIOSK)
        year = filters.clicked(chart, f"ov_years_{scope.region}", series=True, height=_height())
        filters.follow(clicks.period_series(year, clicks.YEARLY), scope)
    split = cached(overview.type_split)(scope)
    with right:
        pairs = [(labels.PATENT_TYPE[t], v) for t, v in zip(split["patent_type"], split["valid"])]
        picked = filters.clicked(echarts.options(charts.type_pie, pairs, labels.TYPE_SPLIT,
                                                 labels.RULE_VALID_ASOF, dark=KIOSK),
                                 f"ov_types_{scope.region}", height=_height())
        filters.follow(clicks.patent_type(picked, labels.PATENT_TYPE), scope)


def render_holders_and_streets(scope, cols=None) -> None:
    """Street ranking and top holders. Below the home region the sub-regions are the streets:
    their ranking is already above, so the holders take the row."""
    streets = cached(overview.streets)(scope)
    subs = cached(overview.subregions)(scope)
    with_streets = not streets.empty and not set(streets["code"]) <= set(subs["code"])
    cols = cols or st.columns(3 if with_streets else 2)
    if with_streets:
        with cols[0]:
            _drill(streets, _ranking(streets, labels.STREET_RANKING, f"ov_st_{scope.region}"),
                   scope)
    for col, inv, title in ((cols[-2], False, labels.TOP_HOLDERS_VALID),
                            (cols[-1], True, labels.TOP_HOLDERS_INV)):
        top = cached(overview.top_holders)(scope, inv)
        with col:
            chart = echarts.options(charts.ranking, top["name"].tolist(),
                                    {labels.TOTAL_VALID: top["valid"].tolist()}, title,
                                    labels.RULE_VALID_ASOF, dark=KIOSK, height=_height())
            name = filters.clicked(chart, f"ov_h{int(inv)}_{scope.region}", height=_height())
            filters.follow(clicks.named_holder(name, top, inv), scope)


def render_operations(scope, today: dt.date) -> None:
    ops = cached(overview.operations)(scope, dt.date(today.year, 1, 1), today)
    names = [labels.OPERATION_KIND[k] for k in overview.OPERATION_KINDS]
    filters.clicked(echarts.options(charts.operations, names, [ops[k] for k in overview.OPERATION_KINDS],
                                    labels.OPERATIONS_YTD, labels.RULE_OPERATIONS, dark=KIOSK),
                    f"ov_ops_{scope.region}", height=_height())
    if not KIOSK:
        st.caption(labels.OPERATIONS_NOTE)


def render_operations_and_watch(scope, today: dt.date) -> None:
    left, right = st.columns(2)
    with left:
        render_operations(scope, today)
    watch = cached(overview.watched)(scope, st.session_state.get("username"))
    with right:
        if len(watch) < 2:
            st.info(labels.WATCHED_EMPTY)
        chart = echarts.options(charts.watched, watch["name"].tolist(),
                                {labels.TOTAL_VALID: watch["valid"].tolist(),
                                 labels.VALID_INVENTIONS: watch["valid_inventions"].tolist()},
                                labels.WATCHED_COMPARE, labels.RULE_VALID_ASOF, dark=KIOSK)
        name = filters.clicked(chart, f"ov_watch_{scope.region}")
        filters.follow(clicks.region(name, watch, current=scope.region))


def render_screen() -> None:
    head = st.container()
    scope = filters.scope_widgets(st.sidebar if KIOSK else None)  # hidden on the wall screen
    today = dt.date.today()
    with head:
        render_header(scope, region_name(scope.region))
    render_cards(scope, today)
    if KIOSK:
        render_wall(scope, today)
        return
    render_geography(scope)
    render_trend_and_types(scope, today)
    render_holders_and_streets(scope)
    render_operations_and_watch(scope, today)
    st.caption(labels.CLICK_HINT)


def render_wall(scope, today: dt.date) -> None:
    """The wall screen: two rows of four charts under the cards, one 1920×1080 screen."""
    first, second = st.columns(4), st.columns(4)
    render_geography(scope, (first[0], first[1]))
    render_trend_and_types(scope, today, (first[2], first[3]))
    render_holders_and_streets(scope, second[:3])
    with second[3]:
        render_operations(scope, today)


if not overview.has_patents():
    render_empty()
elif KIOSK:
    kiosk.style()
    st.fragment(run_every=kiosk.REFRESH_SECONDS)(guarded(render_screen))()
else:
    render_screen()
