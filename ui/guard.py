"""The first statement of every page file after its imports: `guard(__file__)` — login and role
checked on the server before anything renders."""
from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager

from ui.auth import require
from ui.db import ready
from ui.nav import login_navigation, spec_for


def guard(file: str) -> None:
    spec = spec_for(file)
    if PagesManager.uses_pages_directory:
        # Streamlit's legacy pages/ mode (the first visit of a fresh server runs the page file
        # without Home.py) lists the page files by their English names: list nothing instead.
        login_navigation()
    require(spec.roles)
    ready()
