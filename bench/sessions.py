"""Sessions on 专利概况 at once (issue 17 item 3), the server's share apart from the browser's.

Server: a fresh `streamlit run Home.py` on the given database, one session without a browser (a
websocket client that asks for the default page with the login cookie, as a browser tab does,
and waits for the end of the script run: the server's time, nothing drawn), then on a second
fresh server N such sessions at the same moment (cold: one computation shared by all), then N
more on that warm server. Browser: the same with headless Chromium pages, each timed until every
chart is drawn and still; the CPU seconds of the server and of Chromium are printed beside.
Each N-session time is printed beside the single one (target: each within 2x).

    python bench/sessions.py --db sqlite:////tmp/copy-of-a-1m-demo.db [--sessions 10]
        [--no-browser]

Writes to the database: a viewer account `bench-viewer` (created when missing).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jwt

from tests.e2e.conftest import COOKIE_KEY, RUN_FINISHED, start_server
from ui.session import COOKIE_NAME

ROOT = Path(__file__).resolve().parents[1]
USER = "bench-viewer"
PROBE = ROOT / "tests" / "e2e" / "echarts_probe.js"
SETTLED = f"""() => {RUN_FINISHED}
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


async def browser_sessions(base: str, token: str, n: int) -> tuple[list[float], float]:
    """Each page's seconds until settled, and Chromium's CPU seconds for all of them."""
    from playwright.async_api import async_playwright
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        before = descendants_cpu()
        times = await asyncio.gather(*[one_session(browser, base, token) for _ in range(n)])
        cpu = descendants_cpu() - before
        await browser.close()
    return list(times), cpu


async def one_headless(base: str, token: str) -> tuple[float, int]:
    """One session without a browser: ask for the default page (专利概况) with the login cookie
    and wait until its script run ends; seconds and bytes the server sent."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    ask = BackMsg()
    ask.rerun_script.query_string = ""
    ask.rerun_script.page_script_hash = ""
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    started = time.perf_counter()
    received = 0
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                  additional_headers={"Cookie": f"{COOKIE_NAME}={token}"},
                                  open_timeout=600) as ws:
        await ws.send(ask.SerializeToString())
        while True:
            raw = await asyncio.wait_for(ws.recv(), 600)
            received += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if (msg.WhichOneof("type") == "script_finished"
                    and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                return time.perf_counter() - started, received


async def headless_sessions(base: str, token: str, n: int) -> list[tuple[float, int]]:
    return list(await asyncio.gather(*[one_headless(base, token) for _ in range(n)]))


def descendants_cpu() -> float:
    """User + system CPU seconds of this process's living descendants (Chromium under the
    Playwright driver)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0.0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        try:
            total += cpu_seconds(pid)
        except OSError:
            continue
        todo += children.get(pid, [])
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def on_fresh_server(url: str, *steps):
    """Run each step (a coroutine function of base) on one fresh server; per step its result
    and the server's CPU seconds."""
    proc, base = start_server(url, Path(tempfile.mkdtemp()), tries=600)  # 1M: slow start
    try:
        out = []
        for step in steps:
            before = cpu_seconds(proc.pid)
            result = asyncio.run(step(base))
            out.append((result, cpu_seconds(proc.pid) - before))
        return out
    finally:
        proc.terminate()
        proc.wait(30)


def seconds(values) -> str:
    return ", ".join(f"{v:.1f}" for v in sorted(values)) + " s"


def server_share(url: str, token: str, n: int) -> None:
    (((one, size),), cpu_one), = on_fresh_server(url, lambda b: headless_sessions(b, token, 1))
    print(f"server, one session: {one:.2f} s to the end of the run, {size / 1e6:.2f} MB sent, "
          f"server CPU {cpu_one:.2f} s (fresh server: cold)", flush=True)
    (cold, cpu_cold), (warm, cpu_warm) = on_fresh_server(
        url, lambda b: headless_sessions(b, token, n), lambda b: headless_sessions(b, token, n))
    for name, runs, cpu in (("cold", cold, cpu_cold), ("warm", warm, cpu_warm)):
        times = [t for t, _ in runs]
        print(f"server, {n} sessions at once, {name}: {seconds(times)}; server CPU {cpu:.2f} s "
              f"({cpu / n:.2f} s a session); slowest / one session: {max(times) / one:.1f}x",
              flush=True)


def browser_share(url: str, token: str, n: int) -> None:
    ((((single,), chrome_one), cpu_one),) = on_fresh_server(
        url, lambda b: browser_sessions(b, token, 1))
    print(f"browser, one session: settles in {single:.1f} s; server CPU {cpu_one:.1f} s, "
          f"Chromium CPU {chrome_one:.1f} s (fresh server)", flush=True)
    (((many, chrome), cpu),) = on_fresh_server(url, lambda b: browser_sessions(b, token, n))
    print(f"browser, {n} sessions at once: {seconds(many)}; server CPU {cpu:.1f} s "
          f"({cpu / n:.2f} s a session), Chromium CPU {chrome:.1f} s ({chrome / n:.1f} s a "
          f"session); slowest / one session: {max(many) / single:.1f}x (target <= 2x)",
          flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--no-browser", action="store_true", help="the server's share only")
    args = parser.parse_args(argv)
    token = cookie(prepare(args.db))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    server_share(args.db, token, args.sessions)
    if not args.no_browser:
        browser_share(args.db, token, args.sessions)
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
