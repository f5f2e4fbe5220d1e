"""Kiosk (wall screen) mode of the big screen: no sidebar or header, dark theme, auto-refresh."""
from __future__ import annotations

import streamlit as st

from core.config import labels

REFRESH_SECONDS = 300
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
.block-container, [data-testid="stMainBlockContainer"] {padding: 0.75rem 1.5rem 0.5rem !important;
max-width: 100% !important;}
.stApp [data-testid^="stBaseButton"] {background: #1e3a8a !important;
border-color: #3b82f6 !important;}
.stApp [data-testid="stTooltipHoverTarget"], .stApp [data-testid="stTooltipHoverTarget"] * {
background: transparent !important; color: #dbe6ff !important;}
.stApp h1, .stApp h2 {padding: 0 !important;}
[data-testid="stMetric"] {padding: 6px 14px;}
[data-testid="stAlert"] > div {background: #12284d !important;}
[data-testid="stAlert"] * {color: #dbe6ff !important;}
[data-testid="stMetricDelta"] {background: transparent !important;}
[data-testid="stMetricDelta"] div {color: #dbe6ff !important;}
</style>
"""


def style() -> None:
    st.html(CSS)


def active() -> bool:
    return st.query_params.get("kiosk") == "1"


def toggle(container, note=None) -> None:
    """A button into / out of kiosk mode (the ?kiosk=1 URL can be bookmarked on the wall PC);
    the refresh note goes to `note` (default: under the button)."""
    on = active()
    if container.button(labels.KIOSK_OFF if on else labels.KIOSK_ON, key="kiosk_toggle",
                        icon=":material/tv:"):
        if on:
            del st.query_params["kiosk"]
        else:
            st.query_params["kiosk"] = "1"
        st.rerun()
    if on:
        (note or container).caption(labels.KIOSK_REFRESH_NOTE.format(minutes=REFRESH_SECONDS // 60))
