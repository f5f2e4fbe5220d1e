"""`python -m core user …`: account recovery from the server's command line, each change audited
under `cli:<login>`.

    python -m core user list
    python -m core user add NAME --role viewer [--display 姓名] [--password-stdin]
    python -m core user password NAME [--password-stdin]   # new password; ends NAME's sessions
    python -m core user unlock NAME                          # or: unlock --address 10.0.0.7
    python -m core user role NAME checker                    # ends NAME's sessions
    python -m core user deactivate NAME | activate NAME

Without --password-stdin a random password is generated and printed once. A password is never
taken from the command line (other users could read it in the process list)."""
from __future__ import annotations

import argparse
import getpass
import secrets
import sys

from core.accounts import throttle, users
from core.cli import CliError, open_db, option
from core.config import labels
from core.db.models import ROLES


def configure(parser) -> None:
    actions = parser.add_subparsers(dest="action", metavar=labels.CLI_ACTION, required=True)
    for name, help_text in labels.CLI_USER_ACTIONS.items():
        action = actions.add_parser(name, help=help_text)
        option(action, "user", "--db", default=argparse.SUPPRESS)
        if name != "list":
            option(action, "user", "username", type=_name, nargs="?" if name == "unlock" else None)
        if name in ("add", "password"):
            option(action, "user", "--password-stdin", action="store_true")
        if name == "add":
            option(action, "user", "--role", required=True, choices=ROLES)
            option(action, "user", "--display")
        if name == "role":
            option(action, "user", "role", choices=ROLES)
        if name == "unlock":
            option(action, "user", "--address")


def _name(text: str) -> str:
    return text.strip().lower()


def _by() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _password(args) -> tuple[str, bool]:
    """The new password and whether it was generated (then it is printed once)."""
    if not args.password_stdin:
        return secrets.token_urlsafe(12), True
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise CliError(labels.CLI_PASSWORD_EMPTY)
    return line, False


def _list() -> None:
    for row in users.list_users():
        print(labels.CLI_USER_LINE.format(
            user=row["username"], name=row["name"], role=labels.ROLE[row["role"]],
            state=labels.CLI_USER_STATE[bool(row["active"])], failures=row["failed_attempts"],
            until=row["locked_until"] or "-"))


def _add(args, by: str) -> None:
    password, generated = _password(args)
    users.create_user(args.username, password, args.role, args.display, by=by)
    print(labels.CLI_USER_ADDED.format(user=args.username, role=labels.ROLE[args.role]))
    if generated:
        print(labels.CLI_NEW_PASSWORD.format(password=password))


def _set_password(args, by: str) -> None:
    password, generated = _password(args)
    users.set_password(args.username, password, by=by)
    print(labels.CLI_PASSWORD_SET.format(user=args.username))
    if generated:
        print(labels.CLI_NEW_PASSWORD.format(password=password))


def _unlock(args, by: str) -> None:
    if args.address:
        throttle.clear(throttle.address_key(args.address))
        print(labels.CLI_UNLOCKED.format(key=args.address))
    elif args.username:
        users.unlock(args.username, by)
        print(labels.CLI_UNLOCKED.format(key=args.username))
    else:
        raise CliError(labels.CLI_UNLOCK_WHAT)


def _change(args, by: str) -> None:
    if args.action == "role":
        users.update_user(args.username, by, role=args.role)
        print(labels.CLI_ROLE_SET.format(user=args.username, role=labels.ROLE[args.role]))
    else:
        active = args.action == "activate"
        users.update_user(args.username, by, active=active)
        print((labels.CLI_ACTIVATED if active else labels.CLI_DEACTIVATED)
              .format(user=args.username))


def run(args) -> int:
    open_db(args)
    by = _by()
    if args.action == "list":
        _list()
    elif args.action == "add":
        _add(args, by)
    elif args.action == "password":
        _set_password(args, by)
    elif args.action == "unlock":
        _unlock(args, by)
    else:
        _change(args, by)
    return 0

