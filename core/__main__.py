"""Command line: `python -m core <command> …`. Each command lives in its own module under
core/cli/ exposing `configure(parser)` and `run(args) -> int`.

Every error ends in one Chinese line on stderr and exit code 2, never a traceback (add
`--traceback` before the command to see one)."""
from __future__ import annotations

import contextlib
import errno
import importlib
import logging
import os
import sys

import peewee

from core.accounts.users import AccountError
from core.cli import CliError, option, terminal
from core.config import labels

COMMANDS = {
    "init": "core.cli.init",
    "demo": "core.cli.demo",
    "resolve": "core.cli.resolve",
    "import": "core.cli.imports",
    "appno": "core.cli.appno",
    "fees": "core.cli.fees",
    "indicators": "core.cli.indicators",
    "report": "core.cli.report",
    "user": "core.cli.user",
    "serve": "core.cli.serve",
}
log = logging.getLogger("patents.cli")


class Parser(terminal.Parser):
    """Argument errors raise CliError (one Chinese line) instead of printing the usage; the help
    screens are Chinese (core.cli.terminal)."""

    def error(self, message: str):
        command = self.prog.removeprefix("python -m core").strip()
        hint = labels.CLI_USAGE_HINT.format(command=command).replace("  ", " ")
        raise CliError(terminal.argument_message(message) + hint)


def _parser(argv: list[str]) -> Parser:
    parser = Parser(prog="python -m core")
    parser.add_argument("--traceback", action="store_true", help=labels.CLI_TRACEBACK)
    sub = parser.add_subparsers(dest="command", metavar=labels.CLI_COMMAND, required=True)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, module_name in COMMANDS.items():
        command = sub.add_parser(name, help=labels.CLI_COMMANDS[name])
        option(command, name, "--db")
        if name == chosen:  # only the command run is imported (each pulls in its own packages)
            importlib.import_module(module_name).configure(command)
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _message(exc: BaseException) -> str:
    """The Chinese line for an error that escaped a command."""
    if isinstance(exc, CliError | AccountError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return labels.CLI_FILE_MISSING.format(path=exc.filename)
    if isinstance(exc, IsADirectoryError):
        return labels.CLI_NOT_A_FILE.format(path=exc.filename)
    if isinstance(exc, UnicodeDecodeError):
        return labels.CLI_FILE_UNREADABLE.format(path="")
    if isinstance(exc, OSError):
        reason = labels.OS_ERROR_REASON.get(errno.errorcode.get(exc.errno or 0, ""),
                                            labels.OS_ERROR_OTHER)
        return labels.CLI_OS_ERROR.format(path=exc.filename or "", reason=reason)
    if isinstance(exc, peewee.PeeweeException):
        return labels.CLI_DB_ERROR.format(detail=str(exc).strip().splitlines()[0][:200])
    return labels.CLI_INTERNAL.format(kind=f"{type(exc).__name__}: {str(exc)[:200]}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    traceback_wanted = "--traceback" in argv
    try:
        args = _parser(argv).parse_args(argv)
        code = importlib.import_module(COMMANDS[args.command]).run(args) or 0
        sys.stdout.flush()  # a reader gone (`… | head`) shows here, not at the interpreter's exit
        return code
    except KeyboardInterrupt:
        print(labels.CLI_INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`… | head`): nothing to say to anyone
        _silence_stdout()
        return 141  # as a shell reports a command ended by SIGPIPE
    except Exception as exc:  # the command line never shows a traceback unless asked
        if traceback_wanted:
            raise
        if not isinstance(exc, CliError | AccountError):
            log.debug("command failed", exc_info=True)
        print(_one_line(_message(exc)), file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null: the interpreter's last flush would raise again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
