"""Chinese patent application numbers (ZC 0006-2003 and the 1989-2003 format).

- since 2003-10-01: YYYY + type digit + 7-digit serial + '.' + check (12 digits + check)
- 1989 - 2003-09-30: YY + type digit + 5-digit serial + '.' + check (8 digits + check)
- 1985 - 1988: 8 digits without a check digit
Check character: digits times weights 2,3,4,5,6,7,8,9,2,3,4,5 (8-digit: 2..9), sum mod 11,
10 → 'X' (domain-facts §4.1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
TYPE_BY_DIGIT = {"1": "invention", "2": "utility", "3": "design", "8": "invention", "9": "utility"}
_JUNK = re.compile(r"[\s.．。·]")


def check_char(digits: str) -> str:
    """The check character for 12 (or 8) digits."""
    total = sum(int(d) * w for d, w in zip(digits, WEIGHTS))
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


def parse(raw: str) -> AppNo:
    """Parse an application number written with or without CN/ZL, spaces, dot and check char."""
    text = re.sub(r"^(CN|ZL)+", "", _JUNK.sub("", str(raw or "")).upper())
    match = re.fullmatch(r"(\d{12}|\d{8})([\dX]?)", text)
    if not match:
        return _bad(raw)
    return _build(raw, match.group(1), match.group(2))


def _build(raw: str, digits: str, check: str) -> AppNo:
    if len(digits) == 12:
        year, type_digit = int(digits[:4]), digits[4]
    else:
        yy, type_digit = int(digits[:2]), digits[2]
        year = 1900 + yy if yy >= 85 else 2000 + yy
    patent_type = TYPE_BY_DIGIT.get(type_digit)
    if patent_type is None or not 1985 <= year <= 2100:
        return AppNo(raw, digits, check, False, "format", patent_type, year, False)
    needs_check = len(digits) == 12 or year >= 1989
    if not check:
        problem = "check_missing" if needs_check else None
        valid = True
    else:
        valid = check == check_char(digits)
        problem = None if valid else "check_mismatch"
    return AppNo(raw, digits, check, valid, problem, patent_type, year, type_digit in "89")


def _bad(raw: str) -> AppNo:
    return AppNo(str(raw), "", None, False, "format", None, None, False)


def make(year: int, type_digit: int, serial: int) -> str:
    """A valid post-2003 application number in storage form, e.g. make(2018, 1, 390462)."""
    digits = f"{year:04d}{type_digit}{serial:07d}"
    return digits + check_char(digits)
