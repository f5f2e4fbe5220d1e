"""Browser sessions on 专利概况 at once (issue 17 item 3): a fresh `streamlit run Home.py` on the
given database, first one headless Chromium page, then (on a second fresh server, so that the
cache is cold again) N pages at the same moment, each logged in by its cookie; prints the time
until every chart of each page is drawn and still, and the N-session times beside the single one
(target: each within 2x).

    python bench/sessions.py --db sqlite:////tmp/copy-of-a-1m-demo.db [--sessions 10]

Writes to the database: a viewer account `bench-viewer` (created when missing).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jwt

from tests.e2e.conftest import RUN_FINISHED, _free_port
from ui.session import COOKIE_NAME

ROOT = Path(__file__).resolve().parents[1]
USER = "bench-viewer"
COOKIE_KEY = "b" * 48
PROBE = ROOT / "tests" / "e2e" / "echarts_probe.js"
SETTLED = f"""() => {RUN_FINISHED}
    && !document.querySelector('[data-testid="stMain"] .st-key-init')
    && globalThis.__e2eAllSettled && __e2eAllSettled()"""


def prepare(url: str) -> int:
    """The bench user's session version (the account is created when missing)."""
    os.environ.setdefault("PATENT_ADMIN_PASSWORD", "bench-only")
    from core.accounts import users
    from core.db.models import User
    from core.upkeep.bootstrap import ensure_ready
    ensure_ready(url)
    if not User.select().where(User.username == USER).exists():
        users.create_user(USER, "bench-viewer-pw-1", "viewer", name="基准")
    return User.get(User.username == USER).session_version


def cookie(version: int) -> str:
    now = time.time()
    return jwt.encode({"username": USER, "sv": version, "login_at": now, "issued": now,
                       "exp_date": now + 3600}, COOKIE_KEY, algorithm="HS256")


def start(url: str, data_dir: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ, PATENT_DB_URL=url, PATENT_DATA_DIR=data_dir,
               PATENT_COOKIE_KEY=COOKIE_KEY, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "Home.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=1).status == 200:
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("streamlit did not start")


async def one_session(browser, base: str, token: str) -> float:
    from tests.e2e.charts import expose_echarts_async
    ctx = await browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    await expose_echarts_async(ctx)
    await ctx.add_cookies([{"name": COOKIE_NAME, "value": token, "url": base}])
    page = await ctx.new_page()
    started = time.perf_counter()
    await page.goto(f"{base}/", wait_until="commit", timeout=600_000)  # default page: 专利概况
    await page.wait_for_function(SETTLED, timeout=600_000, polling=100)
    seconds = time.perf_counter() - started
    await ctx.close()
    return seconds


async def sessions(base: str, token: str, n: int) -> list[float]:
    from playwright.async_api import async_playwright
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        times = await asyncio.gather(*[one_session(browser, base, token) for _ in range(n)])
        await browser.close()
    return list(times)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(url: str, token: str, n: int) -> tuple[list[float], float]:
    """Each session's seconds until settled, and the server's CPU seconds for all of them."""
    proc, base = start(url, tempfile.mkdtemp())
    try:
        before = cpu_seconds(proc.pid)
        times = asyncio.run(sessions(base, token, n))
        return times, cpu_seconds(proc.pid) - before
    finally:
        proc.terminate()
        proc.wait(30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args(argv)
    token = cookie(prepare(args.db))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    (single,), cpu_one = run(args.db, token, 1)
    print(f"baseline: one session settles in {single:.1f} s (fresh server; server CPU "
          f"{cpu_one:.1f} s)", flush=True)
    many, cpu_many = run(args.db, token, args.sessions)
    print(f"{args.sessions} sessions at once (fresh server; server CPU {cpu_many:.1f} s, "
          f"{cpu_many / args.sessions:.1f} s a session): " +
          ", ".join(f"{s:.1f}" for s in sorted(many)) + " s", flush=True)
    print(f"slowest / one session: {max(many) / single:.1f}x (target <= 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
