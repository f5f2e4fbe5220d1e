"""One module per command of `python -m core`. A command refuses bad input by raising CliError
(a one-line Chinese message); `python -m core` prints it on stderr and exits with code 2."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from core.config import labels, settings
from core.upkeep.bootstrap import created_admin, ensure_ready

DB_SCHEMES = ("sqlite", "postgres", "postgresql", "psycopg3")


class CliError(Exception):
    """Bad input or a refused action; str() is the message for the user."""


def open_db(args) -> str:
    """Bind the database named by --db (or the configured one), creating the schema if needed."""
    url = getattr(args, "db", None) or settings.db_url()
    if urlparse(url).scheme.split("+")[0] not in DB_SCHEMES:
        raise CliError(labels.CLI_DB_URL.format(url=url))
    return ensure_ready(url)


def admin_notice(url: str) -> str:
    """Where the admin password of the database at `url` is."""
    created = created_admin(url)
    if created is None:
        return labels.CLI_ADMIN_EXISTS
    if created.password_file is None:
        return labels.CLI_ADMIN_FROM_SETTING
    return labels.CLI_ADMIN_FILE.format(path=created.password_file)


def input_file(name: str) -> Path:
    """The path of an input file that exists and is a regular file."""
    path = Path(name)
    if not path.exists():
        raise CliError(labels.CLI_FILE_MISSING.format(path=name))
    if not path.is_file():
        raise CliError(labels.CLI_NOT_A_FILE.format(path=name))
    return path


def positive(value: int, option: str) -> int:
    if value is None or value < 1:
        raise CliError(labels.CLI_POSITIVE.format(option=option))
    return value


def option(parser, command: str, *flags: str, **kwargs):
    """parser.add_argument(*flags, **kwargs) with the option's Chinese help and metavar from
    labels.CLI_HELP ("command.dest", else "*.dest")."""
    dest = kwargs.get("dest") or next((f.lstrip("-") for f in flags if f.startswith("--")),
                                      flags[0]).replace("-", "_")
    text, metavar = labels.CLI_HELP.get(f"{command}.{dest}") or labels.CLI_HELP[f"*.{dest}"]
    kwargs.setdefault("help", text)
    if metavar and "choices" not in kwargs:
        kwargs.setdefault("metavar", metavar)
    return parser.add_argument(*flags, **kwargs)
