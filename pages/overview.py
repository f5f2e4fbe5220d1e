"""专利概况: totals, type split, filings per year, top holders and sub-regions of the home region."""
from ui.guard import guard

guard(__file__)

import streamlit as st  # noqa: E402

from core import divisions, labels, overview, settings  # noqa: E402
from ui import demo_offer, echarts  # noqa: E402
from ui.charts import common  # noqa: E402


def render_empty() -> None:
    st.subheader(labels.EMPTY_DB_TITLE)
    st.info(labels.EMPTY_DB_HELP)
    demo_offer.render()


def render_totals(region: str) -> None:
    t = overview.totals(region)
    cols = st.columns(3)
    cols[0].metric(labels.TOTAL_PUBLISHED, f"{t.published:,}")
    cols[1].metric(labels.TOTAL_VALID, f"{t.valid:,}")
    cols[2].metric(labels.VALID_INVENTIONS, f"{t.valid_inventions:,}")


def render_charts(region: str) -> None:
    left, right = st.columns([2, 1])
    years = overview.filings_per_year(region)
    table = years.pivot_table(index="app_year", columns="patent_type", values="n", fill_value=0)
    with left:
        chart = common.bar(table.index.tolist(),
                           {labels.PATENT_TYPE[t]: table[t].tolist() for t in table.columns},
                           labels.FILINGS_PER_YEAR, labels.RULE_FIRST_HOLDER_FILING, stacked=True)
        echarts.show(chart, key="ov_years")
    with right:
        split = overview.type_split(region)
        pairs = [(labels.PATENT_TYPE[r.patent_type], r.valid) for r in split.itertuples()]
        echarts.show(common.pie(pairs, labels.TYPE_SPLIT, labels.RULE_FIRST_HOLDER_ASOF),
                     key="ov_types")
    left, right = st.columns(2)
    with left:
        sub = overview.subregion_ranking(region)
        echarts.show(common.bar(sub["name"].tolist(), {labels.TOTAL_VALID: sub["valid"].tolist()},
                                labels.SUBREGION_RANKING, labels.RULE_FIRST_HOLDER_ASOF,
                                horizontal=True), key="ov_sub")
    with right:
        top = overview.top_holders(region)
        echarts.show(common.bar(top["name"].tolist(), {labels.TOTAL_VALID: top["valid"].tolist()},
                                labels.TOP_HOLDERS, labels.RULE_FIRST_HOLDER_ASOF,
                                horizontal=True), key="ov_holders")


region = settings.get("PATENT_HOME_REGION")
st.header(f"{labels.OVERVIEW} · {divisions.names().get(region, region)}")
if not overview.has_patents():
    render_empty()
else:
    render_totals(region)
    render_charts(region)
