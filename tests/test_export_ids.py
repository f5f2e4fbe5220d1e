"""The search export reads the matching ids first (each engine's best index), then the rows by
id: the whole rows equal those of the previous keyset walk (newest first, BATCH rows a query),
for every kind of filter and a row limit, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import random
from operator import itemgetter

import peewee as pw
import pytest

from core.db import bulk_insert
from core.db.models import Agency, Holder, Patent, PatentHolder
from core.exports import search as export
from core.regions import divisions
from core.stats.search import SearchFilters, where

FILTERS = [SearchFilters(), SearchFilters(region="3205"), SearchFilters(region="320506"),
           SearchFilters(holder="持有人1"), SearchFilters(holder_id=2), SearchFilters(title="电池"),
           SearchFilters(region="3205", types=("invention",), statuses=("valid",),
                         app_from=dt.date(2019, 1, 1), app_to=dt.date(2021, 12, 31)),
           SearchFilters(agency="代理所")]


def _fill(seed: int = 5) -> None:
    rng = random.Random(seed)
    holders = [Holder.create(name=f"持有人{i}公司", norm_name=f"持有人{i}").id for i in range(6)]
    agency = Agency.create(name="苏州代理所", norm_name="苏州代理所").id
    places = [("3205", "320506", "320506001"), ("3205", "320507", None), ("3201", "320102", None),
              (None, None, None)]
    rows, links = [], []
    for n in range(1, 301):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
        city, county, street = rng.choice(places)
        holder = rng.choice(holders)
        rows.append((f"2019{n:08d}X", rng.choice(["invention", "utility"]), day,
                     day + dt.timedelta(days=540),  # published: the search's default
                     f"一种{rng.choice(['电池', '电机'])}{n}", holder, rng.choice([agency, None]),
                     city, county, street, rng.choice(["valid", "lapsed"])))
        links += [(n, holder, 1)] + ([(n, rng.choice(holders), 2)] if n % 3 == 0 else [])
    bulk_insert(Patent, ["app_no", "patent_type", "app_date", "pub_date", "title", "first_holder",
                         "agency", "city_code", "county_code", "street_code", "status"], rows)
    bulk_insert(PatentHolder, ["patent", "holder", "seq"], links)


def _previous_rows(f: SearchFilters, limit: int, batch: int = 7) -> list[dict]:
    """export_rows as it was: keyset batches of the filtered query, newest first."""
    names = divisions.names()
    out, cursor = [], None
    while len(out) < limit:
        query = (Patent.select(
            Patent.id, Patent.app_no, Patent.patent_type, Patent.title, Patent.app_date,
            Patent.pub_no, Patent.pub_date, Patent.grant_no, Patent.grant_date, Patent.address,
            Patent.county_code, Patent.street_code, Patent.status, Patent.status_reason,
            Patent.ipc_main, Patent.ipc_all, Agency.name.alias("agency_name"), Patent.agents,
            Patent.inventors, Holder.name.alias("first_holder"))
            .join(Agency, pw.JOIN.LEFT_OUTER, on=(Patent.agency == Agency.id))
            .switch(Patent).join(Holder, pw.JOIN.LEFT_OUTER, on=(Patent.first_holder == Holder.id))
            .where(where(f)))
        if cursor is not None:
            query = query.where(Patent.id < cursor)
        rows = list(query.order_by(Patent.id.desc()).limit(min(batch, limit - len(out))).dicts())
        if not rows:
            break
        holders = export._holder_names([r["id"] for r in rows])
        out += [export._shape(r, holders, names) for r in rows]
        cursor = rows[-1]["id"]
    return out


@pytest.mark.parametrize("limit", [1000, 40])
def test_export_rows_equal_the_previous_walk(db, monkeypatch, limit):
    _fill()
    monkeypatch.setattr(export, "BATCH", 11)
    for f in FILTERS:
        rows = list(export.export_rows(f, limit))
        assert rows == _previous_rows(f, limit), f
        assert 0 < len(rows) <= limit, f


@pytest.mark.parametrize("limit", [1000, 40])
def test_export_tuples_equal_the_rows_in_column_order(db, monkeypatch, limit):
    _fill()
    monkeypatch.setattr(export, "BATCH", 11)
    columns = itemgetter(*export.EXPORT_COLUMNS)
    for f in FILTERS:
        tuples = list(export.export_tuples(f, limit))
        assert tuples == [columns(r) for r in export.export_rows(f, limit)], f
        assert tuples, f


def test_the_sheet_reads_back_with_a_bold_frozen_header_and_typed_cells():
    import io

    import openpyxl

    from core.exports import sheet
    data = sheet.write("检索结果", ["申请号", "申请日", "件数"], [
        ["=1+1", dt.date(2020, 1, 2), 3], [" a&b<c>\x01", None, 2.5], [None, None, True]])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert (ws.title, ws.freeze_panes) == ("检索结果", "A2")
    assert rows == [["申请号", "申请日", "件数"], ["=1+1", dt.datetime(2020, 1, 2), 3],
                    [" a&b<c>", None, 2.5], [None, None, True]]
    assert [c.font.b for c in ws[1]] == [True, True, True]
    assert (ws["A2"].data_type, ws["A2"].quotePrefix, ws["A3"].quotePrefix) == ("s", True, False)
    assert ws["B2"].number_format == "yyyy-mm-dd"
