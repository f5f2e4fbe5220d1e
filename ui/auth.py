"""Login (streamlit-authenticator over the users table) and the server-side page guard."""
from __future__ import annotations

import copy
import datetime as dt

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from core.accounts import users
from core.config import labels, settings
from core.upkeep.bootstrap import cookie_key
from ui.db import ready

COOKIE_NAME = "patent_auth"


def _credentials() -> dict:
    """The credentials dict the authenticator holds; refreshed in place from the DB on each run."""
    creds = st.session_state.setdefault("_auth_credentials", {"usernames": {}})
    fresh = users.credentials(dt.datetime.now())
    creds["usernames"] = copy.deepcopy(fresh["usernames"])
    return creds


def get_authenticator() -> stauth.Authenticate:
    creds = _credentials()
    if "authenticator" not in st.session_state:
        st.session_state["authenticator"] = stauth.Authenticate(
            creds, COOKIE_NAME, cookie_key(), settings.get_int("PATENT_COOKIE_DAYS"),
            auto_hash=False, login_sleep_time=0)
    return st.session_state["authenticator"]


def _sync_failures(before: dict, after: dict) -> None:
    now = dt.datetime.now()
    for name, entry in after.items():
        if entry.get("failed_login_attempts", 0) > before.get(name, 0):
            users.register_failure(name, now)


def login() -> bool:
    """Render the login form when needed; returns True once the session is authenticated."""
    ready()
    authenticator = get_authenticator()
    creds = st.session_state["_auth_credentials"]["usernames"]
    before = {n: e.get("failed_login_attempts", 0) for n, e in creds.items()}
    was_in = bool(st.session_state.get("authentication_status"))
    try:
        authenticator.login(location="main", fields=labels.LOGIN_FIELDS,
                            max_login_attempts=settings.get_int("PATENT_LOGIN_MAX_FAILURES"))
    except LoginError:
        st.error(labels.ACCOUNT_LOCKED)
        return False
    _sync_failures(before, st.session_state["_auth_credentials"]["usernames"])
    status = st.session_state.get("authentication_status")
    if status and not was_in:
        users.register_success(st.session_state["username"], dt.datetime.now())
    if status is False:
        st.error(labels.WRONG_PASSWORD)
    return bool(status)


def current_roles() -> list[str]:
    return list(st.session_state.get("roles") or [])


def current_user() -> str | None:
    return st.session_state.get("username")


def require(roles: tuple[str, ...]) -> None:
    """Stop the script unless the session is logged in with one of `roles`."""
    if not st.session_state.get("authentication_status"):
        st.warning(labels.LOGIN_REQUIRED)
        st.link_button(labels.GO_LOGIN, "/")
        st.stop()
    if not set(roles) & set(current_roles()):
        st.error(labels.NO_PERMISSION)
        st.stop()
