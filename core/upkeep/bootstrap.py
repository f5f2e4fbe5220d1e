"""Make a database ready to serve: connect, create or upgrade the schema, load the divisions and
the shipped industries, create the first admin. Safe to call on every start; it does work only the first time."""
from __future__ import annotations

import secrets
import threading

from core.accounts.users import FirstAdmin, _write_secret_file, ensure_admin
from core.config import settings
from core.cubes import rebuild
from core.db import connect, current_url, db
from core.db.migrations import upgrade
from core.regions.divisions import load_divisions
from core.rules.industries import ensure_defaults

_lock = threading.Lock()
_first_admins: dict[str, FirstAdmin] = {}  # by database URL: the admin this process created


def ensure_ready(url: str | None = None) -> str:
    """Bind the database at `url` (default: the configured one) and prepare it. Returns the URL."""
    url = url or settings.db_url()
    with _lock:
        if current_url() == url:
            return url
        connect(url, busy_seconds=float(settings.get("PATENT_DB_BUSY_SECONDS")))
        with db.connection_context():
            upgrade_schema()
            load_divisions()
            ensure_defaults()  # the shipped industries and their IPC rules (new database)
            created = ensure_admin()
            if created:
                _first_admins[url] = created
    return url


def upgrade_schema() -> list[int]:
    """Create or upgrade the schema (core.db.migrations.upgrade) and build the summary tables
    a step added, which core.db cannot build (core.cubes.rebuild.build_added). Returns the
    steps applied."""
    stamp = rebuild.stamp_if_current()
    applied = upgrade()
    rebuild.build_added(applied, stamp)
    return applied


def created_admin(url: str) -> FirstAdmin | None:
    """The admin account ensure_ready(url) created in this process, if it did."""
    return _first_admins.get(url)


def cookie_key() -> str:
    """The login-cookie signing key: configured, or generated once and kept in data/ (0600)."""
    configured = settings.get("PATENT_COOKIE_KEY")
    if configured:
        return configured
    path = settings.data_dir() / "cookie_key.txt"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(48)
    _write_secret_file(path, key)
    return key
