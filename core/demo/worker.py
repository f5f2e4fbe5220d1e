"""The demo's second core: its patents are made in a worker process while this one writes the
previous batch, so the patents stage costs about the larger of the two instead of their sum
(docs/scale.md M23d). The worker opens the same database for the rule parameters the generator
reads; it writes nothing. It is a new interpreter (`python -c CHILD`), not a fork:
this process holds an open database connection and, under Streamlit, other threads; and not a
multiprocessing spawn, which would run the caller's main script again in the worker."""
from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from core.db import connect, db

ITEM, END, ERROR, STOPPED = "item", "end", "error", "stopped"
ROOT = Path(__file__).resolve().parents[2]  # the folder holding the core package
PIPE_BYTES = 1 << 20
CHILD = "import sys; from core.demo.worker import main; main(int(sys.argv[1]))"


def useful(url: str | None) -> bool:
    """A worker helps: a SQLite database in a file (a worker can open it too; SQLite writes
    inside this process) and a second core. PostgreSQL writes in its server's process beside
    this one already: with a worker the demo's patents took longer (M23d)."""
    if url is None or (os.cpu_count() or 1) < 2 or not url.startswith("sqlite:///"):
        return False
    return url.removeprefix("sqlite:///") not in ("", ":memory:")


class InWorker:
    """Iterates `make(*args)` in a worker process bound to the database at `url`; after the
    last item, `truth` is that iterable's `truth`. The worker makes the next item while this
    process uses the current one. A thread on each side moves the items through the pipe
    (pickled, about 11 MB a batch of 5,000 patents), each in one write through a 1 MB pipe,
    while the other threads work: moved by the working threads, or written in the pickler's
    64 KB frames, each step waited for the scheduler or the GIL (docs/scale.md M23d). A consumer
    that stops early ends the worker. `make` and `args` are pickled: a module-level class or
    function, plain values."""

    def __init__(self, url: str, make: Callable, *args):
        self.url, self.make, self.args = url, make, args
        self.truth: dict = {}

    def __iter__(self) -> Iterator:
        read_fd, write_fd = os.pipe()
        _widen(write_fd)
        paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(write_fd)], stdin=subprocess.PIPE,
            pass_fds=(write_fd,), env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)})
        os.close(write_fd)  # the worker's end only: its exit ends the pipe
        pipe, inbox, stop = os.fdopen(read_fd, "rb"), queue.Queue(maxsize=1), threading.Event()
        reader = threading.Thread(target=_read_all, args=(pipe, inbox, stop), daemon=True)
        try:
            pickle.dump((self.url, self.make, self.args), process.stdin)
            process.stdin.close()
            reader.start()
            while True:
                kind, payload = inbox.get()
                if kind == STOPPED:
                    raise RuntimeError(f"the demo's worker process stopped (exit code "
                                       f"{process.wait()})")
                if kind == ERROR:
                    raise RuntimeError(f"the demo's worker process failed:\n{payload}")
                if kind == END:
                    self.truth = payload
                    return
                yield payload
        finally:
            stop.set()
            if process.poll() is None:
                process.terminate()
            process.wait()
            if reader.is_alive():
                reader.join()
            pipe.close()


def _read_all(pipe, inbox: queue.Queue, stop: threading.Event) -> None:
    """The reading thread: each message into `inbox` (it holds one) until the last one."""
    kind = ITEM
    while kind == ITEM and not stop.is_set():
        try:
            message = _read(pipe)
        except (EOFError, OSError):
            message = (STOPPED, None)
        except Exception:
            message = (ERROR, traceback.format_exc())
        kind = message[0]
        try:
            _put(inbox, message, stop.is_set)
        except BrokenPipeError:  # this process stopped taking them
            return


def _widen(fd: int) -> None:
    """Linux: a pipe of 1 MB instead of 64 KB (fewer wake-ups of the reading thread)."""
    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _read(pipe) -> tuple:
    size = int.from_bytes(_exactly(pipe, 8), "big")
    return pickle.loads(_exactly(pipe, size))


def _exactly(pipe, size: int) -> bytes:
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError
    return data


def _put(box: queue.Queue, message: tuple, gone: Callable[[], bool]) -> None:
    """Put `message` in `box` once there is room, unless its taker is `gone` first."""
    while not gone():
        try:
            box.put(message, timeout=0.5)
            return
        except queue.Full:
            pass
    raise BrokenPipeError("the other side of the demo's worker pipe is gone")


def serve(out, url: str, make: Callable, args: tuple) -> None:
    """The worker: every item of `make(*args)` written to `out` in turn by a sending thread,
    then its truth (or the error)."""
    outbox: queue.Queue = queue.Queue(maxsize=1)
    sender = threading.Thread(target=_send_all, args=(out, outbox))
    sender.start()
    gone = lambda: not sender.is_alive()  # the reading process went away
    try:
        connect(url)
        source = make(*args)
        for item in source:
            _put(outbox, (ITEM, item), gone)
        _put(outbox, (END, source.truth), gone)
    except BrokenPipeError:
        pass
    except Exception:
        _put(outbox, (ERROR, traceback.format_exc()), gone)
    finally:
        sender.join()
        if db.obj is not None:
            db.obj.close()


def _send_all(out, outbox: queue.Queue) -> None:
    """The sending thread: each message of `outbox` to `out` until the last one."""
    kind = ITEM
    while kind == ITEM:
        message = outbox.get()
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(len(data).to_bytes(8, "big"))
        out.write(data)  # one write call for the whole message: no wait for the GIL per 64 KB
        out.flush()
        kind = message[0]


def main(fd: int) -> None:
    """The worker process's entry (CHILD): what to iterate from stdin, the items to pipe `fd`."""
    with os.fdopen(fd, "wb") as pipe:
        serve(pipe, *pickle.load(sys.stdin.buffer))
