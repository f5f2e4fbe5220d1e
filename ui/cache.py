"""The one cache of the UI: a function's result, shared by every session, kept until the data
changes. The key is the bound database, its data version (core.db.version: every write raises it),
the function and its arguments (hashed by st.cache_data: frozen dataclasses, dates, tuples). The
version is read once per script run (fragment runs included), so a write by any process shows
on every session's next rerun and no expiry is needed; old entries fall out by MAX_ENTRIES.
A database error while computing shows a Chinese message (labels.DB_UNAVAILABLE) and is logged.
Sessions asking for a key that another session is computing wait for that computation and then
read its result (one computation per key and data version, however many sessions ask at once).

    @cached
    def _summary(url: str, q: FeeQuery) -> dict: ...

    frame = cached(overview.cards)(scope, today)   # a core function, cached where it is called
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar

import peewee
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.config import labels
from core.db import current_url, version

log = logging.getLogger("patents.ui")

MAX_ENTRIES = 128  # per cached function
RUN_KEY = "_data_version_run"  # session state: (this run's marker, database URL, version)
F = TypeVar("F", bound=Callable)


def cached(func: F) -> F:
    """`func` with its results cached as described above."""
    def run(url: str, data_version: int, *args, **kwargs):
        return func(*args, **kwargs)

    # st.cache_data keeps one cache per module + qualified name: one per function here, and
    # the file tells apart the page scripts (all run as module __main__)
    run.__module__ = func.__module__
    run.__qualname__ = f"{func.__qualname__}@{func.__code__.co_filename}"
    stored = st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES)(run)

    @wraps(func)
    def wrapper(*args, **kwargs):
        url = current_url() or ""
        try:
            current = data_version(url)
            key = flight_key(run.__qualname__, url, current, args, kwargs)
            return FLIGHTS.run(key, lambda: stored(url, current, *args, **kwargs))
        except peewee.DatabaseError:
            database_error(func.__qualname__)
    return wrapper


@dataclass
class Flight:
    """One computation under way: how many callers wait for it, and when it ends."""
    done: threading.Event = field(default_factory=threading.Event)
    waiters: int = 0


class Flights:
    """One computation per key at a time: the first caller computes, callers arriving meanwhile
    wait for it to end and then compute again (which then reads the cache it filled)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running: dict = {}

    def run(self, key, compute: Callable):
        if key is None:
            return compute()
        with self.lock:
            flight = self.running.get(key)
            if flight is None:
                flight = self.running[key] = Flight()
            else:
                flight.waiters += 1
                flight = flight.done
        if isinstance(flight, threading.Event):
            flight.wait()
            return compute()
        try:
            return compute()
        finally:
            with self.lock:
                del self.running[key]
            flight.done.set()


FLIGHTS = Flights()


def flight_key(name: str, url: str, data_version: int, args: tuple, kwargs: dict):
    """A hashable key of one call, or None (no sharing) when an argument is not hashable."""
    key = (name, url, data_version, args, tuple(sorted(kwargs.items())))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def database_error(where: str) -> None:
    """Log a database error with its traceback on the server, tell the user in Chinese and end
    this run of the page (no traceback in the browser)."""
    log.exception(labels.LOG_DB_ERROR, where)
    st.error(labels.DB_UNAVAILABLE)
    st.stop()


def data_version(url: str) -> int:
    """The data version of the database at `url`, read once per script run of this session."""
    ctx = get_script_run_ctx()
    marker = getattr(ctx, "cursors", None)  # Streamlit makes a new dict for every script run
    if marker is None:  # outside a script run
        return version.current()
    seen = st.session_state.get(RUN_KEY)
    if seen is not None and seen[0] is marker and seen[1] == url:
        return seen[2]
    value = version.current()
    st.session_state[RUN_KEY] = (marker, url, value)  # holding the marker keeps its id unique
    return value
