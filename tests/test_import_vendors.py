"""Every vendor's export as the vendor writes it (tests/data/vendor_exports.py: real header rows,
made-up values), imported into SQLite and PostgreSQL: the vendor is recognised, every Chinese
patent is stored once (A and B documents and duplicate rows merged), the foreign row skipped
with its reason, holders and addresses mapped, the report's figures add up, and a second
import changes nothing."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.db.models import Holder, Patent, PatentHolder
from core.importer.batch import import_file
from tests.data.vendor_exports import VENDORS
from tests.test_import_db import snapshot

P1_APP, P2_APP = "2018103904627", "2019201234565"


def write(tmp_path: Path, name: str) -> Path:
    spec = VENDORS[name]
    path = tmp_path / f"{name}.{spec['file']}"
    if spec["file"] == "xlsx":
        book = Workbook()
        for row in spec["rows"]:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", encoding=spec["encoding"], newline="") as fh:
            csv.writer(fh).writerows(spec["rows"])
    return path


def stored(app_no: str | None, pub_no: str) -> dict:
    where = Patent.pub_no == pub_no
    query = Patent.select().where(where | (Patent.app_no == app_no) if app_no else where)
    rows = list(query.dicts())
    assert len(rows) == 1, rows  # stored once
    return rows[0]


def holders(patent_id: int) -> list[str]:
    query = (PatentHolder.select(Holder.name).join(Holder)
             .where(PatentHolder.patent == patent_id, PatentHolder.current)
             .order_by(PatentHolder.seq))
    return [name for name, in query.tuples()]


@pytest.mark.parametrize("name", sorted(VENDORS))
def test_vendor_export_imports_every_chinese_patent_once(db, tmp_path, name):
    expect = VENDORS[name]["expect"]
    path = write(tmp_path, name)
    report = import_file(path, after=False)
    assert report.fatal is None and report.source == expect["source"]
    assert (report.inserted, report.merged, report.skipped, report.rejected) == expect["counts"]
    assert report.balanced and report.rows_read == sum(expect["counts"])
    assert [s.reason[:6] for s in report.skips] == ["不是中国专利"] * expect["counts"][2]
    assert Patent.select().count() == 2
    keyed_by_pub = expect.get("keyed_by_pub", False)
    p1_pub = expect.get("p1_pub", "CN108572939A")
    p1 = stored(None if keyed_by_pub else P1_APP, p1_pub)
    p2 = stored(None if keyed_by_pub else P2_APP, "CN209123456U")
    assert (p1["pub_no"], p1["grant_no"], p2["pub_no"], p2["grant_no"]) == (
        p1_pub, "CN108572939B", "CN209123456U", "CN209123456U")
    assert (p1["patent_type"], p2["patent_type"]) == ("invention", "utility")
    assert str(p1["app_date"]) == "2018-04-25" and str(p2["app_date"]) == "2019-01-15"
    assert str(p1["grant_date"]) == "2019-09-20"
    if not expect.get("ascii_holders"):
        assert (p1["title"], p2["title"]) == ("一种图像识别方法", "一种散热装置")
    names = expect.get("holders", {"p1": ["苏州科达科技股份有限公司", "苏州大学"],
                                   "p2": ["苏州某某电子有限公司"]})
    assert (holders(p1["id"]), holders(p2["id"])) == (names["p1"], names["p2"])
    flags = {flag: keys for flag, keys in report.flags.items()}
    expected_flags: dict[str, list[str]] = {}
    for key, app in (("p1_flag", P1_APP), ("p2_flag", P2_APP)):
        if expect.get(key) and not keyed_by_pub:
            expected_flags.setdefault(expect[key], []).append(app)
    assert flags == expected_flags
    assert (p1["app_no_flag"], p2["app_no_flag"]) == (expect.get("p1_flag"), expect.get("p2_flag"))
    for key, address in expect.get("address", {}).items():
        assert {"p1": p1, "p2": p2}[key]["address"] == address
    for key, status in expect.get("status", {}).items():
        assert {"p1": p1, "p2": p2}[key]["status"] == status
    state = snapshot()
    again = import_file(path, after=False)
    assert snapshot() == state
    assert (again.inserted, again.updated, again.unchanged, again.merged, again.skipped) == (
        0, 0, 2, expect["counts"][1], expect["counts"][2])
