"""The README's layout table is true to the tree, and the package order it states is the one the
architecture contract (.importlinter) enforces."""
from __future__ import annotations

import ast
import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
IGNORED = {"__pycache__", ".git", ".venv", ".ci", ".streamlit"}


def _layout_entries() -> set[str]:
    table = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {path.rstrip("/") for row in rows for path in re.findall(r"`([^`]+)`", row.split("|")[1])}


def _folders(parent: Path) -> set[str]:
    """Sub-folders holding files (a folder left with only __pycache__ after a move does not count)."""
    return {str(p.relative_to(ROOT)) for p in parent.iterdir()
            if p.is_dir() and p.name not in IGNORED and not p.name.startswith(".")
            and any(f.is_file() and "__pycache__" not in f.parts for f in p.rglob("*"))}


def test_every_listed_path_exists():
    assert sorted(e for e in _layout_entries() if not (ROOT / e).exists()) == []


def test_every_top_folder_and_core_package_is_listed():
    listed = _layout_entries()
    assert sorted((_folders(ROOT) | _folders(ROOT / "core")) - listed) == []


def test_core_holds_only_packages_each_saying_what_lives_there():
    modules = sorted(p.name for p in (ROOT / "core").glob("*.py"))
    assert modules == ["__init__.py", "__main__.py"]
    for package in sorted(_folders(ROOT / "core")):
        init = ROOT / package / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), package


def test_the_stated_package_order_is_the_contract():
    contract = configparser.ConfigParser()
    contract.read(ROOT / ".importlinter", encoding="utf-8")
    layers = [line.strip() for line in
              contract["importlinter:contract:core-layers"]["layers"].strip().splitlines()]
    stated = README.split("The core packages import each other in one order only", 1)[1]
    stated = stated.split("\n\n", 1)[0].split(":", 1)[1]
    names = [n.strip(" `.\n") for n in stated.replace("\n", " ").split("→")]
    assert names == [layer.replace(" | ", "` | `") for layer in layers]
    assert sorted(n for layer in layers for n in layer.split(" | ")) == \
        sorted(Path(p).name for p in _folders(ROOT / "core"))
