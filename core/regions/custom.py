"""Custom regions (自定义区划): a named set of streets or counties with a parent, e.g. a park that
spans streets of two districts. Stored as Region rows (is_custom, level 'custom', code C001 …) with
RegionMember rows; core.scope.region_filter accepts their codes like any official code.

Also `name_of(code)` / `region_name(code)`: the name of any region code, official or custom.
"""
from __future__ import annotations

from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import Region, RegionMember
from core.regions import divisions
from core.regions.scope import canonical, is_custom

CODE_PREFIX = "C"


class RegionError(ValueError):
    """Invalid custom region (message in Chinese)."""


def name_of(code: str | None) -> str | None:
    """Official or custom region name of `code` (None when unknown). Only a custom-region code
    is looked up in the database (lists map every row's division code through this)."""
    if not code:
        return None
    official = divisions.names().get(canonical(code))
    if official or not is_custom(canonical(code)):
        return official
    row = Region.get_or_none(Region.code == code)
    return row.name if row else None


def region_name(code: str | None) -> str:
    """The name to show for a region code: its official or custom name, else the code itself
    ("" for no code)."""
    return name_of(code) or (code or "")


def list_custom() -> list[dict]:
    """Custom regions. Keys: code, name, parent_code, parent_name, note, members (list of codes),
    member_names."""
    regions = list(Region.select().where(Region.is_custom == True)  # noqa: E712
                   .order_by(Region.code))
    members: dict[int, list[str]] = {}
    for region_id, code in (RegionMember.select(RegionMember.region, RegionMember.member_code)
                            .order_by(RegionMember.member_code).tuples()):
        members.setdefault(region_id, []).append(code)
    names = divisions.names()
    return [{"code": r.code, "name": r.name, "parent_code": r.parent_code,
             "parent_name": name_of(r.parent_code), "note": r.note,
             "members": members.get(r.id, []),
             "member_names": [names.get(m, m) for m in members.get(r.id, [])]}
            for r in regions]


def next_code() -> str:
    codes = [c for (c,) in Region.select(Region.code).where(Region.is_custom == True)  # noqa: E712
             .tuples() if c.startswith(CODE_PREFIX) and c[1:].isdigit()]
    number = max((int(c[1:]) for c in codes), default=0) + 1
    return f"{CODE_PREFIX}{number:03d}"


def _validate(name: str, parent: str | None, members: list[str], code: str | None) -> list[str]:
    name = (name or "").strip()
    if not name:
        raise RegionError("请填写区划名称")
    clash = Region.select().where(Region.is_custom == True, Region.name == name)  # noqa: E712
    if code:
        clash = clash.where(Region.code != code)
    if clash.exists():
        raise RegionError(f"已存在同名的自定义区划：{name}")
    if parent and name_of(parent) is None:
        raise RegionError(f"上级区划不存在：{parent}")
    clean = sorted({canonical(str(m).strip()) for m in members if str(m).strip()})
    if not clean:
        raise RegionError("请至少选择一个街道/乡镇或区县")
    names = divisions.names()
    for member in clean:
        if member not in names or len(member) not in (6, 9):
            raise RegionError(f"成员不是有效的区县或街道代码：{member}")
        if parent and not parent.startswith(CODE_PREFIX) and not member.startswith(parent):
            raise RegionError(f"成员 {member}（{names[member]}）不在上级区划 {parent} 内")
    return clean


def create(name: str, parent: str | None, members: list[str], username: str,
           note: str | None = None) -> str:
    """Create a custom region; returns its code."""
    with db.atomic():
        clean = _validate(name, parent, members, None)
        code = next_code()
        region = Region.create(code=code, name=name.strip(), level="custom", parent_code=parent,
                               is_custom=True, note=note, edition=divisions.edition())
        _set_members(region, clean)
        record(AuditEvent(username, "add", "region", code, name.strip(),
                          payload={"parent": parent, "members": clean}))
        version.bump()
    return code


def update(code: str, name: str, parent: str | None, members: list[str], username: str,
           note: str | None = None) -> None:
    with db.atomic():
        region = _get(code)
        clean = _validate(name, parent, members, code)
        before = {"name": region.name, "parent": region.parent_code,
                  "members": [m.member_code for m in region.members]}
        Region.update(name=name.strip(), parent_code=parent, note=note).where(
            Region.id == region.id).execute()
        RegionMember.delete().where(RegionMember.region == region).execute()
        _set_members(region, clean)
        record(AuditEvent(username, "change", "region", code, name.strip(),
                          payload={"before": before, "parent": parent, "members": clean}))
        version.bump()


def delete(code: str, username: str) -> None:
    with db.atomic():
        region = _get(code)
        members = [m.member_code for m in region.members]
        RegionMember.delete().where(RegionMember.region == region).execute()
        Region.delete().where(Region.id == region.id).execute()
        record(AuditEvent(username, "delete", "region", code, region.name,
                          payload={"members": members, "parent": region.parent_code}))
        version.bump()


def _get(code: str) -> Region:
    region = Region.get_or_none(Region.code == code, Region.is_custom == True)  # noqa: E712
    if region is None:
        raise RegionError(f"自定义区划不存在：{code}")
    return region


def _set_members(region: Region, codes: list[str]) -> None:
    RegionMember.insert_many([{"region": region.id, "member_code": c} for c in codes]).execute()
