"""User accounts: bcrypt hashes, roles, lockout after repeated failed logins."""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import sys
from pathlib import Path

import bcrypt

from core.config import settings
from core.db import db
from core.db.audit import AuditEvent, record
from core.db.models import ROLES, User

log = logging.getLogger("patents.users")
ADMIN_PASSWORD_FILE = "admin_password.txt"
BCRYPT_ROUNDS = 12


def hash_password(password: str) -> str:
    salt = bcrypt.gensalt(rounds=BCRYPT_ROUNDS)
    return bcrypt.hashpw(password.encode("utf-8"), salt).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))


def create_user(username: str, password: str, role: str, name: str | None = None,
                by: str | None = None) -> User:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    username = username.strip().lower()
    with db.atomic():
        user = User.create(username=username, name=name or username, role=role,
                           password_hash=hash_password(password))
        record(AuditEvent(by, "add", "user", str(user.id), username, f"role={role}"))
    return user


def set_password(username: str, password: str, by: str | None = None) -> None:
    with db.atomic():
        User.update(password_hash=hash_password(password), failed_attempts=0,
                    locked_until=None).where(User.username == username).execute()
        record(AuditEvent(by, "change", "user", None, username, "password reset"))


def _write_secret_file(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    os.chmod(path, 0o600)


def ensure_admin() -> str | None:
    """Create `admin` on a database without users. Returns the generated password, if any."""
    if User.select().exists():
        return None
    given = settings.get("PATENT_ADMIN_PASSWORD")
    password = given or secrets.token_urlsafe(12)
    create_user("admin", password, "admin", name="系统管理员")
    if given:
        return None
    path = settings.data_dir() / ADMIN_PASSWORD_FILE
    _write_secret_file(path, password)
    print(f"[patents] created user 'admin' with password: {password}  (also in {path})",
          file=sys.stderr, flush=True)
    return password


def is_locked(user: User, now: dt.datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def register_failure(username: str, now: dt.datetime) -> User | None:
    """Count a failed login; lock the account once it reaches the limit."""
    user = User.get_or_none(User.username == username)
    log.warning("failed login for %r", username)
    if user is None:
        return None
    limit = settings.get_int("PATENT_LOGIN_MAX_FAILURES")
    minutes = settings.get_int("PATENT_LOGIN_LOCK_MINUTES")
    with db.atomic():
        user.failed_attempts += 1
        if user.failed_attempts >= limit:
            user.locked_until = now + dt.timedelta(minutes=minutes)
            log.warning("account %r locked until %s", username, user.locked_until)
        user.save()
        record(AuditEvent(username, "login_failed", "user", str(user.id), username,
                          f"attempt {user.failed_attempts}"))
    return user


def register_success(username: str, now: dt.datetime) -> None:
    with db.atomic():
        User.update(failed_attempts=0, locked_until=None, last_login=now).where(
            User.username == username).execute()
        record(AuditEvent(username, "login", "user", None, username))


def credentials(now: dt.datetime) -> dict:
    """streamlit-authenticator credentials built from the database (pre-hashed passwords).

    A locked account shows the library a failure count at the limit, so it refuses the login.
    """
    limit = settings.get_int("PATENT_LOGIN_MAX_FAILURES")
    users = {}
    for user in User.select().where(User.active == True):  # noqa: E712
        if user.locked_until and user.locked_until <= now:
            User.update(failed_attempts=0, locked_until=None).where(User.id == user.id).execute()
            user.failed_attempts = 0
        users[user.username] = {
            "name": user.name, "email": user.email or f"{user.username}@localhost",
            "password": user.password_hash, "roles": [user.role],
            "failed_login_attempts": limit if is_locked(user, now) else user.failed_attempts,
        }
    return {"usernames": users}


def list_users() -> list[dict]:
    """Rows: username, name, role, active, failed_attempts, locked_until, last_login, created_at."""
    fields = (User.username, User.name, User.role, User.active, User.failed_attempts,
              User.locked_until, User.last_login, User.created_at)
    return list(User.select(*fields).order_by(User.username).dicts())


def update_user(username: str, by: str | None, **changes) -> None:
    """Change role, name, active or unlock (locked_until=None); audited with before/after."""
    allowed = {"role", "name", "active", "email"}
    if not set(changes) <= allowed:
        raise ValueError(f"cannot change {set(changes) - allowed}")
    if "role" in changes and changes["role"] not in ROLES:
        raise ValueError(f"unknown role {changes['role']!r}")
    with db.atomic():
        user = User.get(User.username == username)
        before = {k: getattr(user, k) for k in changes}
        User.update(**changes).where(User.id == user.id).execute()
        record(AuditEvent(by, "change", "user", str(user.id), username,
                          payload={"before": before, "after": changes}))


def unlock(username: str, by: str | None) -> None:
    with db.atomic():
        User.update(failed_attempts=0, locked_until=None).where(
            User.username == username).execute()
        record(AuditEvent(by, "change", "user", None, username, "unlocked"))
