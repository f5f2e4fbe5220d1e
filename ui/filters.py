"""The one filter widget set of every statistics page: region (home region → county → street, or
a custom region), date range (whole years or exact dates) on a date basis, patent types.

State lives in st.session_state under `scope_*` keys (so it survives moving between pages) and is
mirrored to st.query_params (so a link reproduces the view). A link wins over the session state
when its parameters differ from the ones this session last wrote.

    scope = filters.scope_widgets()          # returns core.regions.query.Scope
    filters.search_link(scope, holder="…")   # "/search?region=…&from=…"
    filters.open_search(scope, region=code)  # switch to the search page, pre-filled
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from core.config import labels, settings
from core.db.models import PATENT_TYPES
from core.regions import divisions
from core.regions.query import DATE_BASES, Scope
from core.stats import search
from core.stats.regions import custom_regions
from ui.cache import cached
from ui.clicks import Drill, Pick, Search

__all__ = [
    "PARAM_KEYS",
    "SEARCH_PAGE",
    "Scope",
    "breadcrumb",
    "clicked",
    "current_scope",
    "follow",
    "home_region",
    "open_search",
    "scope_from_params",
    "scope_to_params",
    "scope_widgets",
    "search_link",
    "set_region",
]

SEARCH_PAGE = "pages/search.py"
SEARCH_URL = "search"
PARAM_KEYS = ("region", "from", "to", "basis", "types")
STATE = "scope_state"  # session key holding the current Scope
WRITTEN = "scope_qp_written"  # the query params this session last wrote
FIRST_YEAR = 1985


def home_region() -> str:
    return settings.get("PATENT_HOME_REGION")


def default_scope() -> Scope:
    return Scope(region=home_region())


# --- URL <-> Scope (pure) -------------------------------------------------------------------

def scope_to_params(scope: Scope) -> dict[str, str]:
    """The query parameters that reproduce `scope` (defaults left out)."""
    params = {"region": scope.region}
    if scope.date_from:
        params["from"] = scope.date_from.isoformat()
    if scope.date_to:
        params["to"] = scope.date_to.isoformat()
    if scope.date_basis != "app":
        params["basis"] = scope.date_basis
    if scope.patent_types:
        params["types"] = ",".join(scope.patent_types)
    return params


def scope_from_params(params: Mapping[str, str], fallback: Scope) -> Scope:
    """A Scope from query parameters; missing or invalid values keep `fallback`'s."""
    region = str(params.get("region") or fallback.region).strip()
    basis = params.get("basis") if params.get("basis") in DATE_BASES else "app"
    types = tuple(t for t in str(params.get("types") or "").split(",") if t in PATENT_TYPES)
    return Scope(region=region, date_from=_parse_date(params.get("from"), start=True),
                 date_to=_parse_date(params.get("to"), start=False), date_basis=basis,
                 patent_types=types)


def _parse_date(value, start: bool) -> dt.date | None:
    """ISO date, or a bare year (start → 1 Jan, end → 31 Dec)."""
    text = str(value or "").strip()
    try:
        if text.isdigit() and len(text) == 4:  # year 0000 raises too
            return dt.date(int(text), 1, 1) if start else dt.date(int(text), 12, 31)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def search_link(scope: Scope | None = None, **filters) -> str:
    """URL of the search page with the scope and extra filters (holder=…, ipc=…) filled in.
    Extra filters named like scope keys (region=…) override the scope's."""
    params = scope_to_params(scope) if scope else {}
    params.update({k: _param_value(v) for k, v in filters.items() if v not in (None, "")})
    return f"/{SEARCH_URL}?{urlencode(params)}"


def _param_value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- session state ----------------------------------------------------------------------------

def _our_params() -> dict[str, str]:
    return {k: st.query_params[k] for k in PARAM_KEYS if k in st.query_params}


def current_scope() -> Scope:
    """The scope of this session: a new link's parameters, else the session state, else home."""
    state = st.session_state.get(STATE) or default_scope()
    incoming = _our_params()
    if incoming and incoming != st.session_state.get(WRITTEN):
        state = scope_from_params(incoming, state)
    st.session_state[STATE] = state
    return state


def _store(scope: Scope) -> None:
    st.session_state[STATE] = scope
    params = scope_to_params(scope)
    for key in PARAM_KEYS:
        if key in params:
            st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[WRITTEN] = params


def set_region(code: str) -> None:
    """Re-scope to region `code` (drill-down); call st.rerun() after if needed."""
    _store(current_scope().with_region(code))


# --- widgets ----------------------------------------------------------------------------------

def scope_widgets(container=None, show_dates: bool = True, show_types: bool = True) -> Scope:
    """Render the shared filter bar (default: a bordered row at the top of the page) and
    return the current Scope — without its date range when the bar shows no dates (the page
    does not use them; the session keeps them for the other pages). `show_types=False`: no
    type choice, for a page that counts every type (the session keeps the choice)."""
    box = container if container is not None else st.container(border=True, key="scope_bar")
    scope = current_scope()
    with box:
        cols = st.columns([1.3, 1.3, 1, 1.9, 2.2] if show_dates else [1.3, 1.3, 2.2])
        _region_widgets(scope, cols[0], cols[1])
        if show_dates:
            _date_widgets(st.session_state[STATE], cols[2], cols[3])
        if show_types:
            _type_widget(st.session_state[STATE], cols[-1])
    scope = st.session_state[STATE]
    _store(scope)
    return scope if show_dates else scope.undated()


def _region_widgets(scope: Scope, left, right) -> None:
    home = home_region()
    county, street = _split_region(scope.region, home)
    county_options = [home] + [c for c, _ in divisions.children(home)] + \
        [c for c, _ in _custom_regions()]
    if county not in county_options:
        county_options.append(county)
    st.session_state["_flt_county"] = county
    left.selectbox(labels.FILTER_COUNTY, county_options, key="_flt_county",
                   format_func=_region_label, on_change=_on_county)
    streets = [c for c, _ in divisions.children(county)] if len(county) == 6 else []
    st.session_state["_flt_street"] = street or ""
    right.selectbox(labels.FILTER_STREET, [""] + streets, key="_flt_street",
                    format_func=lambda c: _region_label(c) if c else labels.ALL,
                    on_change=_on_street, disabled=not streets)


def _split_region(region: str, home: str) -> tuple[str, str | None]:
    """(the county-level choice, the street or None) for a region code."""
    if region.isdigit() and len(region) == 9:
        return region[:6], region
    return region or home, None


def _region_label(code: str) -> str:
    names = divisions.names()
    if code in names:
        return names[code]
    custom = dict(_custom_regions())
    return f"{labels.CUSTOM_PREFIX}{custom.get(code, code)}"


_custom_regions = cached(custom_regions)  # (code, name) of every custom region


def _on_county() -> None:
    _store(st.session_state[STATE].with_region(st.session_state["_flt_county"]))


def _on_street() -> None:
    street = st.session_state["_flt_street"]
    _store(st.session_state[STATE].with_region(street or st.session_state["_flt_county"]))


def _date_widgets(scope: Scope, basis_col, dates_col) -> None:
    st.session_state["_flt_basis"] = scope.date_basis
    basis_col.selectbox(labels.FILTER_BASIS, list(DATE_BASES), key="_flt_basis",
                        format_func=labels.DATE_BASIS.get, on_change=_on_dates)
    exact = _is_exact(scope)
    st.session_state["_flt_exact"] = exact
    basis_col.toggle(labels.FILTER_EXACT_DATES, key="_flt_exact", on_change=_on_dates)
    with dates_col:
        _date_range_widgets(scope, exact)


def _date_range_widgets(scope: Scope, exact: bool) -> None:
    if exact:
        value = (scope.date_from or dt.date(FIRST_YEAR, 1, 1), scope.date_to or dt.date.today())
        key = f"_flt_range_{value[0]}_{value[1]}"  # a new scope gets a fresh widget
        st.date_input(labels.FILTER_DATES, value=value, key=key, on_change=_on_dates,
                      args=(key,), min_value=dt.date(FIRST_YEAR, 1, 1),
                      max_value=dt.date(2100, 12, 31))
        return
    years = [0] + list(range(dt.date.today().year, FIRST_YEAR - 1, -1))  # 0: open end
    st.session_state["_flt_y1"] = scope.date_from.year if scope.date_from else 0
    st.session_state["_flt_y2"] = scope.date_to.year if scope.date_to else 0
    left, right = st.columns(2)
    left.selectbox(labels.FILTER_YEAR_FROM, years, key="_flt_y1", on_change=_on_dates,
                   format_func=lambda y: str(y) if y else labels.ANY)
    right.selectbox(labels.FILTER_YEAR_TO, years, key="_flt_y2", on_change=_on_dates,
                    format_func=lambda y: str(y) if y else labels.ANY)


def _is_exact(scope: Scope) -> bool:
    return bool(st.session_state.get("_flt_exact_pref")) or not scope.whole_years


def _on_dates(range_key: str | None = None) -> None:
    scope = st.session_state[STATE]
    basis = st.session_state.get("_flt_basis", scope.date_basis)
    st.session_state["_flt_exact_pref"] = bool(st.session_state.get("_flt_exact"))
    if st.session_state.get("_flt_exact") and range_key in st.session_state:
        picked = tuple(st.session_state[range_key]) + (None, None)
        start, end = picked[0], picked[1] or picked[0]
    elif st.session_state.get("_flt_exact"):
        start, end = scope.date_from, scope.date_to
    else:
        y1, y2 = st.session_state.get("_flt_y1"), st.session_state.get("_flt_y2")
        if y1 and y2 and y1 > y2:
            y1, y2 = y2, y1
        start = dt.date(y1, 1, 1) if y1 else None
        end = dt.date(y2, 12, 31) if y2 else None
    _store(replace(scope, date_from=start, date_to=end, date_basis=basis))


def _type_widget(scope: Scope, col) -> None:
    st.session_state["_flt_types"] = list(scope.patent_types)
    col.pills(labels.FILTER_TYPES, list(PATENT_TYPES), selection_mode="multi", key="_flt_types",
             format_func=labels.PATENT_TYPE.get, on_change=_on_types)


def _on_types() -> None:
    chosen = tuple(t for t in PATENT_TYPES if t in (st.session_state.get("_flt_types") or []))
    if set(chosen) == set(PATENT_TYPES):
        chosen = ()
    scope = st.session_state[STATE]
    _store(replace(scope, patent_types=chosen))


# --- breadcrumb and drill-down ----------------------------------------------------------------

def region_path(region: str) -> list[str]:
    """Codes from the home region down to `region` (custom regions hang under home)."""
    home = home_region()
    if not region.isdigit() or region == home or not region.startswith(home):
        return [home] if region == home else [home, region]
    path = [home]
    for length in (6, 9):
        if len(region) >= length and len(home) < length:
            path.append(region[:length])
    return path


def breadcrumb(key: str = "crumb") -> None:
    """Buttons home › county › street; a click on an ancestor re-scopes to it."""
    path = region_path(current_scope().region)
    if len(path) < 2:
        return
    cols = st.columns(len(path) + 4)
    for i, code in enumerate(path):
        last = i == len(path) - 1
        if cols[i].button(_region_label(code), key=f"{key}_{i}", disabled=last,
                          type="tertiary", icon=None if last else ":material/chevron_left:"):
            set_region(code)
            st.rerun()


def every_type(scope: Scope) -> Scope:
    """The scope without its type filter (for pages whose numbers count every type)."""
    return replace(scope, patent_types=())


def search_params(scope: Scope, **filters) -> dict[str, str]:
    """The search page's query parameters: the scope's, then the extra filters (which win)."""
    params = scope_to_params(scope)
    params.update({k: _param_value(v) for k, v in filters.items() if v not in (None, "")})
    return params


def click_params(click: Search, scope: Scope) -> dict[str, str]:
    """The query parameters a chart click opens the search with (the scope without its dates
    when the clicked number ignores them)."""
    return search_params(scope if click.dated else scope.undated(), **click.params)


def click_link(click: Search, scope: Scope) -> str:
    """The search URL a click opens (for a table's link column)."""
    return f"/{SEARCH_URL}?{urlencode(click_params(click, scope))}"


def search_filters(params: Mapping[str, str]) -> search.SearchFilters:
    """The filters the search page applies for these query parameters: the scope's (region,
    dates on their basis, types — as scope_widgets reads them) and the page's own fields."""
    scope = scope_from_params(params, Scope())
    return search.with_scope(search.from_params(params)[0], scope)


def open_search(scope: Scope | None = None, **filters) -> None:
    """Go to the search page with the scope and extra filters filled in (for chart clicks)."""
    st.switch_page(SEARCH_PAGE, query_params=search_params(scope or current_scope(), **filters))


def follow(click, scope: Scope | None = None) -> None:
    """Apply a chart click's filter (ui.clicks): re-scope this page, or open the search."""
    if isinstance(click, Drill):
        set_region(click.region)
        st.rerun()
    elif isinstance(click, Search):
        st.switch_page(SEARCH_PAGE, query_params=click_params(click, scope or current_scope()))


# --- helpers for the statistics pages ---------------------------------------------------------

def clicked(chart, key: str, series: bool = False, **show_kwargs):
    """Show a clickable chart; return a click's name once (a repeated value is not new) — with
    series=True a ui.clicks.Pick (the clicked series and element), for charts whose series count
    different things."""
    from ui import echarts
    value = echarts.show(chart, key=key, clickable=True, series=series, **show_kwargs)
    seen_key = f"_clicked_{key}"
    if not value:
        st.session_state.pop(seen_key, None)
        return None
    if st.session_state.get(seen_key) == value:
        return None
    st.session_state[seen_key] = value
    return Pick.of(value) if series else value
