"""申请质量监测: the filing quality of the region's holders or agencies — invention share, grant,
rejection and withdrawal rates, the share kept past years 3, 5 and 10 — ranked, with warnings
under the thresholds of the parameter filing_quality."""
import datetime as dt

import streamlit as st

from core.config import labels
from core.monitor import quality
from ui import clicks, echarts, filters, tables
from ui.cache import cached
from ui.charts import quality as charts
from ui.guard import guard

guard(__file__)

SHOWN = 200
PERCENT = ("invention_share", "grant_rate", "rejection_rate", "withdrawal_rate", "kept_3",
           "kept_5", "kept_10")


def _choices() -> tuple[str, str, bool]:
    left, middle, right = st.columns([2, 2, 1])
    subject = left.radio(labels.QUALITY_SUBJECT_PICK, list(quality.SUBJECTS), key="fq_subject",
                         format_func=labels.QUALITY_SUBJECTS.get, horizontal=True)
    sort = middle.selectbox(labels.SORT_BY, list(quality.SORTS), key="fq_sort",
                            format_func=labels.QUALITY_SORTS.get)
    warned_only = right.toggle(labels.QUALITY_WARNED_ONLY, key="fq_warned")
    return subject, sort, warned_only


def _metrics(frame) -> None:
    summary = quality.summary(frame)
    cols = st.columns(2 + len(quality.REASONS))
    cols[0].metric(labels.QUALITY_RANKED, f"{summary['subjects']:,}")
    cols[1].metric(labels.QUALITY_WARNED, f"{summary['warned']:,}")
    for col, reason in zip(cols[2:], quality.REASONS):
        col.metric(labels.QUALITY_REASON[reason], f"{summary['reasons'][reason]:,}")


def _table(frame, scope, subject: str) -> None:
    head = frame.head(SHOWN)
    shown = head.assign(
        kind=head["kind"].map(labels.HOLDER_KIND).fillna(""),
        reasons=head["reasons"].map(
            lambda text: "、".join(labels.QUALITY_REASON[r] for r in text.split(",") if r)),
        link=[filters.click_link(clicks.quality_subject(subject, i), scope)
              for i in head["subject_id"]])
    columns = {k: v for k, v in labels.QUALITY_COLUMNS.items()
               if k != "kind" or subject == "holder"}
    config = {k: v for k, v in columns.items() if k != "link"}
    config.update({k: st.column_config.NumberColumn(columns[k], format="percent")
                   for k in PERCENT})
    config["link"] = st.column_config.LinkColumn(columns["link"], display_text=labels.OPEN_SEARCH)
    tables.show(shown[list(columns)], hide_index=True, width="stretch", column_config=config)
    if len(frame) > SHOWN:
        st.caption(labels.SHOWING_FIRST.format(n=SHOWN))


st.header(labels.QUALITY_TITLE)
scope = filters.scope_widgets()
subject, sort, warned_only = _choices()
limits = quality.rule(scope.region)
echarts.caption_rule(labels.RULE_QUALITY)
st.caption(labels.QUALITY_RULE_TEXT.format(**limits))
frame = cached(quality.ranking)(scope, subject, dt.date.today(), sort)
if frame.empty:
    st.info(labels.QUALITY_EMPTY.format(min_filings=limits["min_filings"],
                                        subject=labels.QUALITY_SUBJECTS[subject]))
    st.stop()
_metrics(frame)
echarts.show(echarts.options(charts.rates, frame), key=f"fq_rates_{subject}", height="520px")
_table(frame[frame["warning"]] if warned_only else frame, scope, subject)
