"""Official administrative divisions (NBS 2023 statistical codes) loaded into `region`."""
from __future__ import annotations

import csv
from functools import lru_cache

from core.config.once import once
from core.config.settings import ROOT
from core.db import bulk_insert, db, version
from core.db.models import Region

DIVISIONS_DIR = ROOT / "data" / "divisions"
LEVELS = {2: "province", 4: "city", 6: "county", 9: "street"}
# (file, level, parent column)
FILES = (("provinces", "province", None), ("cities", "city", "provinceCode"),
         ("areas", "county", "cityCode"), ("streets", "street", "areaCode"))


def edition() -> int:
    return int((DIVISIONS_DIR / "EDITION").read_text(encoding="utf-8").split()[0])


def read_rows() -> list[tuple]:
    """(code, name, level, parent_code, edition) for every division in the shipped CSV files."""
    year = edition()
    rows = []
    for name, level, parent in FILES:
        with (DIVISIONS_DIR / f"{name}.csv").open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                rows.append((rec["code"], rec["name"], level,
                             rec[parent] if parent else None, year))
    return rows


def load_divisions() -> int:
    """Fill `region` with the official divisions when it has none. Returns rows inserted."""
    if Region.select().where(Region.is_custom == False).exists():  # noqa: E712
        return 0
    rows = read_rows()
    with db.atomic():
        bulk_insert(Region, ["code", "name", "level", "parent_code", "edition"], rows)
        version.bump()
    return len(rows)


@lru_cache(maxsize=64)
def children(code: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of the divisions directly under `code`, read from the shipped files."""
    return tuple((c, n) for c, n, _, p, _ in _all_rows() if p == code)


@once
def _all_rows() -> tuple[tuple, ...]:
    return tuple(read_rows())


@once
def names() -> dict[str, str]:
    """Code → official name for every division."""
    return {r[0]: r[1] for r in _all_rows()}


def level_of(code: str) -> str:
    return LEVELS.get(len(code), "custom")


@once
def history() -> dict[str, list[dict]]:
    """Old code → its records in data/divisions/history.csv (divisions abolished or renamed since
    1981 and the codes of this edition that hold their area; see data/divisions/README.md)."""
    out: dict[str, list[dict]] = {}
    with (DIVISIONS_DIR / "history.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            rec["successors"] = tuple(rec["successors"].split(";"))
            out.setdefault(rec["old_code"], []).append(rec)
    return out


def change_text(old_code: str) -> str:
    """One Chinese line describing the change of an old division (for the resolver's method)."""
    records = history().get(old_code)
    if not records:
        return old_code
    rec = records[-1]
    now = "、".join(names().get(c, c) for c in rec["successors"])
    verb = "更名" if rec["change"] == "renamed" else "撤销"
    return f"{rec['old_name']}（{old_code}）{rec['changed_in']}年{verb}，今属{now}"
