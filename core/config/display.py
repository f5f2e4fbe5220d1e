"""Stored codes and English notes (audit rows, job messages) as the pages show them: Chinese.

Writers keep their stable codes (tests and exports rely on them); these functions only change
what a user reads."""
from __future__ import annotations

import re

from core.config import labels

_PAIR = re.compile(r"^\s*([^:]+):\s*(.+?)\s*$")
_OPENED_CLOSED = re.compile(r"^\+(\d+) -(\d+)$")
_ERROR = re.compile(r"^[A-Za-z_.]*(Error|Exception|Interrupt|Exit)[A-Za-z]*: ")
_LOGIN_NOTE = re.compile(r"^from (\S+?)(?:, next try in (\d+) s)?$")


def job_name(name: str) -> str:
    """A scheduled job's Chinese name (its code when it has none)."""
    return labels.JOB_NAMES.get(name, name)


def job_message(text: str | None) -> str:
    """A job_run message ("fee_due: +3 -0, expiry: +1 -0", "files imported: 1, …") in Chinese."""
    if not text:
        return labels.JOB_NOTHING
    if text.strip() == "empty":
        return labels.JOB_NOTHING
    if _ERROR.match(text):
        return labels.JOB_ERROR.format(detail=_ERROR.sub("", text))
    parts = [_job_pair(part) for part in text.split(", ")]
    return text if None in parts else "，".join(parts)


def _job_pair(part: str) -> str | None:
    found = _PAIR.match(part)
    if not found or found[1] not in labels.JOB_MESSAGE_KEY:
        return None
    value = found[2]
    counts = _OPENED_CLOSED.match(value)
    if counts:
        value = labels.JOB_OPENED_CLOSED.format(opened=counts[1], closed=counts[2])
    return f"{labels.JOB_MESSAGE_KEY[found[1]]} {value}"


def audit_row(row: dict) -> dict:
    """An audit_log row (action, object_type, object_repr, message …) as shown on 操作日志."""
    kind = row.get("object_type")
    return {**row,
            "action": labels.AUDIT_ACTION.get(row.get("action"), row.get("action")),
            "object_type": labels.AUDIT_OBJECT.get(kind, kind),
            "object_repr": _audit_object(kind, row.get("object_repr")),
            "message": _audit_message(kind, row.get("message"))}


def _audit_object(kind: str | None, text: str | None) -> str | None:
    if not text:
        return text
    if kind == "parameter" and text.count("/") == 2:
        key, region, year = text.split("/")
        return " · ".join(p for p in (labels.PARAM_LABEL.get(key, key), region, year) if p)
    if kind in ("alert", "watch") and ":" in text:
        head, rest = text.split(":", 1)
        names = labels.ALERT_KIND if kind == "alert" else labels.WATCH_KIND
        return f"{names.get(head, head)} {rest}"
    return text


def _audit_message(kind: str | None, text: str | None) -> str | None:
    if not text:
        return text
    if text in labels.AUDIT_MESSAGE:
        return labels.AUDIT_MESSAGE[text]
    if text.startswith("role="):
        role = text.removeprefix("role=")
        return labels.AUDIT_ROLE.format(role=labels.ROLE.get(role, role))
    note = _LOGIN_NOTE.match(text)
    if note:
        where = labels.AUDIT_MESSAGE["from local"] if note[1] == "local" else \
            labels.AUDIT_FROM.format(address=note[1])
        return where + ("，" + labels.AUDIT_RETRY.format(seconds=note[2]) if note[2] else "")
    if kind == "alert":
        return labels.ALERT_STATUS.get(text, text)
    if kind == "reminder_batch":  # the letters' kind
        return labels.LETTER_KIND.get(text, text)
    if kind == "holder" and set(text.split(",")) <= set(labels.HOLDER_FIELD):
        return "、".join(labels.HOLDER_FIELD[f] for f in text.split(","))
    return text
