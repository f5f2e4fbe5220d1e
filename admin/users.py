"""用户管理: accounts, roles, lockouts, password resets (admin only)."""
import pandas as pd
import streamlit as st

from core.accounts import users
from core.config import labels
from core.db.models import ROLES
from ui import tables
from ui.auth import current_user
from ui.guard import guard

guard(__file__)

def _apply(change, *args, **kwargs) -> None:
    """Run one account change; a refused one shows its Chinese reason."""
    try:
        change(*args, **kwargs)
    except users.AccountError as exc:
        st.error(str(exc))
    else:
        st.success(labels.USER_SAVED)


def render_table() -> list[dict]:
    rows = users.list_users()
    frame = pd.DataFrame(rows).rename(columns=labels.USER_COLUMNS)
    frame[labels.USER_COLUMNS["role"]] = frame[labels.USER_COLUMNS["role"]].map(labels.ROLE)
    tables.show(frame, hide_index=True, width="stretch")
    return rows


def render_add() -> None:
    with st.form("admin_user_add", clear_on_submit=True):
        st.subheader(labels.ADD_USER)
        username = st.text_input(labels.USERNAME, key="admin_user_new_name").strip().lower()
        name = st.text_input(labels.DISPLAY_NAME, key="admin_user_new_display")
        role = st.selectbox(labels.ROLE_LABEL, ROLES, format_func=labels.ROLE.get,
                            index=2, key="admin_user_new_role")
        password = st.text_input(labels.PASSWORD, type="password", key="admin_user_new_pw")
        if st.form_submit_button(labels.SAVE):
            _apply(users.create_user, username, password, role, name or username,
                   by=current_user())


def render_edit(rows: list[dict]) -> None:
    st.subheader(labels.EDIT_USER)
    names = [r["username"] for r in rows]
    chosen = st.selectbox(labels.USERNAME, names, key="admin_user_edit")
    row = next(r for r in rows if r["username"] == chosen)
    is_self = chosen == current_user()
    role = st.selectbox(labels.ROLE_LABEL, ROLES, index=ROLES.index(row["role"]),
                        format_func=labels.ROLE.get, key="admin_user_edit_role", disabled=is_self)
    active = st.checkbox(labels.ACTIVE, value=row["active"], key="admin_user_edit_active",
                         disabled=is_self)
    cols = st.columns(3)
    if cols[0].button(labels.SAVE, key="admin_user_edit_save"):
        _apply(users.update_user, chosen, current_user(), role=role, active=active)
    if cols[1].button(labels.UNLOCK, key="admin_user_unlock"):
        _apply(users.unlock, chosen, current_user())
    password = cols[2].text_input(labels.NEW_PASSWORD, type="password", key="admin_user_pw")
    if cols[2].button(labels.RESET_PASSWORD, key="admin_user_pw_save"):
        _apply(users.set_password, chosen, password, by=current_user())


st.header(labels.USERS_TITLE)
render_edit(render_table())
render_add()
