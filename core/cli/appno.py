"""`python -m core appno CN201810390462.7 [--json]`: validity, normalised form, type, filing year.
A publication / grant number (CN108572939B) is recognised too."""
from __future__ import annotations

import json

from core.cli import option
from core.config import labels
from core.rules import numbers


def configure(parser) -> None:
    option(parser, "appno", "number")
    option(parser, "appno", "--json", action="store_true")


def describe(raw: str) -> dict:
    """Facts about an application number (or a publication number when it is one)."""
    parsed = numbers.parse(raw)
    if parsed.problem == "format":
        pub = numbers.parse_pub(raw)
        if pub.problem != "format":
            return {"input": raw, "kind": "publication", "valid": pub.valid, "problem": pub.problem,
                    "normalized": pub.normalized, "patent_type": pub.patent_type,
                    "is_grant": pub.is_grant, "kind_code": pub.kind,
                    "kind_meaning": pub.kind_meaning, "era": pub.era}
    return {"input": raw, "kind": "application", "valid": parsed.valid,
            "problem": parsed.problem,
            "normalized": parsed.display if parsed.problem != "format" else None,
            "patent_number": numbers.patent_number(raw), "patent_type": parsed.patent_type,
            "filing_year": parsed.filing_year, "pct": parsed.pct,
            "expected_check": (numbers.check_char(parsed.digits)
                               if parsed.problem == "check_mismatch" else None)}


def run(args) -> int:
    info = describe(args.number)
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        print(_text(info))
    return 0 if info["valid"] else 1


def _text(info: dict) -> str:
    verdict = labels.APPNO_VALID if info["valid"] else labels.APPNO_PROBLEM[info["problem"]]
    if info["valid"] and info["problem"]:
        verdict += f"（{labels.APPNO_PROBLEM[info['problem']]}）"
    if info["problem"] == "check_mismatch":
        verdict += labels.APPNO_EXPECTED.format(check=info["expected_check"])
    lines = [f"{labels.APPNO_INPUT}：{info['input']}", f"{labels.APPNO_RESULT}：{verdict}"]
    if info["normalized"]:
        lines.append(f"{labels.APPNO_NORMALIZED}：{info['normalized']}")
    if info["patent_type"]:
        lines.append(f"{labels.APPNO_TYPE}：{labels.PATENT_TYPE[info['patent_type']]}"
                     + (labels.APPNO_PCT if info.get("pct") else ""))
    if info.get("filing_year"):
        lines.append(f"{labels.APPNO_YEAR}：{info['filing_year']}")
    if info["kind"] == "publication":
        lines.append(f"{labels.APPNO_KIND}：{info['kind_code']} {info['kind_meaning'] or ''}")
    return "\n".join(lines)
