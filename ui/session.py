"""The login session on the server and the cookie that reopens it in a new tab.

Every login writes a mark into st.session_state: the user, the account's session version, the
login time and the last activity. Each run checks the mark against the database: a logout, a
password change, a role change or a deactivation raises the account's version (core.accounts),
so every session and cookie made before ends at its next run. A session idle for longer than
PATENT_IDLE_MINUTES ends too.

The cookie is a JWT signed with the cookie key that carries the session version. It expires
with the idle limit and is renewed while the user is active (never past PATENT_COOKIE_DAYS
after the login). It is written by the authenticator's cookie component (JavaScript, so it
cannot be httpOnly) with SameSite=Strict.
"""
from __future__ import annotations

import datetime as dt

import jwt
import streamlit as st

from core.accounts import users
from core.config import settings
from core.db.models import User
from core.upkeep.bootstrap import cookie_key

COOKIE_NAME = "patent_auth"
MARK = "_login"
ENDED = "_session_ended"  # why this session was ended (idle, ended): shown until the next login
AUTH_KEYS = ("name", "username", "authentication_status", "email", "roles")  # authenticator's
ALGORITHM = "HS256"


def _idle() -> int:
    return settings.get_int("PATENT_IDLE_MINUTES") * 60


def _longest() -> int:
    return settings.get_int("PATENT_COOKIE_DAYS") * 86400


def _expiry(login_at: float, now: float) -> float:
    idle = _idle()
    return min(login_at + _longest(), now + idle) if idle else login_at + _longest()


def start(user: User, now: float, login_at: float | None = None,
          cookie_at: float | None = None) -> None:
    """Mark the session logged in as `user` (by the form, or by a cookie issued at cookie_at)."""
    st.session_state.update(name=user.name, username=user.username, authentication_status=True,
                            email=user.email, roles=[user.role], logout=None)
    st.session_state.pop(ENDED, None)
    st.session_state[MARK] = {"user": user.username, "version": user.session_version,
                              "login_at": login_at or now, "seen": now,
                              "cookie_at": cookie_at or now}


def check(now: float) -> str | None:
    """None while the session may go on (or is not ours); else why it ended: idle, ended."""
    mark = st.session_state.get(MARK)
    if not st.session_state.get("authentication_status") or mark is None:
        return None
    if _idle() and now - mark["seen"] > _idle():
        return "idle"
    if users.session_version(mark["user"]) != mark["version"]:
        return "ended"
    mark["seen"] = now
    return None


def end(cookies=None) -> None:
    """Log this session out; it does not log in from the cookie again (the cookie is deleted
    when the cookie component is at hand)."""
    for key in AUTH_KEYS:
        st.session_state[key] = None
    st.session_state.pop(MARK, None)
    st.session_state["logout"] = True
    if cookies is not None:
        cookies.delete(COOKIE_NAME, key="patent_auth_end")


def write_cookie(cookies, now: float, key: str) -> None:
    mark = st.session_state[MARK]
    expires = _expiry(mark["login_at"], now)
    claims = {"username": mark["user"], "sv": mark["version"], "login_at": mark["login_at"],
              "issued": now, "exp_date": expires}
    cookies.set(COOKIE_NAME, jwt.encode(claims, cookie_key(), algorithm=ALGORITHM), key=key,
                expires_at=dt.datetime.fromtimestamp(expires), max_age=int(expires - now),
                same_site="strict")
    mark["cookie_at"] = now


def keep_cookie(cookies, now: float) -> None:
    """Renew the cookie's idle expiry once a quarter of the idle limit has passed."""
    mark = st.session_state.get(MARK)
    if mark is not None and _idle() and now - mark["cookie_at"] >= _idle() / 4:
        write_cookie(cookies, now, key="patent_auth_renew")


def _claims(now: float) -> dict | None:
    raw = st.context.cookies.get(COOKIE_NAME)
    if not isinstance(raw, str):
        return None
    try:
        claims = jwt.decode(raw, cookie_key(), algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        return None
    fields = {"username": str, "sv": int, "login_at": (int, float), "issued": (int, float),
              "exp_date": (int, float)}
    if not all(isinstance(claims.get(k), t) for k, t in fields.items()):
        return None
    if claims["exp_date"] <= now or now - claims["login_at"] > _longest():
        return None
    return claims


def cookie_login(now: float) -> bool:
    """Log in from a valid cookie whose session version is still the account's."""
    if st.session_state.get("logout"):
        return False
    claims = _claims(now)
    if claims is None:
        return False
    user = users.active_user(claims["username"])
    if user is None or user.session_version != claims["sv"]:
        return False
    start(user, now, login_at=claims["login_at"], cookie_at=claims["issued"])
    return True
