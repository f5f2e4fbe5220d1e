"""关注清单: regions compared with the home region (overview, 区域对比) and industries shown beside
them in 区域对比 (admin and checker)."""
import pandas as pd
import streamlit as st

from core.config import labels
from core.regions import divisions, watch
from core.stats.industry import tops
from ui import tables
from ui.auth import current_user
from ui.guard import guard

guard(__file__)

def _pick(label: str, parent: str | None, key: str, optional: bool = False) -> str | None:
    options = [c for c, _ in divisions.children(parent)] if parent else \
        sorted(c for c in divisions.names() if len(c) == 2)
    if optional:
        options = [""] + options
    names = divisions.names()
    return st.selectbox(label, options, key=key, format_func=lambda c: names.get(c, "—")) or None


def render_add() -> None:
    cols = st.columns(4)
    with cols[0]:
        province = _pick(labels.WATCH_PROVINCE, None, "watch_province")
    with cols[1]:
        city = _pick(labels.WATCH_CITY, province, "watch_city")
    with cols[2]:
        county = _pick(labels.WATCH_COUNTY, city, "watch_county", optional=True) if city else None
    with cols[3]:
        personal = st.checkbox(labels.WATCH_PERSONAL, key="watch_personal")
        if st.button(labels.WATCH_ADD, key="watch_add") and (county or city):
            try:
                watch.add("region", county or city, current_user(), personal=personal)
            except ValueError as exc:
                st.error(str(exc))


def render_add_industry() -> None:
    industries = tops()
    names = dict(zip(industries["code"], industries["name"]))
    watched = set(watch.watched("industry"))
    cols = st.columns(4)
    code = cols[0].selectbox(labels.WATCH_INDUSTRY, [c for c in names if c not in watched],
                             format_func=names.get, key="watch_industry", index=None,
                             placeholder=labels.WATCH_INDUSTRY_PICK)
    personal = cols[3].checkbox(labels.WATCH_PERSONAL, key="watch_industry_personal")
    if cols[3].button(labels.WATCH_ADD, key="watch_industry_add", disabled=not code):
        try:
            watch.add("industry", code, current_user(), personal=personal)
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.rerun()  # the picker offers only industries not yet watched


def render_list() -> None:
    rows = watch.items("region") + watch.items("industry")
    if not rows:
        st.info(labels.WATCH_EMPTY)
        return
    frame = pd.DataFrame(rows, columns=list(labels.WATCH_COLUMNS))
    frame["kind"] = frame["kind"].map(labels.WATCH_KIND)
    picked = st.multiselect(labels.WATCH_REMOVE, frame["id"].tolist(), key="watch_remove_ids",
                            format_func=lambda i: frame.set_index("id").loc[i, "name"])
    tables.show(frame.rename(columns=labels.WATCH_COLUMNS), hide_index=True, width="stretch")
    if picked and st.button(labels.WATCH_REMOVE, key="watch_remove"):
        for item_id in picked:
            watch.remove(item_id, current_user())
        st.rerun()


st.header(labels.WATCH_TITLE)
st.caption(labels.WATCH_HELP)
st.subheader(labels.WATCH_REGIONS)
render_add()
st.subheader(labels.WATCH_INDUSTRIES)
render_add_industry()
render_list()
