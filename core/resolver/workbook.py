"""Bulk queue work offline: export the queue to .xlsx, fill in streets, import it back.

Import is validated row by row; any error rejects the whole file (nothing written) and every
error names the file, row, column and value in Chinese. Valid files are applied as one
transaction, one audit entry per address (each undoable).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import load_workbook

from core.db import db
from core.db.models import Address
from core.exports.sheet import rows_to_xlsx_bytes
from core.regions import divisions
from core.resolver import decisions, queue

COLUMNS = {
    "id": "地址编号", "normalized": "规范化地址", "sample_raw": "原始地址示例",
    "patent_count": "涉及专利数", "county_code": "区县代码", "county_name": "区县",
    "candidate_text": "候选街道（供参考）", "street_code": "街道代码（填写）",
    "street_name": "街道名称（填写）", "alias": "新建别名（可选，如道路名）",
}
SHEET = "待核查地址"


def export_queue(within: str | None = None, limit: int = 20000) -> bytes:
    """The queued addresses (most patents first) as an .xlsx file with empty columns to fill."""
    rows = []
    for row in queue.queue_page(within=within, limit=limit):
        cands = "；".join(f"{c['name']}({c['code']})" for c in row["candidates"] if c.get("name"))
        rows.append({**row, "candidate_text": cands, "street_code": None, "street_name": None,
                     "alias": None})
    return rows_to_xlsx_bytes(rows, COLUMNS, SHEET)


@dataclass
class ImportResult:
    applied: int = 0
    skipped: int = 0  # rows left empty
    errors: list[str] = field(default_factory=list)
    audit_ids: list[int] = field(default_factory=list)


def import_queue(data: bytes, file_name: str, username: str) -> ImportResult:
    """Validate every row, then apply all or nothing."""
    result = ImportResult()
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        result.errors.append(f"{file_name}：无法读取 Excel 文件（{exc.__class__.__name__}）")
        return result
    sheet.reset_dimensions()  # read rows as stored, never padded to a declared A1:XFD1048576
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    index = _header_index(header, file_name, result)
    if result.errors:
        return result
    plans = []
    for number, values in enumerate(rows, start=2):
        if not values:  # a row the file does not store
            continue
        plan = _validate(values, index, number, file_name, result)
        if plan:
            plans.append(plan)
    if result.errors:
        return result
    with db.atomic():
        for address_id, code, alias in plans:
            result.audit_ids.append(decisions.decide(address_id, code, username, alias=alias))
    result.applied = len(plans)
    return result


def _header_index(header: list[str], file_name: str, result: ImportResult) -> dict[str, int]:
    index = {}
    for key in ("id", "county_code", "street_code", "street_name", "alias"):
        title = COLUMNS[key]
        if title not in header:
            result.errors.append(f"{file_name}：缺少列「{title}」")
        else:
            index[key] = header.index(title)
    return index


def _cell(values, index: dict, key: str) -> str:
    pos = index[key]
    value = values[pos] if pos < len(values) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _validate(values, index, number, file_name, result) -> tuple | None:
    where = f"{file_name} 第 {number} 行"
    raw_id = _cell(values, index, "id")
    code = _cell(values, index, "street_code")
    name = _cell(values, index, "street_name")
    alias = _cell(values, index, "alias") or None
    if not code and not name:
        result.skipped += 1
        return None
    if not raw_id.isdigit() or len(raw_id) > 18:  # 18 digits: within a 64-bit id
        result.errors.append(f"{where}「{COLUMNS['id']}」：{raw_id or '（空）'} 不是有效编号")
        return None
    address = Address.get_or_none(Address.id == int(raw_id))
    if address is None:
        result.errors.append(f"{where}「{COLUMNS['id']}」：{raw_id} 在数据库中不存在")
        return None
    county = _cell(values, index, "county_code") or address.county_code or ""
    street = _street(code, name, county, where, result)
    if street is None:
        return None
    if alias is not None and len(alias) < 2:
        result.errors.append(f"{where}「{COLUMNS['alias']}」：{alias} 太短（至少 2 个字）")
        return None
    return address.id, street, alias


def _street(code: str, name: str, county: str, where: str, result: ImportResult) -> str | None:
    names = divisions.names()
    if code:
        if len(code) != 9 or code not in names:
            result.errors.append(f"{where}「{COLUMNS['street_code']}」：{code} 不是有效的街道/乡镇代码")
            return None
        if county and not code.startswith(county):
            result.errors.append(f"{where}「{COLUMNS['street_code']}」：{code}（{names[code]}）"
                                 f"不在区县 {county} 内")
            return None
        if name and names[code] != name:
            result.errors.append(f"{where}「{COLUMNS['street_name']}」：{name} 与代码 {code}"
                                 f"（{names[code]}）不一致")
            return None
        return code
    if not county:
        result.errors.append(f"{where}「{COLUMNS['street_name']}」：{name} 无法确定所在区县，"
                             f"请填写「{COLUMNS['street_code']}」")
        return None
    matches = [c for c, n in divisions.children(county) if n == name or n.startswith(name)]
    if len(matches) != 1:
        problem = "不存在" if not matches else "对应多个街道"
        result.errors.append(f"{where}「{COLUMNS['street_name']}」：{name} 在区县 {county} 中"
                             f"{problem}")
        return None
    return matches[0]
