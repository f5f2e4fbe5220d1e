"""Entry point: page setup, login, and the navigation built from ui/nav.py (roles per page)."""
from pathlib import Path

import streamlit as st

from core.config import labels
from ui import edits, sidebar, style, zh
from ui.auth import current_roles, login, logout_button
from ui.db import ready
from ui.errors import run_page
from ui.nav import login_navigation, navigation

ICON = Path(__file__).resolve().parent / "data" / "icon.png"  # local: no font fetch from the web
st.set_page_config(page_title=labels.APP_TITLE, page_icon=str(ICON), layout="wide")
zh.install(edits.HTML)
style.install()

product = st.empty()
if not st.session_state.get("authentication_status"):
    product.title(labels.APP_TITLE)
if not login():
    login_navigation()
    st.stop()
product.empty()

st.sidebar.caption(f"{labels.CURRENT_USER}: {st.session_state.get('name')}"
                   f"（{' '.join(labels.ROLE.get(r, r) for r in current_roles())}）")
logout_button()

page = navigation(current_roles())
ready()
sidebar.render_alerts()
run_page(page)
