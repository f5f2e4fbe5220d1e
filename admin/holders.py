"""权利人管理 (admin, checker): search holders; set their kind, industry, tags (高企 / 规上 /
custom) and the fee-reduction flag; correct their county and street (a decision that re-places
their patents, undoable); add tags to many holders from an Excel file. Every change is audited."""
import pandas as pd
import streamlit as st

from core.config import labels, settings
from core.db.models import HOLDER_KINDS
from core.importer import holder_tags
from core.regions.custom import region_name
from core.resolver import decisions, queue
from core.stats import holders
from ui import tables
from ui.auth import current_user
from ui.guard import guard

guard(__file__)

HOME = settings.get("PATENT_HOME_REGION")


def _tag_label(tag: str) -> str:
    return labels.HOLDER_TAG.get(tag, tag)


def _search():
    cols = st.columns([3, 1, 1, 1])
    text = cols[0].text_input(labels.HOLDER_ADMIN_SEARCH, key="ht_q")
    kind = cols[1].selectbox(labels.HOLDER_ADMIN_KIND, [None, *HOLDER_KINDS], key="ht_kind",
                             format_func=lambda k: labels.HOLDER_KIND.get(k, k) if k
                             else labels.ALL)
    tag = cols[2].selectbox(labels.HOLDER_ADMIN_COLUMNS["tags"], [None, *holders.tags_in_use()],
                            key="ht_tag", format_func=lambda t: _tag_label(t) if t else labels.ALL)
    fee = cols[3].selectbox(labels.FILTER_FEE, [None, True, False], key="ht_fee",
                            format_func=lambda v: labels.ALL if v is None
                            else labels.FEE_CHOICE[v])
    return holders.search_holders(text, kind, tag, fee)


def _list(frame, industries: dict[str, str]) -> None:
    shown = frame.assign(
        kind=frame["kind"].map(labels.HOLDER_KIND),
        county_code=frame["county_code"].map(lambda c: region_name(c) if isinstance(c, str) and c else None),
        street_code=frame["street_code"].map(lambda c: region_name(c) if isinstance(c, str) and c else None),
        industry_code=frame["industry_code"].map(lambda c: industries.get(c, c) if isinstance(c, str) and c else None),
        tags=frame["tags"].map(lambda t: "、".join(_tag_label(x) for x in t.split(",") if x)))
    with st.container(key="ht_list"):
        tables.show(shown.rename(columns=labels.HOLDER_ADMIN_COLUMNS), hide_index=True,
                    width="stretch")


def _editor(row, industries: dict[str, str]) -> None:
    current = [t for t in row.tags.split(",") if t]
    choices = ["", *industries]
    with st.form(f"ht_form_{row.id}"):
        kind = st.selectbox(labels.HOLDER_ADMIN_KIND, list(HOLDER_KINDS),
                            index=list(HOLDER_KINDS).index(row.kind),
                            format_func=labels.HOLDER_KIND.get)
        industry = st.selectbox(labels.HOLDER_ADMIN_INDUSTRY, choices,
                                index=choices.index(row.industry_code or "")
                                if (row.industry_code or "") in choices else 0,
                                format_func=lambda c: industries.get(c, labels.HOLDER_NO_INDUSTRY),
                                key=f"ht_industry_{row.id}")
        tags = st.multiselect(labels.HOLDER_ADMIN_TAGS,
                              list(dict.fromkeys([*holders.tags_in_use(), *current])),
                              default=current, format_func=_tag_label, accept_new_options=True,
                              placeholder=labels.CHOOSE_OR_ADD)
        fee = st.checkbox(labels.HOLDER_ADMIN_FEE, value=bool(row.fee_reduction))
        if st.form_submit_button(labels.SAVE, type="primary", key=f"ht_save_{row.id}"):
            _save(int(row.id), dict(kind=kind, tags=tags, fee_reduction=fee, industry=industry))


def _save(holder_id: int, values: dict) -> None:
    try:
        changes = holders.update_holder(holder_id, current_user(), **values)
    except holders.TagError as err:
        st.error(labels.HOLDER_ADMIN_BAD.format(value=err))
        return
    except holders.IndustryError as err:
        st.error(str(err))
        return
    if changes:
        st.session_state["ht_message"] = labels.HOLDER_ADMIN_SAVED.format(
            fields="、".join(labels.HOLDER_FIELD[k] for k in changes))
        st.rerun()
    st.info(labels.HOLDER_ADMIN_NOCHANGE)


def _region(row) -> None:
    st.subheader(labels.HOLDER_REGION_TITLE)
    st.caption(labels.HOLDER_REGION_NOW.format(
        county=region_name(row.county_code) or labels.HOLDER_REGION_NONE,
        street=region_name(row.street_code) or labels.HOLDER_REGION_NONE))
    counties = [c for c, _ in queue.counties(HOME)]
    cols = st.columns([2, 2, 1])
    county = cols[0].selectbox(labels.VERIFY_PICK_COUNTY, counties, format_func=region_name,
                               index=counties.index(row.county_code)
                               if row.county_code in counties else 0, key=f"ht_county_{row.id}")
    streets = [""] + [c for c, _ in queue.streets(county)]
    street = cols[1].selectbox(labels.VERIFY_PICK_STREET, streets,
                               index=streets.index(row.street_code)
                               if row.street_code in streets else 0,
                               format_func=lambda c: region_name(c) or labels.VERIFY_COUNTY_ONLY,
                               key=f"ht_street_{row.id}_{county}")
    if cols[2].button(labels.HOLDER_REGION_APPLY, key="ht_region_apply", type="primary"):
        audit_id = decisions.set_holder_region(int(row.id), street or county, current_user())
        st.session_state["ht_message"] = labels.HOLDER_REGION_DONE.format(
            place=region_name(street or county), patents=decisions.patents_moved(audit_id))
        st.rerun()
    _region_history(int(row.id))


def _region_history(holder_id: int) -> None:
    rows = decisions.history(holder_id=holder_id)
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=list(labels.VERIFY_HISTORY_COLUMNS))
    frame["action"] = frame["action"].map(labels.VERIFY_ACTIONS)
    st.dataframe(frame.rename(columns=labels.VERIFY_HISTORY_COLUMNS), hide_index=True)
    undoable = [r for r in rows if r["action"] != "undo" and not r["undone"]]
    if undoable and st.button(labels.HOLDER_REGION_UNDO.format(id=undoable[0]["id"]),
                              key="ht_region_undo"):
        try:
            decisions.undo(undoable[0]["id"], current_user())
        except decisions.DecisionError as exc:
            st.error(str(exc))
        else:
            st.session_state["ht_message"] = labels.VERIFY_UNDONE.format(id=undoable[0]["id"])
            st.rerun()


def _bulk() -> None:
    st.caption(labels.HOLDER_IMPORT_HELP)
    st.download_button(labels.HOLDER_IMPORT_TEMPLATE, holder_tags.template(),
                       "权利人标签模板.xlsx", key="ht_template")
    upload = st.file_uploader(labels.HOLDER_IMPORT_FILE, type=["xlsx"], key="ht_import")
    if upload is not None and st.button(labels.HOLDER_IMPORT_APPLY, key="ht_import_apply"):
        result = holder_tags.import_tags(upload.getvalue(), upload.name, current_user())
        if result.errors:
            st.error(labels.HOLDER_IMPORT_FAILED.format(n=len(result.errors)))
            with st.container(key="ht_import_errors"):
                st.dataframe(pd.DataFrame({labels.HOLDER_IMPORT_ERRORS: result.errors}),
                             hide_index=True, width="stretch")
        else:
            st.success(labels.HOLDER_IMPORT_DONE.format(holders=result.holders, tags=result.tags,
                                                        skipped=result.skipped))


def _holders() -> None:
    found = _search()
    if found.empty:
        st.info(labels.HOLDER_ADMIN_EMPTY)
        return
    industries = holders.industries()
    _list(found, industries)
    rows = {int(r.id): r for r in found.itertuples()}
    chosen = st.selectbox(labels.HOLDER_ADMIN_PICK, list(rows), key="ht_pick",
                          format_func=lambda i: labels.HOLDER_PICK_ITEM.format(name=rows[i].name, id=i))
    _editor(rows[chosen], industries)
    _region(rows[chosen])


st.header(labels.HOLDER_ADMIN_TITLE)
if "ht_message" in st.session_state:
    st.success(st.session_state.pop("ht_message"))
tab_list, tab_bulk = st.tabs(labels.HOLDER_ADMIN_TABS)
with tab_list:
    _holders()
with tab_bulk:
    _bulk()
