"""自定义区划: named sets of streets (e.g. a park spanning two districts), admin only."""
import pandas as pd
import streamlit as st

from core.config import labels, settings
from core.regions import custom as regions
from core.resolver import queue
from ui import tables
from ui.auth import current_user
from ui.guard import guard
from ui.nav import spec_for

guard(__file__)

HOME = settings.get("PATENT_HOME_REGION")


def render_list(rows: list[dict]) -> None:
    if not rows:
        st.info(labels.CUSTOM_EMPTY)
        return
    frame = pd.DataFrame([{**r, "member_count": len(r["members"]),
                           "member_text": "、".join(r["member_names"])} for r in rows])
    tables.show(frame[list(labels.CUSTOM_LIST_COLUMNS)].rename(
        columns=labels.CUSTOM_LIST_COLUMNS), hide_index=True, width="stretch")


def member_picker(prefix: str, current: list[str]) -> list[str]:
    """Counties → their streets (multi-select), plus whole counties."""
    counties = dict(queue.counties(HOME))
    chosen_counties = st.multiselect(
        labels.CUSTOM_COUNTIES, list(counties), format_func=counties.get,
        default=sorted({c[:6] for c in current if c[:6] in counties}), key=f"{prefix}_counties")
    streets = {code: f"{counties[c]} · {name}" for c in chosen_counties
               for code, name in queue.streets(c)}
    picked = st.multiselect(labels.CUSTOM_STREETS, list(streets), format_func=streets.get,
                            default=[c for c in current if c in streets], key=f"{prefix}_streets")
    whole = st.multiselect(labels.CUSTOM_WHOLE_COUNTIES, list(counties), format_func=counties.get,
                           default=[c for c in current if c in counties], key=f"{prefix}_whole")
    return picked + whole


def parent_options() -> dict[str, str]:
    return {HOME: regions.name_of(HOME), **dict(queue.counties(HOME))}


def render_new() -> None:
    st.subheader(labels.CUSTOM_NEW)
    name = st.text_input(labels.CUSTOM_NAME, key="cr_new_name")
    parents = parent_options()
    parent = st.selectbox(labels.CUSTOM_PARENT, list(parents), format_func=parents.get,
                          key="cr_new_parent")
    members = member_picker("cr_new", [])
    note = st.text_input(labels.CUSTOM_NOTE, key="cr_new_note")
    if st.button(labels.CUSTOM_SAVE, key="cr_new_save", type="primary"):
        try:
            code = regions.create(name, parent, members, current_user(), note or None)
        except regions.RegionError as exc:
            st.error(str(exc))
        else:
            st.session_state["cr_message"] = labels.CUSTOM_SAVED.format(code=code)
            st.rerun()


def render_edit(rows: list[dict]) -> None:
    if not rows:
        return
    st.subheader(labels.CUSTOM_EDIT)
    by_code = {r["code"]: r for r in rows}
    code = st.selectbox(labels.CUSTOM_PICK, list(by_code), key="cr_edit_pick",
                        format_func=lambda c: f"{c} {by_code[c]['name']}")
    row = by_code[code]
    name = st.text_input(labels.CUSTOM_NAME, value=row["name"], key=f"cr_edit_name_{code}")
    parents = parent_options()
    keys = list(parents)
    parent = st.selectbox(labels.CUSTOM_PARENT, keys, format_func=parents.get,
                          index=keys.index(row["parent_code"]) if row["parent_code"] in keys else 0,
                          key=f"cr_edit_parent_{code}")
    members = member_picker(f"cr_edit_{code}", row["members"])
    note = st.text_input(labels.CUSTOM_NOTE, value=row["note"] or "", key=f"cr_edit_note_{code}")
    cols = st.columns(2)
    try:
        if cols[0].button(labels.CUSTOM_SAVE, key="cr_edit_save"):
            regions.update(code, name, parent, members, current_user(), note or None)
            st.session_state["cr_message"] = labels.CUSTOM_SAVED.format(code=code)
            st.rerun()
        if cols[1].button(labels.CUSTOM_DELETE, key="cr_edit_delete"):
            regions.delete(code, current_user())
            st.session_state["cr_message"] = labels.CUSTOM_DELETED.format(code=code)
            st.rerun()
    except regions.RegionError as exc:
        st.error(str(exc))


st.header(spec_for(__file__).title)
message = st.session_state.pop("cr_message", None)
if message:
    st.success(message)
existing = regions.list_custom()
render_list(existing)
left, right = st.columns(2)
with left:
    render_new()
with right:
    render_edit(existing)
