"""操作日志: the audit trail, newest first (admin only)."""
import pandas as pd
import streamlit as st

from core.config import labels
from core.db import audit
from ui.guard import guard

guard(__file__)

st.header(labels.AUDIT_TITLE)
kinds = [labels.ALL, "user", "parameter", "address", "alias", "holder", "import", "region"]
kind = st.selectbox(labels.AUDIT_FILTER, kinds, key="admin_audit_kind")
rows = audit.recent(500, None if kind == labels.ALL else kind)
frame = pd.DataFrame(rows, columns=list(labels.AUDIT_COLUMNS)).rename(columns=labels.AUDIT_COLUMNS)
st.dataframe(frame, hide_index=True, width="stretch")
