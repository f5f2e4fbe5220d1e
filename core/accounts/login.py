"""One login try: the retry delay first, then the password. An unknown name, an inactive account
and a wrong password get the same answer after the same work (a bcrypt check), and count the
same way, so the answers never tell which names exist."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache

from core.accounts import throttle, users
from core.config import labels
from core.db import db, write_or_defer
from core.db.audit import AuditEvent, record
from core.db.models import User

log = logging.getLogger("patents.login")


@dataclass(frozen=True)
class Attempt:
    """ok: logged in as `user`; otherwise wait > 0 means the try was refused unchecked."""
    ok: bool
    user: User | None = None
    wait: int = 0


@lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> str:
    return users.hash_password("not a password of anyone")


def _keys(username: str, address: str | None) -> list[str]:
    return [throttle.account_key(username)] + ([throttle.address_key(address)] if address else [])


def attempt(username: str, password: str, address: str | None, now: dt.datetime) -> Attempt:
    """Check a login of `username` from client `address` (None: unknown or local)."""
    name = username.strip().lower()
    keys = _keys(name, address)
    wait = throttle.wait_seconds(keys, now)
    if wait:
        log.warning(labels.LOG_LOGIN_WAIT, name, address, wait)
        return Attempt(False, wait=wait)
    user = users.active_user(name)
    hashed = user.password_hash if user else _dummy_hash(users.BCRYPT_ROUNDS)
    if users.check_password(password, hashed) and user is not None:
        write_or_defer(lambda: (throttle.clear(keys[0]), users.register_success(name, now)),
                       name="login bookkeeping")  # the user is in even while a long write runs
        return Attempt(True, user)
    _fail(name, user, address, now)
    return Attempt(False)


def _fail(name: str, user: User | None, address: str | None, now: dt.datetime) -> None:
    log.warning(labels.LOG_LOGIN_FAILED, name, address)
    with db.atomic():
        wait = max(throttle.fail(key, now) for key in _keys(name, address))
        shown = name[:users.MAX_USERNAME]
        note = f"from {address or 'local'}" + (f", next try in {wait} s" if wait else "")
        record(AuditEvent(shown, "login_failed", "user", str(user.id) if user else None, shown,
                          note))
