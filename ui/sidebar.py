"""The sidebar block under the user name: open alerts of the home region (from the nightly job)."""
from __future__ import annotations

import streamlit as st

from core.config import labels, settings
from core.monitor import alerts
from ui.cache import cached

ALERT_PAGES = {"fee_due": "pages/fees.py", "fee_grace": "pages/fees.py",
               "expiry": "pages/expiry.py", "transfer_out": "pages/ops_monitor.py",
               "holder_outflow": "pages/ops_monitor.py"}
_open_counts = cached(alerts.open_counts)


def render_alerts() -> None:
    counts = _open_counts(settings.get("PATENT_HOME_REGION"))
    if not counts:
        return
    st.sidebar.markdown(f"**{labels.ALERTS_OPEN}**")
    for kind, label in labels.ALERT_KIND.items():
        if counts.get(kind):
            st.sidebar.page_link(ALERT_PAGES[kind], label=f"{label} {counts[kind]:,}")
