"""Bulk holder tags from Excel (权利人管理): one row per holder, named by its name or its unified
social credit code, with one or more tags to add (separated by 、 ， , ； ;). The tags a holder
has are kept. 高新技术企业 / 高企 and 规上企业 / 规上 become the built-in tags.

Every row is validated first; any error rejects the whole file (nothing written), and every error
names the file, row, column and value in Chinese. A valid file is applied in one transaction
(core.stats.holders.add_tags: audited per holder, one data-version bump).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from openpyxl import load_workbook

from core.db.models import Holder
from core.exports.sheet import rows_to_xlsx_bytes
from core.importer.values import norm_name
from core.stats import holders

COLUMNS = {"name": "权利人名称", "credit_code": "统一社会信用代码", "tags": "标签"}
SHEET = "权利人标签"
SEPARATORS = re.compile(r"[、，,；;]")
BUILTIN_NAMES = {"高新技术企业": "hightech", "高企": "hightech", "规上企业": "above_scale",
                 "规上": "above_scale"}
LOOKUP_CHUNK = 500


@dataclass
class TagImport:
    holders: int = 0  # holders that got at least one new tag
    tags: int = 0  # tags added
    skipped: int = 0  # empty rows
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    number: int
    name: str
    credit_code: str
    tags: list[str]


def template() -> bytes:
    """An empty workbook with the columns to fill and one example row."""
    example = {"name": "示例科技有限公司", "credit_code": "", "tags": "高新技术企业、重点培育"}
    return rows_to_xlsx_bytes([example], COLUMNS, SHEET)


def import_tags(data: bytes, file_name: str, username: str | None) -> TagImport:
    """Validate every row of the first sheet, then add all tags or none."""
    result = TagImport()
    rows = _read(data, file_name, result)
    plan = _resolve(rows, file_name, result)
    if result.errors:
        result.errors.sort(key=_row_number)
        return result
    added = holders.add_tags(plan, username)
    result.holders, result.tags = len(added), sum(len(t) for t in added.values())
    return result


def _row_number(error: str) -> int:
    found = re.search(r" 第 (\d+) 行", error)
    return int(found[1]) if found else 0


def _read(data: bytes, file_name: str, result: TagImport) -> list[_Row]:
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        result.errors.append(f"{file_name}：无法读取 Excel 文件（{exc.__class__.__name__}）")
        return []
    lines = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(lines, [])]
    index = {key: header.index(title) for key, title in COLUMNS.items() if title in header}
    if "tags" not in index or not {"name", "credit_code"} & set(index):
        missing = [COLUMNS["tags"]] if "tags" not in index else []
        if not {"name", "credit_code"} & set(index):
            missing.append(f"{COLUMNS['name']}」或「{COLUMNS['credit_code']}")
        result.errors += [f"{file_name}：缺少列「{m}」" for m in missing]
        return []
    rows = []
    for number, values in enumerate(lines, start=2):
        row = _row(values, index, number, file_name, result)
        if row:
            rows.append(row)
    return rows


def _cell(values, index: dict, key: str) -> str:
    pos = index.get(key)
    value = values[pos] if pos is not None and pos < len(values) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _row(values, index, number: int, file_name: str, result: TagImport) -> _Row | None:
    name, code = _cell(values, index, "name"), _cell(values, index, "credit_code")
    text = _cell(values, index, "tags")
    if not (name or code or text):
        result.skipped += 1
        return None
    where = f"{file_name} 第 {number} 行"
    if not (name or code):
        result.errors.append(f"{where}「{COLUMNS['name']}」：（空） 请填写权利人名称或统一社会信用代码")
        return None
    tags = [BUILTIN_NAMES.get(t.strip(), t.strip()) for t in SEPARATORS.split(text) if t.strip()]
    if not tags:
        result.errors.append(f"{where}「{COLUMNS['tags']}」：（空） 请至少填写一个标签")
        return None
    for tag in tags:
        if len(tag) > holders.MAX_TAG_LENGTH:
            result.errors.append(f"{where}「{COLUMNS['tags']}」：{tag} 超过 "
                                 f"{holders.MAX_TAG_LENGTH} 个字符")
            return None
    return _Row(number, name, code, tags)


def _resolve(rows: list[_Row], file_name: str, result: TagImport) -> dict[int, list[str]]:
    """Holder id → tags to add; an unknown name or code, or a name and code naming two
    different holders, is an error of its row."""
    by_name = _lookup(Holder.norm_name, {norm_name(r.name) for r in rows if r.name})
    by_code = _lookup(Holder.credit_code, {r.credit_code for r in rows if r.credit_code})
    plan: dict[int, list[str]] = {}
    for row in rows:
        where = f"{file_name} 第 {row.number} 行"
        named = by_name.get(norm_name(row.name)) if row.name else None
        coded = by_code.get(row.credit_code) if row.credit_code else None
        if row.name and named is None:
            result.errors.append(f"{where}「{COLUMNS['name']}」：{row.name} 在数据库中不存在")
        elif row.credit_code and coded is None:
            result.errors.append(f"{where}「{COLUMNS['credit_code']}」：{row.credit_code} "
                                 "在数据库中不存在")
        elif named and coded and named != coded:
            result.errors.append(f"{where}「{COLUMNS['credit_code']}」：{row.credit_code} "
                                 f"与权利人名称「{row.name}」不是同一权利人")
        else:
            tags = plan.setdefault(named or coded, [])
            tags += [t for t in row.tags if t not in tags]
    return plan


def _lookup(column, values: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(values)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[start:start + LOOKUP_CHUNK]
        found.update(Holder.select(column, Holder.id).where(column.in_(chunk)).tuples())
    return found
