"""Queue decisions on both backends: place, teach an alias, holder override, undo, Excel round trip."""
from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from core.db.models import Address, AddressAlias, AuditLog, Holder, Patent
from core.resolver import addresses, decisions, queue, resolve_pending, resolve_text, workbook

SIP = "江苏省苏州市工业园区星湖街328号"
SIP2 = "苏州工业园区星湖街1000号"
LOUFENG = "320576050"


def _setup(raws_counts: dict[str, int]) -> dict[str, int]:
    ids = addresses.intern(raws_counts)
    n = 0
    for raw, count in raws_counts.items():
        holder = Holder.create(name=f"H{ids[raw]}", norm_name=f"H{ids[raw]}",
                               address_ref=ids[raw], address=raw)
        for _ in range(count):
            n += 1
            Patent.create(app_no=f"2023100{n:05d}X", patent_type="utility", title="t",
                          first_holder=holder, address_ref=ids[raw], address=raw)
    resolve_pending()
    return ids


def _streets(address_id: int) -> set:
    return {p.street_code for p in Patent.select().where(Patent.address_ref == address_id)}


def test_queue_order_and_details(db):
    ids = _setup({SIP: 3, "苏州市吴中区金枫路216号": 5, "苏州市吴中区木渎镇金枫路1号": 1})
    page = queue.queue_page(within="3205")
    assert [r["id"] for r in page] == [ids["苏州市吴中区金枫路216号"], ids[SIP]]
    assert page[0]["patent_count"] == 5 and page[0]["county_name"] == "吴中区"
    assert queue.variants(ids[SIP]) == [SIP]
    assert [h["patents"] for h in queue.holders(ids[SIP])] == [3]
    # the resolved address on the same road is evidence for the queued one
    cands = queue.candidates(ids["苏州市吴中区金枫路216号"])
    assert [c["name"] for c in cands] == ["木渎镇"]
    assert "金枫路" in cands[0]["evidence"][0]
    assert queue.queue_count(within="3205") == {"addresses": 2, "patents": 8}
    st = queue.stats("3205")
    assert (st["street"], st["county"], st["queue_addresses"]) == (1, 8, 2)


def test_decide_with_alias_then_undo(db):
    ids = _setup({SIP: 2})
    audit_id = decisions.decide(ids[SIP], LOUFENG, "checker1", alias="星湖街")
    assert _streets(ids[SIP]) == {LOUFENG}
    assert Address.get_by_id(ids[SIP]).status == "manual"
    log = AuditLog.get_by_id(audit_id)
    assert (log.username, log.action) == ("checker1", "address_resolve")
    # the alias resolves a new address on the same road
    res = resolve_text(SIP2)
    assert (res.street_code, res.method, res.queued) == (LOUFENG, "taught_alias", False)
    new_ids = addresses.intern([SIP2])
    resolve_pending()
    assert Address.get_by_id(new_ids[SIP2]).street_code == LOUFENG
    # undo restores the address and its patents and retires the alias
    decisions.undo(audit_id, "checker1")
    assert _streets(ids[SIP]) == {None}
    assert Address.get_by_id(ids[SIP]).status == "queued"
    assert AddressAlias.get().active is False
    assert resolve_text("苏州工业园区星湖街5号").street_code is None
    with pytest.raises(decisions.DecisionError):
        decisions.undo(audit_id, "checker1")
    assert [h["undone"] for h in decisions.history()] == [False, True]


def test_alias_reresolves_queued_addresses(db):
    ids = _setup({SIP: 1, SIP2: 4})
    audit_id = decisions.decide(ids[SIP], LOUFENG, "c", alias="星湖街")
    assert _streets(ids[SIP2]) == {LOUFENG}
    assert Address.get_by_id(ids[SIP2]).status == "auto"
    decisions.undo(audit_id, "c")
    assert _streets(ids[SIP2]) == {None}
    assert Address.get_by_id(ids[SIP2]).status == "queued"


def test_holder_override_moves_its_patents_and_undo(db):
    ids = _setup({SIP: 2})
    holder = Holder.get(Holder.address_ref == ids[SIP])
    audit_id = decisions.set_holder_region(holder.id, "320576052", "c")
    assert _streets(ids[SIP]) == {"320576052"}
    resolve_pending()
    decisions.decide(ids[SIP], LOUFENG, "c")  # the holder's registered street still wins
    assert _streets(ids[SIP]) == {"320576052"}
    decisions.undo(audit_id, "c")
    assert _streets(ids[SIP]) == {LOUFENG}
    assert Holder.get_by_id(holder.id).region_override is False


def test_decide_rejects_unknown_code(db):
    ids = _setup({SIP: 1})
    with pytest.raises(decisions.DecisionError, match="区划代码不存在"):
        decisions.decide(ids[SIP], "320576999", "c")


def _filled(data: bytes, fill: dict[int, tuple]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        address_id = row[0].value
        if address_id in fill:
            for title, value in zip(("街道代码（填写）", "街道名称（填写）"), fill[address_id]):
                row[header.index(title)].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_excel_round_trip_and_row_errors(db):
    ids = _setup({SIP: 2, "苏州市吴中区金枫路216号": 1})
    data = workbook.export_queue(within="3205")
    bad = _filled(data, {ids[SIP]: ("320506103", None),
                         ids["苏州市吴中区金枫路216号"]: (None, "不存在镇")})
    result = workbook.import_queue(bad, "queue.xlsx", "c")
    assert result.applied == 0 and len(result.errors) == 2
    assert result.errors[0].startswith("queue.xlsx 第 ") and "不在区县 320576 内" in result.errors[0]
    assert "「街道名称（填写）」：不存在镇 在区县 320506 中不存在" in result.errors[1]
    assert _streets(ids[SIP]) == {None}
    good = _filled(data, {ids[SIP]: (LOUFENG, None),
                          ids["苏州市吴中区金枫路216号"]: (None, "木渎镇")})
    result = workbook.import_queue(good, "queue.xlsx", "c")
    assert (result.applied, result.errors) == (2, [])
    assert _streets(ids[SIP]) == {LOUFENG}
    assert _streets(ids["苏州市吴中区金枫路216号"]) == {"320506103"}


def test_import_rejects_missing_columns(db):
    wb = Workbook()
    wb.active.append(["地址编号", "其他"])
    out = io.BytesIO()
    wb.save(out)
    result = workbook.import_queue(out.getvalue(), "x.xlsx", "c")
    assert "x.xlsx：缺少列「街道代码（填写）」" in result.errors


def test_undo_refuses_while_a_later_decision_stands(db):
    ids = _setup({SIP: 1})
    first = decisions.decide(ids[SIP], LOUFENG, "c")
    second = decisions.decide(ids[SIP], "320576052", "c")
    with pytest.raises(decisions.DecisionError, match="请先撤销较新的核定"):
        decisions.undo(first, "c")
    decisions.undo(second, "c")
    assert _streets(ids[SIP]) == {LOUFENG}
    decisions.undo(first, "c")
    assert _streets(ids[SIP]) == {None}


def _declaring(data: bytes, ref: bytes) -> bytes:
    """The workbook with its first sheet's <dimension> replaced by `ref`."""
    import re
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>',
                              body)
            dst.writestr(info, body)
    return out.getvalue()


def test_queue_import_reads_rows_as_stored_and_refuses_a_huge_id(db):
    """A file declaring A1:J5000 is not padded to 5000 rows (nor a hostile A1:XFD1048576 to a
    million), and an id too large for the database is a row error, not a crash."""
    ids = _setup({SIP: 1})
    wb = load_workbook(io.BytesIO(workbook.export_queue(within="3205")))
    ws = wb.worksheets[0]
    ws.append(["99999999999999999999999"] + [None] * 6 + [LOUFENG])
    out = io.BytesIO()
    wb.save(out)
    result = workbook.import_queue(_declaring(out.getvalue(), b"A1:J5000"), "q.xlsx", "c")
    assert result.skipped == 1  # the exported row left empty; no padded rows
    assert result.errors == ["q.xlsx 第 3 行「地址编号」：99999999999999999999999 不是有效编号"]
    assert _streets(ids[SIP]) == {None}
