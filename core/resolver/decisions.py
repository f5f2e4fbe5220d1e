"""Checker decisions (write side of the queue): place an address, teach an alias, fix a holder's
region. Each decision is one transaction, is written to the audit log with the state before it,
takes effect on patents and holders at once, and can be undone."""
from __future__ import annotations

import datetime as dt
import json

from core.cubes import delta
from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import Address, AddressAlias, AuditLog, Holder, now
from core.regions import divisions
from core.regions.scope import canonical
from core.resolver import propagate, taught
from core.resolver.resolution import resolve_text, split

ADDRESS_FIELDS = ("province_code", "city_code", "county_code", "street_code", "confidence",
                  "method", "status", "decided_by", "resolved_at")
HOLDER_FIELDS = ("province_code", "city_code", "county_code", "street_code", "region_override")


class DecisionError(ValueError):
    """A decision that cannot be applied (message in Chinese)."""


def _snapshot(row, fields) -> dict:
    return {f: (str(v) if isinstance(v, dt.datetime) else v)
            for f, v in ((f, getattr(row, f)) for f in fields)}


def _check_code(code: str) -> str:
    code = canonical(str(code or "").strip())
    if code not in divisions.names():
        raise DecisionError(f"区划代码不存在：{code}")
    if len(code) not in (6, 9):
        raise DecisionError(f"请选择区县或街道/乡镇（代码 6 位或 9 位）：{code}")
    return code


def decide(address_id: int, code: str, username: str, alias: str | None = None,
           alias_scope: str | None = None) -> int:
    """Place address `address_id` at `code` (street or county) for all its patents. With `alias`
    (e.g. a road name) also teach it inside `alias_scope` (default: the county) and re-resolve
    the queued addresses it now places. Returns the audit log id."""
    code, alias = _check_code(code), (alias or "").strip() or None
    with db.atomic():
        row = Address.get_or_none(Address.id == address_id)
        if row is None:
            raise DecisionError(f"地址不存在：{address_id}")
        # the summary tables follow the patents moved: those with a street only when no patent
        # leaves its county (an alias may place other addresses: every table then)
        tables = None if alias else propagate.tables_moved(row.id, code)
        return _decide(row, code, username, alias, alias_scope, tables)


def _decide(row: Address, code: str, username: str, alias: str | None, alias_scope: str | None,
            tables) -> int:
    with delta.change(tables):
        before = _snapshot(row, ADDRESS_FIELDS)
        _place(row, code, username)
        payload = {"before": before, "after": _snapshot(row, ADDRESS_FIELDS), "code": code}
        touched = [row.id]
        if alias:
            alias_row, others = _teach(alias, code, alias_scope or code[:6], username)
            payload.update(alias_id=alias_row.id, reresolved=others)
            touched += [o["id"] for o in others]
        counts = propagate.apply_addresses(touched)
        payload["patents"] = counts["patents"]
        version.bump()
        event = record(AuditEvent(username, "address_resolve", "address", str(row.id),
                                  row.normalized, f"{row.normalized} → {code}", payload))
    return event.id


def _place(row: Address, code: str, username: str) -> None:
    province, city, county, street = split(code)
    Address.update(province_code=province, city_code=city, county_code=county,
                   street_code=street, confidence=1.0, method="manual", status="manual",
                   decided_by=username, resolved_at=now()).where(Address.id == row.id).execute()
    row.province_code, row.city_code, row.county_code, row.street_code = province, city, county, street
    row.confidence, row.method, row.status, row.decided_by = 1.0, "manual", "manual", username


def _teach(alias: str, code: str, scope: str, username: str) -> tuple[AddressAlias, list[dict]]:
    if len(alias) < 2:
        raise DecisionError(f"别名太短：{alias}")
    scope = canonical(scope)
    if not code.startswith(scope):
        raise DecisionError(f"别名适用范围 {scope} 不包含 {code}")
    alias_row = AddressAlias.create(alias=alias, region_code=code, scope_code=scope, kind="road",
                                    created_by=username)
    taught.invalidate()
    others = []
    pending = Address.select().where(Address.status == "queued",
                                     Address.normalized.contains(alias.lower()))
    for other in pending:
        res = resolve_text(other.normalized + (f" {other.postcode}" if other.postcode else ""))
        if res.queued:
            continue
        others.append({"id": other.id, "before": _snapshot(other, ADDRESS_FIELDS)})
        Address.update(province_code=res.province_code, city_code=res.city_code,
                       county_code=res.county_code, street_code=res.street_code,
                       confidence=res.confidence, method=res.method, status="auto",
                       candidates=None, resolved_at=now()).where(Address.id == other.id).execute()
    return alias_row, others


def set_holder_region(holder_id: int, code: str, username: str) -> int:
    """A holder's registered street overrides the address text for all patents it holds first."""
    code = _check_code(code)
    with db.atomic(), delta.change():  # summary tables follow the patents moved
        holder = Holder.get_by_id(holder_id)
        before = _snapshot(holder, HOLDER_FIELDS)
        propagate.note_holders([holder_id])
        province, city, county, street = split(code)
        Holder.update(province_code=province, city_code=city, county_code=county,
                      street_code=street, region_override=True).where(
            Holder.id == holder_id).execute()
        patents = propagate.apply_holders([holder_id])
        version.bump()
        event = record(AuditEvent(username, "holder_region", "holder", str(holder_id),
                                  holder.name, f"{holder.name} → {code}",
                                  {"before": before, "code": code, "patents": patents}))
    return event.id


def undo(audit_id: int, username: str) -> int:
    """Restore the state before decision `audit_id`. Returns the audit id of the undo."""
    with db.atomic(), delta.change():  # summary tables follow the patents moved
        entry = AuditLog.get_or_none(AuditLog.id == audit_id)
        if entry is None or entry.action not in ("address_resolve", "holder_region"):
            raise DecisionError(f"无法撤销的操作：{audit_id}")
        if is_undone(audit_id):
            raise DecisionError(f"该操作已撤销：{audit_id}")
        if _later_decision(entry):
            raise DecisionError(f"该对象之后还有新的核定，请先撤销较新的核定：{audit_id}")
        payload = json.loads(entry.payload or "{}")
        if entry.action == "address_resolve":
            _undo_address(int(entry.object_id), payload)
        else:
            _undo_holder(int(entry.object_id), payload)
        version.bump()
        event = record(AuditEvent(username, "undo", entry.object_type, entry.object_id,
                                  entry.object_repr, f"撤销 #{audit_id}", {"undo_of": audit_id}))
    return event.id


def _restore_address(address_id: int, before: dict) -> None:
    Address.update(**before).where(Address.id == address_id).execute()


def _undo_address(address_id: int, payload: dict) -> None:
    _restore_address(address_id, payload["before"])
    touched = [address_id]
    for other in payload.get("reresolved", []):
        _restore_address(other["id"], other["before"])
        touched.append(other["id"])
    if payload.get("alias_id"):
        AddressAlias.update(active=False).where(AddressAlias.id == payload["alias_id"]).execute()
        taught.invalidate()
    propagate.apply_addresses(touched)


def _undo_holder(holder_id: int, payload: dict) -> None:
    propagate.note_holders([holder_id])
    Holder.update(**payload["before"]).where(Holder.id == holder_id).execute()
    propagate.apply_holders([holder_id])


def patents_moved(audit_id: int) -> int:
    """Patents updated by decision `audit_id`."""
    entry = AuditLog.get_or_none(AuditLog.id == audit_id)
    return int(json.loads(entry.payload or "{}").get("patents", 0)) if entry else 0


def _later_decision(entry: AuditLog) -> bool:
    later = AuditLog.select(AuditLog.id).where(
        AuditLog.object_type == entry.object_type, AuditLog.object_id == entry.object_id,
        AuditLog.action == entry.action, AuditLog.id > entry.id)
    return any(not is_undone(row.id) for row in later)


def is_undone(audit_id: int) -> bool:
    return AuditLog.select().where(AuditLog.action == "undo",
                                   AuditLog.payload == json.dumps({"undo_of": audit_id})).exists()


def history(limit: int = 50, holder_id: int | None = None) -> list[dict]:
    """Recent decisions, newest first (with `holder_id`: that holder's region decisions and
    their undos only). Keys: id, at, username, action, object_repr, message, undone."""
    query = AuditLog.select().where(AuditLog.action.in_(("address_resolve", "holder_region",
                                                           "undo")))
    if holder_id is not None:
        query = query.where(AuditLog.object_type == "holder",
                            AuditLog.object_id == str(holder_id))
    rows = query.order_by(AuditLog.id.desc()).limit(limit)
    undone = set()
    out = []
    for row in rows.dicts():
        if row["action"] == "undo":
            undone.add(json.loads(row["payload"] or "{}").get("undo_of"))
        out.append(row)
    for row in out:
        row["undone"] = row["id"] in undone
        row.pop("payload", None)
    return out
