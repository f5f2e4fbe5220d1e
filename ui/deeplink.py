"""Keep the page a link asked for across the login.

A link such as /search?q=电池 opened in a new tab starts a new session. Its first run has no
login yet (the cookie or the form comes a rerun later) and stops before st.navigation, so
Streamlit would then show the default page. We note the requested page and query on the first
unauthenticated run and switch to it once, right after the login.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from ui.nav import PageSpec

KEY = "_requested_page"


def _intended_page_name() -> str:
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    return getattr(manager, "intended_page_name", None) or ""


def remember() -> None:
    """Call on runs without a login: records the first requested page and its query string."""
    if KEY not in st.session_state:
        st.session_state[KEY] = (_intended_page_name(), st.query_params.to_dict())


def restore(allowed: list[PageSpec]) -> None:
    """Call once logged in, after st.navigation: switch to the remembered page if allowed."""
    name, query = st.session_state.pop(KEY, ("", {}))
    spec = next((s for s in allowed if s.url_path == name and not s.default), None)
    if spec is not None:
        st.switch_page(spec.path, query_params=query)
