"""Cell values as vendors write them → python values.

Every parser takes the raw cell (str, int, float, datetime or None) and either returns the clean
value or raises `ValueError` with a Chinese reason that the report shows next to row and column.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from core.config import labels
from core.rules import numbers

NULLS = frozenset({"", "-", "--", "—", "——", "0", "无", "暂无", "null", "none", "n/a", "na", "nan",
                   "#n/a", "/", "空"})
EXCEL_EPOCH = dt.date(1899, 12, 30)
MIN_DATE, MAX_DATE = dt.date(1985, 1, 1), dt.date(2100, 12, 31)
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_ENGLISH = re.compile(r"(\d{1,2})[\s\-]+([A-Za-z]{3})[a-z]*\.?[\s\-]+(\d{4})")
_SPACES = re.compile(r"\s+")
# Bidirectional controls (LRM/RLM, embeddings, overrides, isolates, ALM): a right-to-left
# override in a name reverses it on every page, so they are dropped from every cell.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def without_bidi(value: str) -> str:
    return _BIDI.sub("", value) if _BIDI.search(value) else value


def text(value) -> str | None:
    """Stripped text, or None for the null spellings (empty, -, 0, 无 …)."""
    if value is None:
        return None
    if type(value) is str:  # fast path: most cells
        out = without_bidi(value).strip()
        if "\ufeff" in out or "\u3000" in out:
            out = out.replace("\ufeff", "").replace("\u3000", " ").strip()
        return None if len(out) < 5 and out.lower() in NULLS else out
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    out = without_bidi(str(value)).replace("\ufeff", "").replace("\u3000", " ").strip()
    return None if out.lower() in NULLS else out


def parse_date(value) -> tuple[dt.date | None, int | None]:
    """(date, year). Accepts dates, YYYYMMDD text or int, YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD,
    2020年1月2日, Excel serial numbers and a year alone (date None, year set)."""
    if type(value) is str:
        return _parse_date_text(value)
    return _parse_date(value)


@lru_cache(maxsize=65536)
def _parse_date_text(value: str) -> tuple[dt.date | None, int | None]:
    return _parse_date(value)


def _parse_date(value) -> tuple[dt.date | None, int | None]:
    if isinstance(value, dt.datetime):
        return _checked(value.date())
    if isinstance(value, dt.date):
        return _checked(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(value)
    raw = text(value)
    if raw is None:
        return None, None
    if re.fullmatch(r"\d+(\.0+)?", raw):
        return _from_number(int(float(raw)))
    match = _DATE_TEXT.match(raw)
    if match:
        return _checked(_make(*match.groups(), raw))
    match = _DATE_ENGLISH.fullmatch(raw)  # Derwent: 30 Jun 2021
    if match and match.group(2).lower() in MONTHS:
        day, month, year = match.groups()
        return _checked(_make(year, MONTHS.index(month.lower()) + 1, day, raw))
    match = re.fullmatch(r"(\d{4})\s*年?", raw)
    if match:
        return None, _year(int(match.group(1)), raw)
    raise ValueError(labels.IMP_V_DATE_FORMAT.format(raw=raw))


def _from_number(number) -> tuple[dt.date | None, int | None]:
    if isinstance(number, float) and not number.is_integer():
        number = int(number)  # an Excel serial with a time part
    number = int(number)
    if 19000101 <= number <= 21001231:
        s = str(number)
        return _checked(_make(s[:4], s[4:6], s[6:], s))
    if 1900 <= number <= 2100:
        return None, _year(number, str(number))
    if 1 <= number <= 80000:
        return _checked(EXCEL_EPOCH + dt.timedelta(days=number))
    raise ValueError(labels.IMP_V_DATE_FORMAT.format(raw=number))


def _make(year, month, day, raw) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(labels.IMP_V_DATE_INVALID.format(raw=raw)) from None


def _checked(day: dt.date) -> tuple[dt.date, int]:
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(labels.IMP_V_DATE_RANGE.format(raw=day.isoformat()))
    return day, day.year


def _year(year: int, raw: str) -> int:
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise ValueError(labels.IMP_V_YEAR_RANGE.format(raw=raw))
    return year


_CORP_TAIL = re.compile(r"^\s*(inc|ltd|llc|co|corp|corporation|gmbh|ag|s\.?a|n\.?v|plc|limited|"
                        r"l\.?p|kg|b\.?v|s\.?p\.?a|s\.?r\.?l)\b\.?", re.I)
_STRONG_SEPS = re.compile(r"\s*(?:;;|；；|;|；|\s\|\s|\|)\s*")
_WEAK_SEPS = re.compile(r"\s*[,，]\s*")
_ANY_SEP = re.compile(r"[;；|,，]")


_CJK = re.compile(r"[\u4e00-\u9fff]")


def prefer_chinese(values) -> str | None:
    """The first value written in Chinese, else the first non-empty one (a title exported in
    several languages: original, translated, DWPI)."""
    texts = [t for t in (text(v) for v in values) if t is not None]
    return next((t for t in texts if _CJK.search(t)), texts[0] if texts else None)


def split_multi(value) -> list[str]:
    """Split a multi-value cell: `;`, `；`, ` | `, `;;`, and `,` / `，` when no stronger separator is
    used (", Inc." style company suffixes stay attached). Empty parts and null spellings dropped."""
    raw = text(value)
    if raw is None:
        return []
    if not _ANY_SEP.search(raw):
        return [raw]
    if _STRONG_SEPS.search(raw):
        parts = _STRONG_SEPS.split(raw)
    else:
        parts = _merge_suffixes(_WEAK_SEPS.split(raw))
    out = []
    for part in parts:
        clean = text(part)
        if clean is not None:
            out.append(clean)
    return out


def _merge_suffixes(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if out and _CORP_TAIL.match(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


_IPC = re.compile(r"([A-H])\s*(\d{2})\s*([A-Z])[\s\-]*(\d{1,4})\s*/\s*(\d{1,6})")
_IPC_SUBCLASS = re.compile(r"([A-H])\s*(\d{2})\s*([A-Z])")


def norm_ipc(value) -> str | None:
    return _norm_ipc(value) if type(value) is str else _norm_ipc_any(value)


@lru_cache(maxsize=65536)
def _norm_ipc(value: str) -> str | None:
    return _norm_ipc_any(value)


def _norm_ipc_any(value) -> str | None:
    """`G09B  9/00`, `G09B9/00`, `g09b 9/00`, `G09B-009/00` (Derwent) → `G09B 9/00`; a subclass
    alone → `G09B`;
    anything else is kept as written (stripped) rather than lost."""
    raw = text(value)
    if raw is None:
        return None
    up = unicodedata.normalize("NFKC", raw).upper().strip()
    match = _IPC.fullmatch(up)
    if match:
        a, b, c, group, sub = match.groups()
        return f"{a}{b}{c} {int(group)}/{sub}"
    match = _IPC_SUBCLASS.fullmatch(up)
    if match:
        return "".join(match.groups())
    return _SPACES.sub(" ", up)


def ipc_list(value) -> list[str]:
    out: list[str] = []
    for part in split_multi(value):
        ipc = norm_ipc(part)
        if ipc and ipc not in out:
            out.append(ipc)
    return out


def parse_app_no(value, filing_year: int | None = None) -> tuple[str | None, str | None]:
    """(storage form, flag). A float cell is read back without losing digits; a wrong check
    character raises; a missing one is computed and flagged 'check_computed'; Derwent's short
    form completed with `filing_year` is flagged 'year_added'."""
    if isinstance(value, float):
        value = repr(value) if not value.is_integer() else str(int(value))
    raw = text(value)
    if raw is None:
        return None, None
    parsed = numbers.parse(raw, filing_year)
    if parsed.problem == "format":
        raise ValueError(labels.IMP_V_APP_FORMAT.format(raw=raw))
    if parsed.problem == "check_mismatch":
        raise ValueError(labels.IMP_V_APP_CHECK.format(raw=raw, right=parsed.display))
    if parsed.year_added:
        return parsed.normalized, "year_added"
    flag = "check_computed" if parsed.problem == "check_missing" else None
    return parsed.normalized, flag


_PUB_NO = re.compile(r"(CN)?(\d{7,9})\.?([A-Z]\d?)?")


def norm_pub_no(value) -> str | None:
    """`CN 108572939 B`, `cn108572939b`, `CN-108572939-B` (Google Patents), `CN108572939-B`
    (Derwent) → `CN108572939B`; other offices are kept upper-cased without spaces or hyphens
    (`US-9254383-B2` → `US9254383B2`)."""
    raw = text(value)
    if raw is None:
        return None
    up = re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", raw).upper())
    match = _PUB_NO.fullmatch(up)
    if match:
        return f"CN{match.group(2)}{match.group(3) or ''}"
    return up[:20]


def pub_office(pub_no: str | None) -> str | None:
    """Two-letter office prefix of a publication number (CN, US, TW …)."""
    if pub_no and re.match(r"[A-Z]{2}", pub_no):
        return pub_no[:2]
    return None


def kind_code(pub_no: str | None) -> str | None:
    match = re.search(r"\d([A-Z]\d?)$", pub_no or "")
    return match.group(1) if match else None


TYPE_WORDS = (  # order matters: longer, more specific words first
    ("实用新型", "utility"), ("外观设计", "design"), ("外观", "design"), ("实用", "utility"),
    ("发明", "invention"),
)
GRANT_WORDS = ("授权发明", "发明授权", "授权公告", "发明专利权")
KIND_TYPE = {"A": "invention", "B": "invention", "C": "invention", "U": "utility", "Y": "utility",
             "S": "design", "D": "design"}
GRANT_KINDS = frozenset("BCUYSD")


def type_from_words(value) -> str | None:
    """发明公布/发明申请/授权发明/发明专利/实用新型/外观设计 … → invention/utility/design."""
    raw = text(value)
    if raw is None:
        return None
    low = raw.lower()
    for word, kind in TYPE_WORDS:
        if word in raw:
            return kind
    for word, kind in (("invention", "invention"), ("utility", "utility"), ("design", "design")):
        if word in low:
            return kind
    return None


def type_from_pub_no(pub_no: str | None) -> str | None:
    """Type from a CN document number: kind code letter, else the first digit (1/2/3)."""
    if not pub_no or not pub_no.startswith("CN"):
        return None
    code = kind_code(pub_no)
    if code and code[0] in KIND_TYPE:
        return KIND_TYPE[code[0]]
    first = re.fullmatch(r"CN8[5-8]([123])\d{5}", pub_no)  # 1985-1988: the application number
    if first:  # YY + type digit + serial (CNKI lists CN86104632 so)
        return {"1": "invention", "2": "utility", "3": "design"}[first.group(1)]
    digits = re.match(r"CN(\d)", pub_no)
    return {"1": "invention", "2": "utility", "3": "design"}.get(digits.group(1)) if digits else None


def is_grant_document(pub_no: str | None, type_text) -> bool:
    """True when the document is a grant publication (B/C/U/Y/S/D, or words like 授权发明)."""
    raw = text(type_text) or ""
    if any(word in raw for word in GRANT_WORDS):
        return True
    code = kind_code(pub_no)
    return bool(code) and code[0] in GRANT_KINDS


def parse_int(value) -> int | None:
    raw = text(value) if not isinstance(value, (int, float)) else value
    if raw is None:
        return None
    try:
        return int(float(str(raw).replace(",", "")))
    except ValueError:
        raise ValueError(labels.IMP_V_INT.format(raw=raw)) from None


def parse_amount(value) -> Decimal | None:
    """`900`, `900.00`, `¥1,200`, `$ 3,500`, `1200元` → Decimal (yuan)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    raw = text(value)
    if raw is None:
        return None
    clean = re.sub(r"[\s,，¥￥$元人民币RMB]", "", unicodedata.normalize("NFKC", raw))
    wan = clean.endswith("万")
    clean = clean.rstrip("万")
    try:
        amount = Decimal(clean)
    except InvalidOperation:
        raise ValueError(labels.IMP_V_AMOUNT.format(raw=raw)) from None
    return (amount * 10000 if wan else amount).quantize(Decimal("0.01"))


def parse_patent_year(value) -> int:
    """`5`, `第5年`, `第五年度`, `5年` → 5 (1–20)."""
    raw = text(value) if not isinstance(value, (int, float)) else str(int(value))
    if raw is None:
        raise ValueError(labels.IMP_V_YEAR_EMPTY)
    digits = re.search(r"\d+", raw)
    if digits:
        year = int(digits.group())
    else:
        year = _chinese_number(re.sub(r"[第年度]", "", raw))
    if not 1 <= year <= 25:
        raise ValueError(labels.IMP_V_PATENT_YEAR.format(raw=raw))
    return year


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}


def _chinese_number(raw: str) -> int:
    if raw in _CN_DIGITS:
        return _CN_DIGITS[raw]
    match = re.fullmatch(r"([一二三四五六七八九]?)十([一二三四五六七八九]?)", raw)
    if not match:
        return 0
    tens = _CN_DIGITS.get(match.group(1), 1)
    return tens * 10 + _CN_DIGITS.get(match.group(2), 0)


_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")",
                           "〔": "(", "〕": ")", "｛": "(", "｝": ")", "{": "(", "}": ")"})


def norm_name(name: str | None) -> str:
    """Key of a holder or agency name: NFKC, bracket variants unified, spaces dropped, ASCII lower."""
    out = unicodedata.normalize("NFKC", name or "").translate(_BRACKETS)
    return _SPACES.sub("", out).lower()


_INDIVIDUAL = re.compile(r"[\u4e00-\u9fff·]{2,4}")
HOLDER_KIND_WORDS = (
    ("university", ("大学", "university")),
    ("institute", ("研究所", "研究院", "研究中心", "科学院", "实验室", "设计院", "institute")),
    ("university", ("学院", "学校", "college")),  # after 科学院
    ("government", ("局", "委员会", "政府", "管理处", "管理站", "医院", "协会", "学会", "部队")),
    ("enterprise", ("公司", "厂", "集团", "企业", "合作社", "商行", "事务所", "工作室", "店",
                    "股份", "有限", "inc", "ltd", "llc", "corp", "gmbh", "co.")),
)


def holder_kind(name: str) -> str:
    """Guess: 公司/厂 enterprise, 大学/学院 university, 研究所/研究院/研究中心 institute,
    机关/医院/协会 government, 2–4 CJK characters individual, else other."""
    low = (name or "").lower()
    for word in ("公司", "厂", "集团"):  # "XX研究院有限公司" is a company
        if word in low:
            return "enterprise"
    for kind, words in HOLDER_KIND_WORDS:
        if any(word in low for word in words):
            return kind
    if _INDIVIDUAL.fullmatch(name or ""):
        return "individual"
    return "other"


_FOREIGN_MARKS = ("香港", "澳门", "台湾", "中华民国", "(HK)", "(TW)", "(MO)")


def is_domestic(name: str) -> bool:
    """Mainland-China holder: the name has CJK characters and no HK/Macao/Taiwan marks."""
    norm = unicodedata.normalize("NFKC", name or "")
    has_cjk = re.search(r"[\u4e00-\u9fff]", norm) is not None
    return has_cjk and not any(mark in norm for mark in _FOREIGN_MARKS)
