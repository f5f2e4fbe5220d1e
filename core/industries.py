"""Industries and their IPC rules (data/industries/, see its README), and the set-based assignment
of patents to industries into `patent_industry`.

Prefixes are stored in the form the importer gives IPC symbols (`G06F 40/30`): a class `H04`, a
subclass `H04W`, a main group `G06F 40/` (all its subgroups) or a subgroup `A61B 5/0476`.
Parameter `industry_match`: "all" (any IPC of the patent, default) or "main" (main IPC only).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import peewee as pw

from core import ruleparams
from core.db import db
from core.models import Industry, IndustryRule, Patent, PatentIndustry

DATA = Path(__file__).resolve().parents[1] / "data" / "industries"
MATCH_KEY = "industry_match"
_PREFIX = re.compile(r"([A-H]\d{2})([A-Z])?(?:(\d{1,4})(?:/(\d{1,6}))?)?\*?")


def normalize_prefix(raw: str) -> str:
    """`G06F40*` → `G06F 40/`; `A61B5/0476` → `A61B 5/0476`; `H04W` → `H04W`; ValueError if not IPC."""
    text = re.sub(r"\s+", "", str(raw or "")).upper().rstrip("X")
    match = _PREFIX.fullmatch(text)
    if not match or (match.group(3) and not match.group(2)):
        raise ValueError(f"无法识别的IPC前缀：{raw}")
    cls, sub, group, subgroup = match.groups()
    if not group:
        return cls + (sub or "")
    return f"{cls}{sub} {int(group)}/{subgroup or ''}"


def load_defaults(force: bool = False) -> int:
    """Create the shipped industries (and their rules) that are missing; `force` also replaces
    the rules of the shipped industries. Returns the number of rules written."""
    written = 0
    rules = _read_csv("ipc_rules.csv")
    with db.atomic():
        for row in _read_csv("industries.csv"):
            industry, created = Industry.get_or_create(
                code=row["code"], defaults={"name": row["name"], "kind": row["kind"],
                                            "note": row["note"]})
            if created or force:
                IndustryRule.delete().where(IndustryRule.industry == industry).execute()
                written += _write_rules(industry, [r for r in rules
                                                   if r["industry_code"] == row["code"]])
    return written


def _read_csv(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_rules(industry: Industry, rows: list[dict]) -> int:
    for row in rows:
        IndustryRule.create(industry=industry, ipc_prefix=normalize_prefix(row["ipc_prefix"]),
                            exclude=row["exclude"] == "1", keyword=row["keyword"] or None)
    return len(rows)


def _ipc_match(prefix: str, match_all: bool) -> pw.Expression:
    main = Patent.ipc_main.startswith(prefix)
    return (main | Patent.ipc_all.contains(prefix)) if match_all else main


def industry_condition(industry: Industry, match_all: bool | None = None) -> pw.Expression | None:
    """SQL condition on `patent` for membership of one industry (None when it has no rules)."""
    if match_all is None:
        match_all = ruleparams.get(MATCH_KEY, "all") == "all"
    include, exclude = None, None
    for rule in industry.rules:
        cond = _ipc_match(rule.ipc_prefix, match_all)
        if rule.keyword:
            cond = cond & Patent.title.contains(rule.keyword)
        if rule.exclude:
            exclude = cond if exclude is None else exclude | cond
        else:
            include = cond if include is None else include | cond
    if include is None:
        return None
    return include if exclude is None else include & ~exclude


def assign(kinds: tuple[str, ...] | None = None) -> int:
    """Recompute `patent_industry` for the industries of `kinds` (all when None), one
    INSERT … SELECT per industry. Returns the number of rows written."""
    query = Industry.select()
    if kinds:
        query = query.where(Industry.kind.in_(list(kinds)))
    total = 0
    with db.atomic():
        for industry in query:
            PatentIndustry.delete().where(PatentIndustry.industry_code == industry.code).execute()
            condition = industry_condition(industry)
            if condition is None:
                continue
            select = Patent.select(Patent.id, pw.Value(industry.code)).where(condition)
            PatentIndustry.insert_from(select, [PatentIndustry.patent,
                                                PatentIndustry.industry_code]).execute()
            total += _count(industry.code)
    return total


def _count(code: str) -> int:
    return PatentIndustry.select().where(PatentIndustry.industry_code == code).count()


def in_industry(code: str, model=Patent) -> pw.Expression:
    """Patents of `model` that belong to industry `code` (stored assignment)."""
    sub = PatentIndustry.select(PatentIndustry.patent).where(PatentIndustry.industry_code == code)
    return model.id.in_(sub)


def in_any_industry(kind: str = "sei", model=Patent) -> pw.Expression:
    codes = Industry.select(Industry.code).where(Industry.kind == kind)
    sub = (PatentIndustry.select(PatentIndustry.patent)
           .where(PatentIndustry.industry_code.in_(codes)))
    return model.id.in_(sub)
