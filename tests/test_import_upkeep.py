"""A patent list's own upkeep (core.importer.settle, core.importer.holder_counts): the derived
columns of its patents and its holders' counts and first filings are written with the list, in
its transaction, equal to what the refresh of every patent and every holder makes of the same
data; on both backends."""
from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

from core.db.models import FeePayment, Holder, Patent
from core.importer.batch import import_file
from core.rules import numbers, status
from core.stats.holders import refresh_holder_columns

D = dt.date
HEADER = ("申请号", "申请日", "公开（公告）号", "公开（公告）日", "发明名称", "申请（专利权）人",
          "申请人地址", "发明人", "IPC分类号", "主分类号", "代理机构", "发明类型", "法律状态")
ADDRESS = "江苏省苏州市吴中区东吴北路1号"
N = numbers.make
DERIVED = (Patent.status, Patent.status_reason, Patent.status_date, Patent.lapse_date,
           Patent.term_extension_days, Patent.expiry_date, Patent.paid_through_year,
           Patent.next_fee_due)


def _import(folder, name: str, rows: list[tuple]):
    """rows: (application number, filing date, grant document, grant date, holder, status)."""
    path = folder / name
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for app_no, filed, grant_no, granted, holder, text in rows:
            writer.writerow((app_no, filed, grant_no, granted, "一种装置", holder, ADDRESS, "张三",
                             "H01M 10/05", "H01M 10/05", "", "", text))
    report = import_file(path)
    assert report.balanced and not report.rejected, report.summary_lines(5)
    return report


def _state() -> dict:
    return {"patents": list(Patent.select(Patent.app_no, *DERIVED).order_by(Patent.id).tuples()),
            "holders": list(Holder.select(Holder.name, Holder.patent_count, Holder.first_filing)
                            .order_by(Holder.id).tuples())}


def _refreshed() -> dict:
    """The state after the refresh of every patent and holder."""
    status.refresh_all(dt.date.today())
    refresh_holder_columns()
    return _state()


def _holders() -> dict:
    return {name: (count, first) for name, count, first in _state()["holders"]}


def test_holder_counts_follow_transfers_and_corrected_filing_dates(db, tmp_path):
    _import(tmp_path, "a.csv", [(N(2019, 1, 1), "2019-01-01", "", "", "甲公司", "实质审查"),
                                (N(2020, 2, 2), "2020-01-01", "", "", "甲公司", "有效"),
                                (N(2019, 1, 4), "2019-09-09", "", "", "丁公司", "公开"),
                                (N(2023, 1, 5), "2023-03-03", "", "", "丁公司", "公开")])
    assert _holders() == {"甲公司": (2, D(2019, 1, 1)), "丁公司": (2, D(2019, 9, 9))}
    # 甲 loses the patent its first filing came from to 乙, 丁 a later one; 丙 appears
    _import(tmp_path, "b.csv", [(N(2019, 1, 1), "2019-01-01", "", "", "乙公司", "实质审查"),
                                (N(2023, 1, 5), "2023-03-03", "", "", "乙公司", "公开"),
                                (N(2021, 1, 3), "2021-03-01", "", "", "丙公司", "公开")])
    assert _holders() == {"甲公司": (1, D(2020, 1, 1)), "丁公司": (1, D(2019, 9, 9)),
                          "乙公司": (2, D(2019, 1, 1)), "丙公司": (1, D(2021, 3, 1))}
    # 甲's other patent's filing date corrected to an earlier day, then to a later one
    _import(tmp_path, "c.csv", [(N(2020, 2, 2), "2018-06-01", "", "", "甲公司", "有效")])
    assert _holders()["甲公司"] == (1, D(2018, 6, 1))
    _import(tmp_path, "d.csv", [(N(2020, 2, 2), "2020-02-02", "", "", "甲公司", "有效")])
    assert _holders()["甲公司"] == (1, D(2020, 2, 2))
    kept = _state()
    assert _refreshed() == kept


def test_derived_columns_are_those_a_refresh_sets(db, tmp_path):
    """Vendor statuses a refresh overrules (有效 without a grant, 实质审查 of a granted patent),
    a recorded lapse, a grant, and a fee payment stored since the last refresh."""
    today = dt.date.today()
    _import(tmp_path, "a.csv", [
        (N(2018, 1, 1), "2018-03-15", "CN108000001B", "2020-06-01", "甲公司", "有效"),
        (N(2019, 2, 2), "2019-05-05", "", "", "乙公司", "有效"),
        (N(2020, 1, 3), "2020-07-07", "", "", "丙公司", "实质审查"),
        (N(2017, 1, 4), "2017-02-02", "CN107000004B", "2019-09-09", "丁公司", "未缴年费专利权终止")])
    granted = Patent.get(Patent.app_no == N(2018, 1, 1))
    FeePayment.create(patent=granted, patent_year=today.year - 2018, amount=Decimal("900"),
                      paid_on=today - dt.timedelta(days=1))
    report = _import(tmp_path, "b.csv", [
        (N(2018, 1, 1), "2018-03-15", "CN108000001B", "2020-06-01", "甲公司", "实质审查"),
        (N(2019, 2, 2), "2019-05-05", "", "", "乙公司", "有效"),
        (N(2020, 1, 3), "2020-07-07", "CN112000003B", "2023-01-10", "丙公司", "授权"),
        (N(2017, 1, 4), "2017-02-02", "CN107000004B", "2019-09-09", "丁公司", "有效")])
    assert report.updated == 3 and report.unchanged == 1
    kept = _state()
    assert _refreshed() == kept
    row = dict(zip(("app_no", *(f.name for f in DERIVED)), kept["patents"][0]))
    assert (row["status"], row["status_reason"], row["status_date"]) == \
        ("valid", "granted", D(2020, 6, 1))  # the vendor's 实质审查 overruled by the grant
    assert row["paid_through_year"] == today.year - 2018  # raised by the new payment
