"""Every setting of the system, declared once: name, default, help.

Values come from the environment first, then from .streamlit/secrets.toml, then the default.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from core.config.once import once

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS = [
    Setting("PATENT_DB_URL", None,
            "Database URL. Empty: an embedded SQLite file data/patents.db (WAL). "
            "Example: postgresql://user@host:5432/patents"),
    Setting("PATENT_DB_BUSY_SECONDS", "300",
            "SQLite only: seconds a write waits for the database's one write lock (writers take "
            "turns) before it fails. Must cover the longest write: an import of a large file or "
            "the nightly rebuild of the summary tables."),
    Setting("PATENT_DATA_DIR", str(ROOT / "data"),
            "Folder for the SQLite file, the generated admin password and the cookie key."),
    Setting("PATENT_HOME_REGION", "3205",
            "Division code of the bureau's home region (city 4 digits, county 6, street 9)."),
    Setting("PATENT_ADMIN_PASSWORD", None,
            "Password for the first admin account. Empty: a random one is generated once, "
            "printed to the console and written to data/admin_password.txt (mode 0600)."),
    Setting("PATENT_COOKIE_KEY", None,
            "Secret that signs the login cookie. Empty: generated on first start and stored "
            "in data/cookie_key.txt (mode 0600)."),
    Setting("PATENT_COOKIE_DAYS", "1",
            "Days a login lasts at most, however active the user is."),
    Setting("PATENT_IDLE_MINUTES", "30",
            "Minutes without any action after which a login session ends (its cookie expires "
            "with it). 0: no idle limit."),
    Setting("PATENT_LOGIN_MAX_FAILURES", "5",
            "Failed logins in a row (per account name and per client address) after which "
            "each further try waits, twice as long each time."),
    Setting("PATENT_LOGIN_ACCOUNT_MAX_WAIT", "60",
            "Longest wait in seconds that failed logins can put on one account name."),
    Setting("PATENT_LOGIN_ADDRESS_MAX_WAIT", "900",
            "Longest wait in seconds for one client address. 0: no per-address delay (behind "
            "a reverse proxy every user shares its address)."),
    Setting("PATENT_DEMO_SIZE", "50000",
            "Number of patents the first-start demo region gets when the user asks for it."),
    Setting("PATENT_INBOX_DIR", str(ROOT / "data" / "inbox"),
            "Folder the import job watches: files dropped here are imported (patent lists; "
            "names containing 'event'/'法律' or 'fee'/'缴费' as legal events or fee payments) "
            "and moved to done/ or failed/."),
    Setting("PATENT_INBOX_SETTLE_SECONDS", "60",
            "Seconds a file in the inbox must have stayed unchanged before it is imported "
            "(a file still being copied waits for the next run)."),
    Setting("PATENT_TEST_PG_URL", None,
            "Tests only: PostgreSQL server URL for the database tests. Empty: those tests skip."),
]
_BY_NAME = {s.name: s for s in SETTINGS}


@once
def _secrets() -> dict:
    path = ROOT / ".streamlit" / "secrets.toml"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def get(name: str) -> str | None:
    """The value of a declared setting: environment, then secrets.toml, then default."""
    setting = _BY_NAME[name]
    value = os.environ.get(name)
    if value in (None, ""):
        value = _secrets().get(name)
    if value in (None, ""):
        value = setting.default
    return None if value is None else str(value)


def get_int(name: str) -> int:
    return int(get(name))


def data_dir() -> Path:
    path = Path(get("PATENT_DATA_DIR"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_url() -> str:
    return get("PATENT_DB_URL") or f"sqlite:///{data_dir() / 'patents.db'}"
