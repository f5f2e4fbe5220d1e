"""Industries and their IPC rules (data/industries/, see its README), and the assignment of
patents to industries into `patent_industry`.

A stored rule (`industry_rule`) is an IPC pattern in the importer's symbol form (`G06F 40/30`):
a class `H04`, a subclass `H04W`, a main group `G06F 40/` (all its subgroups), a subgroup prefix
`H01M 10/052*` (that subgroup and every subgroup whose number extends it) or one subgroup
`A61B 5/0476` (that symbol only). Each IPC symbol of a patent takes the polarity of the most
specific rule matching it (longest match; `exclude` rules say "not in"), and a patent is in the
industry when one of its symbols is in. Rules sharing a keyword form their own rule set, which
counts only for patents whose title or abstract (patent_text) contains the keyword, or one of its
`|`-separated alternatives (`光伏|太阳能|硅片`).

The shipped tables are written the way the 2021 concordance table writes a row — IPC patterns
minus that row's own 「不含」 patterns — and `load_defaults` compiles the rows of an industry into
equivalent longest-match rules. Rows of the table that need its keyword cell (`active` 0) are
loaded with the search terms `sei_terms.csv` derives from that cell (by row, else by area), when
it gives any. Parameter `industry_match`: "all" (any IPC of the patent, default) or "main" (main
IPC only).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import peewee as pw

from core.config import rules as ruleparams
from core.config.settings import ROOT
from core.db import db, is_postgres, version
from core.db.models import Industry, IndustryRule, Patent, PatentIndustry, PatentText
from core.db.sql import load_temp

DATA = ROOT / "data" / "industries"
MATCH_KEY = "industry_match"
_PATTERN = re.compile(r"([A-H]\d{2})([A-Z])?(?:(\d{1,4})(?:/(\d{1,6}))?)?(\*)?")
_LIST_SEPARATORS = re.compile(r"[\s;,，；、]+")
SYMBOLS, HITS, TERMS = "industry_symbol", "industry_hit", "industry_term"
FOUND = "industry_found"  # the links of some patents as the rules give them (assign(only=…))


@dataclass(frozen=True)
class Pattern:
    """`key` is a symbol prefix (`prefix`) or one whole symbol."""
    key: str
    prefix: bool

    @classmethod
    def parse(cls, stored: str) -> Pattern:
        if stored.endswith("*"):
            return cls(stored[:-1], True)
        return cls(stored, "/" not in stored or stored.endswith("/"))

    @property
    def stored(self) -> str:
        subgroup = "/" in self.key and not self.key.endswith("/")
        return self.key + "*" if self.prefix and subgroup else self.key

    @property
    def depth(self) -> tuple[int, bool]:
        return len(self.key), not self.prefix

    def covers(self, other: Pattern) -> bool:
        """Every symbol `other` matches, this pattern matches too."""
        if self.prefix:
            return other.key.startswith(self.key)
        return not other.prefix and other.key == self.key


def normalize_prefix(raw: str) -> str:
    """Stored form of one pattern in the table's notation: `G06F40*` → `G06F 40/`,
    `A61B5/0476` → `A61B 5/0476`, `H01M10/052*` → `H01M 10/052*`, `H04W` → `H04W`, `G16*` →
    `G16`; ValueError if not IPC."""
    text = re.sub(r"\s+", "", str(raw or "")).upper().rstrip("X")
    match = _PATTERN.fullmatch(text)
    if not match or (match.group(3) and not match.group(2)):
        raise ValueError(f"无法识别的IPC前缀：{raw}")
    cls, sub, group, subgroup, star = match.groups()
    if not group:
        return cls + (sub or "")
    if not subgroup:
        return f"{cls}{sub} {int(group)}/"
    return f"{cls}{sub} {int(group)}/{subgroup}" + ("*" if star else "")


def patterns(cell: str) -> list[Pattern]:
    """The patterns of one table cell (separated by spaces, ;、, …)."""
    return [Pattern.parse(normalize_prefix(p)) for p in _LIST_SEPARATORS.split(cell or "") if p]


Row = tuple[list[Pattern], list[Pattern]]  # include patterns, the row's own exclusions


def compile_rows(rows: list[Row]) -> list[tuple[Pattern, bool]]:
    """Longest-match rules (pattern, included) equivalent to the union of `rows`. Every symbol
    whose most specific pattern is q is in exactly when q is in, so each pattern gets the
    membership of q; rules repeating the polarity of the rule above them are dropped."""
    kept: list[tuple[Pattern, bool]] = []
    # by depth, then text: the same rules in the same order (ids) in every process
    for q in sorted({p for inc, exc in rows for p in inc + exc},
                    key=lambda p: (p.depth, p.stored)):
        member = any(any(i.covers(q) for i in inc) and not any(e.covers(q) for e in exc)
                     for inc, exc in rows)
        above = next((inside for p, inside in reversed(kept) if p.covers(q)), False)
        if member != above:
            kept.append((q, member))
    return kept


class _Matcher:
    """Longest-match evaluation of one rule set."""

    def __init__(self, rules: list[tuple[Pattern, bool]]):
        self.exact = {p.key: inside for p, inside in rules if not p.prefix}
        self.prefix = {p.key: inside for p, inside in rules if p.prefix}

    def __call__(self, symbol: str) -> bool:
        if symbol in self.exact:
            return self.exact[symbol]
        for end in range(len(symbol), 0, -1):
            inside = self.prefix.get(symbol[:end])
            if inside is not None:
                return inside
        return False


class _Index:
    """Every rule set's longest match at once: each prefix of a symbol is looked up once, in a
    map of key → the (rule set, polarity) pairs holding it, instead of once per rule set (71
    rule sets ship: matching an import's symbols set by set took 0.6 s for 13,000 patents)."""

    def __init__(self, sets: dict[str, dict[str, _Matcher]]):
        self.exact: dict[str, list[tuple[tuple[str, str], bool]]] = {}
        self.prefix: dict[str, list[tuple[tuple[str, str], bool]]] = {}
        for code, by_keyword in sets.items():
            for keyword, matcher in by_keyword.items():
                for into, rules in ((self.exact, matcher.exact), (self.prefix, matcher.prefix)):
                    for key, inside in rules.items():
                        into.setdefault(key, []).append(((code, keyword), inside))

    def hits(self, symbol: str) -> list[tuple[str, str]]:
        """The (industry code, keyword) of every rule set that places `symbol` inside."""
        decided = dict(self.exact.get(symbol, ()))  # an exact rule is the most specific
        for end in range(len(symbol), 0, -1):
            for name, inside in self.prefix.get(symbol[:end], ()):
                decided.setdefault(name, inside)
        return [name for name, inside in decided.items() if inside]


def load_defaults(force: bool = False) -> int:
    """Create the shipped industries (and their rules) that are missing; `force` also replaces
    the rules of the shipped industries. Returns the number of rules written."""
    written = 0
    rows = table_rows()
    with db.atomic():
        for row in _read_csv("industries.csv"):
            industry, created = Industry.get_or_create(
                code=row["code"], defaults={"name": row["name"], "kind": row["kind"],
                                            "note": row["note"]})
            if created or force:
                IndustryRule.delete().where(IndustryRule.industry == industry).execute()
                written += _write_rules(industry, [r for r in rows
                                                   if r["industry_code"] == row["code"]])
        version.bump()
    return written


def table_rows() -> list[dict]:
    """The shipped lines that apply: `active` ones, and rows of the table whose keyword cell
    sei_terms.csv turns into search terms (their `keyword` = the terms joined by `|`)."""
    terms = {r["key"]: r["terms"].strip() for r in _read_csv("sei_terms.csv")}
    out = []
    for row in _read_csv("ipc_rules.csv"):
        if row["active"] == "1":
            out.append(row)
            continue
        label = row["row"]
        found = terms.get(label, terms.get(label.split("-")[0])) if label else None
        if found:
            out.append({**row, "keyword": found})
    return out


def ensure_defaults() -> int:
    """Load the shipped industries into an empty industry table (a new database); a table
    an administrator has edited is left alone. Returns the number of rules written."""
    return 0 if Industry.select().exists() else load_defaults()


def _read_csv(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_rules(industry: Industry, rows: list[dict]) -> int:
    by_keyword: dict[str, list[Row]] = {}
    for row in rows:
        by_keyword.setdefault(row["keyword"].strip(), []).append(
            (patterns(row["ipc"]), patterns(row["exclude_ipc"])))
    written = 0
    for keyword, group in by_keyword.items():
        for pattern, inside in compile_rows(group):
            IndustryRule.create(industry=industry, ipc_prefix=pattern.stored,
                                exclude=not inside, keyword=keyword or None)
            written += 1
    return written


def matchers(industry: Industry) -> dict[str, _Matcher]:
    """keyword ('' for none) → the industry's rule set for it."""
    sets: dict[str, list[tuple[Pattern, bool]]] = {}
    for rule in industry.rules:
        sets.setdefault(rule.keyword or "", []).append(
            (Pattern.parse(rule.ipc_prefix), not rule.exclude))
    return {keyword: _Matcher(rules) for keyword, rules in sets.items()}


def assign(kinds: tuple[str, ...] | None = None, only: str | None = None) -> int:
    """Recompute `patent_industry` for the industries of `kinds` (all when None), for every
    patent or for those whose ids the SQL `only` selects: the patents' IPC symbols go to a
    temporary table, each distinct symbol is matched once, and one INSERT … SELECT joins the
    hits back (with the title keyword where a rule set has one). For some patents only the
    links that differ are written (most of an import's patents keep theirs). Returns the number
    of rows of those industries (of those patents)."""
    query = Industry.select()
    if kinds:
        query = query.where(Industry.kind.in_(list(kinds)))
    sets = {industry.code: matchers(industry) for industry in query}
    match_all = ruleparams.value(MATCH_KEY) == "all"
    mine = PatentIndustry.industry_code.in_(list(sets))
    if only is not None:
        mine &= PatentIndustry.patent.in_(pw.SQL(f"({only})"))
    if only is not None and any(sets.values()):
        with db.atomic():
            found = _relink(sets, match_all, only, mine)
            version.bump()
        return found
    with db.atomic():
        PatentIndustry.delete().where(mine).execute()
        if any(sets.values()):
            _write_hits(sets, match_all, only)
        version.bump()
    if not any(sets.values()):
        return 0
    return PatentIndustry.select().where(mine).count()


def _relink(sets: dict[str, dict[str, _Matcher]], match_all: bool, only: str,
            mine: pw.Expression) -> int:
    """The links of the patents `only` selects as the rule sets give them, written where they
    differ from the stored ones (`mine`: the stored links of those patents and industries):
    the others removed, the missing ones added. Returns the links found."""
    db.execute_sql(f'DROP TABLE IF EXISTS "{FOUND}"')
    db.execute_sql(f'CREATE TEMPORARY TABLE "{FOUND}" (patent_id INTEGER, industry_code TEXT)')
    _write_hits(sets, match_all, only, into=FOUND)
    db.execute_sql(f'CREATE INDEX "{FOUND}_link" ON "{FOUND}" (patent_id, industry_code)')
    table = PatentIndustry._meta.table_name
    same = (f'SELECT 1 FROM "{FOUND}" f WHERE f.patent_id = "{table}".patent_id '
            f'AND f.industry_code = "{table}".industry_code')
    PatentIndustry.delete().where(mine & ~pw.fn.EXISTS(pw.SQL(same))).execute()
    db.execute_sql(f'INSERT INTO "{table}" (patent_id, industry_code) SELECT f.patent_id, '
                   f'f.industry_code FROM "{FOUND}" f WHERE NOT EXISTS (SELECT 1 FROM "{table}" l '
                   "WHERE l.patent_id = f.patent_id AND l.industry_code = f.industry_code)")
    found = db.execute_sql(f'SELECT COUNT(*) FROM "{FOUND}"').fetchone()[0]
    db.execute_sql(f'DROP TABLE "{FOUND}"')
    return found


def _write_hits(sets: dict[str, dict[str, _Matcher]], match_all: bool,
                only: str | None = None, into: str | None = None) -> None:
    """patent_industry rows (into the table `into` when given, with the same two columns) for
    the patents whose IPC symbols the rule sets match."""
    _symbols_table(match_all, only)
    symbols = [r[0] for r in db.execute_sql(f'SELECT DISTINCT symbol FROM "{SYMBOLS}"')]
    index = _Index(sets)
    hits = [(symbol, code, keyword) for symbol in symbols for code, keyword in index.hits(symbol)]
    load_temp(HITS, [("symbol", "TEXT"), ("industry_code", "TEXT"), ("keyword", "TEXT")], hits)
    db.execute_sql(f'CREATE INDEX "{HITS}_symbol" ON "{HITS}" (symbol)')
    keywords = {k for by_keyword in sets.values() for k in by_keyword if k}
    load_temp(TERMS, [("keyword", "TEXT"), ("term", "TEXT")],
              [(k, term) for k in sorted(keywords) for term in keyword_terms(k)])
    db.execute_sql(f'CREATE INDEX "{TERMS}_keyword" ON "{TERMS}" (keyword)')
    db.execute_sql(_insert_sql(into or PatentIndustry._meta.table_name))


def keyword_terms(keyword: str) -> list[str]:
    """The alternatives of a stored keyword (`光伏|太阳能` → ['光伏', '太阳能'])."""
    return [t.strip() for t in (keyword or "").split("|") if t.strip()]


def _symbols_table(match_all: bool, only: str | None = None) -> None:
    """Temporary table (patent_id, symbol): every IPC symbol of every patent (of those `only`
    selects), or the main one."""
    db.execute_sql(f'DROP TABLE IF EXISTS "{SYMBOLS}"')
    among = "" if only is None else f" WHERE id IN ({only})"
    text = ("COALESCE(ipc_main, '') || ';' || COALESCE(ipc_all, '')" if match_all
            else "COALESCE(ipc_main, '')")
    if is_postgres():
        body = (f"SELECT id AS patent_id, btrim(s) AS symbol "
                f"FROM (SELECT * FROM patent{among}) patent, "
                f"unnest(string_to_array({text}, ';')) AS s WHERE btrim(s) <> ''")
    else:
        body = ("WITH RECURSIVE split(patent_id, symbol, rest) AS ("
                f"SELECT id, '', {text} || ';' FROM patent{among} UNION ALL "
                "SELECT patent_id, trim(substr(rest, 1, instr(rest, ';') - 1)), "
                "substr(rest, instr(rest, ';') + 1) FROM split WHERE rest <> '') "
                "SELECT patent_id, symbol FROM split WHERE symbol <> ''")
    db.execute_sql(f'CREATE TEMPORARY TABLE "{SYMBOLS}" AS {body}')


def _insert_sql(into: str) -> str:
    """Hits without a keyword count as they are; keyword hits when the title or the abstract
    contains one of the keyword's terms."""
    find = "strpos" if is_postgres() else "instr"
    return (f'INSERT INTO "{into}" (patent_id, industry_code) '
            f'SELECT DISTINCT s.patent_id, h.industry_code FROM "{SYMBOLS}" s '
            f'JOIN "{HITS}" h ON h.symbol = s.symbol '
            f'LEFT JOIN "{TERMS}" t ON t.keyword = h.keyword '
            f"JOIN patent p ON p.id = s.patent_id "
            f'LEFT JOIN "{PatentText._meta.table_name}" x ON x.patent_id = s.patent_id '
            f"WHERE h.keyword = '' OR {find}(p.title, t.term) > 0 "
            f"OR {find}(COALESCE(x.abstract, ''), t.term) > 0")


def in_industry(code: str, model=Patent) -> pw.Expression:
    """Patents of `model` that belong to industry `code` (stored assignment)."""
    sub = PatentIndustry.select(PatentIndustry.patent).where(PatentIndustry.industry_code == code)
    return model.id.in_(sub)


def in_any_industry(kind: str = "sei", model=Patent, few: bool = False) -> pw.Expression:
    """The patent is in an industry of `kind`. few=True for a condition tested on a few rows
    (the changed patents of a live part): a correlated EXISTS through the patent's index instead
    of IN (subquery), which PostgreSQL hashes from every industry link of the database."""
    codes = Industry.select(Industry.code).where(Industry.kind == kind)
    sub = (PatentIndustry.select(PatentIndustry.patent)
           .where(PatentIndustry.industry_code.in_(codes)))
    if few:
        return pw.fn.EXISTS(sub.where(PatentIndustry.patent == model.id))
    return model.id.in_(sub)


def top_level_of(kinds: tuple[str, ...]) -> dict[str, str]:
    """Every industry code of `kinds` → its top-level code."""
    parent = dict(Industry.select(Industry.code, Industry.parent_code)
                  .where(Industry.kind.in_(list(kinds))).tuples())
    def top(code, depth=0):
        up = parent.get(code)
        return code if not up or up not in parent or depth > 8 else top(up, depth + 1)
    return {code: top(code) for code in parent}


def top_level_expr(kinds: tuple[str, ...]) -> tuple[pw.Node, list[str]]:
    mapping = top_level_of(kinds)
    if all(c == t for c, t in mapping.items()):
        return PatentIndustry.industry_code, list(mapping)
    return pw.Case(PatentIndustry.industry_code, list(mapping.items()), None), list(mapping)
