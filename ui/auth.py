"""Login and the server-side page guard.

The login form is ours (core.accounts.login: slowed retries per account name and client address,
one answer for unknown names and wrong passwords); the session and its cookie are ui/session.py.
streamlit-authenticator provides the cookie component (written through only: ui/cookies.py) and
the logout button."""
from __future__ import annotations

import datetime as dt
import time

import streamlit as st
import streamlit_authenticator as stauth

from core.accounts import login as accounts_login
from core.accounts import users
from core.config import labels, settings
from core.upkeep.bootstrap import cookie_key
from ui import cookies, session
from ui.db import ready

cookies.install()
ENDED = {"idle": labels.SESSION_IDLE, "ended": labels.SESSION_ENDED}


def get_authenticator() -> stauth.Authenticate:
    """One per browser session (its cookie component has a fixed key). It holds no credentials:
    passwords are checked by core.accounts.login."""
    if "authenticator" not in st.session_state:
        st.session_state["authenticator"] = stauth.Authenticate(
            {"usernames": {}}, session.COOKIE_NAME, cookie_key(),
            settings.get_int("PATENT_COOKIE_DAYS"), auto_hash=False, login_sleep_time=0)
    return st.session_state["authenticator"]


def _cookies():
    return get_authenticator().cookie_controller.cookie_model.cookie_manager


def _form(holder) -> bool:
    """The login form in the placeholder `holder`; True once a submitted login succeeded."""
    with holder.form("login"):
        st.subheader(labels.LOGIN_FIELDS["Form name"])
        username = st.text_input(labels.LOGIN_FIELDS["Username"], autocomplete="off")
        password = st.text_input(labels.LOGIN_FIELDS["Password"], type="password",
                                 autocomplete="off")
        submitted = st.form_submit_button(labels.LOGIN_FIELDS["Login"])
    if not submitted:
        return False
    now = time.time()
    address = st.context.ip_address  # None on localhost (no per-address delay then)
    result = accounts_login.attempt(username, password,
                                    address if isinstance(address, str) else None,
                                    dt.datetime.fromtimestamp(now))
    if not result.ok:
        st.session_state["authentication_status"] = False
        st.error(labels.LOGIN_WAIT.format(seconds=result.wait) if result.wait
                 else labels.WRONG_PASSWORD)
        return False
    session.start(result.user, now)
    session.write_cookie(_cookies(), now, key="patent_auth_set")
    holder.empty()
    return True


def login() -> bool:
    """Check the session, or log in from the cookie or the form; True when logged in."""
    # the notice and the form keep their places in every run, before the cookie component the
    # end of a session draws (ui/cookies.py): the rerun its answer starts replaces them instead
    # of drawing a second form until that rerun is over
    notice, form = st.empty(), st.empty()
    ready()
    get_authenticator()
    now = time.time()
    ended = session.check(now)
    if ended:
        session.end(_cookies())
        # kept until the next login: deleting the cookie reruns the app at once
        st.session_state[session.ENDED] = ended
    if st.session_state.get("authentication_status"):
        session.keep_cookie(_cookies(), now)
        return True
    if st.session_state.get(session.ENDED):
        notice.warning(ENDED[st.session_state[session.ENDED]])
    return session.cookie_login(now) or _form(form)


def _logged_out(info: dict) -> None:
    st.session_state.pop(session.MARK, None)
    if info.get("username"):
        users.end_sessions(info["username"], by=info["username"], reason="logout")


def logout_button() -> None:
    """退出登录 in the sidebar: ends every session of the user, here and elsewhere. The run stops
    there; the cookie component's answer reruns the app into the login form."""
    get_authenticator().logout(labels.LOGOUT, location="sidebar", key="auth_logout",
                               callback=_logged_out)
    if not st.session_state.get("authentication_status"):
        st.stop()


def current_roles() -> list[str]:
    return list(st.session_state.get("roles") or [])


def current_user() -> str | None:
    return st.session_state.get("username")


def require(roles: tuple[str, ...]) -> None:
    """Stop the script unless the session is logged in (and still valid) with one of `roles`."""
    ended = session.check(time.time())
    if ended:
        session.end()
    if not st.session_state.get("authentication_status"):
        st.warning(ENDED[ended] if ended else labels.LOGIN_REQUIRED)
        st.link_button(labels.GO_LOGIN, "/")
        st.stop()
    if not set(roles) & set(current_roles()):
        st.error(labels.NO_PERMISSION)
        st.stop()
