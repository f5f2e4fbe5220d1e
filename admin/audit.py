"""操作日志: the audit trail, newest first (admin only)."""
import pandas as pd
import streamlit as st

from core.config import display, labels
from core.db import audit
from ui import tables
from ui.guard import guard

guard(__file__)

st.header(labels.AUDIT_TITLE)
kinds = ["", "user", "parameter", "address", "alias", "holder", "import_batch", "region", "alert",
         "watch"]
kind = st.selectbox(labels.AUDIT_FILTER, kinds, key="admin_audit_kind",
                    format_func=lambda k: labels.AUDIT_OBJECT.get(k, labels.ALL))
rows = [display.audit_row(r) for r in audit.recent(500, kind or None)]
frame = pd.DataFrame(rows, columns=list(labels.AUDIT_COLUMNS)).rename(columns=labels.AUDIT_COLUMNS)
tables.show(frame, hide_index=True, width="stretch")
