"""权利人标注 (admin, checker): search holders, set their kind, tags (高企 / 规上 / custom) and the
fee-reduction flag. The list follows core.holders.HOLDER_ADMIN; every change is audited."""
import streamlit as st

from core.config import labels
from core.db.models import HOLDER_KINDS
from core.stats import holders
from ui import tables
from ui.auth import current_user
from ui.guard import guard

guard(__file__)

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


def _list(frame) -> None:
    shown = frame.assign(
        kind=frame["kind"].map(labels.HOLDER_KIND),
        tags=frame["tags"].map(lambda t: "、".join(_tag_label(x) for x in t.split(",") if x)))
    tables.show(shown.rename(columns=labels.HOLDER_ADMIN_COLUMNS), hide_index=True,
                width="stretch")


def _editor(frame) -> None:
    options = {int(r.id): r for r in frame.itertuples()}
    chosen = st.selectbox(labels.HOLDER_ADMIN_PICK, list(options), key="ht_pick",
                          format_func=lambda i: f"{options[i].name}（ID {i}）")
    row = options[chosen]
    current = [t for t in row.tags.split(",") if t]
    with st.form(f"ht_form_{chosen}"):
        kind = st.selectbox(labels.HOLDER_ADMIN_KIND, list(HOLDER_KINDS),
                            index=list(HOLDER_KINDS).index(row.kind),
                            format_func=labels.HOLDER_KIND.get)
        tags = st.multiselect(labels.HOLDER_ADMIN_TAGS,
                              list(dict.fromkeys([*holders.tags_in_use(), *current])),
                              default=current, format_func=_tag_label, accept_new_options=True,
                              placeholder=labels.CHOOSE_OR_ADD)
        fee = st.checkbox(labels.HOLDER_ADMIN_FEE, value=bool(row.fee_reduction))
        if st.form_submit_button(labels.SAVE, type="primary"):
            _save(chosen, kind, tags, fee)


def _save(holder_id: int, kind: str, tags: list[str], fee: bool) -> None:
    try:
        changes = holders.update_holder(holder_id, current_user(), kind=kind, tags=tags,
                                        fee_reduction=fee)
    except holders.TagError as err:
        st.error(labels.HOLDER_ADMIN_BAD.format(value=err))
        return
    if changes:
        st.success(labels.HOLDER_ADMIN_SAVED.format(
            fields="、".join(labels.HOLDER_FIELD[k] for k in changes)))
    else:
        st.info(labels.HOLDER_ADMIN_NOCHANGE)


st.header(labels.HOLDER_ADMIN_TITLE)
found = _search()
if found.empty:
    st.info(labels.HOLDER_ADMIN_EMPTY)
    st.stop()
_list(found)
_editor(found)
