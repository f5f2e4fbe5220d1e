"""Legal status and legal events as vendors write them.

- `event_kind(text)`: an event name, a gazette code or a vendor tag (授权, 质押, 权利转移, 未缴年费,
  一案双申, 无效程序 …) → one of core.models.EVENT_KINDS. Tags that name a proceeding without its
  outcome (一案双申, 无效程序, 复审, 口头审理) become 'other' with the tag kept as detail.
- `status_of(simple, detail)`: vendor status texts → (status, reason) as in core.models.
"""
from __future__ import annotations

import re
from functools import lru_cache

from core.importer.values import split_multi, text

CODES = {
    "PB01": "publication", "SE01": "exam", "GR01": "grant", "RJ01": "rejection",
    "WD01": "withdrawal", "CF01": "lapse_unpaid", "CX01": "expiry", "AV01": "surrender",
    "TR01": "transfer", "CP01": "holder_change", "CP02": "holder_change", "CP03": "holder_change",
    "CB03": "holder_change", "EE01": "license", "EM01": "license_change",
    "EC01": "license_cancel", "PE01": "pledge", "PM01": "pledge_change", "PC01": "pledge_release",
    "PP01": "preservation", "PD01": "preservation_release", "RR01": "restoration",
    "IW01": "invalidation", "IP01": "partial_invalidation", "AD01": "double_patenting",
}
# (all words must occur, kind); first match wins, so specific rules come first.
RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("药品", "期限补偿"), "drug_term_extension"), (("药品", "期限延长"), "drug_term_extension"),
    (("期限补偿",), "term_compensation"),
    (("开放许可", "撤回"), "open_licence_withdrawal"), (("开放许可", "撤销"), "open_licence_withdrawal"),
    (("开放许可", "合同"), "license"), (("开放许可", "备案"), "license"),
    (("开放许可",), "open_licence"),
    (("质押", "注销"), "pledge_release"), (("质押", "解除"), "pledge_release"),
    (("质押", "变更"), "pledge_change"), (("质押",), "pledge"), (("出质",), "pledge"),
    (("许可", "注销"), "license_cancel"), (("许可", "变更"), "license_change"),
    (("许可",), "license"),
    (("保全", "解除"), "preservation_release"), (("保全",), "preservation"),
    (("转移",), "transfer"), (("转让",), "transfer"),
    (("未缴年费",), "lapse_unpaid"), (("年费", "终止"), "lapse_unpaid"),
    (("届满",), "expiry"), (("恢复",), "restoration"),
    (("部分无效",), "partial_invalidation"), (("全部无效",), "invalidation"),
    (("无效宣告", "决定"), "invalidation"), (("全部撤销",), "invalidation"),
    (("驳回",), "rejection"), (("撤回",), "withdrawal"),
    (("避免重复授权",), "double_patenting"), (("重复授权",), "double_patenting"),
    (("放弃",), "surrender"),
    (("授权",), "grant"), (("授予",), "grant"),
    (("实质审查",), "exam"), (("实审",), "exam"),
    (("公布",), "publication"), (("公开",), "publication"),
    (("变更",), "holder_change"),
)
_CODE = re.compile(r"\b([A-Z]{2}\d{2})\b")


@lru_cache(maxsize=4096)
def event_kind(raw) -> str:
    """Event kind of an event name, gazette code or vendor tag; 'other' when unknown."""
    name = text(raw)
    if name is None:
        return "other"
    code = _CODE.search(name.upper())
    if code and code.group(1) in CODES:
        return CODES[code.group(1)]
    for words, kind in RULES:
        if all(word in name for word in words):
            return kind
    return "other"


def event_tags(raw) -> list[tuple[str, str]]:
    """[(kind, tag)] of a vendor status/event cell such as `授权 | 质押 | 权利转移`."""
    return list(_event_tags(raw)) if isinstance(raw, str) or raw is None else \
        [(event_kind(tag), tag) for tag in split_multi(raw)]


@lru_cache(maxsize=4096)
def _event_tags(raw: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((event_kind(tag), tag) for tag in split_multi(raw))


# kind of event → (status, reason) it implies for the patent
EVENT_STATUS = {
    "lapse_unpaid": ("lapsed", "unpaid_fee"), "expiry": ("lapsed", "expired"),
    "invalidation": ("lapsed", "invalidated"), "rejection": ("lapsed", "rejected"),
    "withdrawal": ("lapsed", "withdrawn"), "surrender": ("lapsed", "surrendered"),
    "double_patenting": ("lapsed", "double_patenting"),
    "grant": ("valid", "granted"), "restoration": ("valid", "granted"),
    "pledge": ("valid", "granted"), "license": ("valid", "granted"),
    "transfer": (None, None), "exam": ("pending", "examining"),
    "publication": ("pending", "published"),
}
STATUS_ORDER = ("lapsed", "valid", "pending")
SIMPLE = (  # (word in the vendor's simple status, status); 届满 before 有效 (专利权有效期届满)
    ("届满", "lapsed"), ("审中", "pending"), ("在审", "pending"), ("审查", "pending"), ("公开", "pending"),
    ("有效", "valid"), ("有权", "valid"), ("维持", "valid"), ("授权", "valid"),
    ("失效", "lapsed"), ("无效", "lapsed"), ("无权", "lapsed"), ("终止", "lapsed"),
    # Lens.org Legal Status (lower-cased); inactive before active
    ("inactive", "lapsed"), ("expired", "lapsed"), ("discontinued", "lapsed"),
    ("lapsed", "lapsed"), ("revoked", "lapsed"), ("withdrawn", "lapsed"), ("rejected", "lapsed"),
    ("pending", "pending"), ("active", "valid"), ("patented", "valid"), ("granted", "valid"),
)
DOUBLE_FILING = "一案双申"


def simple_status(raw) -> str | None:
    """有效 → valid, 审中 → pending, 失效 → lapsed; None when the text says nothing usable."""
    name = text(raw)
    if name is None:
        return None
    name = name.lower()
    for word, status in SIMPLE:
        if word in name:
            return status
    return None


def status_of(simple, detail) -> tuple[str, str | None]:
    """Cached `_status_of` for the usual text cells."""
    try:
        return _cached_status(simple, detail)
    except TypeError:  # unhashable cell value
        return _status_of(simple, detail)


@lru_cache(maxsize=4096)
def _cached_status(simple, detail) -> tuple[str, str | None]:
    return _status_of(simple, detail)


def _status_of(simple, detail) -> tuple[str, str | None]:
    """(status, reason) from a simple status (有效/审中/失效 …) and a detailed status or event
    list (授权 | 质押, 未缴年费 …). The simple status wins; the detail gives the reason."""
    tags = event_tags(detail)
    implied = [EVENT_STATUS[k] for k, _ in tags if EVENT_STATUS.get(k, (None,))[0]]
    status = simple_status(simple)
    if status is None and implied:
        status = min(implied, key=lambda p: STATUS_ORDER.index(p[0]))[0]
    if status is None:
        status = simple_status(detail)
    if status is None:
        return "unknown", None
    reasons = [r for s, r in implied if s == status]
    if not reasons and status == "lapsed" and any(t == DOUBLE_FILING for _, t in tags):
        reasons = ["double_patenting"]
    return status, reasons[0] if reasons else _default_reason(status, simple, detail)


def _default_reason(status: str, simple, detail) -> str | None:
    if status == "valid":
        return "granted"
    if status == "pending":
        words = f"{text(simple) or ''}{text(detail) or ''}"
        return "examining" if "审" in words else "published"
    return "unknown"
