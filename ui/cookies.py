"""The login cookie is written and deleted in the browser through streamlit-authenticator's
cookie component (extra-streamlit-components' CookieManager) and read on the server
(st.context.cookies, ui/session.py), never through the component.

CookieManager() mounts a "getAll" component whose answer reruns the script: every page a session
opened ran twice, and the browser drew it twice (专利概况 at 1M: Chromium 6.1 s of CPU against
3.5 s; ten sessions at once settled in 35 s against 25 s, docs/scale.md M26b). The authenticator
is given a cookie manager that mounts a component only to set or delete a cookie."""
from __future__ import annotations

import importlib
import types

import extra_streamlit_components as stx
from streamlit_authenticator.models import cookie_model

_COMPONENT = importlib.import_module("extra_streamlit_components.CookieManager")._component_func


class CookieWriter(stx.CookieManager):
    """CookieManager without its first read: `cookies` holds only what this session wrote."""

    def __init__(self, key: str = "init"):  # the library's signature; nothing is mounted
        self.cookie_manager = _COMPONENT
        self.cookies = {}

    def delete(self, cookie, key="delete"):
        """Tell the browser to delete `cookie` (written in this session or before)."""
        if cookie:
            self.cookie_manager(method="delete", cookie=cookie, key=key, default=False)
            self.cookies.pop(cookie, None)


def install() -> None:
    """streamlit-authenticator builds its cookie manager as a CookieWriter from now on."""
    cookie_model.stx = types.SimpleNamespace(CookieManager=CookieWriter)
