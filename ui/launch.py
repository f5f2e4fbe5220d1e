"""`python -m ui.launch run Home.py …`: `streamlit run`, with the app's pages/ folder not taken for
Streamlit's old folder-based multipage app. Streamlit decides that once per server, at the first
session, and runs that first session's first script run the old way: an address that names no
file in pages/ then gets its English "Page not found" dialog before Home.py's st.navigation
(which turns the old way off for good) has run. Turning it off before the server starts gives the
first visitor the same Chinese answer as every later one."""
from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main() -> None:
    PagesManager.uses_pages_directory = False  # what st.navigation sets at its first call
    sys.argv[0] = "streamlit"
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
