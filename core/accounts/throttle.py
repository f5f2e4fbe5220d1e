"""Slowed login retries. Failed logins are counted per account name (whether the account exists
or not, so that the answer never tells) and per client address. From PATENT_LOGIN_MAX_FAILURES
failures in a row on, each further failure makes the next try wait twice as long as the one
before (1 s, 2 s, 4 s …), up to a short cap per account name and a longer one per address. A
try during the wait is refused without checking the password and without extending the wait, so
nobody can keep an account shut for long; a success, an admin or `python -m core user unlock`
clears an account's count.
"""
from __future__ import annotations

import datetime as dt

from core.config import settings
from core.db import db
from core.db.models import LoginThrottle

FORGET_AFTER = dt.timedelta(hours=1)  # a count restarts after an hour without failures
PRUNE_AFTER = dt.timedelta(days=1)
KEY_LENGTH = 160


def account_key(username: str) -> str:
    return f"user:{username}"[:KEY_LENGTH]


def address_key(address: str) -> str:
    return f"addr:{address}"[:KEY_LENGTH]


def _cap(key: str) -> int:
    name = "PATENT_LOGIN_ADDRESS_MAX_WAIT" if key.startswith("addr:") else \
        "PATENT_LOGIN_ACCOUNT_MAX_WAIT"
    return settings.get_int(name)


def delay(failures: int, cap: int) -> int:
    """Seconds the next try waits after `failures` failures in a row."""
    over = failures - settings.get_int("PATENT_LOGIN_MAX_FAILURES")
    if over < 0 or cap <= 0:
        return 0
    return min(cap, 2 ** min(over, 30))


def wait_seconds(keys: list[str], now: dt.datetime) -> int:
    """Seconds until a try under all `keys` is allowed again (0: allowed now)."""
    rows = LoginThrottle.select().where(LoginThrottle.key.in_(keys),
                                        LoginThrottle.blocked_until > now)
    waits = [min((r.blocked_until - now).total_seconds(), _cap(r.key)) for r in rows]
    return int(max(waits, default=0) + 0.999)


def fail(key: str, now: dt.datetime) -> int:
    """Count one failure under `key`; returns the seconds the next try has to wait."""
    with db.atomic():
        LoginThrottle.insert(key=key, failures=0, last_failure=now).on_conflict_ignore().execute()
        row = LoginThrottle.get(LoginThrottle.key == key)
        failures = 1 if now - row.last_failure > FORGET_AFTER else row.failures + 1
        wait = delay(failures, _cap(key))
        LoginThrottle.update(failures=failures, last_failure=now,
                             blocked_until=now + dt.timedelta(seconds=wait) if wait else None
                             ).where(LoginThrottle.key == key).execute()
        LoginThrottle.delete().where(LoginThrottle.last_failure < now - PRUNE_AFTER).execute()
    return wait


def clear(key: str) -> bool:
    """Forget the failures under `key`; True when there were any."""
    return LoginThrottle.delete().where(LoginThrottle.key == key).execute() > 0


def accounts(now: dt.datetime) -> dict[str, dict]:
    """Current counts per account name: {name: {"failures", "blocked_until"}} (no stale rows)."""
    rows = LoginThrottle.select().where(LoginThrottle.key.startswith("user:"),
                                        LoginThrottle.last_failure > now - FORGET_AFTER)
    return {r.key[len("user:"):]: {"failures": r.failures, "blocked_until": r.blocked_until}
            for r in rows}
