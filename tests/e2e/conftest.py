"""End-to-end fixtures: a real `streamlit run Home.py` server and Debian's chromium via Playwright
(executable_path; never `playwright install`). No fixed sleeps: every wait is on a condition.

- `e2e_db`: a SQLite database with the users admin / checker / viewer (passwords in USERS) and
  a small demo region (E2E_DEMO_PATENTS patents, seed 1).
- `facts`: what the pages should show for it (tests/e2e/facts.py).
- `app_url`: one server for the whole session (of each xdist worker) on that database.
- `fresh_server`: a server started for one test only (first request semantics).
- `page`: a 1400×900 zh-CN browser page whose charts the tests can reach (tests/e2e/charts.py).
  `login(page, url, role)` logs in through the form; `open_page(page, url, path)` opens a page
  as a returning user (the login cookie), the way a bookmark does.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import xdist_group
from ui.session import COOKIE_NAME

ROOT = Path(__file__).resolve().parents[2]
# Screenshots go to a temporary folder, so a test run leaves the tree as it was;
# PATENT_SCREENSHOTS=docs/screenshots refreshes the documentation's pictures.
SCREENSHOTS = Path(os.environ.get("PATENT_SCREENSHOTS")
                   or Path(tempfile.gettempdir()) / "patent-e2e-screenshots").resolve()
USERS = {"admin": "admin-e2e-pw", "checker": "checker-e2e-pw", "viewer": "viewer-e2e-pw"}
COOKIE_KEY = "e" * 48
E2E_DEMO_PATENTS = int(os.environ.get("E2E_DEMO_PATENTS", "4000"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HERE = Path(__file__).resolve().parent


# The e2e tests are dealt to this many xdist groups in turn (--dist loadgroup, pytest.ini): each
# group runs in one worker, which builds its own demo database and runs its own Streamlit server
# and browser (seconds; what the tests check is the same in every copy). With one group, one
# worker carried all the browser work while the other ran out of tests.
E2E_GROUPS = 2


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """Every test here is marked e2e and put in one of the E2E_GROUPS groups."""
    e2e = [item for item in items if HERE in item.path.parents]
    for number, item in enumerate(e2e):
        item.add_marker(pytest.mark.e2e)
        xdist_group(item, f"e2e{number % E2E_GROUPS}")


def pytest_configure(config):
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
               PATENT_ADMIN_PASSWORD=USERS["admin"], PATENT_COOKIE_KEY=COOKIE_KEY,
               PYTHONPATH=str(ROOT))
    return env


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory) -> tuple[str, Path]:
    if not CHROMIUM:
        pytest.skip("Debian chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    data_dir = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{data_dir / 'e2e.db'}"
    env = _env(data_dir, url)
    subprocess.run([sys.executable, "-c", _PREPARE, url, USERS["checker"], USERS["viewer"]],
                   cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-m", "core", "demo", "--patents", str(E2E_DEMO_PATENTS),
                    "--seed", "1", "--db", url], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    _DB["path"] = data_dir / "e2e.db"
    return url, data_dir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, data_dir: Path, tries: int = 150) -> tuple[subprocess.Popen, str]:
    """A Streamlit server of the app on `url`; waits up to tries × 0.2 s for its health check."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.launch", "run", "Home.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=ROOT, env=_env(data_dir, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(tries):
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=1).status == 200:
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("streamlit did not start")


def copy_db(e2e_db, path: Path) -> str:
    """A copy of the e2e database at `path`, for a test that writes; its URL."""
    with sqlite3.connect(e2e_db[0].removeprefix("sqlite:///")) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return f"sqlite:///{path}"


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
def copy_server(e2e_db, tmp_path):
    """(base URL, database file) of a server on a copy of the e2e database, for a test that
    writes."""
    copy = tmp_path / "copy.db"
    proc, base = start_server(copy_db(e2e_db, copy), e2e_db[1])
    yield base, copy
    stop_server(proc)


@pytest.fixture
def fresh_server(e2e_db):
    proc, base = start_server(*e2e_db)
    yield base
    stop_server(proc)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE_VIEWPORT = {"width": 1400, "height": 900}


@pytest.fixture(scope="session")
def playwright():
    if not CHROMIUM:
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    """A browser for tests that open several contexts at once (their own cookies each)."""
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def profile(playwright, tmp_path_factory):
    """The context of every `page`: a browser profile on disk, so that the HTTP cache and V8's
    compiled code of the app's scripts (the chart bundle alone is 2.5 MB) last from one test to
    the next; a fresh context compiled them again for every page (about 1 s of CPU of the 4 a
    page took). Each test's cookies are cleared after it."""
    from tests.e2e.charts import expose_echarts
    ctx = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        viewport=PAGE_VIEWPORT, locale="zh-CN", accept_downloads=True)
    expose_echarts(ctx)
    for blank in ctx.pages:  # the window a persistent context opens with
        blank.close()
    yield ctx
    ctx.close()


@pytest.fixture
def page(profile):
    pg = profile.new_page()
    pg.set_default_timeout(30000)
    yield pg
    for other in profile.pages:  # this test's page and any it opened
        other.close()
    profile.clear_cookies()


@pytest.fixture(scope="session")
def facts(e2e_db) -> dict:
    url, data_dir = e2e_db
    out = subprocess.run([sys.executable, "-m", "tests.e2e.facts", url], cwd=ROOT,
                         env=_env(data_dir, url), check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# A session's first run ends with the page drawn: the cookie component is mounted only to write
# or delete the login cookie (ui/cookies.py), and its answer then reruns the script; until such
# a rerun has finished, elements can be replaced under the test's hands (a form filled then
# loses its values, a chart is re-created). The page's Chinese rewriting of Streamlit's own texts
# (ui/zh.py) runs once its element is drawn, which a loaded machine may do after the run's end.
RUN_FINISHED = """
    !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    && !document.querySelector('[data-stale="true"]')"""
SESSION_SETTLED = f"""() => {RUN_FINISHED}
    && !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')
    && !!window.__zhInstalled"""


# A run seen starting: the state attribute is "running" when the observer is called, or was
# "running" before a change it reports (a loaded machine may deliver the run's start and end in
# one batch: the attribute is back to "notRunning" by then). RUN_SEEN also passes once
# RUN_GRACE_MS have gone by without one: the browser may draw a short run's start and end in one
# frame, leaving no trace; RUN_FINISHED then still waits for any run under way.
WATCH_RUN = """() => {
    window.__runStarted = false;
    window.__watchStart = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const state = 'data-test-script-state';
    new MutationObserver((records) => {
        if (app.getAttribute(state) === 'running'
            || records.some((r) => r.oldValue === 'running')) window.__runStarted = true;
    }).observe(app, {attributes: true, attributeFilter: [state], attributeOldValue: true});
}"""
RUN_GRACE_MS = 5000
RUN_SEEN = f"(window.__runStarted || performance.now() - window.__watchStart > {RUN_GRACE_MS})"


@contextmanager
def script_run(page):
    """Wait, after the block, until a script run it caused has started (or RUN_GRACE_MS have
    passed without a trace of one) and every run is over: the elements it draws are then no
    longer replaced under the test's hands."""
    page.evaluate(WATCH_RUN)
    yield
    page.wait_for_function(f"() => {RUN_SEEN} && {RUN_FINISHED}")


def wait_session(page) -> None:
    """Wait until the session's first runs are over (see SESSION_SETTLED)."""
    page.wait_for_function(SESSION_SETTLED)


def login(page, base: str, role: str) -> None:
    """Log in through the login form as the user named like the role; lands on the default page."""
    page.goto(base + "/")
    fill_login_form(page, role)
    expect(page.get_by_text(re.compile("当前用户"))).to_be_visible()
    # the cookie component writes the login cookie after the form's run: a new tab needs it
    page.wait_for_function(f"() => document.cookie.includes('{COOKIE_NAME}=')")


def fill_login_form(page, role: str) -> None:
    wait_session(page)
    page.get_by_label("用户名").fill(role)
    page.get_by_label("密码").fill(USERS[role])
    page.get_by_role("button", name="登录").click()


_DB: dict = {}  # the e2e database file (set by e2e_db)


def login_cookie(role: str) -> str:
    """The login cookie the app writes for `role` (ui.session: signed with the test key, carrying
    the account's current session version)."""
    import sqlite3

    import jwt
    with sqlite3.connect(_DB["path"]) as con:
        (version,) = con.execute('SELECT session_version FROM "user" WHERE username = ?',
                                 (role,)).fetchone()
    now = time.time()
    claims = {"username": role, "sv": version, "login_at": now, "issued": now, "exp_date": now + 3600}
    return jwt.encode(claims, COOKIE_KEY, algorithm="HS256")


def open_page(page, base: str, url_path: str, role: str = "viewer") -> None:
    """Open a page of the app as a returning `role` user (login cookie set, no form)."""
    page.context.add_cookies([{"name": COOKIE_NAME, "value": login_cookie(role), "url": base}])
    page.goto(f"{base}/{url_path}")
    wait_session(page)
    expect(page.get_by_text(re.compile("当前用户"))).to_be_visible()


def heading(page, text: str | re.Pattern):
    return page.get_by_role("heading", name=text, exact=isinstance(text, str))


def wait_run_finished(page) -> None:
    """Wait until the script run in progress has finished (call it once that run has visibly
    started: right after an action the previous run's state still reads finished)."""
    page.wait_for_function(f"() => {RUN_FINISHED}")


def metric(page, label: str):
    """The value of the st.metric labelled `label`."""
    return (page.get_by_test_id("stMetric")
            .filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
            .get_by_test_id("stMetricValue"))


def result_count(page):
    """The search page's statement of its number of matches (共 n 件 / 超过 n 件)."""
    return page.get_by_role("heading", name=re.compile(r"^(共|超过) [\d,]+ 件$"))


def query(url: str) -> tuple[str, dict[str, str]]:
    """(page path, query parameters) of a URL."""
    parsed = urlparse(url)
    return parsed.path.strip("/"), {k: v[0] for k, v in parse_qs(parsed.query).items()}


def expect_url(page, path: str, params: dict[str, str]) -> None:
    """The page is `path` with exactly the query parameters `params` once the run under way
    has finished. Call it after expecting content of the run that follows the action: while
    Streamlit switches pages the URL passes through intermediate states (the search page drops
    a default date basis from a link, for one)."""
    wait_run_finished(page)
    assert query(page.url) == (path, params)


def expect_breadcrumb(page, home: str, here: str) -> None:
    """The breadcrumb of a page re-scoped to `here`: a way back home, `here` itself current."""
    expect(page.get_by_role("button", name=home, exact=True)).to_be_enabled()
    expect(page.get_by_role("button", name=here, exact=True)).to_be_disabled()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def db_value(e2e_db, sql: str, *args):
    """The one value `sql` selects from the e2e database (read only)."""
    import sqlite3
    path = e2e_db[0].removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        rows = con.execute(sql, args).fetchall()
    assert len(rows) == 1, (sql, args, rows)
    return rows[0][0]


# st.dataframe draws on a canvas (glide-data-grid) and mirrors its rows in a hidden table for
# assistive technology: the tests read the rows there and click the drawn row's checkbox (on the
# grid's scroller, which lies over the canvas and takes its pointer events).
ROW_HEIGHT = 35  # Streamlit's default row (and header) height in pixels
ROW_MARKER_X = 15  # inside the row-selection checkbox column


def table_rows(page, key: str) -> list[str]:
    """The text of each data row of the st.dataframe shown with key=`key` (tab-joined cells)."""
    table = page.locator(f".st-key-{key}").get_by_test_id("stDataFrame")
    expect(table.locator("canvas").first).to_be_visible()
    expect(table.locator("tr[aria-rowindex] td").first).to_be_attached()
    return table.locator("tr[aria-rowindex]").evaluate_all(
        """rows => rows.filter(r => r.querySelector('td'))
                      .map(r => [...r.querySelectorAll('td')].map(c => c.textContent).join('\\t'))""")


def tick_row(page, key: str, row: int) -> None:
    """Tick the selection checkbox of data row `row` (0-based) of the st.dataframe key=`key`."""
    grid = page.locator(f".st-key-{key}").get_by_test_id("stDataFrame").locator(".dvn-scroller")
    grid.click(position={"x": ROW_MARKER_X, "y": ROW_HEIGHT * (row + 1) + ROW_HEIGHT // 2})
