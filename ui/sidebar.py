"""The sidebar block under the user name: open alerts of the home region (from the nightly job)."""
from __future__ import annotations

import streamlit as st

from core.config import labels, settings
from core.monitor import alerts

ALERT_PAGES = {"fee_due": "pages/fees.py", "fee_grace": "pages/fees.py",
               "expiry": "pages/expiry.py", "transfer_out": "pages/ops_monitor.py",
               "holder_outflow": "pages/ops_monitor.py"}


@st.cache_data(ttl=300, show_spinner=False)
def _counts(region: str, db_url: str) -> dict[str, int]:
    return alerts.open_counts(region)


def forget_counts() -> None:
    """Drop the cached counts (after staff changed an alert's status)."""
    _counts.clear()


def render_alerts(db_url: str) -> None:
    counts = _counts(settings.get("PATENT_HOME_REGION"), db_url)
    if not counts:
        return
    st.sidebar.markdown(f"**{labels.ALERTS_OPEN}**")
    for kind, label in labels.ALERT_KIND.items():
        if counts.get(kind):
            st.sidebar.page_link(ALERT_PAGES[kind], label=f"{label} {counts[kind]:,}")
