"""Text for a terminal, where a Chinese character takes two columns (Python's len counts one):
display width, padding and wrapping by it, and the Chinese help screens of `python -m core`
(argparse's own words — usage, headings, -h — in Chinese, its columns laid out by width)."""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata

from core.config import labels


def width(text: str) -> int:
    """Terminal columns of `text`."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    """`text` padded with spaces to `columns` display columns (aligned right when `right`)."""
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def wrap(text: str, columns: int) -> list[str]:
    """`text` in lines of at most `columns` display columns, broken between Chinese characters
    or at spaces (a Latin word is not split unless longer than a line)."""
    lines, line = [], ""
    for word in _pieces(" ".join(text.split())):
        if line and width(line + word) > columns:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    return [*lines, line.rstrip()] if line.strip() else lines


def _pieces(text: str) -> list[str]:
    """Each wide character alone; each run of narrow ones up to and with its trailing space."""
    pieces, run = [], ""
    for c in text:
        if width(c) == 2:
            pieces += [run, c] if run else [c]
            run = ""
        else:
            run += c
            if c == " ":
                pieces.append(run)
                run = ""
    return [p for p in [*pieces, run] if p]


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, labels.CLI_USAGE if prefix is None else prefix)

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            headers = [self._format_action_invocation(a)
                       for a in (action, *self._iter_indented_subactions(action))]
            self._action_max_length = max(self._action_max_length, self._current_indent
                                          + max(map(width, headers)))

    def _split_lines(self, text, columns):
        return wrap(text, columns)

    def _format_action(self, action):
        """argparse's layout, measured in display columns."""
        help_position = min(self._action_max_length + 2, self._max_help_position)
        action_width = help_position - self._current_indent - 2
        header = " " * self._current_indent + self._format_action_invocation(action)
        help_text = self._expand_help(action) if action.help and action.help.strip() else ""
        lines = wrap(help_text, max(self._width - help_position, 11)) if help_text else []
        if lines and width(header) - self._current_indent <= action_width:
            parts = [header + " " * (help_position - width(header)) + lines.pop(0) + "\n"]
        else:
            parts = [header + "\n"]
        parts += [" " * help_position + line + "\n" for line in lines]
        parts += [self._format_action(sub) for sub in self._iter_indented_subactions(action)]
        return self._join_parts(parts)


def argument_message(message: str) -> str:
    """argparse's English message in Chinese (the option names stay as typed)."""
    for pattern, template in labels.CLI_ARG_ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return template.format(*match.groups())
    return labels.CLI_ARG_ERROR.format(message)


class Parser(argparse.ArgumentParser):
    """The help screens in Chinese (HelpFormatter; argparse's headings and -h too); a bad
    argument ends in one Chinese line on stderr and exit code 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = labels.CLI_POSITIONALS
        self._optionals.title = labels.CLI_OPTIONS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=labels.CLI_HELP_OPTION)

    def error(self, message: str):
        print(argument_message(message), file=sys.stderr)
        sys.exit(2)

    def format_help(self) -> str:
        text = super().format_help()
        for title in (labels.CLI_POSITIONALS, labels.CLI_OPTIONS):  # argparse adds ":"
            text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text
