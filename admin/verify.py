"""专利数据核查: the address verification queue (admin and checker)."""
import pandas as pd
import streamlit as st

from core.config import labels, settings
from core.cubes import delta
from core.importer import readers
from core.resolver import decisions, queue, resolve_pending, workbook
from core.resolver.gazetteer import name_of
from core.resolver.special import method_text
from ui import echarts, tables
from ui.auth import current_user
from ui.charts import verify as verify_charts
from ui.guard import guard
from ui.nav import spec_for
from ui.text import plain

guard(__file__)

HOME = settings.get("PATENT_HOME_REGION")


def place_text(row: dict) -> str:
    names = [name_of(row.get(f"{lv}_code")) for lv in ("province", "city", "county", "street")]
    return " / ".join(n for n in names if n) or labels.VERIFY_UNPLACED


def render_address_picker() -> dict | None:
    counties = queue.counties(HOME)
    options = [""] + [c for c, _ in counties]
    county = st.selectbox(labels.VERIFY_COUNTY_FILTER, options, key="vq_county",
                          format_func=lambda c: name_of(c) if c else labels.VERIFY_ALL)
    st.caption(labels.VERIFY_QUEUE_SIZE.format(**queue.queue_count(county or None, HOME)))
    rows = queue.queue_page(county or None, HOME, limit=200)
    if not rows:
        st.info(labels.VERIFY_EMPTY)
        return None
    by_id = {r["id"]: r for r in rows}
    chosen = st.selectbox(labels.VERIFY_PICK_ADDRESS, list(by_id), key="vq_address",
                          format_func=lambda i: labels.VERIFY_ADDRESS_OPTION.format(**by_id[i]))
    return by_id[chosen]


def render_evidence(row: dict) -> list[dict]:
    st.markdown(labels.VERIFY_CURRENT.format(
        place=place_text(row), confidence=row["confidence"],
        method=method_text(row["method"])))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{labels.VERIFY_VARIANTS}**")
        for text in queue.variants(row["id"]):
            st.text(text)
        st.markdown(f"**{labels.VERIFY_HOLDERS}**")
        holders = queue.holders(row["id"])
        if holders:
            frame = pd.DataFrame(holders)[list(labels.VERIFY_HOLDER_COLUMNS)]
            tables.show(frame.rename(columns=labels.VERIFY_HOLDER_COLUMNS), hide_index=True)
    with right:
        st.markdown(f"**{labels.VERIFY_CANDIDATES}**")
        cands = queue.candidates(row["id"])
        if cands:
            frame = pd.DataFrame([{**c, "evidence": "；".join(c["evidence"])} for c in cands])
            tables.show(frame[list(labels.VERIFY_CANDIDATE_COLUMNS)]
                        .rename(columns=labels.VERIFY_CANDIDATE_COLUMNS), hide_index=True)
        else:
            st.caption(labels.VERIFY_NO_CANDIDATES)
    return holders


def render_picker(row: dict) -> str:
    """District → street picker; returns the chosen code (street, or county only)."""
    counties = [c for c, _ in queue.counties(HOME)]
    if row["county_code"] and row["county_code"] not in counties:
        counties.insert(0, row["county_code"])
    default = counties.index(row["county_code"]) if row["county_code"] in counties else 0
    cols = st.columns(2)
    county = cols[0].selectbox(labels.VERIFY_PICK_COUNTY, counties, index=default,
                               format_func=name_of, key=f"vq_pick_county_{row['id']}")
    streets = [""] + [c for c, _ in queue.streets(county)]
    cands = [c["code"] for c in queue.candidates(row["id"]) if c["code"] in streets]
    street = cols[1].selectbox(labels.VERIFY_PICK_STREET, streets,
                               index=streets.index(cands[0]) if cands else 0,
                               format_func=lambda c: name_of(c) if c else labels.VERIFY_COUNTY_ONLY,
                               key=f"vq_pick_street_{row['id']}_{county}")
    return street or county


def render_decision(row: dict, holders: list[dict]) -> None:
    code = render_picker(row)
    roads = queue.roads(row["normalized"])
    make_alias = st.checkbox(labels.VERIFY_ALIAS, value=False, key=f"vq_alias_on_{row['id']}")
    alias = st.text_input(labels.VERIFY_ALIAS_TEXT, value=roads[0] if roads else "",
                          key=f"vq_alias_{row['id']}", disabled=not make_alias)
    if st.button(labels.VERIFY_APPLY, type="primary", key="vq_apply"):
        try:
            audit_id = decisions.decide(row["id"], code, current_user(),
                                        alias=alias if make_alias else None)
        except decisions.DecisionError as exc:
            st.error(str(exc))
        else:
            st.session_state["vq_message"] = labels.VERIFY_APPLIED.format(
                place=name_of(code), patents=decisions.patents_moved(audit_id))
            st.rerun()
    if holders:
        render_holder_override(holders, code)


def render_holder_override(holders: list[dict], code: str) -> None:
    with st.expander(labels.VERIFY_HOLDER_PICK):
        by_id = {h["id"]: h for h in holders}
        holder = st.selectbox(labels.VERIFY_HOLDERS, list(by_id), key="vq_holder",
                              format_func=lambda i: by_id[i]["name"])
        if st.button(labels.VERIFY_HOLDER_APPLY, key="vq_holder_apply"):
            try:
                decisions.set_holder_region(holder, code, current_user())
            except decisions.DecisionError as exc:
                st.error(str(exc))
            else:
                st.session_state["vq_message"] = labels.VERIFY_HOLDER_APPLIED.format(
                    name=by_id[holder]["name"], place=name_of(code))
                st.rerun()


def render_queue() -> None:
    row = render_address_picker()
    if row:
        holders = render_evidence(row)
        render_decision(row, holders)


def render_stats() -> None:
    numbers = queue.stats(HOME)
    total = max(numbers["street"] + numbers["county"] + numbers["city"], 1)
    cols = st.columns(5)
    for col, key, title in zip(cols, ("street", "county", "city", "unplaced"),
                               (labels.VERIFY_STATS_STREET, labels.VERIFY_STATS_COUNTY,
                                labels.VERIFY_STATS_CITY, labels.VERIFY_STATS_UNPLACED)):
        share = numbers[key] / (total + numbers["unplaced"])
        col.metric(title, labels.VERIFY_STATS_SHARE.format(count=numbers[key], share=share))
    cols[4].metric(labels.VERIFY_STATS_QUEUE, f"{numbers['queue_addresses']:,}")
    echarts.show(echarts.options(verify_charts.placement_pie, numbers), key="vq_placement")
    st.subheader(labels.VERIFY_PER_CHECKER)
    per_user = pd.DataFrame(queue.decisions_per_user(),
                            columns=list(labels.VERIFY_PER_CHECKER_COLUMNS))
    tables.show(per_user.rename(columns=labels.VERIFY_PER_CHECKER_COLUMNS), hide_index=True)
    if st.button(labels.VERIFY_RESOLVE_NEW, key="vq_resolve_new"):
        with delta.change():  # the summary tables follow the patents placed
            placed = resolve_pending()
        st.success(labels.VERIFY_RESOLVED_NEW.format(**placed))


def render_history() -> None:
    rows = decisions.history()
    frame = pd.DataFrame(rows, columns=list(labels.VERIFY_HISTORY_COLUMNS))
    frame["action"] = frame["action"].map(labels.VERIFY_ACTIONS)
    tables.show(frame.rename(columns=labels.VERIFY_HISTORY_COLUMNS), hide_index=True)
    undoable = [r for r in rows if r["action"] != "undo" and not r["undone"]]
    if not undoable:
        return
    by_id = {r["id"]: r for r in undoable}
    chosen = st.selectbox(labels.VERIFY_UNDO_PICK, list(by_id), key="vq_undo_pick",
                          format_func=lambda i: f"#{i} {by_id[i]['message']}")
    if st.button(labels.VERIFY_UNDO, key="vq_undo"):
        try:
            decisions.undo(chosen, current_user())
        except decisions.DecisionError as exc:
            st.error(str(exc))
        else:
            st.session_state["vq_message"] = labels.VERIFY_UNDONE.format(id=chosen)
            st.rerun()


def render_bulk() -> None:
    st.caption(labels.VERIFY_EXPORT_HELP)
    if st.button(labels.VERIFY_EXPORT, key="vq_export_make"):
        st.session_state["vq_export_data"] = workbook.export_queue(HOME)
    if st.session_state.get("vq_export_data"):
        st.download_button(labels.VERIFY_DOWNLOAD, st.session_state["vq_export_data"],
                           "待核查地址.xlsx", key="vq_export")
    upload = st.file_uploader(labels.VERIFY_IMPORT, type=["xlsx"], key="vq_import")
    if upload is not None and upload.size > readers.MAX_BYTES:  # server.maxUploadSize is higher
        st.error(plain(readers.too_big(upload.name, upload.size)))
    elif upload is not None and st.button(labels.VERIFY_IMPORT_APPLY, key="vq_import_apply"):
        result = workbook.import_queue(upload.getvalue(), upload.name, current_user())
        if result.errors:
            st.error(labels.VERIFY_IMPORT_FAILED.format(n=len(result.errors)))
            tables.show(pd.DataFrame({"": result.errors}), hide_index=True)
        else:
            st.success(labels.VERIFY_IMPORT_DONE.format(applied=result.applied,
                                                         skipped=result.skipped))


st.header(spec_for(__file__).title)
message = st.session_state.pop("vq_message", None)
if message:
    st.success(message)
tab_queue, tab_stats, tab_history, tab_bulk = st.tabs(labels.VERIFY_TABS)
with tab_queue:
    render_queue()
with tab_stats:
    render_stats()
with tab_history:
    render_history()
with tab_bulk:
    render_bulk()
