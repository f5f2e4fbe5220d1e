"""Whether the database holds any patent yet (pages show their empty state otherwise).

The overview statistics themselves live in core/stats/overview.py."""
from __future__ import annotations

from core.db.models import Patent


def has_patents() -> bool:
    return Patent.select().exists()
