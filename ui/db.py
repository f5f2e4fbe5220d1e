"""Bind the configured database once per process (and again if the configured URL changes)."""
from __future__ import annotations

from core.config import settings
from core.upkeep.bootstrap import ensure_ready


def ready() -> str:
    return ensure_ready(settings.db_url())
