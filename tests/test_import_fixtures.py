"""The real vendor exports in ../shared/fixtures (skipped when absent; never copied here): every
row accounted for, real rows spot-checked field by field against the file (read here with plain
openpyxl/csv, independently of the importer), and a second import changes nothing.

Each file is imported twice per backend, once per module (module-scoped database)."""
from __future__ import annotations

import csv
import datetime as dt
import html
import os
import re
import unicodedata
import warnings
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from core import db as core_db
from core.db.models import Holder, ImportBatch, LegalEvent, Patent, PatentHolder
from core.importer.batch import import_file
from core.regions import divisions
from core.resolver.resolution import resolve_text
from tests.conftest import BACKENDS, fresh_url

FIXTURES = Path(os.environ.get("PATENT_FIXTURES")
               or Path(__file__).resolve().parents[2] / "shared" / "fixtures")
# lens_jet_engine.csv: antontruly/patents lens-export.csv; derwent_dii_biogas.xlsx:
# roneyfraga/2024-yt-read-derwent-innovation derwent.xlsx; google_patents_wearable_105.csv:
# woodie2wopper/torir-util No1_…_PatentSearc.csv; patsnap_ar_glasses_17113.xlsx: renyidake/Streamlit
# streamlit系列/AR眼镜.XLSX; cnki_sysu_chem_500.xls: Yodeesy/Intelligent-Patent-Clustering-and-
# Recommendation-Platform 专利数据/化学/CNKI-20250409100038269.xls (see tests/data/README_vendors.md)
FILES = ["patsnap_agency_13086.xlsx", "incopat_openai_72.xlsx", "incopat_chatbot_2798.xlsx",
         "patentics_ar_cn.csv", "patentics_apollo_cn.csv", "lens_jet_engine.csv",
         "derwent_dii_biogas.xlsx", "google_patents_wearable_105.csv",
         "patsnap_ar_glasses_17113.xlsx", "cnki_sysu_chem_500.xls"]
pytestmark = pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures is absent")
SIMPLE = {"有效": "valid", "审中": "pending", "失效": "lapsed"}


@cache
def raw_rows(name: str) -> list[dict]:
    """The file's data rows as dicts header → cell, read without the importer."""
    path = FIXTURES / name
    if path.suffix == ".xls":  # CNKI's .xls: an HTML page with one table
        page = path.read_text(encoding="utf-8")
        rows = [[html.unescape(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
                for tr in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
        return [dict(zip(rows[0], row)) for row in rows[1:]]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            if fh.readline().startswith("search URL:"):  # Google Patents' banner line
                return list(csv.DictReader(fh))
            fh.seek(0)
            return list(csv.DictReader(fh))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


@pytest.fixture(scope="module", params=BACKENDS)
def imported(request, tmp_path_factory):
    """{file: (first report, second report)} imported into one fresh database per backend."""
    url = fresh_url(request, tmp_path_factory.mktemp("fixtures"))
    database = core_db.connect(url)
    reports = {}
    for name in FILES:
        if (FIXTURES / name).exists():
            before = Patent.select().count()
            first = import_file(FIXTURES / name, after=False)
            counts = (Patent.select().count(), PatentHolder.select().count(),
                      LegalEvent.select().count(), Holder.select().count())
            second = import_file(FIXTURES / name, after=False)
            after = (Patent.select().count(), PatentHolder.select().count(),
                     LegalEvent.select().count(), Holder.select().count())
            reports[name] = (first, second, counts, after, before)
    yield url, reports
    database.close()


@pytest.fixture
def fx(imported):
    url, reports = imported
    core_db.connect(url)
    return reports


def reports_of(fx: dict, name: str) -> tuple:
    """(first report, second report, counts after the first, after the second, before)."""
    if name not in fx:
        pytest.skip(f"{name} is not in {FIXTURES}")
    return fx[name]


def patent_by(**where) -> dict:
    field, value = next(iter(where.items()))
    return Patent.select().where(getattr(Patent, field) == value).dicts().get()


def holders(patent_id: int) -> list[str]:
    query = (PatentHolder.select(Holder.name).join(Holder)
             .where(PatentHolder.patent == patent_id, PatentHolder.current)
             .order_by(PatentHolder.seq))
    return [name for name, in query.tuples()]


@pytest.mark.parametrize("name", FILES)
def test_every_row_accounted_for_and_second_import_changes_nothing(fx, name):
    first, second, counts, after, before = reports_of(fx, name)
    rows = len(raw_rows(name))
    assert first.rows_read - first.family_entries == rows and first.balanced and second.balanced
    assert (second.rows_read, second.inserted, second.updated) == (first.rows_read, 0, 0)
    # files may share patents (the Patentics and the Patsnap AR lists): a second import finds
    # unchanged every patent the first one stored, inserted or updated
    assert second.unchanged == first.inserted + first.updated + first.unchanged
    assert second.rejected == first.rejected
    assert (second.merged, second.skipped) == (first.merged, first.skipped)
    assert first.inserted == counts[0] - before  # patents, not rows
    assert after == counts
    assert ImportBatch.select().where(ImportBatch.file_name == name).count() == 2


def test_patsnap_rows_field_by_field(fx):
    first = reports_of(fx, "patsnap_agency_13086.xlsx")[0]
    assert (first.source, first.inserted, first.rejected) == ("patsnap", 13086, 0)
    raw = raw_rows("patsnap_agency_13086.xlsx")
    for index in (0, 1, 999, 6543, 13085):
        row = raw[index]
        stored = patent_by(pub_no=row["公开公告号"])
        assert stored["app_no"] is None and stored["app_date"] is None
        assert stored["title"] == row["标题"]
        assert stored["app_year"] == int(row["申请年"])
        assert stored["status"] == SIMPLE[row["简单法律状态"]]
        assert holders(stored["id"]) == row["当前申请专利权人"].split(" | ")
        assert stored["inventors"] == row["发明人"].replace(" | ", "; ")
        assert stored["inventor_count"] == int(row["发明人数量"])
        assert stored["address"].endswith(row["当前申请专利权人区县"])
        assert stored["patent_type"] == {"实用新型": "utility", "发明专利": "invention",
                                         "外观设计": "design"}[row["专利类型"]]
        tags = LegalEvent.select(LegalEvent.detail).where(LegalEvent.patent == stored["id"])
        assert sorted(d for d, in tags.tuples()) == sorted(row["法律状态事件"].split(" | "))
    assert len(first.limits["no_app_date"]) == 13086


def test_incopat_rows_field_by_field(fx):
    for name in ("incopat_openai_72.xlsx", "incopat_chatbot_2798.xlsx"):
        first = reports_of(fx, name)[0]
        raw = raw_rows(name)
        chinese = [r for r in raw if r["公开国别"] == "中国"]
        applications = {r["申请号"] for r in chinese}
        assert first.source == "incopat" and first.rejected == 0 and first.balanced
        assert (first.inserted, first.merged) == (len(applications),
                                                  len(chinese) - len(applications))
        assert first.skipped == len(raw) - len(chinese)
        assert all(e.reason.startswith("不是中国专利") for e in first.skips)
        for row in chinese[:: max(1, len(chinese) // 5)]:
            stored = patent_by(pub_no=row["公开（公告）号"])
            app = row["申请号"].removeprefix("CN").replace(".", "")
            assert stored["app_no"] == app
            assert stored["app_date"] == row["申请日"].date()
            assert stored["title"] == row["标题 (中文)"]
            assert holders(stored["id"]) == [h.strip() for h in row["申请人"].split(";")]


def test_patentics_rows_field_by_field(fx):
    first = reports_of(fx, "patentics_ar_cn.csv")[0]
    raw = raw_rows("patentics_ar_cn.csv")
    assert (first.source, first.rejected) == ("patentics", 0)
    for row in raw[:: len(raw) // 6]:
        stored = patent_by(app_no=row["申请号"].removeprefix("CN").replace(".", ""))
        assert stored["pub_no"] == row["公开号"]
        assert stored["app_date"] == dt.datetime.strptime(row["申请日"], "%Y%m%d").date()
        assert stored["pub_date"] == dt.datetime.strptime(row["公开日"], "%Y%m%d").date()
        assert stored["title"] == row["标题"]
        ipcs = [" ".join(i.split()) for i in row["国际分类"].split(" | ") if i]
        assert stored["ipc_all"].split("; ") == list(dict.fromkeys(ipcs))
        assert holders(stored["id"]) == row["申请人"].split(" | ")
        if row["授权公告日"]:
            assert stored["grant_date"] == dt.datetime.strptime(row["授权公告日"], "%Y%m%d").date()


def test_lens_rows_field_by_field(fx):
    first = reports_of(fx, "lens_jet_engine.csv")[0]
    raw = raw_rows("lens_jet_engine.csv")
    chinese = [r for r in raw if r["Jurisdiction"] == "CN"]
    applications = {r["Application Number"] for r in chinese}
    assert (first.source, first.rejected, first.skipped) == ("lens", 0, len(raw) - len(chinese))
    assert (first.inserted, first.merged) == (len(applications), len(chinese) - len(applications))
    for row in chinese[:: max(1, len(chinese) // 8)]:
        digits = row["Application Number"].removeprefix("CN ").split()[0]
        stored = Patent.get(Patent.app_no.startswith(digits)).__data__
        old_without_check = len(digits) == 8 and "85" <= digits[:2] <= "88"
        assert len(stored["app_no"]) == len(digits) + (not old_without_check)
        assert stored["app_date"] == dt.date.fromisoformat(row["Application Date"])
        assert stored["title"] == row["Title"]
        names = [n for n in row["Applicants"].split(";;") if n]
        assert holders(stored["id"]) == list(dict.fromkeys(names))
    assert set(first.flags) <= {"check_computed"}


def test_derwent_innovations_index_rows_field_by_field(fx):
    """A family row lists every member: each Chinese application is one patent (the row with
    CN109502914-A/-B and CN209383619-U holds an invention and a utility model)."""
    first = reports_of(fx, "derwent_dii_biogas.xlsx")[0]
    raw = raw_rows("derwent_dii_biogas.xlsx")
    applications = {}  # short application number → (publication member, filing day, row)
    for row in raw:
        ad = row["AD"].split()
        for i in range(0, len(ad), 5):  # member, number, day, month, year
            member, short, day = ad[i], ad[i + 1], " ".join(ad[i + 2:i + 5])
            if member.startswith("CN"):
                applications.setdefault(short, (member, day, row))
    foreign = [r for r in raw if not r["PN"].startswith("CN")]
    assert (first.source, first.rejected, first.merged) == ("dii", 0, 0)
    assert (first.inserted, first.skipped) == (len(applications), len(foreign))
    assert first.rows_read == len(raw) + len(applications) - (len(raw) - len(foreign))
    for short, (member, day, row) in applications.items():
        filed = dt.datetime.strptime(day, "%d %b %Y").date()
        stored = Patent.get(Patent.app_no.startswith(f"{filed.year}{short[2:]}")).__data__
        assert stored["pub_no"] == member.replace("-", "")
        assert stored["app_date"] == filed and stored["app_no_flag"] == "year_added"
        assert stored["title"] == row["TI"]
        assert holders(stored["id"]) == [n.rsplit(" (", 1)[0] for n in row["AE"].split("; ")]
    both = Patent.get(Patent.pub_no == "CN109502914A")
    assert (both.grant_no, str(both.grant_date)) == ("CN109502914B", "2023-10-31")


def test_google_patents_rows_field_by_field(fx):
    """Google Patents' CSV under its search-URL banner: the CN documents are stored (keyed by
    publication number; the file has no application number), every other country skipped."""
    first = reports_of(fx, "google_patents_wearable_105.csv")[0]
    raw = raw_rows("google_patents_wearable_105.csv")
    chinese = [r for r in raw if r["id"].startswith("CN-")]
    assert chinese and (first.source, first.rejected) == ("google", 0)
    assert (first.inserted, first.skipped) == (len(chinese), len(raw) - len(chinese))
    for row in chinese:
        stored = patent_by(pub_no=row["id"].replace("-", ""))
        assert stored["title"] == row["title"].strip()
        assert stored["app_date"] == dt.date.fromisoformat(row["filing/creation date"])
        assert holders(stored["id"]) == row["assignee"].split(", ")


def test_patsnap_former_districts_resolve_to_their_successors(fx):
    """Patsnap writes the district a holder had when it filed: 下城区 and 江干区 (abolished 2021),
    会理县 (会理市 since 2021). Each such patent is placed in a division holding the former
    district's area today (data/divisions/history.csv), the change recorded as the method."""
    reports_of(fx, "patsnap_agency_13086.xlsx")
    former = {r["old_name"]: r for recs in divisions.history().values() for r in recs
              if r["old_name"] not in set(divisions.names().values())}
    rows = [r for r in raw_rows("patsnap_agency_13086.xlsx")
            if r["当前申请专利权人区县"] in former]
    assert len({r["当前申请专利权人区县"] for r in rows}) >= 3
    for row in rows:
        record = former[row["当前申请专利权人区县"]]
        res = resolve_text(patent_by(pub_no=row["公开公告号"])["address"])
        successors = record["successors"]
        if len(successors) == 1:
            assert res.county_code == successors[0], row
        else:  # split: the city, never a wrong county
            assert res.county_code in (None, *successors) and res.city_code == successors[0][:4]
        assert res.county_code is None or res.method == f"change:{record['old_code']}"


def spelling(name: str) -> str:
    """A name without width or spacing differences."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def province_code(cell: str | None) -> str | None:
    """The mainland province a vendor's province cell names (full or bare name), else None."""
    for code, name in divisions.names().items():
        if len(code) == 2 and cell and (cell == name or (name.startswith(cell) and len(cell) >= 2)):
            return code
    return None


def test_patsnap_raw_export_rows_field_by_field(fx):
    """A raw Patsnap export (brackets and the [标] tag in its headers, regions per holder joined
    with " | ", US state codes and TW for foreign holders): every CN row stored once with its
    holders; a holder region in the mainland is placed in its province (and its county when the
    cell names a current one), a foreign holder's region gives no address at all."""
    first = reports_of(fx, "patsnap_ar_glasses_17113.xlsx")[0]
    raw = raw_rows("patsnap_ar_glasses_17113.xlsx")
    chinese = [r for r in raw if r["受理局"] == "中国"]
    assert (first.source, first.rejected, first.merged) == ("patsnap", 0, 0)
    stored_once = first.inserted + first.updated + first.unchanged  # some are in the Patentics list
    assert (stored_once, first.skipped) == (len({r["公开(公告)号"] for r in chinese}),
                                            len(raw) - len(chinese))
    assert all(e.reason.startswith("不是中国专利") for e in first.skips)
    placed = 0
    for row in chinese:
        stored = patent_by(pub_no=row["公开(公告)号"])
        # a holder keeps the spelling it was first stored under (another list wrote 众景视界（北京）…)
        assert [spelling(n) for n in holders(stored["id"])] == [
            spelling(n) for n in row["[标]当前申请(专利权)人"].split(" | ")]
        assert (stored["title"], stored["app_year"]) == (row["标题"], int(row["申请年"]))
        cells = [str(row[f"当前申请(专利权)人{k}"]).split(" | ")[0] for k in ("州/省", "地市", "区县")]
        province = province_code(cells[0])
        if province is None:
            assert stored["address"] is None, row
            continue
        res = resolve_text(stored["address"])
        assert res.province_code == province, row
        county = [c for c, n in divisions.names().items()
                  if n == cells[2] and c.startswith(province) and len(c) == 6]
        if len(county) == 1:
            assert res.county_code == county[0], row
            placed += 1
    assert placed > 2000


def test_cnki_rows_field_by_field(fx):
    """CNKI's .xls (an HTML table): no application number, so a patent is its publication
    number without the kind code (A and B one patent); 海外专利 rows (TW) skipped; 作者 are the
    inventors, 申请人 the holders, 国省名称 the province, 中图分类号 the IPC codes."""
    first = reports_of(fx, "cnki_sysu_chem_500.xls")[0]
    raw = raw_rows("cnki_sysu_chem_500.xls")
    chinese = [r for r in raw if r["SrcDatabase-来源库"] == "中国专利"]
    keys = {re.sub(r"[A-Z]\d?$", "", r["PubNo-公开号"]) for r in chinese}
    assert (first.source, first.rejected) == ("cnki", 0)
    assert first.inserted + first.updated + first.unchanged == len(keys)
    assert (first.merged, first.skipped) == (len(chinese) - len(keys), len(raw) - len(chinese))
    assert set(first.skipped_offices) == {r["PubNo-公开号"][:2] for r in raw if r not in chinese}
    once = {k for k in keys if sum(r["PubNo-公开号"].startswith(k) for r in chinese) == 1}
    for row in chinese:
        number = row["PubNo-公开号"]
        stored = Patent.select().where((Patent.pub_no == number) | (Patent.grant_no == number)
                                       ).dicts().get()
        day = dt.date.fromisoformat(row["PubTime-公开日期"])
        assert day == (stored["pub_date"] if stored["pub_no"] == number else stored["grant_date"])
        title = re.sub(r"</?su[bp]>", "", row["Title-题名"], flags=re.IGNORECASE)
        assert stored["title"] == title and stored["app_no"] is None
        names = [n.strip() for n in row["Applicant-申请人"].split(";") if n.strip()]
        assert [spelling(n) for n in holders(stored["id"])] == [spelling(n) for n in names]
        authors = [n.strip() for n in row["Author-作者"].split(";") if n.strip()]
        assert stored["inventors"] == "; ".join(authors)
        if row["CountryName-国省名称"] in ("广东", "广东省"):
            assert stored["address"] == "广东省"
        if re.sub(r"[A-Z]\d?$", "", number) in once:
            codes = [re.sub(r"^([A-H]\d\d[A-Z])(\d)", r"\1 \2", c)
                     for c in row["CLC-中图分类号"].split(";") if c]
            assert stored["ipc_all"].split("; ") == list(dict.fromkeys(codes))
        kind = number[-1] if number[-1].isalpha() else number[-2]
        assert stored["patent_type"] == {"A": "invention", "B": "invention", "U": "utility",
                                         "Y": "utility", "S": "design"}[kind]


def test_cnki_text_form_of_the_real_export_stores_the_same(db, tmp_path):
    """The real export written out in CNKI's text form (tag: value lines, a blank line between
    records) and imported: importing the .xls afterwards finds every patent unchanged."""
    if not (FIXTURES / "cnki_sysu_chem_500.xls").exists():
        pytest.skip(f"cnki_sysu_chem_500.xls is not in {FIXTURES}")
    raw = raw_rows("cnki_sysu_chem_500.xls")
    text = "\n\n".join("\n".join(f"{tag}: {value}" for tag, value in row.items()) for row in raw)
    path = tmp_path / "CNKI-sysu-chem.txt"
    path.write_text(text + "\n", encoding="utf-8-sig")
    first = import_file(path, after=False)
    assert (first.source, first.rows_read, first.rejected) == ("cnki", len(raw), 0)
    second = import_file(FIXTURES / "cnki_sysu_chem_500.xls", after=False)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, first.inserted)
    assert (second.merged, second.skipped) == (first.merged, first.skipped)
