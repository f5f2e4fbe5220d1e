"""The demo's second core: its patents are made in a worker process while this one writes the
previous batch, so the patents stage costs about the larger of the two instead of their sum
(docs/scale.md M23d). The worker opens the same database for the rule parameters the generator
reads; it writes nothing. A fresh interpreter (spawn), not a fork: this process holds an open
database connection and, under Streamlit, other threads."""
from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator

from core.db import connect, db

ITEM, END, ERROR = "item", "end", "error"


def can_open(url: str | None) -> bool:
    """A worker can open the database at `url` too (not an in-memory one), and has a core."""
    if url is None or (os.cpu_count() or 1) < 2:
        return False
    return not url.startswith("sqlite") or url.removeprefix("sqlite:///") not in ("", ":memory:")


class InWorker:
    """Iterates `make(*args)` in a worker process bound to the database at `url`; after the
    last item, `truth` is that iterable's `truth`. The worker makes the next item while this
    process uses the current one (the pipe holds one at a time)."""

    def __init__(self, url: str, make: Callable, *args):
        self.url, self.make, self.args = url, make, args
        self.truth: dict = {}

    def __iter__(self) -> Iterator:
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_serve, args=(send, self.url, self.make, self.args),
                                  name="demo-generator", daemon=True)
        process.start()
        send.close()  # the worker's end only: its exit ends the pipe
        try:
            while True:
                kind, payload = _receive(receive, process)
                if kind == ERROR:
                    raise RuntimeError(f"the demo's worker process failed:\n{payload}")
                if kind == END:
                    self.truth = payload
                    return
                yield payload
        finally:
            receive.close()
            if process.is_alive():
                process.terminate()
            process.join()


def _receive(receive, process) -> tuple:
    try:
        return receive.recv()
    except EOFError:
        process.join()
        raise RuntimeError(
            f"the demo's worker process stopped (exit code {process.exitcode})") from None


def _serve(send, url: str, make: Callable, args: tuple) -> None:
    """The worker: every item of `make(*args)` sent in turn, then its truth (or the error)."""
    try:
        connect(url)
        source = make(*args)
        for item in source:
            send.send((ITEM, item))
        send.send((END, source.truth))
    except BaseException:
        send.send((ERROR, traceback.format_exc()))
    finally:
        send.close()
        if db.obj is not None:
            db.obj.close()
