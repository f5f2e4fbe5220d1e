"""User accounts: bcrypt hashes, roles, the per-user session version, the first admin."""
from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from core.accounts import throttle
from core.config import labels, settings
from core.db import db
from core.db.audit import AuditEvent, record
from core.db.models import ROLES, User

ADMIN_PASSWORD_FILE = "admin_password.txt"
BCRYPT_ROUNDS = 12
MIN_PASSWORD = 8
MAX_USERNAME = 64


class AccountError(ValueError):
    """A refused account change; the message is the Chinese text for the user."""


@dataclass(frozen=True)
class FirstAdmin:
    """The admin account created on a database without users."""
    username: str
    password_file: Path | None  # None: the password is PATENT_ADMIN_PASSWORD


def hash_password(password: str) -> str:
    salt = bcrypt.gensalt(rounds=BCRYPT_ROUNDS)
    return bcrypt.hashpw(password.encode("utf-8"), salt).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))


def _get(username: str) -> User:
    user = User.get_or_none(User.username == username)
    if user is None:
        raise AccountError(labels.USER_UNKNOWN.format(user=username))
    return user


def _check_password_rule(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(labels.PASSWORD_TOO_SHORT)


def create_user(username: str, password: str, role: str, name: str | None = None,
                by: str | None = None) -> User:
    username = username.strip().lower()
    if role not in ROLES:
        raise AccountError(labels.ROLE_UNKNOWN.format(role=role, roles="、".join(ROLES)))
    if not username or len(username) > MAX_USERNAME:
        raise AccountError(labels.USERNAME_INVALID.format(n=MAX_USERNAME))
    _check_password_rule(password)
    with db.atomic():
        if User.select().where(User.username == username).exists():
            raise AccountError(labels.USER_EXISTS)
        user = User.create(username=username, name=name or username, role=role,
                           password_hash=hash_password(password))
        record(AuditEvent(by, "add", "user", str(user.id), username, f"role={role}"))
    return user


def _end_sessions(user: User) -> None:
    User.update(session_version=User.session_version + 1).where(User.id == user.id).execute()


def set_password(username: str, password: str, by: str | None = None) -> None:
    """New password; the account's failure count is cleared and its open sessions end."""
    _check_password_rule(password)
    with db.atomic():
        user = _get(username)
        User.update(password_hash=hash_password(password)).where(User.id == user.id).execute()
        _end_sessions(user)
        throttle.clear(throttle.account_key(username))
        record(AuditEvent(by, "change", "user", str(user.id), username, "password reset"))


def end_sessions(username: str, by: str | None, reason: str) -> None:
    """End every open session of `username` at its next run (e.g. reason 'logout')."""
    with db.atomic():
        user = _get(username)
        _end_sessions(user)
        record(AuditEvent(by, reason, "user", str(user.id), username, "sessions ended"))


def active_user(username: str) -> User | None:
    return User.get_or_none((User.username == username) & (User.active == True))  # noqa: E712


def session_version(username: str) -> int | None:
    """The session version of an active account; None when it is missing or inactive."""
    row = (User.select(User.session_version)
           .where((User.username == username) & (User.active == True))  # noqa: E712
           .tuples().first())
    return row[0] if row else None


def _write_secret_file(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    os.chmod(path, 0o600)


def _new_secret_file(folder: Path, text: str) -> Path:
    """Write `text` to admin_password.txt, or admin_password-2.txt … when taken (another
    database's admin password stays where it is)."""
    stem, suffix = Path(ADMIN_PASSWORD_FILE).stem, Path(ADMIN_PASSWORD_FILE).suffix
    for n in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        return path
    raise AccountError(labels.ADMIN_FILE_NO_NAME.format(folder=folder))


def ensure_admin() -> FirstAdmin | None:
    """Create `admin` on a database without users; None when there are users already.

    A generated password goes to a new file in the data folder (never over an existing one)
    and to the console."""
    if User.select().exists():
        return None
    given = settings.get("PATENT_ADMIN_PASSWORD")
    password = given or secrets.token_urlsafe(12)
    create_user("admin", password, "admin", name="系统管理员")
    if given:
        return FirstAdmin("admin", None)
    path = _new_secret_file(settings.data_dir(), password)
    print(labels.ADMIN_CREATED_CONSOLE.format(password=password, path=path),
          file=sys.stderr, flush=True)
    return FirstAdmin("admin", path)


def register_success(username: str, now: dt.datetime) -> None:
    with db.atomic():
        User.update(last_login=now).where(User.username == username).execute()
        record(AuditEvent(username, "login", "user", None, username))


def list_users(now: dt.datetime | None = None) -> list[dict]:
    """Rows: username, name, role, active, failed_attempts, locked_until (the current wait of
    the account name), last_login, created_at."""
    counts = throttle.accounts(now or dt.datetime.now())
    fields = (User.username, User.name, User.role, User.active, User.last_login,
              User.created_at)
    rows = []
    for row in User.select(*fields).order_by(User.username).dicts():
        count = counts.get(row["username"], {})
        rows.append({**row, "failed_attempts": count.get("failures", 0),
                     "locked_until": count.get("blocked_until")})
    order = ("username", "name", "role", "active", "failed_attempts", "locked_until",
             "last_login", "created_at")
    return [{k: r[k] for k in order} for r in rows]


def _other_active_admins(user: User) -> int:
    return User.select().where((User.role == "admin") & (User.active == True)  # noqa: E712
                               & (User.id != user.id)).count()


def update_user(username: str, by: str | None, **changes) -> None:
    """Change role, name, email or active; audited with before/after. A role or active change
    ends the user's open sessions. The last active admin can be neither demoted nor disabled."""
    allowed = {"role", "name", "active", "email"}
    if not set(changes) <= allowed:
        raise ValueError(f"cannot change {set(changes) - allowed}")
    if "role" in changes and changes["role"] not in ROLES:
        raise AccountError(labels.ROLE_UNKNOWN.format(role=changes["role"],
                                                      roles="、".join(ROLES)))
    with db.atomic():
        user = _get(username)
        before = {k: getattr(user, k) for k in changes}
        changed = {k for k in changes if before[k] != changes[k]}
        losing_admin = user.role == "admin" and user.active and (
            changes.get("role", "admin") != "admin" or not changes.get("active", True))
        if losing_admin and not _other_active_admins(user):
            raise AccountError(labels.LAST_ADMIN)
        User.update(**changes).where(User.id == user.id).execute()
        if changed & {"role", "active"}:
            _end_sessions(user)
        record(AuditEvent(by, "change", "user", str(user.id), username,
                          payload={"before": before, "after": changes}))


def unlock(username: str, by: str | None) -> None:
    """Clear the failed-login count and wait of an account name."""
    with db.atomic():
        throttle.clear(throttle.account_key(username))
        record(AuditEvent(by, "change", "user", None, username, "unlocked"))
