"""Entry point: page setup, login, and the navigation built from ui/nav.py (roles per page)."""
from pathlib import Path

import streamlit as st

from core.config import labels
from ui import deeplink, sidebar
from ui.auth import current_roles, login, logout_button
from ui.db import ready
from ui.errors import run_page
from ui.nav import visible_pages

ICON = Path(__file__).resolve().parent / "data" / "icon.png"  # local: no font fetch from the web
st.set_page_config(page_title=labels.APP_TITLE, page_icon=str(ICON), layout="wide")

if not st.session_state.get("authentication_status"):
    deeplink.remember()  # before login(): the authenticator may rerun inside it
if not login():
    st.stop()

st.sidebar.caption(f"{labels.CURRENT_USER}: {st.session_state.get('name')}"
                   f"（{' '.join(labels.ROLE.get(r, r) for r in current_roles())}）")
logout_button()

visible = visible_pages(current_roles())
sections = {
    section: [st.Page(s.path, title=s.title, url_path=s.url_path, icon=s.icon, default=s.default)
              for s in specs]
    for section, specs in visible.items()
}
navigation = st.navigation(sections, position="sidebar", expanded=True)
deeplink.restore([spec for specs in visible.values() for spec in specs])
ready()
sidebar.render_alerts()
run_page(navigation)
