"""Chinese patent application numbers (ZC 0006-2003 and the 1989-2003 format).

- since 2003-10-01: YYYY + type digit + 7-digit serial + '.' + check (12 digits + check)
- 1989 - 2003-09-30: YY + type digit + 5-digit serial + '.' + check (8 digits + check)
- 1985 - 1988: 8 digits without a check digit
Check character: digits times weights 2,3,4,5,6,7,8,9,2,3,4,5 (8-digit: 2..9), sum mod 11,
10 → 'X' (domain-facts §4.1).

Vendors write the same number in many ways, all accepted by `parse`: 201810390462.7,
CN2018103904627, ZL 2018 1039 0462.7, CN201810390462 (佰腾, no check character),
CN 201810390462 A (Lens: kind code after the number), CN201810390462-A (Derwent), and
Derwent Innovations Index's short CN10733357 (type digit + serial, the year left out: `parse`
takes it from the filing year when one is given).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import mul

WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
TYPE_BY_DIGIT = {"1": "invention", "2": "utility", "3": "design", "8": "invention", "9": "utility"}
_JUNK = re.compile(r"[\s.．。·\-_]")
# 12 digits [+ check] [+ kind]; 8 digits + check, or 8 digits + kind (Lens writes the old numbers
# without their check character): never 8 + check + kind, which is a 9-digit document number.
_APP_NO = re.compile(r"(?P<d12>\d{12})(?P<c12>[\dX]?)(?P<k12>[ABCDSUY]\d?)?"
                     r"|(?P<d8>\d{8})(?P<c8>[\dX]?)|(?P<d8k>\d{8})(?P<k8>[ABCDSUY]\d?)")
_MODERN = re.compile(r"[0-9]{12}[0-9X]")  # 12 digits + check character: the storage form since 2003
OLD_FORMAT_END = 2003  # the 8-digit format was replaced on 2003-10-01


def check_char(digits: str) -> str:
    """The check character for 12 (or 8) digits."""
    total = sum(map(mul, map(int, digits), WEIGHTS))
    r = total % 11
    return "X" if r == 10 else str(r)


@dataclass(frozen=True)
class AppNo:
    raw: str
    digits: str  # 12 or 8 digits without the check character
    check: str | None  # as given ('' when missing)
    valid: bool
    problem: str | None  # None, 'check_missing', 'check_mismatch', 'format'
    patent_type: str | None
    filing_year: int | None
    pct: bool
    kind: str = ""  # kind code written after the number (Lens, Derwent), '' when none
    year_added: bool = False  # a Derwent short number completed with the filing year

    @property
    def normalized(self) -> str:
        """Digits + computed check character (the storage form), e.g. 2018103904627."""
        if self.problem == "format" or (len(self.digits) == 8 and self.filing_year < 1989):
            return self.digits
        return self.digits + check_char(self.digits)

    @property
    def display(self) -> str:
        """Printed form: 201810390462.7"""
        norm = self.normalized
        return norm if len(norm) == len(self.digits) else f"{norm[:-1]}.{norm[-1]}"


def parse(raw: str, filing_year: int | None = None) -> AppNo:
    """Parse an application number written with or without CN/ZL, spaces, dots, hyphens, check
    character and kind code. `filing_year` completes Derwent's short form (CN10733357 filed in
    2021 → 202110733357)."""
    text = re.sub(r"^(CN|ZL)+", "", _JUNK.sub("", str(raw or "")).upper())
    match = _APP_NO.fullmatch(text)
    if not match:
        return _bad(raw)
    found = match.groupdict()
    digits = found["d12"] or found["d8"] or found["d8k"]
    check, kind = found["c12"] or found["c8"] or "", found["k12"] or found["k8"] or ""
    if _is_short_form(digits, check, filing_year):
        return replace(_build(raw, f"{filing_year}{digits}", "", kind), year_added=True)
    return _build(raw, digits, check, kind)


def _is_short_form(digits: str, check: str, filing_year: int | None) -> bool:
    """Derwent's type digit + 7-digit serial: 8 digits, no check character, filed after the
    8-digit format ended (in 2003 only when the digits do not start with that year's 03)."""
    if len(digits) != 8 or check or not filing_year or digits[0] not in TYPE_BY_DIGIT:
        return False
    return filing_year > OLD_FORMAT_END or (filing_year == OLD_FORMAT_END
                                            and not digits.startswith("03"))


def _build(raw: str, digits: str, check: str, kind: str = "") -> AppNo:
    if len(digits) == 12:
        year, type_digit = int(digits[:4]), digits[4]
    else:
        yy, type_digit = int(digits[:2]), digits[2]
        year = 1900 + yy if yy >= 85 else 2000 + yy
    patent_type = TYPE_BY_DIGIT.get(type_digit)
    if patent_type is None or not 1985 <= year <= 2100:
        return AppNo(raw, digits, check, False, "format", patent_type, year, False, kind)
    needs_check = len(digits) == 12 or year >= 1989
    if not check:
        problem = "check_missing" if needs_check else None
        valid = True
    else:
        valid = check == check_char(digits)
        problem = None if valid else "check_mismatch"
    return AppNo(raw, digits, check, valid, problem, patent_type, year, type_digit in "89", kind)


def display(stored: str | None) -> str | None:
    """The printed form of a stored application number, as CNIPA prints it: 2018103904627 →
    201810390462.7, 891032290 → 89103229.0. Anything that is not a number in storage form comes
    back unchanged: None, '', placeholders, a pre-1989 number (it has no check character), a
    wrong check character, a number already written with its dot."""
    if not isinstance(stored, str) or len(stored) not in (9, 13):
        return stored  # the storage form is 8 or 12 digits + check character
    if _MODERN.fullmatch(stored):  # the usual case, without parse(): exports print 100,000s
        digits = stored[:12]
        valid = digits[4] in TYPE_BY_DIGIT and 1985 <= int(digits[:4]) <= 2100 \
            and check_char(digits) == stored[12]
        return f"{digits}.{stored[12]}" if valid else stored
    return f"{stored[:-1]}.{stored[-1]}" if parse(stored).normalized == stored else stored


def _bad(raw: str) -> AppNo:
    return AppNo(str(raw), "", None, False, "format", None, None, False)


def make(year: int, type_digit: int, serial: int) -> str:
    """A valid post-2003 application number in storage form, e.g. make(2018, 1, 390462)."""
    digits = f"{year:04d}{type_digit}{serial:07d}"
    return digits + check_char(digits)


def patent_number(raw: str) -> str | None:
    """Patent number (专利号) = 'ZL' + printed application number, e.g. ZL201310699744.2."""
    parsed = parse(raw)
    return None if parsed.problem == "format" else "ZL" + parsed.display


# --- publication / grant document numbers (domain-facts §4.2) ---

KIND_MEANING = {
    "A": "发明专利申请公布", "B": "发明专利授权公告", "C": "发明专利（1993-2007授权）",
    "U": "实用新型专利授权公告", "Y": "实用新型专利（1993-2007授权）",
    "S": "外观设计专利授权公告", "D": "外观设计专利（1993-2007授权）",
    "A8": "发明申请公布扉页更正", "A9": "发明申请公布全文更正",
    "B8": "发明授权扉页更正", "B9": "发明授权全文更正",
    "U8": "实用新型扉页更正", "U9": "实用新型全文更正",
    "S8": "外观设计扉页更正", "S9": "外观设计全文更正",
}
PARTIAL_INVALIDATION = {"C": "invention", "Y": "utility", "S": "design"}  # C1-C7, Y1-Y7, S1-S7
TYPE_BY_PUB_DIGIT = {"1": "invention", "2": "utility", "3": "design"}
GRANT_KINDS_NEW = {"B": "invention", "U": "utility", "S": "design"}  # since 2007-07-01
GRANT_KINDS_OLD = {"C": "invention", "Y": "utility", "D": "design", "U": "utility",
                   "S": "design"}  # 7-digit era (1993-2007; U/S before 1993 [U])


@dataclass(frozen=True)
class PubNo:
    raw: str
    country: str
    number: str  # 9 digits (since 2007-07) or 7 digits (1989 - 2007-06)
    kind: str  # 'A', 'B', 'U', 'S', 'C', 'Y', 'D', 'A8', 'C1' … ('' when missing)
    valid: bool
    problem: str | None  # None, 'format', 'kind_mismatch', 'kind_missing'
    patent_type: str | None
    is_grant: bool | None  # a grant document (授权公告) rather than an application publication
    era: str | None  # 'current' (9 digits) or 'old' (7 digits)

    @property
    def normalized(self) -> str:
        return f"{self.country}{self.number}{self.kind}"

    @property
    def kind_meaning(self) -> str | None:
        if len(self.kind) == 2 and self.kind[1] in "1234567":
            return "部分无效宣告后的专利文件"
        if self.era == "old" and self.kind == "B":
            return "发明专利申请审定（1985-1992）"
        return KIND_MEANING.get(self.kind)


def parse_pub(raw: str) -> PubNo:
    """Parse a publication or grant number such as CN108572939B, CN 1340998 A or CN2069429U."""
    text = _JUNK.sub("", str(raw or "")).upper()
    match = re.fullmatch(r"(CN)?(\d{9}|\d{7})([A-Z]\d?)?", text)
    if not match:
        return PubNo(str(raw), "CN", "", "", False, "format", None, None, None)
    number, kind = match.group(2), match.group(3) or ""
    era = "current" if len(number) == 9 else "old"
    patent_type = TYPE_BY_PUB_DIGIT.get(number[0])
    if patent_type is None:
        return PubNo(str(raw), "CN", number, kind, False, "format", None, None, era)
    is_grant, problem = _kind_check(kind, patent_type, era)
    return PubNo(str(raw), "CN", number, kind, problem is None or problem == "kind_missing",
                 problem, patent_type, is_grant, era)


def _kind_check(kind: str, patent_type: str, era: str) -> tuple[bool | None, str | None]:
    """(is_grant, problem) for a kind code against the type digit and era."""
    if not kind:
        return None, "kind_missing"
    letter = kind[0]
    if len(kind) == 2 and kind[1] in "1234567":
        ok = PARTIAL_INVALIDATION.get(letter) == patent_type
        return True, None if ok else "kind_mismatch"
    if letter == "A":
        return False, None if patent_type == "invention" else "kind_mismatch"
    grants = GRANT_KINDS_NEW if era == "current" else GRANT_KINDS_OLD
    if era == "old" and letter == "B":
        ok = patent_type == "invention"  # 1985-1992 审定 (examined application)
        return False, None if ok else "kind_mismatch"
    if letter not in grants:
        return None, "kind_mismatch"
    return True, None if grants[letter] == patent_type else "kind_mismatch"


@lru_cache(maxsize=65536)
def document_key(pub_no: str | None) -> str | None:
    """The number a patent's documents share, without the kind code: CN108572939A and
    CN108572939B (an invention's publication and its grant since 2007) → CN108572939. None
    for anything that is not a CN document number."""
    parsed = parse_pub(pub_no or "")
    return None if parsed.problem == "format" else f"CN{parsed.number}"


@lru_cache(maxsize=65536)
def document_numbers(key: str) -> tuple[str, ...]:
    """The stored forms a document key can take: CN108572939 → its A and B documents and the
    bare number (a list written without kind codes). Utility models and designs have one
    document (U, S)."""
    parsed = parse_pub(key)
    if parsed.problem == "format":
        return ()
    kinds = {"invention": ("A", "B"), "utility": ("U",), "design": ("S",)}[parsed.patent_type]
    if parsed.era == "old":
        kinds = {"invention": ("A",), "utility": ("U", "Y"), "design": ("S", "D")}[
            parsed.patent_type]
    return (key, *(key + kind for kind in kinds))
