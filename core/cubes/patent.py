"""patent_cube, street_cube, holder_cube and event_cube: the patent table grouped for the
city-wide statistics pages.

patent_cube: one row per (province, city, county, type, status, app_year, grant_year,
lapse_year, domestic) with the patent count and the counts of the conditions core.stats tests
(filing/grant/publication date set, examined, refused). street_cube: one row per (street,
type, status) with the count. holder_cube: valid patents per (county, first holder, type).
event_cube: transfers, licences and pledges per (patent's county and type, kind, event year).
"""
from __future__ import annotations

import peewee as pw
from peewee import fn

from core.db.models import EventCube, Holder, HolderCube, LegalEvent, Patent, PatentCube, StreetCube
from core.db.sql import count_if, period
from core.rules.counting import refused as closed_without_grant

CUBE_DIMS = ("province_code", "city_code", "county_code", "patent_type", "status", "app_year",
             "grant_year", "lapse_year", "domestic")
STREET_DIMS = ("province_code", "city_code", "county_code", "street_code", "patent_type",
               "status")
EXAMINED_REASONS = ("examining", "rejected")


def _cube_select(only: pw.Node | None = None) -> pw.Select:
    lapse_year = period(Patent.lapse_date, "year")
    dims = [getattr(Patent, d) for d in CUBE_DIMS if d != "lapse_year"]
    dims.insert(CUBE_DIMS.index("lapse_year"), lapse_year)
    app, granted = Patent.app_date.is_null(False), Patent.grant_date.is_null(False)
    examined = Patent.status_reason.in_(EXAMINED_REASONS) | granted
    refused = (closed_without_grant() & fn.COALESCE(Patent.status_date, Patent.lapse_date)
               .is_null(False))
    measures = [fn.COUNT(Patent.id), count_if(app), count_if(granted),
                count_if(Patent.pub_date.is_null(False) | granted),
                count_if(app & Patent.pub_date.is_null(False)), count_if(app & examined),
                count_if(app & granted), count_if(refused)]
    return _only(Patent.select(*dims, *measures), Patent.id, only).group_by(*dims)


def _only(select: pw.Select, column: pw.Field, only: pw.Node | None) -> pw.Select:
    """`select` restricted to the patents whose ids `only` selects (all when None)."""
    return select if only is None else select.where(column.in_(only))


MEASURES = ("n", "n_app", "n_grant", "n_public", "n_app_pub", "n_app_examined", "n_app_grant",
            "n_refused")


def build() -> None:
    """Recompute the four tables (inside the caller's transaction)."""
    for model, selects in rows(None):
        model.delete().execute()
        for select in selects:
            model.insert_from(select, columns(model)).execute()


def columns(model) -> list[pw.Field]:
    return [getattr(model, c) for c in COLUMNS[model]]


def rows(only: pw.Node | None) -> list[tuple]:
    """(table, SELECTs of its rows) of the four tables, counting the patents whose ids `only`
    selects (all when None): what core.cubes.delta subtracts and adds for changed patents."""
    dims = [getattr(Patent, d) for d in STREET_DIMS]
    streets = (_only(Patent.select(*dims, fn.COUNT(Patent.id)), Patent.id, only)
               .where(Patent.street_code.is_null(False)).group_by(*dims))
    return [(PatentCube, [_cube_select(only)]), (StreetCube, [streets]),
            (HolderCube, [_holder_select(only)]), (EventCube, [_event_select(only)])]


HOLDER_COLUMNS = ("province_code", "city_code", "county_code", "holder_id", "holder_kind",
                  "patent_type", "n")


def _holder_select(only: pw.Node | None = None) -> pw.Select:
    dims = [Patent.province_code, Patent.city_code, Patent.county_code, Patent.first_holder,
            Holder.kind, Patent.patent_type]
    return (_only(Patent.select(*dims, fn.COUNT(Patent.id)), Patent.id, only)
            .join(Holder, on=(Patent.first_holder == Holder.id))
            .where(Patent.status == "valid")
            .group_by(*dims))


EVENT_KINDS = ("transfer", "license", "pledge")
EVENT_COLUMNS = ("province_code", "city_code", "county_code", "patent_type", "kind", "year", "n")


def _event_select(only: pw.Node | None = None) -> pw.Select:
    year = period(LegalEvent.date, "year")
    dims = [Patent.province_code, Patent.city_code, Patent.county_code, Patent.patent_type,
            LegalEvent.kind, year]
    return (_only(LegalEvent.select(*dims, fn.COUNT(LegalEvent.id)), LegalEvent.patent, only)
            .join(Patent, pw.JOIN.CROSS)
            .where((LegalEvent.patent == Patent.id) & LegalEvent.kind.in_(EVENT_KINDS)
                   & LegalEvent.date.is_null(False))
            .group_by(*dims))


COLUMNS = {PatentCube: (*CUBE_DIMS, *MEASURES), StreetCube: (*STREET_DIMS, "n"),
           HolderCube: HOLDER_COLUMNS, EventCube: EVENT_COLUMNS}
