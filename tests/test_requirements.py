"""Every third-party package the app imports is pinned in requirements.txt (the README's start
command installs only that file; requirements-dev.txt must not be what makes the app run)."""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ["Home.py", "core", "jobs", "ui", "pages", "admin"]
LOCAL = {"core", "jobs", "ui", "pages", "admin", "tests", "bench", "tools"}


def app_files() -> list[Path]:
    return [f for name in APP for f in ([ROOT / name] if name.endswith(".py")
                                        else (ROOT / name).rglob("*.py"))]


def top_level_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def pinned(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*==", line)
        if match:
            names.add(re.sub(r"[-_.]+", "-", match[1]).lower())
    return names


def test_every_imported_package_is_in_requirements_txt():
    modules = set().union(*(top_level_imports(f) for f in app_files()))
    third_party = sorted(modules - LOCAL - set(sys.stdlib_module_names) - {"__future__"})
    distributions = packages_distributions()
    required = pinned(ROOT / "requirements.txt")
    missing = {m: distributions.get(m) for m in third_party
               if not {re.sub(r"[-_.]+", "-", d).lower() for d in distributions.get(m, [])}
               & required}
    assert missing == {}


def test_the_check_sees_the_resolver_import():
    assert "ahocorasick" in top_level_imports(ROOT / "core" / "resolver" / "taught.py")
    assert "pyahocorasick" in pinned(ROOT / "requirements.txt")
