"""core.config.once: a process-wide value is computed once, even when threads ask together."""
from __future__ import annotations

import threading
import time

import pytest

from core.config.once import once


def test_threads_asking_at_once_share_one_computation():
    calls = []

    @once
    def value() -> object:
        calls.append(1)
        time.sleep(0.05)  # long enough for every thread to arrive before the first result
        return object()

    start = threading.Barrier(8)
    got = []

    def ask():
        start.wait()
        got.append(value())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(got) == 8 and all(v is got[0] for v in got)
    assert value() is got[0] and len(calls) == 1


def test_a_failed_computation_is_tried_again():
    attempts = []

    @once
    def value() -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("file not there yet")
        return 42

    with pytest.raises(OSError):
        value()
    assert value() == 42 and value() == 42 and len(attempts) == 2
