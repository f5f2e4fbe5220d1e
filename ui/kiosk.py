"""Kiosk (wall screen) mode of the big screen: no sidebar or header, dark theme, auto-refresh."""
from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from core import labels

REFRESH_SECONDS = 300
PAGE_URL = "/overview"
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.stApp, [data-testid="stAppViewContainer"] {background: #07122a;}
.stApp h1, .stApp h2, .stApp h3, .stApp p, .stApp label, .stApp span,
[data-testid="stMetricValue"], [data-testid="stMetricLabel"], [data-testid="stCaptionContainer"]
{color: #dbe6ff !important;}
[data-testid="stMetric"] {background: #0b1a33; border: 1px solid #1e3a8a; border-radius: 8px;
padding: 10px 14px;}
.block-container {padding-top: 1rem; max-width: 100% !important;}
</style>
"""


def style() -> None:
    st.html(CSS)


def link(params: dict[str, str], on: bool) -> str:
    """URL of the big screen with the scope, in or out of kiosk mode."""
    query = dict(params, **({"kiosk": "1"} if on else {}))
    return f"{PAGE_URL}?{urlencode(query)}"


def toggle_link(container, active: bool, params: dict[str, str]) -> None:
    label = labels.KIOSK_OFF if active else labels.KIOSK_ON
    container.link_button(label, link(params, not active), icon=":material/tv:")
    if active:
        container.caption(labels.KIOSK_REFRESH_NOTE.format(minutes=REFRESH_SECONDS // 60))
