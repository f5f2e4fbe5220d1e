"""One module per command of `python -m core`."""
from __future__ import annotations

from core.config import settings
from core.upkeep.bootstrap import ensure_ready


def open_db(args) -> str:
    """Bind the database named by --db (or the configured one), creating the schema if needed."""
    return ensure_ready(getattr(args, "db", None) or settings.db_url())
