"""Every page file checks login and role on the server before it renders anything."""
import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.nav import PAGES

ROOT = Path(__file__).resolve().parents[1]
PAGE_FILES = sorted(p.relative_to(ROOT).as_posix()
                    for folder in ("pages", "admin") for p in (ROOT / folder).glob("*.py"))
# The guard does not depend on the database engine: these run on SQLite only.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
ADMIN_ONLY = [s.path for s in PAGES if s.roles == ("admin",)]
STAFF_ONLY = [s.path for s in PAGES if "viewer" not in s.roles]


def test_every_page_file_is_in_the_page_table_exactly_once():
    assert sorted(s.path for s in PAGES) == PAGE_FILES


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_file_calls_the_guard_before_anything_but_imports(path):
    body = ast.parse((ROOT / path).read_text(encoding="utf-8")).body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the module docstring
    imports = [n for n in body if isinstance(n, (ast.Import, ast.ImportFrom))]
    first = body[len(imports)]
    assert body[:len(imports)] == imports and "from ui.guard import guard" in map(ast.unparse, imports)
    assert ast.unparse(first) == "guard(__file__)"


def _page(path: str, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


@pytest.mark.parametrize("path", PAGE_FILES)
@SQLITE_ONLY
def test_every_page_refuses_an_anonymous_session(app_env, path):
    at = _page(path)
    assert [w.value for w in at.warning] == ["请先登录"]
    assert len(at.header) == 0 and len(at.metric) == 0 and len(at.dataframe) == 0


@pytest.mark.parametrize("path", STAFF_ONLY)
@SQLITE_ONLY
def test_back_office_pages_refuse_a_viewer(app_env, path):
    at = _page(path, authentication_status=True, roles=["viewer"], username="v")
    assert [e.value for e in at.error] == ["无权限访问该页面"]
    assert len(at.header) == 0


@pytest.mark.parametrize("path", ADMIN_ONLY)
@SQLITE_ONLY
def test_admin_pages_refuse_a_checker(app_env, path):
    at = _page(path, authentication_status=True, roles=["checker"], username="c")
    assert [e.value for e in at.error] == ["无权限访问该页面"]
