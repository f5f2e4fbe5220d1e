"""Importing the dialect fixtures of tests/data/import into SQLite and PostgreSQL: fields land
where they belong, imports are idempotent, newer exports update, every import is recorded."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest

from core.db import db as proxy
from core.db import is_postgres
from core.db.models import (
    UNPLACED_EVENT_INDEX,
    Address,
    Agency,
    AuditLog,
    FeePayment,
    Holder,
    ImportBatch,
    LegalEvent,
    Patent,
    PatentHolder,
)
from core.importer import events
from core.importer.batch import import_file

DATA = Path(__file__).resolve().parent / "data" / "import"
D = dt.date
TABLES = (Patent, Holder, PatentHolder, Agency, LegalEvent, FeePayment, Address)
PATENT_FILES = ["cnipa.xlsx", "incopat.xlsx", "patsnap.xlsx", "patentics.csv", "baiten.csv",
                "soopat.txt", "soopat.xls", "multisheet.xlsx"]


def run(name: str, **kw):
    kw.setdefault("after", False)
    return import_file(DATA / name, **kw)


def snapshot() -> dict:
    """Row counts of every table the importer writes, plus every patent row."""
    out = {m.__name__: m.select().count() for m in TABLES}
    out["patents"] = list(Patent.select().order_by(Patent.id).tuples())
    return out


def patent(app_no=None, pub_no=None) -> dict:
    query = Patent.select().where(Patent.app_no == app_no if app_no else Patent.pub_no == pub_no)
    return query.dicts().get()


def holders_of(patent_id: int) -> list[tuple]:
    query = (PatentHolder.select(Holder.name, Holder.kind, PatentHolder.seq)
             .join(Holder).where(PatentHolder.patent == patent_id, PatentHolder.current)
             .order_by(PatentHolder.seq))
    return list(query.tuples())


def pick(row: dict, *names) -> dict:
    return {n: row[n] for n in names}


def test_cnipa_rows_land_in_the_right_fields(db):
    report = run("cnipa.xlsx")
    assert (report.source, report.rows_read, report.inserted, report.rejected) == ("cnipa", 5, 3, 2)
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (7, "申请号", "201810390462.3"), (8, "发明名称", "")]
    assert "校验位错误" in report.errors[0].reason and "标题为空" in report.errors[1].reason
    assert report.unmapped == ["备注"]
    first = patent("2018103904627")
    assert pick(first, "app_no_flag", "patent_type", "app_date", "app_year", "pub_no", "pub_date",
                "grant_no", "grant_date", "grant_year", "title", "ipc_main", "ipc_all",
                "ipc_subclass", "agents", "inventors", "inventor_count", "holder_count",
                "status", "status_reason", "status_date", "address", "source") == {
        "app_no_flag": None, "patent_type": "invention", "app_date": D(2018, 4, 25),
        "app_year": 2018, "pub_no": "CN108572939B", "pub_date": D(2019, 9, 20),
        "grant_no": "CN108572939B", "grant_date": D(2019, 9, 20), "grant_year": 2019,
        "title": "一种图像识别方法", "ipc_main": "G06K 9/00", "ipc_all": "G06K 9/00; G06T 7/00",
        "ipc_subclass": "G06K", "agents": "王五", "inventors": "张三; 李四", "inventor_count": 2,
        "holder_count": 2, "status": "valid", "status_reason": "granted",
        "status_date": D(2019, 9, 20), "address": "江苏省苏州市高新区金山路131号", "source": "cnipa"}
    assert holders_of(first["id"]) == [("苏州科达科技股份有限公司", "enterprise", 1),
                                       ("苏州大学", "university", 2)]
    assert Agency.get_by_id(first["agency"]).name == "苏州创元专利商标事务所有限公司"
    second = patent("2019201234565")
    assert pick(second, "app_no_flag", "patent_type", "status", "status_reason", "agency",
                "agents") == {"app_no_flag": "check_computed", "patent_type": "utility",
                              "status": "lapsed", "status_reason": "unpaid_fee", "agency": None,
                              "agents": None}
    third = patent("2020300456788")
    assert pick(third, "app_date", "app_year", "patent_type", "grant_no") == {
        "app_date": None, "app_year": 2020, "patent_type": "design", "grant_no": "CN305123456S"}
    assert holders_of(third["id"]) == [("张小明", "individual", 1)]
    assert set(report.limits) == {"no_app_date"} and report.limits["no_app_date"] == ["2020300456788"]


def test_incopat_serial_dates_foreign_rows_and_x_check_digit(db):
    report = run("incopat.xlsx")
    assert (report.source, report.inserted, report.skipped, report.rejected) == ("incopat", 3, 1, 0)
    assert [(s.row, s.column, s.value) for s in report.skips] == [(4, "公开国别", "美国")]
    assert report.skips[0].reason.startswith("不是中国专利（美国）") and report.balanced
    granted = patent("2021100010018")
    assert pick(granted, "app_date", "pub_date", "grant_date", "patent_type", "ipc_main",
                "ipc_all", "status", "status_reason", "title") == {
        "app_date": D(2021, 1, 1), "pub_date": D(2021, 10, 31), "grant_date": D(2021, 10, 31),
        "patent_type": "invention", "ipc_main": "G06N 3/04", "ipc_all": "G06N 3/04; G06N 3/08",
        "status": "valid", "status_reason": "granted", "title": "一种神经网络训练方法"}
    assert [h[:2] for h in holders_of(granted["id"])] == [
        ("苏州大学", "university"), ("苏州工业园区某某研究院有限公司", "enterprise")]
    pending = patent("2022100030035")
    assert pick(pending, "app_date", "pub_date", "grant_no", "status", "status_reason") == {
        "app_date": D(2022, 1, 5), "pub_date": D(2022, 7, 1), "grant_no": None,
        "status": "pending", "status_reason": "examining"}
    lapsed = patent("202120002002X")
    assert pick(lapsed, "patent_type", "status", "status_reason", "holder_count") == {
        "patent_type": "utility", "status": "lapsed", "status_reason": "unpaid_fee",
        "holder_count": 2}


def test_patsnap_records_keyed_by_publication_number(db):
    report = run("patsnap.xlsx")
    assert (report.source, report.inserted, report.rejected) == ("patsnap", 3, 0)
    clamp = patent(pub_no="CN215000001U")
    assert pick(clamp, "app_no", "app_date", "app_year", "patent_type", "grant_no",
                "ipc_main", "ipc_subclass", "status", "status_reason", "address",
                "vendor_status") == {
        "app_no": None, "app_date": None, "app_year": 2021, "patent_type": "utility",
        "grant_no": "CN215000001U", "ipc_main": "B25B 11/00", "ipc_subclass": "B25B",
        "status": "valid", "status_reason": "granted", "address": "江苏省苏州市吴中区",
        "vendor_status": "有效 / 授权 | 质押"}
    events = LegalEvent.select(LegalEvent.kind, LegalEvent.detail).where(
        LegalEvent.patent == clamp["id"]).order_by(LegalEvent.id).tuples()
    assert list(events) == [("grant", "授权"), ("pledge", "质押")]
    method = patent(pub_no="CN113000003A")
    assert pick(method, "status", "status_reason", "ipc_main", "agency") == {
        "status": "pending", "status_reason": "examining", "ipc_main": None, "agency": None}
    assert {k: len(v) for k, v in report.limits.items()} == {
        "no_app_date": 3, "no_app_no": 3, "no_grant_date": 2}


def test_a_later_export_with_application_numbers_updates_the_same_record(db):
    run("patsnap.xlsx")
    before = Patent.select().count()
    report = run("patsnap_later.csv")
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 0)
    assert Patent.select().count() == before
    clamp = patent("2021200012343")
    assert pick(clamp, "pub_no", "app_date", "vendor_status") == {
        "pub_no": "CN215000001U", "app_date": D(2021, 3, 2), "vendor_status": "有效 / 授权 | 质押 | 权利转移"}
    changed = {(c["field"], c["before"], c["after"]) for c in report.changes}
    assert {("app_no", None, "2021200012343"), ("app_date", None, "2021-03-02")} <= changed
    kinds = LegalEvent.select(LegalEvent.kind).where(LegalEvent.patent == clamp["id"]).tuples()
    assert sorted(k for k, in kinds) == ["grant", "pledge", "transfer"]
    batch = ImportBatch.get_by_id(report.batch_id)
    assert json.loads(batch.summary)["changed_fields"]["app_no"] == 1
    audit = AuditLog.select().where(AuditLog.object_id == str(batch.id)).get()
    assert audit.action == "import" and "app_no" in json.loads(audit.payload)["changed_fields"]


def test_patentics_padded_ipc_cn_prefixed_numbers_and_pipes(db):
    report = run("patentics.csv")
    assert (report.source, report.inserted) == ("patentics", 2)
    first = patent("2021115135105")
    assert pick(first, "app_date", "pub_date", "ipc_main", "ipc_all", "inventors",
                "status", "holder_count") == {
        "app_date": D(2021, 12, 9), "pub_date": D(2022, 4, 5), "ipc_main": "H04W 4/40",
        "ipc_all": "H04L 67/12; H04W 4/40; H04W 76/10", "inventors": "黄启立; 毛冠钰",
        "status": "pending", "holder_count": 2}
    second = patent("2021114951695")
    assert pick(second, "grant_no", "grant_date", "ipc_main", "status") == {
        "grant_no": "CN114261338B", "grant_date": D(2023, 5, 12), "ipc_main": "G09B 9/00",
        "status": "valid"}


def test_baiten_gbk_and_soopat_utf16_and_xls(db):
    report = run("baiten.csv")
    assert (report.source, report.inserted) == ("baiten", 1)
    bracket = patent("2017200005004")
    assert pick(bracket, "app_no_flag", "app_date", "title", "holder_count", "inventors") == {
        "app_no_flag": "check_computed", "app_date": D(2017, 3, 5), "title": "一种支架",
        "holder_count": 2, "inventors": "钱一; 孙二"}
    report = run("soopat.txt")
    assert (report.source, report.inserted) == ("soopat", 1)
    robot = patent("2016100007777")
    assert pick(robot, "app_date", "pub_date", "ipc_main", "ipc_all", "address", "inventors") == {
        "app_date": D(2016, 5, 4), "pub_date": D(2016, 9, 1), "ipc_main": "A47L 11/24",
        "ipc_all": "A47L 11/24; A47L 11/40", "address": None, "inventors": "周甲; 吴乙"}
    report = run("soopat.xls")
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 1)


@pytest.mark.parametrize("name", PATENT_FILES)
def test_second_import_of_the_same_file_changes_nothing(db, name):
    first = run(name)
    state = snapshot()
    second = run(name)
    assert snapshot() == state
    assert (second.inserted, second.updated, second.rejected) == (0, 0, first.rejected)
    assert second.unchanged == first.inserted + first.updated
    assert first.balanced and second.balanced
    batches = list(ImportBatch.select().order_by(ImportBatch.id))
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert [(b.file_name, b.file_hash, b.inserted, b.unchanged, b.status) for b in batches] == [
        (name, digest, first.inserted, 0, "done"), (name, digest, 0, first.inserted, "done")]


def test_second_import_with_resolver_and_status_refresh_changes_nothing(db):
    run("cnipa.xlsx", after=True)
    run("incopat.xlsx", after=True)
    state = snapshot()
    report = run("cnipa.xlsx", after=True)
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 3)
    assert snapshot() == state
    # the resolver placed every imported address (at least at county level)
    placed = Patent.select().where(Patent.address.is_null(False), Patent.county_code.is_null())
    assert Patent.select().count() == 6 and placed.count() == 0
    first = Holder.get(Holder.name == "苏州科达科技股份有限公司")
    assert (first.address, first.address_ref_id is not None) == ("江苏省苏州市高新区金山路131号", True)


def test_dry_run_counts_exactly_and_changes_nothing(db):
    state = snapshot()
    dry = run("cnipa.xlsx", dry_run=True)
    assert (dry.inserted, dry.rejected, dry.batch_id) == (3, 2, None)
    assert snapshot() == state and ImportBatch.select().count() == 0
    real = run("cnipa.xlsx")
    assert (real.inserted, real.rejected) == (dry.inserted, dry.rejected)


def test_strict_mode_cancels_the_whole_file(db):
    report = run("cnipa.xlsx", strict=True)
    assert report.failed and "取消" in report.fatal
    assert Patent.select().count() == 0 and ImportBatch.select().count() == 0


def test_unreadable_file_is_recorded_as_failed(db, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"%PDF-1.4")
    report = import_file(path, username="checker1")
    assert report.failed and "PDF" in report.fatal
    batch = ImportBatch.get()
    assert (batch.status, batch.username, batch.rows_read) == ("failed", "checker1", 0)
    assert "PDF" in json.loads(batch.summary)["fatal"]


def test_every_row_rejected_is_a_failure(db, tmp_path):
    path = tmp_path / "all_bad.csv"
    path.write_text("申请号,标题\n201810390462.3,甲\n201810390462.1,乙\n", encoding="utf-8")
    report = import_file(path, after=False)
    assert report.failed and report.rejected == 2 and report.balanced
    assert ImportBatch.get().status == "failed"


def test_legal_event_lists(db):
    run("cnipa.xlsx")
    run("incopat.xlsx")
    report = run("events_cnipa.csv")
    # the lapse was already known, dated, from the patent list (法律状态 + 法律状态生效日期):
    # the event list adds its announcement date and detail to that event
    assert (report.kind, report.inserted, report.updated, report.rejected) == ("events", 2, 1, 1)
    assert {c["field"] for c in report.changes} == {"announce_date", "detail"}
    assert "没有这件专利" in report.errors[0].reason and report.errors[0].row == 5
    transfer = LegalEvent.select().where(LegalEvent.kind == "transfer").dicts().get()
    assert pick(transfer, "date", "announce_date", "parties_before", "parties_after",
                "address_before", "address_after") == {
        "date": D(2020, 12, 30), "announce_date": D(2021, 1, 5),
        "parties_before": "苏州科达科技股份有限公司", "parties_after": "上海某某科技有限公司",
        "address_before": "江苏省苏州市高新区金山路131号", "address_after": "上海市浦东新区张江路1号"}
    lapse = LegalEvent.select().where(LegalEvent.kind == "lapse_unpaid").get()
    assert (lapse.patent.app_no, lapse.date) == ("2019201234565", D(2022, 3, 1))
    again = run("events_cnipa.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)


def test_transfer_addresses_are_placed_after_the_resolver_runs(db):
    run("cnipa.xlsx")
    run("events_cnipa.csv", after=True)
    transfer = LegalEvent.get(LegalEvent.kind == "transfer")
    assert (transfer.county_before, transfer.county_after[:2]) == ("320505", "31")


def test_the_events_to_place_are_read_from_their_partial_indexes(db):
    """The placement reads the events with an address and no county through a partial index
    per side (migration step 38), not a scan of every event; an event placed leaves it."""
    run("cnipa.xlsx")
    run("events_cnipa.csv", after=True)
    for side in ("before", "after"):
        waiting = events._waiting(side)
        assert waiting.count() == 0
        if not is_postgres():  # PostgreSQL's planner scans a table this small
            sql, params = waiting.sql()
            plan = " ".join(str(r) for r in proxy.execute_sql(f"EXPLAIN QUERY PLAN {sql}",
                                                              params).fetchall())
            assert UNPLACED_EVENT_INDEX[side] in plan
    transfer = LegalEvent.get(LegalEvent.kind == "transfer")
    LegalEvent.update(county_after=None, street_after=None).where(
        LegalEvent.id == transfer.id).execute()
    assert [pk for pk, _ in events._waiting("after").tuples()] == [transfer.id]
    assert events.place_event_addresses() == 1
    assert LegalEvent.get_by_id(transfer.id).county_after[:2] == "31"


def test_transfer_licence_and_pledge_registers(db):
    run("cnipa.xlsx")
    run("incopat.xlsx")
    assert run("transfer.xlsx").inserted == 1
    assert run("license.xlsx").inserted == 1
    pledge = run("pledge.xlsx")
    assert (pledge.inserted, pledge.rejected) == (1, 1)
    assert pledge.errors[0].column == "金额" and pledge.errors[0].value == "abc"
    rows = {e["kind"]: e for e in LegalEvent.select().dicts()}
    assert pick(rows["transfer"], "date", "parties_before", "parties_after", "address_after") == {
        "date": D(2023, 2, 1), "parties_before": "苏州甲新能源有限公司",
        "parties_after": "无锡某某有限公司", "address_after": "江苏省无锡市新吴区"}
    assert pick(rows["license"], "date", "parties_before", "parties_after", "license_type",
                "contract_no") == {
        "date": D(2022, 5, 6), "parties_before": "苏州大学", "parties_after": "苏州某某科技有限公司",
        "license_type": "普通许可", "contract_no": "X2022320000123"}
    assert pick(rows["pledge"], "date", "parties_before", "parties_after", "amount") == {
        "date": D(2020, 6, 1), "parties_before": "苏州科达科技股份有限公司",
        "parties_after": "中国银行苏州分行", "amount": Decimal("12000000.00")}


def test_fee_payment_lists(db):
    run("cnipa.xlsx")
    report = run("fees.csv")
    assert (report.kind, report.rows_read, report.inserted, report.rejected) == ("fees", 5, 3, 2)
    assert [e.row for e in report.errors] == [5, 6]
    fees = FeePayment.select(FeePayment.patent_year, FeePayment.amount, FeePayment.surcharge,
                             FeePayment.paid_on).order_by(FeePayment.patent_year).tuples()
    assert list(fees) == [(3, Decimal("900.00"), Decimal("0.00"), D(2020, 4, 1)),
                          (4, Decimal("1200.00"), Decimal("240.00"), D(2021, 4, 20))]
    again = run("fees.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)


def test_corrected_fee_amount_updates(db, tmp_path):
    run("cnipa.xlsx")
    path = tmp_path / "fee.csv"
    path.write_text("申请号,缴费年度,金额,缴费日\n201810390462.7,3,900,2020-04-01\n", "utf-8")
    assert import_file(path, after=False).inserted == 1
    path.write_text("申请号,缴费年度,金额,缴费日\n201810390462.7,3,720,2020-04-01\n", "utf-8")
    report = import_file(path, after=False)
    assert (report.updated, report.changes[0]["before"], report.changes[0]["after"]) == (
        1, "900.00", "720.00")
    assert FeePayment.get().amount == Decimal("720.00")


def test_error_report_workbook(db):
    import io

    from openpyxl import load_workbook

    from core.importer.report import errors_xlsx
    report = run("cnipa.xlsx")
    book = load_workbook(io.BytesIO(errors_xlsx(report)))
    assert book.sheetnames == ["错误", "跳过", "数据不完整", "已补全", "提示"]
    errors = [list(r) for r in book["错误"].iter_rows(values_only=True)]
    assert errors[0] == ["工作表", "行号", "列", "值", "原因"]
    assert [r[:4] for r in errors[1:]] == [["检索结果", 7, "申请号", "201810390462.3"],
                                           ["检索结果", 8, "发明名称", None]]
    limits = [list(r) for r in book["数据不完整"].iter_rows(values_only=True)]
    assert limits[1] == ["2020300456788", "缺少申请日：无法计算年费、届满日和按申请日的统计"]
    flags = [list(r) for r in book["已补全"].iter_rows(values_only=True)]
    assert flags == [["专利", "补全内容"], ["2019201234565", "申请号缺少校验位，已按规则补算"]]


def test_publication_and_grant_rows_of_one_patent_are_merged(db, tmp_path):
    path = tmp_path / "a_and_b.csv"
    path.write_text(
        "申请号,公开（公告）号,公开（公告）日,发明名称,申请（专利权）人,法律状态\n"
        "201810390462.7,CN108572939A,2018-09-28,一种图像识别方法,苏州科达科技股份有限公司,公开\n"
        "201810390462.7,CN108572939B,2019-09-20,一种图像识别方法,苏州科达科技股份有限公司,授权\n",
        encoding="utf-8")
    report = import_file(path, after=False)
    assert (report.rows_read, report.inserted, report.merged, report.rejected) == (2, 1, 1, 0)
    assert report.balanced and any("合并" in line for line in report.summary_lines())
    stored = patent("2018103904627")
    assert pick(stored, "pub_no", "pub_date", "grant_no", "grant_date", "status") == {
        "pub_no": "CN108572939A", "pub_date": D(2018, 9, 28), "grant_no": "CN108572939B",
        "grant_date": D(2019, 9, 20), "status": "valid"}
    grants = tmp_path / "grants.csv"  # a list of grant documents keeps the stored A number
    grants.write_text("申请号,公开号,发明名称\n201810390462.7,CN108572939B,一种图像识别方法\n", "utf-8")
    again = import_file(grants, after=False)
    assert (again.updated, again.unchanged) == (0, 1)
    assert patent("2018103904627")["pub_no"] == "CN108572939A"


def test_a_list_with_many_duplicate_rows_counts_patents(db, tmp_path):
    header = "申请号,公开（公告）号,公开（公告）日,发明名称,申请（专利权）人,公开国别\n"
    patents = [("201810390462.7", "CN108572939A", "2018-09-28", "一种图像识别方法", "苏州大学"),
               ("CN201920123456", "CN209123456U", "2019-07-12", "一种散热装置", "苏州某公司"),
               ("202411662208.X", "CN118000001A", "2024-05-01", "一种电池", "苏州甲公司")]
    rows = [",".join((*p, "中国")) for p in patents] * 20
    rows.append("201810390462.7,CN108572939B,2019-09-20,一种图像识别方法,苏州大学,中国")
    rows += ["US12657848,US2011185700A1,2011-08-04,Jet engine,Example Inc.,美国"] * 2
    rows.append("201810390462.3,CN108000001A,2018-10-01,校验位错误,某公司,中国")
    path = tmp_path / "duplicates.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    report = import_file(path, after=False)
    assert (report.rows_read, report.inserted, report.merged, report.skipped, report.rejected) == (
        64, 3, 58, 2, 1)
    assert report.balanced and Patent.select().count() == 3
    assert report.flags == {"check_computed": ["2019201234565"]}
    assert patent("2018103904627")["grant_no"] == "CN108572939B"
    lines = report.summary_lines()
    assert "新增 3，更新 0，未变 0，重复行合并 58，跳过 2，拒绝 1" in lines[0]
    assert "跳过 2 行其他国家/地区的专利（美国 2）" in "".join(lines)
    batch = ImportBatch.get_by_id(report.batch_id)
    summary = json.loads(batch.summary)
    assert (batch.rows_read, batch.inserted, summary["merged"], summary["skipped"],
            batch.rejected) == (64, 3, 58, 2, 1)
    again = import_file(path, after=False)
    assert (again.inserted, again.updated, again.unchanged, again.merged) == (0, 0, 3, 58)
    from core.importer.history import history
    assert [(h["rows_read"], h["inserted"], h["unchanged"], h["merged"], h["skipped"],
             h["rejected"]) for h in history()] == [(64, 0, 3, 58, 2, 1), (64, 3, 0, 58, 2, 1)]


def test_a_patent_listed_by_document_number_updates_the_one_stored_by_application(db, tmp_path):
    run("cnipa.xlsx")  # 201810390462.7 stored with its grant CN108572939B
    path = tmp_path / "google.csv"
    path.write_text(
        "search URL:,https://patents.google.com/?q=x\n"
        "id,title,assignee,inventor/author,priority date,filing/creation date,publication date,"
        "grant date,result link\n"
        "CN-108572939-A,一种图像识别方法,苏州科达科技股份有限公司,张三,2018-04-25,2018-04-25,"
        "2018-09-28,,https://patents.google.com/patent/CN108572939A/zh\n", encoding="utf-8")
    before = Patent.select().count()
    report = import_file(path, after=False)
    assert (report.source, report.inserted, report.updated + report.unchanged) == ("google", 0, 1)
    assert Patent.select().count() == before


def test_an_import_sets_the_first_filing_and_count_of_its_holders(db, tmp_path):
    """After an import (with its upkeep) a new holder carries its first filing and patent count
    at once, an existing holder of an imported patent is brought up to date, and a holder the
    file does not name is left alone."""
    Holder.create(name="苏州大学", norm_name="苏州大学", kind="university")
    Holder.create(name="无关公司", norm_name="无关公司", kind="enterprise", patent_count=7)
    path = tmp_path / "new_holders.csv"
    path.write_text(
        "申请号,申请日,公开（公告）号,发明名称,申请（专利权）人\n"
        "201810390462.7,2018-04-26,CN108572939A,一种图像识别方法,苏州大学\n"
        "202411662208.X,2024-11-15,CN118000001A,一种电池,苏州新甲科技有限公司;苏州大学\n",
        encoding="utf-8")
    report = import_file(path)
    assert (report.inserted, report.rejected) == (2, 0)
    got = {h.name: (h.first_filing, h.patent_count) for h in Holder.select()}
    assert got == {"苏州大学": (D(2018, 4, 26), 2), "无关公司": (None, 7),
                   "苏州新甲科技有限公司": (D(2024, 11, 15), 1)}


LIST_HEADER = ("申请号", "申请日", "发明名称", "申请（专利权）人", "申请人地址", "发明类型", "法律状态")
AT_SIP, AT_WUZHONG = "江苏省苏州市高新区金山路131号", "江苏省苏州市吴中区东吴北路1号"


def _list(tmp_path, name: str, rows) -> Path:
    path = tmp_path / name
    lines = [",".join(LIST_HEADER), *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _region(row) -> tuple:
    return (row.province_code, row.city_code, row.county_code, row.street_code)


def test_patents_and_holders_are_written_placed_from_known_addresses(db, tmp_path):
    """A list's patents and new holders carry their address's region as written, a known
    address too (the resolver after the commit propagated only the addresses it resolved);
    a first holder whose region a checker fixed places its patent; a stored patent filed
    again from another address moves with it."""
    first = _list(tmp_path, "first.csv", [
        ("2023101234566", "2023-03-01", "甲", "苏州甲公司", AT_SIP, "发明专利", "实质审查"),
        ("2023201234561", "2023-03-02", "乙", "苏州乙公司", AT_WUZHONG, "实用新型", "授权")])
    import_file(first, after=False)
    sip, wuzhong = (Address.get(Address.sample_raw == raw) for raw in (AT_SIP, AT_WUZHONG))
    assert sip.county_code != wuzhong.county_code and None not in (sip.county_code,
                                                                    wuzhong.county_code)
    fixed = Holder.get(Holder.name == "苏州乙公司")
    Holder.update(region_override=True, province_code="32", city_code="3205",
                  county_code="320508", street_code=None).where(Holder.id == fixed.id).execute()
    second = _list(tmp_path, "second.csv", [
        ("2024101234575", "2024-05-01", "丙", "苏州丙公司", AT_SIP, "发明专利", "实质审查"),
        ("2024201234570", "2024-05-02", "丁", "苏州乙公司", AT_SIP, "实用新型", "授权"),
        ("2023101234566", "2023-03-01", "甲", "苏州甲公司", AT_WUZHONG, "发明专利", "实质审查")])
    report = import_file(second, after=False)
    assert (report.inserted, report.updated) == (2, 1)
    new = patent("2024101234575")
    assert _region(Patent.get_by_id(new["id"])) == _region(sip)
    assert new["region_level"] == ("street" if sip.street_code else "county")
    assert _region(Holder.get(Holder.name == "苏州丙公司")) == _region(sip)
    assert _region(Patent.get(Patent.app_no == "2024201234570")) == ("32", "3205", "320508", None)
    assert _region(Patent.get(Patent.app_no == "2023101234566")) == _region(wuzhong)
    assert [Address.get_by_id(a.id).patent_count for a in (sip, wuzhong)] == [2, 2]
    third = _list(tmp_path, "third.csv", [
        ("2023201234561", "2023-03-02", "乙", "苏州乙公司", AT_SIP, "实用新型", "授权")])
    import_file(third)  # with the upkeep: no resolver run after the commit
    assert [Address.get_by_id(a.id).patent_count for a in (sip, wuzhong)] == [3, 1]
    import_file(_list(tmp_path, "fourth.csv", [
        ("2023101234566", "2023-03-01", "甲", "苏州甲公司", AT_SIP, "发明专利", "实质审查")]))
    assert [Address.get_by_id(a.id).patent_count for a in (sip, wuzhong)] == [4, 0]
