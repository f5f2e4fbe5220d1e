"""The analysis report on a demo region, SQLite and PostgreSQL: the .docx and the .xlsx are opened
(python-docx, openpyxl) and every table is compared with the statistics and monitor functions'
own whole tables, with year-on-year changes and ranks recomputed by hand from their definitions."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from docx import Document

from core import db as core_db
from core.config import labels
from core.cubes import freshness
from core.db.models import PATENT_TYPES
from core.demo import generate
from core.monitor import expiry, fee_warnings, lapses, ops_monitor
from core.regions.query import Scope
from core.reports.build import build
from core.reports.period import parse
from core.reports.render import sheet_names, to_docx, to_xlsx
from core.stats import (
    agencies,
    holders,
    indicators,
    industry,
    new_holders,
    overview,
    regions,
    trend,
)
from tests.conftest import BACKENDS, fresh_url

TODAY = dt.date(2026, 12, 6)
PERIOD = parse("2026-11")
NOW = Scope("3205", dt.date(2026, 11, 1), dt.date(2026, 11, 30))
BEFORE = Scope("3205", dt.date(2025, 11, 1), dt.date(2025, 11, 30))
C = labels.REPORT_COLUMNS


@pytest.fixture(scope="module", params=BACKENDS)
def report(request, tmp_path_factory):
    """A 2,000-patent demo as of 2026-12-06 and its November 2026 city report, read back."""
    url = fresh_url(request, tmp_path_factory.mktemp("report"))
    database = core_db.connect(url)
    database.connect(reuse_if_open=True)
    generate(2000, seed=11, today=TODAY)
    built = build("3205", PERIOD, None, TODAY)
    docx_bytes, xlsx_bytes = to_docx(built), to_xlsx(built)
    yield {"report": built, "docx": Document(io.BytesIO(docx_bytes)),
           "xlsx": openpyxl.load_workbook(io.BytesIO(xlsx_bytes)), "bytes": docx_bytes}
    database.close()


def number(text: str):
    """A docx cell back as a number ('1,234' → 1234, '12.5' → 12.5, '—' → None), else the text."""
    if text == labels.NO_VALUE or text == "":
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return text
    return int(value) if value.is_integer() and "." not in text else value


def docx_table(report: dict, key: str) -> list[list]:
    """The rows (header left out) of the report's table `key` as printed in the Word file."""
    index = [t.key for t in report["report"].tables].index(key)
    printed = [t for t in report["report"].tables if t.rows]
    grid = report["docx"].tables[printed.index(report["report"].tables[index])]
    return [[number(c.text) for c in row.cells] for row in grid.rows[1:]]


def said(now, before) -> str:
    """The change in words, by the rule: a rise or fall in percent to one decimal."""
    if not before:
        return "去年同期为零" if now else "与去年同期持平"
    pct = round((now / before - 1) * 100, 1)
    return "与去年同期持平" if pct == 0 else f"同比{'增长' if pct > 0 else '下降'}{abs(pct):.1f}%"


def by_first(rows: list[list]) -> dict:
    return {row[0]: row[1:] for row in rows}


def growth(now, before):
    """The year-on-year change in percent by its definition, one decimal (None without a base)."""
    return round((now / before - 1) * 100, 1) if before else None


def test_types_table_is_type_split_of_the_period_and_a_year_before(report):
    now = overview.type_split(NOW).set_index("patent_type")
    before = overview.type_split(BEFORE).set_index("patent_type")
    rows = by_first(docx_table(report, "types"))
    for kind in PATENT_TYPES:
        a, a0 = int(now["applications"].get(kind, 0)), int(before["applications"].get(kind, 0))
        g, g0 = int(now["grants"].get(kind, 0)), int(before["grants"].get(kind, 0))
        assert rows[labels.PATENT_TYPE[kind]] == [a, a0, growth(a, a0), g, g0, growth(g, g0)]
    total = rows[C["total"]]
    assert total[0] == int(now["applications"].sum()) and total[3] == int(now["grants"].sum())
    assert sum(now["applications"]) > 0, "the demo has filings in the period"


def test_types_of_a_custom_range_are_type_split_of_each_range(report):
    built = build("3205", parse("2026-10-15..2026-11-20"), ["overview"], TODAY)
    rows = by_first(built.table("types").rows)
    now = overview.type_split(Scope("3205", dt.date(2026, 10, 15), dt.date(2026, 11, 20)))
    before = overview.type_split(Scope("3205", dt.date(2025, 10, 15), dt.date(2025, 11, 20)))
    now, before = now.set_index("patent_type"), before.set_index("patent_type")
    for kind in PATENT_TYPES:
        a, a0 = int(now["applications"].get(kind, 0)), int(before["applications"].get(kind, 0))
        assert rows[labels.PATENT_TYPE[kind]][:3] == [a, a0, growth(a, a0)]
    assert rows[C["total"]][0] == int(now["applications"].sum()) > 0


def test_indicator_table_matches_compute_as_of_period_end(report):
    now = indicators.compute("3205", 2026, on=dt.date(2026, 11, 30))
    before = indicators.compute("3205", 2025, on=dt.date(2025, 11, 30))
    rows = by_first(docx_table(report, "overview"))
    shown = [i for i in now.items if i.value is not None]
    assert set(rows) == {i.name for i in shown}
    for item in shown:
        row = rows[item.name]
        assert row[1] == pytest.approx(round(item.value, 2))
        assert row[2] == item.target
        last = before.get(item.key).value
        assert row[4] == (None if last is None else pytest.approx(round(last, 2)))
        if item.key not in indicators.CHANGES:
            assert row[5] == pytest.approx(growth(item.value, last))


def test_trend_tables_are_the_last_twelve_months(report):
    scope = Scope("3205", dt.date(2024, 12, 1), dt.date(2026, 11, 30))
    for key, read in (("trend_apps", trend.applications), ("trend_grants", trend.grants)):
        frame = read(scope, "month")
        totals = dict(zip(frame["period"], frame["total"]))
        rows = docx_table(report, key)
        assert [r[0] for r in rows] == [p for p in frame["period"] if p >= "2025-12"]
        for row in rows:
            assert row[4] == totals[row[0]] == sum(row[1:4])
            prior = totals.get(f"{int(row[0][:4]) - 1}{row[0][4:]}")
            assert row[5] == growth(row[4], prior)


def test_region_ranking_is_regions_table_ranked_by_filings(report):
    now, before = regions.table(NOW), regions.table(BEFORE)
    rows = by_first(docx_table(report, "regions"))
    assert set(rows) == set(now["name"])
    apps_before = dict(zip(before["name"], before["applications"]))

    def rank(frame, name):  # 1 + the sub-regions with strictly more filings
        mine = int(frame.loc[frame["name"] == name, "applications"].iloc[0])
        return 1 + int((frame["applications"] > mine).sum())

    for r in now.to_dict("records"):
        row = rows[r["name"]]
        assert row[:6] == [r["applications"], growth(r["applications"], apps_before.get(r["name"])),
                           r["grants"], r["valid"], r["valid_inventions"], rank(now, r["name"])]
        if r["name"] not in set(before["name"]):
            assert row[6] == labels.REPORT_RANK_NEW
            continue
        moved = rank(before, r["name"]) - row[5]
        expected = (labels.REPORT_RANK_SAME if moved == 0 else
                    labels.REPORT_RANK_UP.format(n=moved) if moved > 0 else
                    labels.REPORT_RANK_DOWN.format(n=-moved))
        assert row[6] == expected


def test_industry_tables_are_industry_summary(report):
    now, before = industry.summary(NOW), industry.summary(BEFORE)
    for kind in labels.INDUSTRY_KIND:
        part = now[now["kind"] == kind]
        rows = by_first(docx_table(report, f"industry_{kind}"))
        assert set(rows) == set(part["name"])
        for r in part.to_dict("records"):
            b = int(before.loc[before["code"] == r["code"], "applications"].iloc[0])
            assert rows[r["name"]] == [r["applications"], b, growth(r["applications"], b),
                                       r["grants"], r["valid"], r["valid_inventions"]]


@pytest.mark.parametrize("scope", [NOW, Scope("320506", dt.date(2024, 3, 5), dt.date(2026, 2, 1)),
                                   Scope("3205", dt.date(2025, 7, 1), None, patent_types=("invention",))])
def test_industry_summary_of_a_period_reads_the_same_as_the_live_join(report, scope, monkeypatch):
    """The period path (stocks from the cube, flows through the date indexes) against the
    reference: every industry link of the region, joined live."""
    assert freshness.usable(), "the demo's summary tables are fresh: the period path runs"
    fast = industry.summary(scope)
    monkeypatch.setattr(freshness, "usable", lambda: False)
    live = industry.summary(scope)
    pd.testing.assert_frame_equal(fast, live, check_dtype=False)
    assert live["applications"].sum() > 0 and live["valid"].sum() > 0


def test_holder_and_agency_tables_are_their_rankings(report):
    top = holders.holder_stats(NOW, limit=10)
    assert [r[0] for r in docx_table(report, "holders")] == list(top["name"])
    assert [r[5] for r in docx_table(report, "holders")] == list(top["valid_total"])
    listed = new_holders.listing(NOW, limit=10)
    assert [r[0] for r in docx_table(report, "new_holders")] == list(listed["name"])
    assert [r[3] for r in docx_table(report, "new_holders")] == list(listed["patents"])
    new, new0 = new_holders.count(NOW), new_holders.count(BEFORE)
    assert any(f"本期新增权利人{new}家，{said(new, new0)}；" in p.text
               for p in report["docx"].paragraphs)
    ranked = agencies.ranking(NOW, limit=10)
    rows = docx_table(report, "agencies")
    assert [r[0] for r in rows] == list(ranked["name"])
    assert [r[2] for r in rows] == list(ranked["filings"])
    total = agencies.summary(NOW)["filings"]
    assert [r[3] for r in rows] == [round(f / total * 100, 1) for f in ranked["filings"]]


def test_operations_table_is_the_operation_totals(report):
    now, before = ops_monitor.totals(NOW), ops_monitor.totals(BEFORE)
    rows = by_first(docx_table(report, "operations"))
    for key, name in labels.REPORT_OPS_ITEMS.items():
        a, b = now[key], before[key]
        if key == "pledge_amount":
            a, b = round(a / 10_000, 2), round(b / 10_000, 2)
        assert rows[name] == [pytest.approx(a), pytest.approx(b), growth(a, b)]
    assert now["transfer_in"] + now["transfer_out"] + now["license"] + now["pledge"] > 0


def test_risk_and_lapse_tables_are_the_monitors(report):
    fees = fee_warnings.counts(fee_warnings.FeeQuery(Scope("3205"), TODAY,
                                                     states=fee_warnings.WARN_STATES))
    assert docx_table(report, "fees") == [[r["label"], r["n"]] for r in fees.to_dict("records")]
    horizons = expiry.horizon_counts(expiry.ExpiryQuery(Scope("3205"), TODAY))
    assert docx_table(report, "expiry") == [[r["label"], r["m3"], r["m6"], r["m12"]]
                                            for r in horizons.to_dict("records")]
    reasons = lapses.by_reason(lapses.LapseQuery(Scope("3205"), PERIOD.start, PERIOD.end))
    assert docx_table(report, "lapses") == [[r["label"], r["n"]] for r in reasons.to_dict("records")]


def test_every_table_has_its_rule_under_it_and_sentences_state_changes(report):
    paragraphs = [p.text for p in report["docx"].paragraphs]
    rules = [p for p in paragraphs if p.startswith(labels.REPORT_RULE.format(text=""))]
    assert len(rules) == len(report["report"].tables)
    assert paragraphs[0] == "苏州市2026年11月专利统计分析报告"
    types = by_first(docx_table(report, "types"))[C["total"]]
    assert any(f"专利申请{types[0]:,}件，{said(types[0], types[1])}；" in p for p in paragraphs)
    headings = [p.text for p in report["docx"].paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}、{t}" for n, t in zip("一二三四五六七八九十",
                                                   labels.REPORT_SECTIONS.values())]
    assert len(report["docx"].inline_shapes) >= 10


def test_xlsx_annex_holds_every_table_with_numbers_as_numbers(report):
    book, built = report["xlsx"], report["report"]
    assert book.sheetnames == [labels.REPORT_INDEX_SHEET, *sheet_names(built)]
    index = list(book[labels.REPORT_INDEX_SHEET].iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in index] == [t.rule for t in built.tables]
    for name, table in zip(sheet_names(built), built.tables):
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == table.header
        docx_rows = docx_table(report, table.key) if table.rows else []
        for got, printed in zip(rows[1:], docx_rows):
            for value, text in zip(got, printed):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    assert value == pytest.approx(text)
        assert len(rows) - 1 == len(table.rows)
