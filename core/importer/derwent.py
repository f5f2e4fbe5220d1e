"""Derwent Innovations Index (Web of Science) field-tagged exports.

Headers are two-letter tags (PN, TI, AU, AE, AD, PD, IP …) and one row describes a patent
family: PN lists every member (`CN109502914-A; CN209383619-U; CN109502914-B`), AD gives each
member's application number and date (`CN109502914-A CN11582772 24 Dec 2018 CN209383619-U …`,
the CN number without its year), PD each member's publication date, AE the assignees with
Derwent's codes (`WUXI JINPENG … (WUXI-Non-standard)`). A family may hold several Chinese
patents (an invention and a utility model filed the same day): `getters` gives one plain row
per Chinese application.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from core.importer.values import is_grant_document, norm_pub_no, text

_MEMBER = r"[A-Z]{2}[0-9A-Z]*\d-[A-Z]\d?"
_APPLICATION = re.compile(rf"({_MEMBER})\s+(\S+)\s+(\d{{1,2}}\s+[A-Za-z]{{3}}\s+\d{{4}})")
_PUBLISHED = re.compile(rf"({_MEMBER})\s+(\d{{1,2}}\s+[A-Za-z]{{3}}\s+\d{{4}})")
_MEMBERS = re.compile(_MEMBER)
_CODE = re.compile(r"\s*\([A-Z0-9]{2,6}-[A-Za-z\-]+\)$")

Getter = Callable[[str], object]


def getters(get: Getter) -> list[Getter]:
    """One get(field) per Chinese application of the family row (the first member alone when
    none is Chinese, which the importer then skips as foreign)."""
    members = _MEMBERS.findall(text(get("pub_no")) or "")
    applications = {m: (app, day) for m, app, day in
                    _APPLICATION.findall(text(get("app_no")) or "")}
    published = dict(_PUBLISHED.findall(text(get("pub_date")) or ""))
    groups: dict[str, list[str]] = {}
    for member in members:
        if member.startswith("CN"):
            groups.setdefault(applications.get(member, (member,))[0], []).append(member)
    if not groups:
        groups = {"": members[:1]} if members else {"": []}
    applicants = "; ".join(_CODE.sub("", name) for name in re.split(
        r"\s*;\s*", text(get("applicants")) or "") if name) or None
    return [_plain(get, group, applications, published, applicants)
            for group in groups.values()]


def _plain(get: Getter, group: list[str], applications: dict, published: dict,
           applicants: str | None) -> Getter:
    grants = [m for m in group if is_grant_document(norm_pub_no(m), None)]
    member = next((m for m in group if m not in grants), group[0] if group else None)
    grant = next((m for m in grants if m != member), member if member in grants else None)
    app_no, app_date = applications.get(member, (None, None))
    plain = {"pub_no": member, "app_no": app_no, "app_date": app_date,
             "pub_date": published.get(member), "grant_no": grant,
             "grant_date": published.get(grant), "applicants": applicants}

    def wrapped(name: str):
        return plain[name] if name in plain else get(name)
    return wrapped
