"""权利人统计 in a browser: the demo's holder count; a click on a holder's invention bar opens
the search pinned to exactly that holder's valid inventions, and finds as many as the bar
shows."""
from __future__ import annotations

from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import (
    db_value,
    expect_url,
    heading,
    metric,
    open_page,
    result_count,
    screenshot,
    table_rows,
)


def test_holders_page_and_a_bar_click_searches_that_holder(app_url, page, facts, e2e_db):
    open_page(page, app_url, "holders")
    expect(heading(page, labels.HOLDERS_TITLE)).to_be_visible()
    expect(metric(page, labels.HOLDERS_COUNT)).to_have_text(f"{facts['holders']:,}")
    charts.all_settled(page)
    charts.no_exception(page)
    screenshot(page, "holders")

    shown = charts.data(page, "hs_top")
    assert shown["series"][0]["name"] == labels.PATENT_TYPE["invention"]
    inventions = shown["series"][0]["data"]
    index = inventions.index(max(inventions))
    assert inventions[index], "a top holder of the demo has valid inventions"
    name = charts.click_item(page, "hs_top", index, series=0).removesuffix(" ★")
    holder_id = db_value(e2e_db, "SELECT id FROM holder WHERE name = ?", name)
    expect(page.get_by_text(labels.SEARCH_FIXED_FIRST_HOLDER.format(name=name))).to_be_visible()
    expect(result_count(page)).to_have_text(labels.SEARCH_RESULT.format(n=inventions[index]))
    expect_url(page, "search", {"region": facts["home"], "first_holder_id": str(holder_id),
                                "status": "valid", "types": "invention", "unpublished": "1"})
    charts.no_exception(page)


def _core_reference(e2e_db, region: str, top: int, ptype: str | None = None
                    ) -> list[tuple[str, str, int]]:
    """(inventor, holder, patents) of the region's top inventors, from the definition: each
    name once per patent of its first holder (of type `ptype` when given), counted per
    (holder, name) over all time; ranked by patents, inventions, holder id, name."""
    import sqlite3
    path = e2e_db[0].removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT p.first_holder_id, h.name, p.patent_type, p.inventors FROM patent p "
            "JOIN holder h ON h.id = p.first_holder_id WHERE p.inventors IS NOT NULL AND "
            "(p.province_code = ? OR p.city_code = ? OR p.county_code = ?) AND "
            "(? IS NULL OR p.patent_type = ?)", (region, region, region, ptype, ptype)).fetchall()
    counts: dict[tuple, list] = {}
    for holder_id, holder, ptype, text in rows:
        for name in dict.fromkeys(n.strip() for n in text.split(";") if n.strip()):
            entry = counts.setdefault((holder_id, name), [0, 0, holder])
            entry[0] += 1
            entry[1] += ptype == "invention"
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], *kv[0]))[:top]
    return [(name, holder, n) for (_, name), (n, _, holder) in ranked]


def _core_shown(page) -> list[tuple[str, str, int]]:
    return [(r[0], r[1], int(r[2].replace(",", "")))
            for r in (row.split("\t") for row in table_rows(page, "hs_core_table"))]


def test_core_inventors_of_the_region_on_request(app_url, page, facts, e2e_db):
    """Every type, then inventions only (inventor_cube's n, then its n_invention)."""
    open_page(page, app_url, "holders")
    expect(heading(page, labels.HOLDERS_TITLE)).to_be_visible()
    page.get_by_text(labels.CORE_INVENTORS_SHOW).click()
    shown = _core_shown(page)
    want = _core_reference(e2e_db, facts["home"], len(shown))
    assert len(shown) == min(20, len(want)) and shown
    assert shown == want
    every = shown
    page.get_by_role("button", name=labels.PATENT_TYPE["invention"], exact=True).click()
    want = _core_reference(e2e_db, facts["home"], 20, "invention")
    for _ in range(60):  # the rerun replaces the table (whose hidden mirror holds the rows drawn)
        # an empty read is the table between two runs (it equals want[:0])
        if (shown := _core_shown(page)) and shown == want[:len(shown)]:
            break
        page.wait_for_timeout(500)
    assert shown == want[:len(shown)] and shown and shown != every[:len(shown)]
    charts.no_exception(page)
