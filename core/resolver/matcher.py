"""Text → region: find every division name in a normalised address, keep the ones that form one
consistent chain province → city → county → street, and say how sure we are.

Precision before recall: competing chains or contradicting names leave the address at the level
all candidates share and lower the confidence so it goes to the verification queue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from core.resolver.gazetteer import gazetteer

# A short name followed by one of these is a road ("广东路", "中山北路", "苏州大道东"), not a division.
ROAD_AFTER = re.compile(r"[东南西北中]?[一二三四五六七八九十\d]{0,3}"
                        r"(?:路|街(?!道)|大街|大道|道|巷|弄|桥|里|坊|小区|花园|公寓|大厦|广场)")
ASCII_WORD = re.compile(r"[a-z0-9]")
POSTCODE_PROVINCE = {
    "10": "11", "30": "12", "05": "13", "06": "13", "07": "13", "03": "14", "04": "14",
    "01": "15", "02": "15", "11": "21", "12": "21", "13": "22", "15": "23", "16": "23",
    "20": "31", "21": "32", "22": "32", "31": "33", "32": "33", "23": "34", "24": "34",
    "35": "35", "36": "35", "33": "36", "34": "36", "25": "37", "26": "37", "27": "37",
    "45": "41", "46": "41", "47": "41", "43": "42", "44": "42", "41": "43", "42": "43",
    "51": "44", "52": "44", "53": "45", "54": "45", "57": "46", "40": "50", "61": "51",
    "62": "51", "63": "51", "64": "51", "55": "52", "56": "52", "65": "53", "66": "53",
    "67": "53", "85": "54", "71": "61", "72": "61", "73": "62", "74": "62", "81": "63",
    "75": "64", "83": "65", "84": "65",
}
POSTCODE_CITY = {"215": "3205"}


class Match(NamedTuple):
    start: int
    end: int
    key: str


@dataclass
class Chain:
    """The outcome of walking the matches: candidate codes and the evidence behind them."""
    paths: dict[str, tuple] = field(default_factory=lambda: {"": ()})  # code → evidence
    # evidence items: (key in text, kind of name, length of the code, key has one meaning)
    conflicts: list[str] = field(default_factory=list)
    scoped_default: bool = False  # a scoped alias applied without other context


def postcode_prefix(postcode: str | None) -> str | None:
    if not postcode:
        return None
    return POSTCODE_CITY.get(postcode[:3]) or POSTCODE_PROVINCE.get(postcode[:2])


def find_matches(text: str) -> list[Match]:
    """Division names in `text`, leftmost-longest, without those that are part of a road name
    ("广东路", "中山北路") or of an English word."""
    kept = []
    road_after = ROAD_AFTER.match
    for end, value in gazetteer().automaton.iter_long(text):
        key = value[0]
        start = end - len(key) + 1
        end += 1
        if value[2]:
            if ASCII_WORD.match(text[start - 1:start]) or ASCII_WORD.match(text[end:end + 1]):
                continue
        elif not value[3] and road_after(text, end):
            continue
        kept.append(Match(start, end, key))
    return kept


def _start(match: Match) -> int:
    return match.start


def bare_streets(text: str, within: str) -> list[tuple[str, str]]:
    """(street code, stem) of streets inside `within` whose stem appears without 街道/镇."""
    found = []
    for _end, (key, entries, *_rest) in gazetteer().bare.iter(text):
        found += [(e.code, key) for e in entries if e.code.startswith(within)]
    return found


def walk(matches: list[Match], home: str) -> Chain:
    """The chain for these matches (cached by the sequence of names: addresses repeat it)."""
    paths, conflicts, scoped = _walk_keys(tuple(m.key for m in matches), home)
    return Chain(dict(paths), list(conflicts), scoped)


@lru_cache(maxsize=100_000)
def _walk_keys(keys: tuple[str, ...], home: str) -> tuple:
    chain = Chain()
    lookup = gazetteer().automaton.get
    for key in keys:
        _step(chain, key, lookup(key)[1], lookup(key)[4], home)
    return tuple(chain.paths.items()), tuple(chain.conflicts), chain.scoped_default


def _step(chain: Chain, key: str, entries: tuple, unique: bool, home: str) -> None:
    deeper: dict[str, tuple] = {}
    keep = False
    former_only = all(e.kind == "change" for e in entries)
    for path, evidence in chain.paths.items():
        for entry in entries:
            if not _scope_ok(entry.scope, path, home, former_only):
                continue
            if _replaces_unit(entry.code, path):
                # an explicit 街道/镇 beats a development-zone unit (吴中经济开发区郭巷街道)
                deeper.setdefault(entry.code, evidence + ((key, entry.kind, 9, True),))
            elif entry.code.startswith(path) and len(entry.code) > len(path):
                kind = f"change:{entry.source}" if entry.source else entry.kind
                deeper.setdefault(entry.code, evidence + ((key, kind, len(entry.code), unique),))
                if entry.scope and not path.startswith(entry.scope):
                    chain.scoped_default = True
            elif path.startswith(entry.code):
                keep = True  # an ancestor named again (e.g. the city after the county)
    if deeper:
        # a city and its same-name county (东莞市, 中山市): keep the deeper one; a province and
        # its same-name city (吉林) both stay, so that "吉林长春…" can still reach 长春市
        if len(deeper) > 1:
            deeper = {p: e for p, e in deeper.items()
                      if len(p) < 4 or not any(q != p and q.startswith(p) for q in deeper)}
        chain.paths = deeper
    elif not keep and _contradicts(chain, entries):
        chain.conflicts.append(key)


def _replaces_unit(code: str, path: str) -> bool:
    return (len(path) == 9 and len(code) == 9 and code[:6] == path[:6]
            and int(path[6:]) >= 400 > int(code[6:]))


def _scope_ok(scope: str, path: str, home: str, former_only: bool = False) -> bool:
    """A scoped alias applies inside its scope, or by default when the text names nothing that
    rules the home region out (e.g. "工业园区…" with no city, or only 江苏省). A former name that
    names no current division also applies when the text names only its province (四川省郫县,
    浙江省鄞县); several such meanings in one province stay ambiguous."""
    if not scope or path.startswith(scope):
        return True
    if former_only and len(path) == 2 and scope.startswith(path):
        return True
    return scope.startswith(path) and scope.startswith(home)


def _contradicts(chain: Chain, entries: tuple) -> bool:
    """A name deeper than anything known that does not fit: real contradicting evidence."""
    depth = max(len(p) for p in chain.paths)
    strong = [e for e in entries if e.kind in ("full", "stem", "old_name", "zone", "change")]
    return any(len(e.code) > depth for e in strong) and depth >= 4
