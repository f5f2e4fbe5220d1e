"""One address text → province / city / county / street, with a confidence and the method that
decided it: the gazetteer chain, the taught aliases, the postcode (see core/resolver/__init__.py)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from core.config import settings
from core.resolver import taught
from core.resolver.addresses import normalize
from core.resolver.gazetteer import OUTSIDE_MAINLAND, name_of
from core.resolver.matcher import Chain, bare_streets, find_matches, postcode_prefix, walk

AUTO_THRESHOLD = 0.9
ALIAS_KINDS = ("old_name", "zone", "short_name", "english")
LEVEL_NAMES = {2: "province", 4: "city", 6: "county", 9: "street"}


@dataclass(frozen=True)
class Resolution:
    province_code: str | None
    city_code: str | None
    county_code: str | None
    street_code: str | None
    confidence: float
    method: str
    queued: bool
    candidates: list = field(default_factory=list)  # [{code, name, level, evidence}]

    @property
    def code(self) -> str:
        """The deepest code placed ('' when nothing)."""
        return self.street_code or self.county_code or self.city_code or self.province_code or ""

    @property
    def level(self) -> str | None:
        return LEVEL_NAMES.get(len(self.code))

    def as_dict(self) -> dict:
        out = {}
        for level in ("province", "city", "county", "street"):
            code = getattr(self, f"{level}_code")
            out[f"{level}_code"] = code
            out[f"{level}_name"] = name_of(code)
        out.update(confidence=round(self.confidence, 3), method=self.method, queued=self.queued,
                   candidates=self.candidates)
        return out


def home_region() -> str:
    return settings.get("PATENT_HOME_REGION") or "3205"


def split(code: str) -> tuple[str | None, str | None, str | None, str | None]:
    """Province, city, county and street code of a code ('' → all None)."""
    return tuple(code[:n] if len(code) >= n else None for n in (2, 4, 6, 9))  # type: ignore


def resolve_text(raw: str | None, home: str | None = None) -> Resolution:
    """Resolve one address text (see module doc)."""
    home = home or home_region()
    text, postcode = normalize(raw)
    if not text:
        return Resolution(None, None, None, None, 0.0, "empty", True, [])
    if OUTSIDE_MAINLAND.match(text):
        return Resolution(None, None, None, None, 0.0, "none", True, [])
    chain = walk(find_matches(text), home)
    notes = _filter_by_postcode(chain, postcode)
    db_alias = taught.apply(text, chain)
    res = _decide(tuple(chain.paths.items()), bool(chain.conflicts), chain.scoped_default,
                  postcode_prefix(postcode), home, tuple(notes), db_alias)
    if res.queued and not res.candidates and len(res.code) >= 6:
        return replace(res, candidates=_bare_candidates(res.code, text))
    return replace(res, candidates=list(res.candidates)) if res.candidates else res


def _filter_by_postcode(chain: Chain, postcode: str | None) -> list[str]:
    prefix = postcode_prefix(postcode)
    if not prefix or len(chain.paths) < 2:
        return []
    kept = {p: e for p, e in chain.paths.items() if p.startswith(prefix) or prefix.startswith(p)}
    if kept and len(kept) < len(chain.paths):
        chain.paths = kept
        return [f"邮编{postcode}"]
    return []


@lru_cache(maxsize=50_000)
def _decide(paths: tuple, conflicts: bool, scoped: bool, prefix: str | None, home: str,
            notes: tuple, db_alias: bool) -> Resolution:
    """The decision for a chain of names (cached: many addresses share their chain)."""
    if len(paths) > 1:
        code = _common_prefix([p for p, _ in paths])
        candidates = [_candidate(p, e + notes) for p, e in sorted(paths)]
        return _result(code, 0.4, "ambiguous", True, candidates)
    code, evidence = paths[0]
    if not code:
        if prefix:
            return _result(prefix, 0.5, "postcode", True, [])
        return _result("", 0.0, "none", True, [])
    confidence = _confidence(code, evidence, conflicts, scoped, db_alias)
    if prefix and not (code.startswith(prefix) or prefix.startswith(code)):
        confidence = min(confidence, 0.6)  # the postcode points elsewhere
    method = _method(evidence, db_alias)
    in_home = code.startswith(home) or (home.startswith(code) and len(code) >= 4)
    queued = confidence < AUTO_THRESHOLD or (in_home and len(code) < 9)
    candidates = []
    if len(code) == 9 and confidence < AUTO_THRESHOLD:
        # a street we are not sure of is a candidate for the checker, never a placement
        candidates = [_candidate(code, evidence)]
        code = code[:6]
    return _result(code, confidence, method, queued, candidates)


def _confidence(code: str, evidence: tuple, conflicts: bool, scoped: bool,
                db_alias: bool) -> float:
    levels = {n for _, _, n, _ in evidence}
    kinds = {k for _, k, _, _ in evidence}
    if len(code) == 9:
        named = [e for e in evidence if e[2] == 9]
        if db_alias:
            value = 0.95
        elif levels & {6}:
            value = 0.97
        elif levels & {4} or (named and named[-1][3] and len(named[-1][0]) >= 4):
            value = 0.93  # the city, or a street name with one meaning in the whole country
        else:
            value = 0.86
        if kinds <= {"stem"}:
            value -= 0.02
    elif len(code) == 6:
        value = 0.95 if (levels & {2, 4} or kinds - {"short"}) else 0.85
    else:
        value = 0.92 if kinds - {"short"} else 0.88
    if scoped:
        value = min(value, 0.9)
    if conflicts:
        value = min(value, 0.5)
    return value


def _method(evidence: list, db_alias: bool) -> str:
    if db_alias:
        return "taught_alias"
    kinds = {e[1] for e in evidence}
    changes = sorted(k for k in kinds if k.startswith("change:"))
    if changes:
        return changes[0]  # "change:<old code>": the division change that placed the address
    alias = sorted(kinds & set(ALIAS_KINDS))
    return f"alias:{alias[0]}" if alias else "gazetteer"


def _bare_candidates(code: str, text: str) -> list[dict]:
    """Streets inside `code` whose name appears without 街道/镇 (weak evidence, never decided)."""
    seen = {}
    for street, key in bare_streets(text, code):
        if len(street) == 9 and street not in seen:
            seen[street] = _candidate(street, [f"地址含「{key}」（未写街道/镇）"])
    return list(seen.values())


def _candidate(code: str, evidence: list) -> dict:
    return {"code": code, "name": name_of(code), "level": LEVEL_NAMES.get(len(code)),
            "evidence": [e if isinstance(e, str) else f"地址含「{e[0]}」" for e in evidence]}


def _common_prefix(codes: list[str]) -> str:
    for n in (9, 6, 4, 2):
        heads = {c[:n] for c in codes if len(c) >= n}
        if len(heads) == 1 and all(len(c) >= n for c in codes):
            return heads.pop()
    return ""


def _result(code: str, confidence: float, method: str, queued: bool,
            candidates: list) -> Resolution:
    return Resolution(*split(code), round(confidence, 3), method, queued, candidates)

