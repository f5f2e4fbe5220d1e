"""`python -m core … --help` speaks Chinese and lines its columns up on a terminal, where a
Chinese character takes two columns (core.cli.terminal)."""
from __future__ import annotations

import argparse
import re
import unicodedata

import pytest

from core.__main__ import COMMANDS, _parser
from core.cli.terminal import pad, wrap
from core.config import labels
from core.reports.build import SECTION_KEYS

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
# formats, names of settings and files a help text names as they are typed
ALLOWED = {"JSON", "YYYY", "MM", "DD", "PATENT_DB_URL", "patents", "db", "cli", "xlsx", "xls",
           "csv", "txt", "docx", "CN",
           "invention", "utility", "design",  # fees --type takes the type's code too
           *SECTION_KEYS}  # report --sections


def columns(text: str) -> int:
    """Terminal columns, by the Unicode East Asian Width property (W and F take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _screens() -> dict[str, tuple]:
    """Every help screen: (its text, its parser), the user command's actions included."""
    screens = {}
    for name in ["", *COMMANDS]:
        parser = _parser([name] if name else [])
        chosen = parser if not name else _subparsers(parser)[name]
        screens[name] = (chosen.format_help(), chosen)
        if name == "user":
            for action, sub in _subparsers(chosen).items():
                screens[f"user {action}"] = (sub.format_help(), sub)
    return screens


def _subparsers(parser) -> dict:
    return next(a.choices for a in parser._actions if a.choices and hasattr(a, "_name_parser_map"))


SCREENS = _screens()


def _typed_words(parser) -> set[str]:
    """The words a user types: the command, option names, the values of choices, the commands'
    names."""
    words = set(LATIN_WORD.findall(parser.prog))
    for action in parser._actions:
        for text in [*action.option_strings, *(action.choices or ())]:
            words |= set(LATIN_WORD.findall(str(text)))
    return words | set(COMMANDS)


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_help_screen_is_chinese(name):
    text, parser = SCREENS[name]
    assert text.startswith(f"{labels.CLI_USAGE}python -m core {name}".rstrip())
    assert f"\n{labels.CLI_OPTIONS}：\n" in text
    english = set(LATIN_WORD.findall(text)) - _typed_words(parser) - ALLOWED
    assert not english, english
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):  # its commands have help each
            assert re.search(r"[\u4e00-\u9fff]", action.help), action.option_strings


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_help_texts_start_in_one_column_and_fit_the_screen(name):
    """Past the usage, each help text starts in one terminal column: on its option's line
    (after two spaces at least) or on the lines below. No line is wider than the screen but an
    option with a long list of choices, alone on its line, or a help text's unbreakable word."""
    text = SCREENS[name][0]
    width = max(columns(line) for line in text.split("\n\n", 1)[0].splitlines())
    starts = set()
    for line in text.split("\n\n", 1)[1].splitlines():
        if not line.startswith("  "):
            continue  # a heading or a blank line
        indent = len(line) - len(line.lstrip(" "))
        match = re.match(r"^( +\S+(?: \S+)?  +)(\S.*)$", line)
        if match:
            starts.add(columns(match.group(1)))
        elif indent > 6:
            starts.add(indent)
        if "{" not in line and re.search(r"[ \u4e00-\u9fff]", line.strip()):
            assert columns(line) <= max(width, 78), line
    assert len(starts) == 1, (name, starts)


def test_wrap_breaks_between_chinese_characters_and_at_spaces():
    text = "数据库地址（默认：设置项 PATENT_DB_URL，或数据目录下的 patents.db）"
    lines = wrap(text, 20)
    assert all(columns(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert lines == ["数据库地址（默认：设", "置项 PATENT_DB_URL，", "或数据目录下的", "patents.db）"]
    assert wrap("a-very-long-option-value", 10) == ["a-very-long-option-value"]


def test_pad_counts_a_chinese_character_as_two_columns():
    assert pad("办理登记时", 12) == "办理登记时  "
    assert pad("2022-03-15", 12) == "2022-03-15  "
    assert pad("900", 6, right=True) == "   900"
    assert pad("费减后", 4) == "费减后"  # wider than asked: left as it is
