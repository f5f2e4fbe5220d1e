"""core/exports/sheet: the column-at-a-time writer against the cell-by-cell one on random rows,
every part strict XML, and whole exports read back equal to the rows read from the database
(SQLite and PostgreSQL)."""
from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.db.models import Address, Agency, Holder, Patent, PatentHolder
from core.exports import search as search_export
from core.exports import sheet
from core.exports.xlsx import DATE_FORMAT, DATETIME_FORMAT, is_risky
from core.resolver import queue, workbook
from core.stats.search import SearchFilters

FORBIDDEN = "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff\ud800"
TEXT = st.text(st.sampled_from(list("ab 苏州电池=+-@&<>\t\r\n\u3000") + list(FORBIDDEN)),
               max_size=6)
DAYS = st.dates(dt.date(1900, 3, 1), dt.date(2100, 12, 31))
MINUTES = st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)).map(
    lambda t: t.replace(second=0, microsecond=0))
KINDS = {  # one kind per column, so the plain columns take the fast path
    "text": TEXT, "plain": st.sampled_from(["苏州", "CN1234A", "吴中区 木渎镇"]), "date": DAYS,
    "int": st.integers(-10**12, 10**12), "float": st.floats(-1e9, 1e9, allow_infinity=False),
    "datetime": MINUTES, "bool": st.booleans(),
    "decimal": st.decimals(-10**6, 10**6, places=2, allow_nan=False, allow_infinity=False),
}


@st.composite
def _sheet(draw):
    kinds = draw(st.lists(st.sampled_from(list(KINDS)), min_size=1, max_size=6))
    rows = draw(st.lists(st.tuples(*[st.none() | KINDS[k] for k in kinds]), max_size=40))
    return [f"列{i}" for i in range(len(kinds))], rows


def xml_char(ch: str) -> bool:
    """A character XML 1.0 allows (its Char production)."""
    o = ord(ch)
    return ch in "\t\n\r" or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


def expected(value):
    """What a cell written from `value` reads back as in openpyxl."""
    if isinstance(value, str):
        value = "".join(ch for ch in value if xml_char(ch))
        return value or None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(0))
    return value


def _load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _cells(ws) -> list[list[tuple]]:
    return [[(c.value, c.data_type, bool(c.quotePrefix), c.number_format, bool(c.font.b))
             for c in row] for row in ws.iter_rows()]


def _trimmed(rows: list[list]) -> list[list]:
    """Without the trailing rows of empty cells (openpyxl does not read them back)."""
    while rows and all(v is None for v in rows[-1]):
        rows = rows[:-1]
    return rows


def strict_xml(data: bytes) -> None:
    """Every part parses as XML 1.0 (expat rejects forbidden characters)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            ElementTree.fromstring(z.read(name))


def _cell_by_cell(letter, values, first, number_style):
    return [sheet._cell(f"{letter}{n}", v, number_style) for n, v in enumerate(values, first)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sheet())
def test_column_writer_equals_cell_by_cell_and_the_values(monkeypatch_module, drawn):
    header, rows = drawn
    fast = sheet.write("表", header, rows)
    with monkeypatch_module.context() as patch:
        patch.setattr(sheet, "_column", _cell_by_cell)
        slow = sheet.write("表", header, rows)
    strict_xml(fast)
    ws = _load(fast)
    assert _cells(ws) == _cells(_load(slow))
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert _trimmed(got) == _trimmed([[expected(v) for v in row] for row in rows])
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                assert (c.data_type, bool(c.quotePrefix)) == ("s", is_risky(c.value))
            elif isinstance(c.value, dt.datetime):
                assert c.number_format in (DATE_FORMAT, DATETIME_FORMAT)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_more_rows_than_a_chunk_keep_their_numbers_and_filter(monkeypatch):
    monkeypatch.setattr(sheet, "CHUNK", 7)
    rows = [(f"t{i}", i, dt.date(2020, 1, 1) + dt.timedelta(days=i)) for i in range(1030)]
    data = sheet.write("表", ["名称", "件数", "日期"], rows)
    strict_xml(data)
    ws = _load(data)
    assert [[c.value for c in r] for r in ws.iter_rows(min_row=2)] == [
        [t, n, dt.datetime.combine(d, dt.time(0))] for t, n, d in rows]
    assert ws.auto_filter.ref == "A1:C1031"


def _tricky_patents():
    evil = Holder.create(name="=cmd|' /C calc'!A0", norm_name="evil")
    plain_holder = Holder.create(name="苏州甲乙科技有限公司", norm_name="jy", kind="enterprise")
    agency = Agency.create(name="苏州<创新>&专利事务所", norm_name="ag")
    p1 = Patent.create(app_no="2019100000019", patent_type="invention", title="一种\x01电池\ufffe",
                       app_date=dt.date(2019, 3, 1), pub_date=dt.date(2019, 9, 1),
                       grant_date=dt.date(2021, 5, 1), first_holder=plain_holder,
                       status="valid", status_reason="granted", county_code="320506",
                       street_code="320506103", city_code="3205", agency=agency,
                       address="  苏州市吴中区木渎镇\n金枫路1号 ", inventors="", agents=None)
    PatentHolder.create(patent=p1, holder=plain_holder, seq=1)
    PatentHolder.create(patent=p1, holder=evil, seq=2)
    for i in range(3):
        p = Patent.create(app_no=f"20202000000{i}2", patent_type="utility", title=f"-{i}+2 @x",
                          app_date=dt.date(2020, 1, 2 + i), first_holder=evil, status="lapsed",
                          status_reason="unpaid_fee", county_code="320505", city_code="3205")
        PatentHolder.create(patent=p, holder=evil, seq=1)


def test_the_search_export_reads_back_as_the_rows_read_from_the_database(db):
    _tricky_patents()
    found = SearchFilters(region="3205", unpublished=True)
    rows = [[row[c] for c in search_export.EXPORT_COLUMNS]
            for row in search_export.export_rows(found)]
    data = search_export.to_xlsx(found, total=len(rows))
    strict_xml(data)
    ws = _load(data)
    assert [[c.value for c in r] for r in ws.iter_rows(min_row=2)] == [
        [expected(v) for v in row] for row in rows]
    assert len(rows) == 4
    assert [bool(c.quotePrefix) for c in ws["C"][1:]] == [True, True, True, False]


def test_the_queue_export_reads_back_as_the_queue_read_from_the_database(db):
    for i, text in enumerate(["苏州市吴中区木渎镇\x02金枫路", "=1+1 苏州", "苏州市相城区&<b>"]):
        Address.create(normalized=text, sample_raw=text, city_code="3205", county_code="320506",
                       patent_count=10 - i, status="queued")
    queued = queue.queue_page(within="3205", limit=100)
    data = workbook.export_queue("3205")
    strict_xml(data)
    got = [[c.value for c in r] for r in _load(data).iter_rows(min_row=2)]
    assert got == [[expected(r["id"]), expected(r["normalized"]), expected(r["sample_raw"]),
                    r["patent_count"], expected(r["county_code"]), expected(r["county_name"]),
                    expected("；".join(f"{c['name']}({c['code']})" for c in r["candidates"]
                                      if c.get("name"))), None, None, None] for r in queued]
    assert len(got) == 3
