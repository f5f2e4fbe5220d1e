"""Watch lists: regions (and industries, holders) the bureau compares itself with."""
from __future__ import annotations

from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import WatchItem
from core.regions import divisions

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
