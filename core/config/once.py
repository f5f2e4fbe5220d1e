"""`once`: a process-wide value computed a single time, however many threads ask for it at the
same moment. functools.lru_cache lets every caller that arrives before the first result compute
it too: ten sessions opening a fresh server each parsed the 44,703 divisions (docs/scale.md
M26s)."""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def once(func: Callable[[], T]) -> Callable[[], T]:
    """func() computed on the first call; callers arriving meanwhile wait for that result."""
    lock = threading.Lock()
    value: list = []

    @functools.wraps(func)
    def wrapper() -> T:
        if not value:
            with lock:
                if not value:
                    value.append(func())
        return value[0]

    return wrapper
