"""Address text: normalisation and interning of distinct addresses into the `address` table.

`normalize(raw)` gives the key under which an address is resolved once (NFKC, half width,
look-alike and traditional characters, punctuation and room/floor noise dropped) plus the
6-digit postcode found in the text. `intern(raws)` maps raw addresses to Address row ids,
creating the missing rows in bulk (status 'new').
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from psycopg2.extras import execute_values

from core.db import db, is_postgres

MAX_LEN = 255
CHUNK = 500
PG_CHUNK = 10000

# Look-alike and traditional characters seen in addresses (after NFKC).
LOOKALIKES = str.maketrans({
    "〇": "0", "○": "0", "Ｏ": "0", "—": "-", "–": "-", "－": "-", "﹣": "-", "―": "-",
    "蘇": "苏", "區": "区", "縣": "县", "鎮": "镇", "鄉": "乡", "號": "号", "園": "园",
    "開": "开", "發": "发", "產": "产", "業": "业", "經": "经", "濟": "济", "東": "东",
    "門": "门", "灣": "湾", "廣": "广", "書": "书", "廠": "厂", "樓": "楼", "層": "层",
    "華": "华", "張": "张", "陽": "阳", "滄": "沧", "閶": "阊", "吳": "吴", "圍": "围",
    "寧": "宁", "無": "无", "錫": "锡", "倉": "仓", "熱": "热", "關": "关", "灘": "滩",
    "莊": "庄", "龍": "龙", "衛": "卫", "場": "场", "創": "创", "務": "务",
    "邨": "村", "瀆": "渎", "橋": "桥",
})
LOOKALIKE_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in LOOKALIKES)) + "]")
POSTCODE_LABEL = re.compile(r"(?:邮编|邮政编码|postcode|zip)[:：]?\s*(\d{6})(?!\d)", re.I)
# A postcode opening or closing the text, bare or in brackets: "215000 江苏省…", "（215000）江苏省…".
POSTCODE_EDGE = re.compile(r"^\s*[(\[【]?\s*(\d{6})(?!\d)\s*[)\]】]?|"
                           r"(?<![\d-])[(\[【]?(\d{6})[)\]】]?\s*$")
EDGE_CHARS = "0123456789([【)]】"
# Room / floor / unit noise: "3幢", "12层", "1501室", "B座", "2单元", "(…)" after the house number.
NOISE = re.compile(
    r"(?:\d+[-#]?\d*(?:幢|栋|层|楼(?!路)|室|单元|号楼|座)|[a-z]\d*座|[a-z]?\d+[-#]\d+室?|"
    r"(?:第?[一二三四五六七八九十]+层))"
)
PUNCT = re.compile(r"[\s.,，。;；:：、'\"“”‘’`()（）\[\]【】<>《》{}|/\\·•*~!！?？_]+")
HOUSE = re.compile(r"\d+号")
MULTI_SPACE = re.compile(r"\s{2,}")
CJK = r"\u3400-\u9fff"
SPACE_NEAR_CJK = re.compile(rf"\s+(?=[{CJK}])|(?<=[{CJK}])\s+")


def normalize(raw: str | None) -> tuple[str, str | None]:
    """(normalised text, 6-digit postcode or None). Idempotent: normalize(normalize(x)[0])[0] ==
    normalize(x)[0]."""
    text = unicodedata.normalize("NFKC", str(raw or "")).lower()
    if LOOKALIKE_CHARS.search(text):
        text = text.translate(LOOKALIKES)
    postcode = None
    match = POSTCODE_LABEL.search(text) if ("邮" in text or "p" in text or "z" in text) else None
    if match:
        postcode = match.group(1)
        text = text[:match.start()] + " " + text[match.end():]
    elif text.lstrip()[:1] in EDGE_CHARS or text.rstrip()[-1:] in EDGE_CHARS:
        match = POSTCODE_EDGE.search(text)
        if match:
            postcode = match.group(1) or match.group(2)
            text = text[:match.start()] + " " + text[match.end():]
    text = PUNCT.sub(" ", text)
    if "号" in text:
        text = _drop_noise(text)
    text = text.strip()
    if " " in text:
        text = SPACE_NEAR_CJK.sub("", MULTI_SPACE.sub(" ", text))
    return text[:MAX_LEN], postcode


def _drop_noise(text: str) -> str:
    """Cut room/floor details after the house number ("…号3幢1501室" → "…号")."""
    house = HOUSE.search(text)
    if house and house.end() < len(text):
        text = text[:house.end()] + NOISE.sub(" ", text[house.end():])
    return text


def intern(raws: Iterable[str]) -> dict[str, int]:
    """Map each distinct raw address to an Address id, creating missing rows (status 'new').

    Rows are keyed by the normalised text; a new row keeps the first raw variant as sample_raw
    and the postcode. Empty addresses are left out of the result.
    """
    by_norm: dict[str, tuple[str, str | None]] = {}
    norm_of: dict[str, str] = {}
    for raw in raws:
        if raw is None or raw in norm_of:
            continue
        norm, postcode = normalize(raw)
        if not norm:
            continue
        norm_of[raw] = norm
        by_norm.setdefault(norm, (raw, postcode))
    ids = _existing_ids(list(by_norm))
    missing = [(n, str(raw)[:2000], pc, "new", 0.0, 0)
               for n, (raw, pc) in by_norm.items() if n not in ids]
    if missing:
        with db.atomic():
            _insert(missing)
        ids.update(_existing_ids([row[0] for row in missing]))
    return {raw: ids[norm] for raw, norm in norm_of.items()}


def _insert(rows: list[tuple]) -> None:
    sql = ('INSERT INTO address (normalized, sample_raw, postcode, status, confidence, '
           'patent_count) VALUES ')
    if is_postgres():
        execute_values(db.cursor(), sql + "%s", rows, page_size=2000)
    else:
        db.cursor().executemany(sql + "(?, ?, ?, ?, ?, ?)", rows)


def _existing_ids(norms: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    if is_postgres():  # one array parameter per chunk
        for start in range(0, len(norms), PG_CHUNK):
            cursor = db.execute_sql("SELECT normalized, id FROM address WHERE normalized = ANY(%s)",
                                    (norms[start:start + PG_CHUNK],))
            found.update(cursor.fetchall())
        return found
    for start in range(0, len(norms), CHUNK):
        chunk = norms[start:start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        cursor = db.execute_sql(f"SELECT normalized, id FROM address WHERE normalized IN ({marks})",
                                chunk)
        found.update(cursor.fetchall())
    return found
