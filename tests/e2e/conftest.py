"""End-to-end fixtures: a real `streamlit run Home.py` server and Debian's chromium via Playwright
(executable_path; never `playwright install`).

- `e2e_db`: a SQLite database with the users admin / checker / viewer (passwords in USERS) and, when
  the demo generator is available, a small demo region (E2E_DEMO_PATENTS patents, seed 1).
- `app_url`: one server for the whole session on that database.
- `fresh_server`: a server started for one test only (first request semantics).
- `page`: a 1400×900 zh-CN browser page. `login(page, url, role)` logs in through the form.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
USERS = {"admin": "admin-e2e-pw", "checker": "checker-e2e-pw", "viewer": "viewer-e2e-pw"}
E2E_DEMO_PATENTS = int(os.environ.get("E2E_DEMO_PATENTS", "4000"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(config, items):
    """Browser tests click canvas pixels and wait on a live server: on a busy machine a timing
    miss is possible, so each gets up to two reruns (pytest-rerunfailures). A real failure still
    fails all three runs."""
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=2))


def pytest_configure(config):
    from playwright.sync_api import expect
    expect.set_options(timeout=20_000)  # a loaded CI machine renders slower than 5 s

_PREPARE = """
import sys
from core.upkeep.bootstrap import ensure_ready
from core.accounts import users
from core.db.models import User
ensure_ready(sys.argv[1])
for name, pw in (("checker", sys.argv[2]), ("viewer", sys.argv[3])):
    if not User.select().where(User.username == name).exists():
        users.create_user(name, pw, name, name={"checker": "核查员", "viewer": "查看员"}[name])
"""


def _env(data_dir: Path, url: str) -> dict:
    env = dict(os.environ)
    env.update(PATENT_DB_URL=url, PATENT_DATA_DIR=str(data_dir),
               PATENT_ADMIN_PASSWORD=USERS["admin"], PATENT_COOKIE_KEY="e" * 48,
               PYTHONPATH=str(ROOT))
    return env


def _has_demo() -> bool:
    return (ROOT / "core" / "cli" / "demo.py").exists()


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory) -> tuple[str, Path]:
    if not CHROMIUM:
        pytest.skip("Debian chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    data_dir = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{data_dir / 'e2e.db'}"
    env = _env(data_dir, url)
    subprocess.run([sys.executable, "-c", _PREPARE, url, USERS["checker"], USERS["viewer"]],
                   cwd=ROOT, env=env, check=True)
    if _has_demo():
        subprocess.run([sys.executable, "-m", "core", "demo", "--patents", str(E2E_DEMO_PATENTS),
                        "--seed", "1", "--db", url], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    return url, data_dir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "Home.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=ROOT, env=_env(data_dir, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=1).status == 200:
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("streamlit did not start")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def app_url(e2e_db):
    proc, base = start_server(*e2e_db)
    yield base
    stop_server(proc)


@pytest.fixture
def fresh_server(e2e_db):
    proc, base = start_server(*e2e_db)
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN",
                              accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(30000)
    yield pg
    ctx.close()


def wait_idle(page, timeout: float = 30000) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(300)


def login(page, base: str, role: str) -> None:
    """Log in through the login form as the user named like the role; lands on the default page.

    The cookie component reruns the script once after the first load; a form filled during that
    rerun can lose its values, so the form is filled once the app is idle and retried once."""
    page.goto(base + "/")
    for attempt in range(2):
        wait_idle(page)
        page.get_by_label("用户名").fill(role)
        page.get_by_label("密码").fill(USERS[role])
        page.get_by_role("button", name="登录").click()
        try:
            page.get_by_text(re.compile("当前用户")).wait_for(timeout=20000)
            break
        except Exception:
            if attempt:
                raise
    wait_idle(page)


def open_page(page, base: str, url_path: str) -> None:
    """Navigate to a page of the app through its sidebar link (keeps the session)."""
    page.goto(f"{base}/{url_path}")
    wait_idle(page)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
