"""公开专利数据查询: every published patent of the region, filtered by type, legal status,
application number, holder, title words, agency, region, IPC, industry and dates; keyset pages;
.xlsx export with progress. Filters live in the URL (region/dates/types through ui/filters, the
rest under core.search.PARAM names), so a link — or a chart click elsewhere — reproduces the view."""
import datetime as dt

import pandas as pd
import streamlit as st

from core.config import labels
from core.db import current_url
from core.db.models import HOLDER_KINDS, STATUSES
from core.exports import search as export
from core.regions import divisions
from core.stats import industry, search
from core.stats.holders import tags_in_use
from core.stats.search import PAGE_FIELDS, PARAM, SearchFilters
from ui import filters, tables
from ui.cache import cached
from ui.guard import guard
from ui.text import plain

guard(__file__)

WRITTEN = "sq_written"
BAD = "sq_bad_params"  # (names of a link's ignored parameters, the filters they left)
TEXT_FIELDS = {"title": labels.SEARCH_WORDS, "holder": labels.SEARCH_HOLDER,
               "app_no": labels.SEARCH_APP_NO, "agency": labels.SEARCH_AGENCY,
               "ipc": labels.SEARCH_IPC}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cached
def _choices(url: str) -> tuple[list[str], dict[str, str]]:
    tops = industry.tops()
    return tags_in_use(), dict(zip(tops["code"], tops["name"]))


@cached
def _count(url: str, f: SearchFilters) -> tuple[int, bool]:
    return search.count(f)


@cached
def _page(url: str, f: SearchFilters, cursor: int | None) -> search.Page:
    return search.page(f, cursor)


def _sync_from_url() -> None:
    """A new link's parameters (not the ones this page wrote) fill the page's widgets."""
    incoming = {PARAM[k]: st.query_params[PARAM[k]] for k in PAGE_FIELDS
                if PARAM[k] in st.query_params}
    if incoming == st.session_state.get(WRITTEN):
        return
    parsed, bad = search.from_params(incoming)
    st.session_state[BAD] = (bad, None)  # shown by _warn_bad until the filters change
    for name in PAGE_FIELDS:
        value = getattr(parsed, name)
        st.session_state[f"sq_{name}"] = list(value) if name == "statuses" else value
    st.session_state[WRITTEN] = incoming


def _write_url(f: SearchFilters) -> None:
    params = {k: v for k, v in search.to_params(f).items()
              if k in {PARAM[n] for n in PAGE_FIELDS}}
    for name in PAGE_FIELDS:
        key = PARAM[name]
        if key in params:
            st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[WRITTEN] = params


def _widgets() -> dict:
    tags, industries = _choices(current_url() or "")
    cols = st.columns(3)
    values = {}
    for i, (name, label) in enumerate(TEXT_FIELDS.items()):
        st.session_state.setdefault(f"sq_{name}", None)
        values[name] = cols[i % 3].text_input(label, key=f"sq_{name}",
                                              max_chars=search.MAX_TEXT) or None
    if any(search.text_problem(values[name]) for name in TEXT_FIELDS):
        st.warning(labels.SEARCH_TEXT_LIMIT.format(chars=search.MAX_TEXT, words=search.MAX_WORDS))
    values["statuses"] = tuple(cols[2].multiselect(
        labels.SEARCH_STATUS, list(STATUSES), key="sq_statuses", format_func=labels.STATUS.get,
        placeholder=labels.ALL))
    cols = st.columns(3)
    values["industry"] = cols[0].selectbox(
        labels.SEARCH_INDUSTRY, [None] + list(industries), key="sq_industry",
        placeholder=labels.ALL,
        format_func=lambda c: industries.get(c, c) if c else labels.ALL)
    values["holder_kind"] = cols[1].selectbox(
        labels.SEARCH_KIND, [None] + list(HOLDER_KINDS), key="sq_holder_kind",
        placeholder=labels.ALL,
        format_func=lambda k: labels.HOLDER_KIND.get(k, k) if k else labels.ALL)
    tag_options = [None] + tags + ([st.session_state.get("sq_holder_tag")]
                                   if st.session_state.get("sq_holder_tag") not in tags else [])
    values["holder_tag"] = cols[2].selectbox(
        labels.SEARCH_TAG, list(dict.fromkeys(tag_options)), key="sq_holder_tag",
        placeholder=labels.ALL,
        format_func=lambda t: labels.HOLDER_TAG.get(t, t) if t else labels.ALL)
    st.session_state.setdefault("sq_unpublished", False)
    values["unpublished"] = bool(st.checkbox(labels.SEARCH_UNPUBLISHED, key="sq_unpublished",
                                             help=labels.SEARCH_UNPUBLISHED_HELP))
    return values


def _pinned(f: SearchFilters) -> SearchFilters:
    """Show the holder / agency pinned by a link, with a button to drop the pin."""
    names = search.fixed_names(f)
    for key, label, field in (("holder", labels.SEARCH_FIXED_HOLDER, "holder_id"),
                              ("holder", labels.SEARCH_FIXED_FIRST_HOLDER, "first_holder_id"),
                              ("agency", labels.SEARCH_FIXED_AGENCY, "agency_id")):
        if getattr(f, field):
            left, right = st.columns([4, 1])
            left.info(label.format(name=plain(names.get(key, getattr(f, field)))))
            if right.button(labels.SEARCH_CLEAR_FIXED, key=f"sq_clear_{field}"):
                st.session_state[f"sq_{field}"] = None
                f = search.with_changes(f, **{field: None})
    return f


def _warn_bad(slot, f: SearchFilters) -> None:
    """Name a link's ignored parameters, also on the reruns that follow (the login cookie's)
    until the user changes a filter."""
    bad, shown_for = st.session_state.get(BAD) or ([], None)
    if shown_for is None:
        st.session_state[BAD] = (bad, f)
    elif shown_for != f:
        st.session_state.pop(BAD, None)
        return
    if bad:
        slot.warning(labels.SEARCH_BAD_PARAMS.format(names="、".join(bad)))


def _filters(scope) -> SearchFilters:
    slot = st.container()
    _sync_from_url()
    values = _widgets()
    for pinned in ("holder_id", "first_holder_id", "agency_id"):
        values[pinned] = st.session_state.get(f"sq_{pinned}")
    f = _pinned(SearchFilters(**values))
    _write_url(f)
    _warn_bad(slot, f)
    return search.with_scope(f, scope)


def _cursor(f: SearchFilters) -> list:
    """The cursor stack of the current filters (reset when the filters change)."""
    if st.session_state.get("sq_sig") != f:
        st.session_state["sq_sig"] = f
        st.session_state["sq_stack"] = [None]
    return st.session_state["sq_stack"]


def _table(rows: list[dict]) -> None:
    frame = pd.DataFrame(rows, columns=list(search.ROW_COLUMNS))
    names = divisions.names()
    frame["patent_type"] = frame["patent_type"].map(labels.PATENT_TYPE)
    frame["status"] = frame["status"].map(labels.STATUS)
    for column in ("app_date", "pub_date", "grant_date"):
        frame[column] = [d.isoformat() if d else "" for d in frame[column]]
    frame["region"] = [names.get(s or "", names.get(c or "", ""))
                       for s, c in zip(frame["street_code"], frame["county_code"])]
    tables.show(frame[list(labels.SEARCH_COLUMNS)].rename(columns=labels.SEARCH_COLUMNS),
                hide_index=True, width="stretch")


def _pager(f: SearchFilters, result: search.Page) -> None:
    stack = _cursor(f)
    left, mid, right = st.columns([1, 3, 1])
    if left.button(labels.SEARCH_PREV, key="sq_prev", disabled=len(stack) <= 1):
        stack.pop()
        st.rerun()
    mid.caption(labels.SEARCH_PAGE_INFO.format(page=len(stack), size=search.PAGE_SIZE))
    if right.button(labels.SEARCH_NEXT, key="sq_next", disabled=result.next_cursor is None):
        stack.append(result.next_cursor)
        st.rerun()


def _export(f: SearchFilters, total: int, capped: bool) -> None:
    if capped or total > export.MAX_ROWS:
        st.caption(labels.EXPORT_TOO_MANY.format(n=export.MAX_ROWS))
    if st.button(labels.EXPORT_PREPARE, key="sq_export", icon=":material/download:"):
        bar = st.progress(0.0)
        rows = min(total, export.MAX_ROWS)

        def progress(done: int, of: int) -> None:
            bar.progress(min(1.0, done / max(of, 1)),
                         text=labels.EXPORT_PROGRESS.format(done=done, total=of))
        st.session_state["sq_xlsx"] = (f, rows, export.to_xlsx(f, rows, progress))
    built = st.session_state.get("sq_xlsx")
    if built and built[0] == f:
        stamp = dt.datetime.now().strftime("%Y%m%d_%H%M")
        st.download_button(labels.EXPORT_DOWNLOAD.format(n=built[1]), built[2],
                           file_name=labels.EXPORT_FILE.format(stamp=stamp), mime=XLSX,
                           key="sq_download", type="primary")


st.header(labels.SEARCH_TITLE)
scope = filters.scope_widgets()
current = _filters(scope)
url = current_url() or ""
total, capped = _count(url, current)
fmt = labels.SEARCH_RESULT_CAPPED if capped else labels.SEARCH_RESULT
st.subheader(fmt.format(n=total))
if total == 0:
    st.info(labels.SEARCH_EMPTY)
    st.stop()
result = _page(url, current, _cursor(current)[-1])
_table(result.rows)
_pager(current, result)
_export(current, total, capped)
