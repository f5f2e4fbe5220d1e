"""Derwent Innovations Index (Web of Science) field-tagged exports.

Headers are two-letter tags (PN, TI, AU, AE, AD, PD, IP …) and one row describes a patent
family: PN lists every member (`CN115536205-A; US2023123-A1`), AD gives each member's
application number and date (`CN115536205-A CN10733357 30 Jun 2021`, the CN number without
its year), PD each member's publication date (`CN115536205-A 30 Dec 2022 C02F-009/14 …`), AE the
assignees with Derwent's codes (`WUXI JINPENG … (WUXI-Non-standard)`). `getter` turns such a
row into the plain fields of the row's Chinese member.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from core.importer.values import is_grant_document, norm_pub_no, text
from core.rules.numbers import document_key

_SEPARATOR = re.compile(r"\s*;\s*")
_APPLICATION = re.compile(r"(\S+)\s+(\d{1,2}\s+[A-Za-z]{3}\s+\d{4})")
_PUBLISHED = re.compile(r"(\d{1,2}\s+[A-Za-z]{3}\s+\d{4})")
_CODE = re.compile(r"\s*\([A-Z0-9]{2,6}-[A-Za-z\-]+\)$")


def getter(get: Callable[[str], object]) -> Callable[[str], object]:
    """get(field) of a row as the importer reads it: the Chinese family member (else the
    first, which the importer then skips as foreign), its application number and dates."""
    members = _parts(get("pub_no"))
    member = next((m for m in members if m.upper().startswith("CN")), members[0] if members
                  else None)
    plain = {"pub_no": member, "app_no": None, "app_date": None, "pub_date": None,
             "grant_no": None, "grant_date": None,
             "applicants": "; ".join(_CODE.sub("", name) for name in _parts(get("applicants")))
             or None}
    application = _APPLICATION.match(_member_part(get("app_no"), member))
    if application:
        plain["app_no"], plain["app_date"] = application.groups()
    published = _PUBLISHED.match(_member_part(get("pub_date"), member))
    if published:
        plain["pub_date"] = published.group(1)
    grant = _grant_member(members, member)
    granted = _PUBLISHED.match(_member_part(get("pub_date"), grant)) if grant else None
    if granted:
        plain["grant_no"], plain["grant_date"] = grant, granted.group(1)

    def wrapped(name: str):
        return plain[name] if name in plain else get(name)
    return wrapped


def _grant_member(members: list[str], member: str | None) -> str | None:
    """The grant document of the same number listed next to a publication (CN108572939-A and
    CN108572939-B)."""
    key = document_key(norm_pub_no(member)) if member else None
    for other in members:
        number = norm_pub_no(other)
        if other != member and key and document_key(number) == key and \
                is_grant_document(number, None):
            return other
    return None


def _parts(value) -> list[str]:
    raw = text(value)
    return [part for part in _SEPARATOR.split(raw) if part] if raw else []


def _member_part(value, member: str | None) -> str:
    """The part of a family cell that describes `member`, without the member's number."""
    for part in _parts(value):
        if member and part.startswith(member):
            return part[len(member):].strip()
    return ""
