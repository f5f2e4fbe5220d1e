"""Watch lists: regions and industries (and holders) the bureau compares itself with; the
regions a region is compared with by default (its siblings and the watched regions)."""
from __future__ import annotations

from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import Industry, WatchItem
from core.regions import divisions
from core.regions.scope import canonical, is_custom

KINDS = ("region", "industry", "holder")


def items(kind: str | None = None) -> list[dict]:
    """Rows: id, kind, target, name, username, created_at (oldest first)."""
    query = WatchItem.select().order_by(WatchItem.id)
    if kind:
        query = query.where(WatchItem.kind == kind)
    return list(query.dicts())


def add(kind: str, target: str, by: str | None, name: str | None = None,
        personal: bool = False) -> WatchItem:
    """Watch `target`; a region's name defaults to its official name. Duplicates are refused."""
    if kind not in KINDS:
        raise ValueError(f"unknown watch kind {kind!r}")
    if kind == "region" and target not in divisions.names():
        raise ValueError(f"unknown region code {target!r}")
    if kind == "industry":
        industry = Industry.get_or_none(Industry.code == target)
        if industry is None:
            raise ValueError(f"unknown industry code {target!r}")
        name = name or industry.name
    owner = by if personal else None
    exists = WatchItem.select().where((WatchItem.kind == kind) & (WatchItem.target == target)
                                      & (WatchItem.username == owner if owner else
                                         WatchItem.username.is_null())).exists()
    if exists:
        raise ValueError(f"{kind} {target} is already watched")
    with db.atomic():
        item = WatchItem.create(kind=kind, target=target, username=owner,
                                name=name or divisions.names().get(target, target))
        record(AuditEvent(by, "add", "watch", str(item.id), f"{kind}:{target}"))
        version.bump()
    return item


def remove(item_id: int, by: str | None) -> None:
    with db.atomic():
        item = WatchItem.get_by_id(item_id)
        item.delete_instance()
        record(AuditEvent(by, "delete", "watch", str(item_id), f"{item.kind}:{item.target}"))
        version.bump()


def watched(kind: str, username: str | None = None) -> list[str]:
    """Targets of `kind` watched by everyone or by `username`, oldest first, each once."""
    query = WatchItem.select(WatchItem.target).where(WatchItem.kind == kind)
    if username:
        query = query.where(WatchItem.username.is_null() | (WatchItem.username == username))
    else:
        query = query.where(WatchItem.username.is_null())
    return list(dict.fromkeys(t for (t,) in query.order_by(WatchItem.id).tuples()))


def parent_of(code: str) -> str | None:
    """The division directly above `code` (None for a province or a custom region)."""
    code = canonical(code)
    if is_custom(code):
        return None
    return {9: code[:6], 6: code[:4], 4: code[:2]}.get(len(code))


def siblings(code: str) -> list[str]:
    """The other divisions under the same parent: the other counties of the city, the other
    cities of the province, the other streets of the county."""
    parent = parent_of(code)
    return [c for c, _ in divisions.children(parent) if c != canonical(code)] if parent else []


def default_comparison(region: str, username: str | None = None) -> list[str]:
    """What 区域对比 shows unless the user edits it: the region, its siblings, then the watched
    regions, each once."""
    region = canonical(region)
    codes = [region, *siblings(region), *watched("region", username)]
    return list(dict.fromkeys(codes))


def comparison_choices(region: str, username: str | None = None) -> list[str]:
    """Regions a user may add to the comparison: the default ones, then every division of the
    same level in the same province."""
    region = canonical(region)
    province = region[:2] if not is_custom(region) else ""
    same_level = [c for c in divisions.names()
                  if province and len(c) == len(region) and c.startswith(province)]
    return list(dict.fromkeys([*default_comparison(region, username), *sorted(same_level)]))
