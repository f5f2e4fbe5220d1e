"""Audit trail: every write by a person adds one row, in the caller's transaction."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from core.db.models import AuditLog


@dataclass(frozen=True)
class AuditEvent:
    """One change: who did what to which object; payload keeps before/after for undo."""
    username: str | None
    action: str
    object_type: str | None = None
    object_id: str | None = None
    object_repr: str | None = None
    message: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def record(event: AuditEvent) -> AuditLog:
    data = asdict(event)
    data["payload"] = json.dumps(event.payload, ensure_ascii=False, default=str)
    return AuditLog.create(**data)


def recent(limit: int = 200, object_type: str | None = None) -> list[dict]:
    query = AuditLog.select().order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if object_type:
        query = query.where(AuditLog.object_type == object_type)
    return list(query.limit(limit).dicts())
