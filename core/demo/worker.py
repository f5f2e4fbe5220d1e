"""The demo's second core: its patents are made in a worker process while this one writes the
previous batch, so the patents stage costs about the larger of the two instead of their sum
(docs/scale.md M23d). The worker opens the same database for the rule parameters the generator
reads; it writes nothing. It is a new interpreter (`python -c CHILD`), not a fork:
this process holds an open database connection and, under Streamlit, other threads; and not a
multiprocessing spawn, which would run the caller's main script again in the worker."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from core.db import connect, db

ITEM, END, ERROR = "item", "end", "error"
ROOT = Path(__file__).resolve().parents[2]  # the folder holding the core package
CHILD = "import sys; from core.demo.worker import main; main(int(sys.argv[1]))"


def can_open(url: str | None) -> bool:
    """A worker can open the database at `url` too (not an in-memory one), and has a core."""
    if url is None or (os.cpu_count() or 1) < 2:
        return False
    return not url.startswith("sqlite") or url.removeprefix("sqlite:///") not in ("", ":memory:")


class InWorker:
    """Iterates `make(*args)` in a worker process bound to the database at `url`; after the
    last item, `truth` is that iterable's `truth`. The worker makes the next item while this
    process uses the current one (the pipe holds one at a time). `make` and `args` are pickled:
    a module-level class or function and plain values."""

    def __init__(self, url: str, make: Callable, *args):
        self.url, self.make, self.args = url, make, args
        self.truth: dict = {}

    def __iter__(self) -> Iterator:
        read_fd, write_fd = os.pipe()
        paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(write_fd)], stdin=subprocess.PIPE,
            pass_fds=(write_fd,), env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)})
        os.close(write_fd)  # the worker's end only: its exit ends the pipe
        try:
            with os.fdopen(read_fd, "rb") as items:
                pickle.dump((self.url, self.make, self.args), process.stdin)
                process.stdin.close()
                while True:
                    kind, payload = _receive(items, process)
                    if kind == ERROR:
                        raise RuntimeError(f"the demo's worker process failed:\n{payload}")
                    if kind == END:
                        self.truth = payload
                        return
                    yield payload
        finally:
            if process.poll() is None:
                process.terminate()
            process.wait()


def _receive(items, process: subprocess.Popen) -> tuple:
    try:
        return pickle.load(items)
    except EOFError:
        raise RuntimeError(f"the demo's worker process stopped (exit code "
                           f"{process.wait()})") from None


def serve(out, url: str, make: Callable, args: tuple) -> None:
    """The worker: every item of `make(*args)` written to `out` in turn, then its truth (or
    the error)."""
    try:
        connect(url)
        source = make(*args)
        for item in source:
            _send(out, (ITEM, item))
        _send(out, (END, source.truth))
    except Exception:
        _send(out, (ERROR, traceback.format_exc()))
    finally:
        if db.obj is not None:
            db.obj.close()


def _send(out, message: tuple) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def main(fd: int) -> None:
    """The worker process's entry (CHILD): what to iterate from stdin, the items to pipe `fd`."""
    with os.fdopen(fd, "wb") as pipe:
        serve(pipe, *pickle.load(sys.stdin.buffer))
