"""The first statement of every page file after its imports: `guard(__file__)` — login and role
checked on the server before anything renders."""
from __future__ import annotations

from ui.auth import require
from ui.db import ready
from ui.nav import spec_for


def guard(file: str) -> None:
    spec = spec_for(file)
    require(spec.roles)
    ready()
