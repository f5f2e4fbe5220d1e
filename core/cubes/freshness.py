"""Whether the summary tables may be read: they exist and their stamp matches the patent and
legal-event tables (MAX(id) of each, primary-key look-ups). Readers never rebuild: when the
tables are stale they read the live tables (same numbers, slower) until a writer brings them
up to date (core.cubes.delta after imports and decisions, core.cubes.rebuild after the demo
and in the jobs)."""
from __future__ import annotations

from peewee import fn

from core.db import current_url
from core.db.models import (
    ActorCube,
    AgencyCube,
    AgencyFieldCube,
    CubeStamp,
    EventCube,
    HolderCube,
    HolderRegionCube,
    IndicatorCube,
    IndustryCube,
    InventorCube,
    InventorYearCube,
    LegalEvent,
    OpsCube,
    Patent,
    PatentCube,
    QualityCube,
    QualityYearCube,
    StreetCube,
    SubjectTotalCube,
    SubjectYearCube,
)

TABLES = (PatentCube, StreetCube, HolderCube, EventCube, IndicatorCube, OpsCube, ActorCube,
          AgencyCube, AgencyFieldCube, IndustryCube, InventorCube, InventorYearCube, QualityCube,
          QualityYearCube, SubjectTotalCube, SubjectYearCube, HolderRegionCube, CubeStamp)
_KNOWN: set[str] = set()


def max_event_id() -> int:
    return LegalEvent.select(fn.MAX(LegalEvent.id)).scalar() or 0


def stamp() -> CubeStamp | None:
    return CubeStamp.select().order_by(CubeStamp.id.desc()).first()


def is_fresh() -> bool:
    """True when the stamp matches MAX(id) of patent and legal_event."""
    current = stamp()
    if current is None:
        return False
    top = Patent.select(fn.MAX(Patent.id)).scalar() or 0
    return current.max_patent_id == top and current.max_event_id == max_event_id()


def usable() -> bool:
    """Whether readers may read the summary tables now (they exist and are fresh)."""
    return tables_exist() and is_fresh()


def tables_exist() -> bool:
    """Cached once true per database URL (tables are never dropped while the app runs)."""
    url = current_url() or ""
    if url in _KNOWN:
        return True
    ok = all(m.table_exists() for m in TABLES)
    if ok:
        _KNOWN.add(url)
    return ok
