"""Column headers of vendor exports → canonical fields (the tables are in headers.py).

Headers are normalised first (NFKC, no spaces, no brackets or slashes, ASCII lower-case), so
「公开（公告）号」, 「公开(公告)号」 and the bracket-less 「公开公告号」 are one header. A header that
matches no alias is tried again without its tags (「[标]当前申请(专利权)人」, 「标题(译)(简体中文)」,
「Title - DWPI」) and without a trailing number (「申请人2」): a tagged column feeds its field when
the plain one is absent or empty in a row, numbered columns are joined. The source (the vendor) is
detected from headers only that vendor writes; it decides nothing but the few vendor-only aliases
(Google Patents' `id`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from core.importer.headers import (
    ALIASES,
    JOINED,
    LANGUAGE_TAGS,
    REQUIRED,
    SIGNATURES,
    SOURCE_ALIASES,
    SOURCES,
)

__all__ = ["ALIASES", "REQUIRED", "SOURCES", "Mapping", "detect_source", "find_header",
           "guess_kind", "header_score", "map_columns", "norm_header"]
_DROP = re.compile(r"[\s()\[\]{}<>/\\:：*_\-.·]+")


def norm_header(header) -> str:
    """NFKC, brackets/slashes/spaces dropped, ASCII lower-cased: 「公开（公告）号 」 → 公开公告号."""
    out = unicodedata.normalize("NFKC", str(header or "")).replace("\ufeff", "")
    out = out.translate(str.maketrans("【】〔〕", "[][]"))
    return _DROP.sub("", out).lower()


NORM_ALIASES = {kind: {f: tuple(dict.fromkeys(norm_header(a) for a in aliases))
                       for f, aliases in table.items()} for kind, table in ALIASES.items()}
NORM_SIGNATURES = {src: frozenset(norm_header(h) for h in heads)
                   for src, heads in SIGNATURES.items()}
_LEAD_TAG = re.compile(r"^[\[【(]([^\]】)]{1,8})[\]】)]\s*")
_TAIL_TAG = re.compile(r"\s*[(]([^()]{1,12})[)]$")
_DASH_TAG = re.compile(r"\s+-\s+([^-]{1,12})$")
_NUMBER = re.compile(r"\s*(?:\((\d{1,2})\)|(\d{1,2}))$")


def split_header(header) -> tuple[str, tuple[str, ...], int | None]:
    """(header without tags or number, tags, number): 「[标]当前申请(专利权)人」 →
    ('当前申请(专利权)人', ('标',), None); 「标题(译)(简体中文)」 → ('标题', ('简体中文', '译'), None);
    「Title - DWPI」 → ('Title', ('dwpi',), None); 「申请人2」 → ('申请人', (), 2). Only the tags
    of headers.LANGUAGE_TAGS are taken off (「申请人(其他)」 stays as it is)."""
    rest = unicodedata.normalize("NFKC", str(header or "")).replace("\ufeff", "").strip()
    rest = rest.translate(str.maketrans("【】〔〕", "[][]"))
    tags: list[str] = []
    lead = _LEAD_TAG.match(rest)
    if lead and lead.group(1).strip().lower() in LANGUAGE_TAGS:
        tags.append(lead.group(1).strip().lower())
        rest = rest[lead.end():]
    while tail := (_TAIL_TAG.search(rest) or _DASH_TAG.search(rest)):
        tag = tail.group(1).strip().lower()
        if tag not in LANGUAGE_TAGS:
            break
        tags.append(tag)
        rest = rest[:tail.start()].rstrip()
    number = _NUMBER.search(rest)
    if number and number.start() > 0:
        return rest[:number.start()], tuple(tags), int(number.group(1) or number.group(2))
    return rest, tuple(tags), None


@dataclass
class Mapping:
    """Column index of each canonical field, the headers as written, and what is left over.
    fallbacks: further columns read, in order, when the field's column is empty in a row (the
    tagged variants of its header); joined: further columns whose values are added to it (one
    column per holder)."""
    kind: str
    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    fallbacks: dict[str, list[int]] = field(default_factory=dict)
    joined: dict[str, list[int]] = field(default_factory=dict)

    def as_names(self) -> dict[str, str]:
        """canonical field → the header it came from."""
        return {f: self.headers[i] for f, i in self.fields.items()}

    def extra_names(self) -> dict[str, list[str]]:
        """canonical field → the headers of its fallback and joined columns."""
        out: dict[str, list[str]] = {}
        for table in (self.fallbacks, self.joined):
            for name, indexes in table.items():
                out.setdefault(name, []).extend(self.headers[i] for i in indexes)
        return {name: headers for name, headers in out.items() if headers}

    def missing_required(self) -> list[tuple[str, ...]]:
        return [group for group in REQUIRED[self.kind] if not any(f in self.fields for f in group)]


def _aliases(kind: str, source: str | None = None) -> dict[str, tuple[str, ...]]:
    table = dict(NORM_ALIASES[kind])
    for name, extra in SOURCE_ALIASES.get(source or "", {}).items():
        if name in table:
            table[name] = table[name] + tuple(norm_header(a) for a in extra)
    return table


def _alias_index(aliases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    """normalised alias → (field, rank of the alias in the field's list)."""
    out: dict[str, tuple[str, int]] = {}
    for name, names in aliases.items():
        for rank, alias in enumerate(names):
            out.setdefault(alias, (name, rank))
    return out


_INDEX = {kind: _alias_index(NORM_ALIASES[kind]) for kind in NORM_ALIASES}


def field_of(header, kind: str) -> str | None:
    """The canonical field a header feeds, plain, tagged or numbered; None when unknown."""
    index = _INDEX[kind]
    found = index.get(norm_header(header)) or index.get(norm_header(split_header(header)[0]))
    return found[0] if found else None


def header_score(row, kind: str) -> int:
    """How many cells of a row name a field (with the vendor-only aliases of the vendor the
    row's headers point to)."""
    score = sum(1 for cell in row if cell is not None and field_of(cell, kind))
    extra = SOURCE_ALIASES.get(detect_source(row) or "", {}) if kind == "patents" else {}
    own = {norm_header(a) for aliases in extra.values() for a in aliases}
    return score + sum(1 for cell in row if cell is not None and norm_header(cell) in own)


def find_header(rows: list[tuple], kind: str, scan: int = 20,
                known: set[str] | None = None) -> int | None:
    """Index of the header row: the row among the first `scan` matching the most aliases (≥ 2),
    so banner rows above it (a title, the search query, an export date) are skipped. `known`:
    headers mapped by hand, which count as aliases."""
    best, best_score = None, 1
    known = known or set()
    for index, row in enumerate(rows[:scan]):
        score = header_score(row, kind) + sum(1 for c in row if c is not None
                                              and str(c).strip() in known)
        if score > best_score:
            best, best_score = index, score
    return best


def map_columns(headers: list, kind: str, override: dict[str, str | None] | None = None,
                source: str | None = None) -> Mapping:
    """Map headers to canonical fields. `override` (header → field, or None to ignore a column)
    replaces the automatic choice for the columns it names; `source` adds that vendor's own
    aliases."""
    headers = [str(h).strip() if h is not None else "" for h in headers]
    mapping = Mapping(kind, headers)
    override = override or {}
    aliases = _aliases(kind, source)
    norms = [norm_header(h) for h in headers]
    taken: set[int] = set()
    for index, header in enumerate(headers):
        if header in override:
            taken.add(index)
            target = override[header]
            if target and target in ALIASES[kind] and target not in mapping.fields:
                mapping.fields[target] = index
    for name, names in aliases.items():
        if name in mapping.fields:
            continue
        for alias in names:
            index = next((i for i, n in enumerate(norms) if n == alias and i not in taken), None)
            if index is not None:
                mapping.fields[name] = index
                taken.add(index)
                break
    _map_variants(mapping, _alias_index(aliases), taken)
    mapping.unmapped = [h for i, h in enumerate(headers) if i not in taken and h]
    return mapping


SECONDARY = 3  # tag rank from which a tagged column only backs up a plain one (DWPI)


def _map_variants(mapping: Mapping, index: dict[str, tuple[str, int]], taken: set[int]) -> None:
    """Tagged and numbered headers: the best-ranked feeds a field that has no column yet (not
    a vendor's rewritten rendering such as 「专利权人 - DWPI」), the others become its fallbacks
    (tagged) or joined columns (numbered)."""
    tagged: dict[str, list[tuple]] = {}
    numbered: dict[str, list[tuple]] = {}
    for column, header in enumerate(mapping.headers):
        if column in taken or not header:
            continue
        rest, tags, number = split_header(header)
        found = index.get(norm_header(rest)) if (tags or number is not None) else None
        if found is None or (number is not None and found[0] not in JOINED):
            continue
        name, alias_rank = found
        if number is not None:
            numbered.setdefault(name, []).append((number, column))
        else:
            rank = max(LANGUAGE_TAGS[t] for t in tags)
            tagged.setdefault(name, []).append((rank, alias_rank, column))
        taken.add(column)
    for table, target in ((tagged, mapping.fallbacks), (numbered, mapping.joined)):
        for name, found in table.items():
            order = [entry[-1] for entry in sorted(found)]
            if name not in mapping.fields and (table is numbered or min(found)[0] < SECONDARY):
                mapping.fields[name] = order.pop(0)
            if name in mapping.fields:
                target[name] = order
            else:  # only vendor renderings (Derwent's DWPI names): not a field of their own
                taken.difference_update(order)


def detect_source(headers) -> str | None:
    """The vendor whose signature headers match most, or None."""
    norms = {norm_header(h) for h in headers if h is not None}
    scores = {src: len(norms & sig) for src, sig in NORM_SIGNATURES.items()}
    best = max(scores, key=lambda s: (scores[s], -SOURCES.index(s)))
    return best if scores[best] else None


def guess_kind(headers: list) -> str:
    """patents, events or fees: among the kinds whose required columns the headers have, the
    one most columns map to, then the one whose distinctive columns match best (ties →
    patents): an incoPat list with every field chosen names 转让人, 许可人, 出质人 … yet is a
    patent list. When no kind has them all, the kind most columns map to, so that its missing
    columns are named (a patent list without 标题 is not read as a legal-event list whose every
    row lacks a date)."""
    scores = _distinctive_scores(headers)
    vendor = detect_source(headers)
    mappings = {k: map_columns(headers, k, source=vendor) for k in scores}
    complete = [k for k in scores if not mappings[k].missing_required()]
    if complete:
        return max(complete, key=lambda k: (len(mappings[k].fields), scores[k], k == "patents"))
    mapped = {k: len(mappings[k].fields) for k in scores}
    return max(mapped, key=lambda k: (mapped[k], k == "patents"))


def _distinctive_scores(headers: list) -> dict[str, int]:
    norms = {norm_header(h) for h in headers}
    distinctive = {
        "patents": {a for f in ("title", "ipc_all", "inventors", "ipc_main")
                    for a in NORM_ALIASES["patents"][f]},
        "events": {a for f in ("event", "before", "after", "licensor", "pledgor", "pledgee",
                               "detail", "contract_no") for a in NORM_ALIASES["events"][f]},
        "fees": {a for f in ("patent_year", "paid_on", "surcharge")
                 for a in NORM_ALIASES["fees"][f]},
    }
    return {k: len(norms & v) for k, v in distinctive.items()}
