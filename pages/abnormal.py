"""非正常申请监测: bursts, near-identical titles, individuals and agencies with abnormal volume."""
import datetime as dt

import pandas as pd
import streamlit as st

from core.config import labels
from core.exports.sheet import to_xlsx_bytes
from core.monitor import abnormal
from ui import filters, tables
from ui.cache import cached
from ui.guard import guard

guard(__file__)

@cached
def load(region: str, on: dt.date, limits: tuple) -> pd.DataFrame:
    cases = abnormal.detect(region, on, dict(limits))
    rows = [{"kind": labels.ABNORMAL_KIND[c.kind], "subject": c.subject, "start": c.start,
             "end": c.end, "count": c.count,
             "detail": labels.ABNORMAL_DETAIL.get(c.kind, "{detail}").format(detail=c.detail)
             if c.detail else "", "samples": "；".join(c.samples)} for c in cases]
    return pd.DataFrame(rows, columns=list(labels.ABNORMAL_COLUMNS))


st.header(labels.ABNORMAL_TITLE)
scope = filters.scope_widgets(show_dates=False)
today = dt.date.today()
limits = abnormal.thresholds(today)
st.caption(labels.ABNORMAL_NOTE)
st.caption(labels.RULE_PREFIX + labels.ABNORMAL_RULE.format(**limits))
frame = load(scope.region, today, tuple(sorted(limits.items())))
if frame.empty:
    st.info(labels.ABNORMAL_NONE)
else:
    counts = frame["kind"].value_counts()
    for col, (kind, n) in zip(st.columns(len(counts)), counts.items()):
        col.metric(kind, int(n))
    tables.show(frame.rename(columns=labels.ABNORMAL_COLUMNS), hide_index=True, width="stretch")
    st.download_button(labels.ABNORMAL_EXPORT,
                       to_xlsx_bytes(frame, labels.ABNORMAL_COLUMNS, labels.ABNORMAL_TITLE),
                       file_name="abnormal_filings.xlsx", key="abn_export")
