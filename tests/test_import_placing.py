"""A real export imported in two parts, as a bureau imports monthly lists: the second part's
patents and new holders, filed from addresses the first part made known, are placed as their
address says (the first parts of an earlier import code left them unplaced: 6,050 of 6,543
patents of the Patsnap file's second half). Reads ../shared/fixtures (skips when absent)."""
from __future__ import annotations

import openpyxl
import pytest

from core import db as core_db
from core.db.models import Address, Holder, Patent
from core.importer.batch import import_file
from tests.conftest import BACKENDS, fresh_url
from tests.test_import_fixtures import FIXTURES

SOURCE = FIXTURES / "patsnap_agency_13086.xlsx"
ROWS = 2_000  # of its data rows: their district addresses repeat across the two parts
CODES = ("province_code", "city_code", "county_code", "street_code")


@pytest.fixture(params=BACKENDS)
def parts(request, tmp_path):
    if not SOURCE.exists():
        pytest.skip(f"{SOURCE.name} is not in {FIXTURES}")
    core_db.connect(fresh_url(request, tmp_path))
    sheet = openpyxl.load_workbook(SOURCE, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True, max_row=ROWS + 1))
    paths = []
    for number, part in enumerate((rows[1:ROWS // 2 + 1], rows[ROWS // 2 + 1:])):
        book = openpyxl.Workbook(write_only=True)
        book.create_sheet().append(rows[0])
        for row in part:
            book.worksheets[0].append(row)
        paths.append(tmp_path / f"part{number}.xlsx")
        book.save(paths[-1])
    return paths


def _placed_unlike_address(model) -> list:
    """(id, own codes, address codes) of the rows whose codes are not their address's."""
    query = (model.select(model.id, *(getattr(model, c) for c in CODES),
                          *(getattr(Address, c) for c in CODES))
             .join(Address, on=(model.address_ref == Address.id)).tuples())
    return [(r[0], r[1:5], r[5:]) for r in query if r[1:5] != r[5:]]


def test_the_second_part_is_placed_from_addresses_the_first_made_known(parts):
    import_file(parts[0])
    known = {a for (a,) in Address.select(Address.id)  # placed at a county at least
             .where(Address.county_code.is_null(False)).tuples()}
    first = Patent.select().count()
    import_file(parts[1])
    second = Patent.select().where(Patent.id > first)
    again = second.where(Patent.address_ref.in_(known))
    assert again.count() > ROWS // 4  # the case under test: known, placed addresses; new patents
    assert again.where(Patent.county_code.is_null(False)).count() == again.count()
    assert _placed_unlike_address(Patent) == []
    assert _placed_unlike_address(Holder) == []
