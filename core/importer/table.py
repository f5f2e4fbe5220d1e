"""A sheet after header detection: its mapping and data rows, with helpers that turn a parser's
ValueError into a BadCell naming the column as the file writes it."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from core.config import labels
from core.importer.dialects import Mapping
from core.importer.values import text

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell: longer is a damaged or hostile file


class BadCell(Exception):
    """A row cannot be imported: column header, raw value, Chinese reason."""

    def __init__(self, column: str | None, value, reason: str):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


class Skipped(BadCell):
    """A row that is read but not for this system (another country's patent): counted and
    listed with its reason, not an error. office: the country or office it belongs to."""

    def __init__(self, column: str | None, value, reason: str, office: str):
        super().__init__(column, value, reason)
        self.office = office


@dataclass
class Table:
    sheet: str
    mapping: Mapping
    rows: list[tuple]
    row_numbers: list[int]
    source: str | None = None  # the vendor the headers point to
    formulas: dict[int, dict[int, str]] = field(default_factory=dict)  # readers.Sheet.formulas
    records: dict[int, tuple[int, dict[int, int]]] = field(default_factory=dict)  # Sheet.records

    def data(self) -> Iterator[tuple[int, tuple]]:
        return zip(self.row_numbers, self.rows)

    @cached_property
    def _read_columns(self) -> tuple[int, ...]:
        m = self.mapping
        extra = [i for table in (m.fallbacks, m.joined) for ids in table.values() for i in ids]
        return tuple(sorted({*m.fields.values(), *extra}))

    def check_cells(self, cells: tuple) -> None:
        """BadCell for a cell the import reads that is longer than MAX_CELL_CHARS."""
        for index in self._read_columns:
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise BadCell(self.mapping.headers[index], value[:50] + "…",
                              labels.IMP_R_CELL_TOO_LONG.format(n=len(value),
                                                                limit=MAX_CELL_CHARS))

    def explain(self, number: int, err: BadCell) -> tuple[str, object, str]:
        """(column, value, reason) of a refused row for the report: a column whose cell is a
        formula saved without its value says so and names the cell."""
        column, reason = err.column or "", err.reason
        index = self.mapping.headers.index(column) if column in self.mapping.headers else None
        cells = self.formulas.get(number)
        if cells and index is not None:
            ref = cells.get(index)
            if ref:
                reason = labels.IMP_R_FORMULA.format(cell=ref, reason=reason)
        if number in self.records:  # a file of records: name the record and the field's line
            ordinal, lines = self.records[number]
            reason = labels.IMP_R_RECORD.format(n=ordinal, line=lines.get(index, number),
                                                reason=reason)
        return column, err.value, reason

    def getter(self, cells: tuple) -> Callable[[str], object]:
        """get(field) → the raw cell; an empty cell falls back to the field's tagged variants,
        and the cells of a field spread over numbered columns come back joined with '; '."""
        fields, size = self.mapping.fields, len(cells)
        fallbacks, joined = self.mapping.fallbacks, self.mapping.joined

        def cell(index: int):
            return cells[index] if index < size else None

        def get(name: str):
            index = fields.get(name)
            if index is None:
                return None
            value = cell(index)
            if joined.get(name):
                parts = [text(cell(i)) for i in (index, *joined[name])]
                return "; ".join(p for p in parts if p) or None
            if name in fallbacks and text(value) is None:
                return next((cell(i) for i in fallbacks[name] if text(cell(i)) is not None),
                            value)
            return value
        return get

    def values(self, name: str, cells: tuple) -> list:
        """The raw cells of a field and of its fallbacks, in order of preference."""
        index = self.mapping.fields.get(name)
        if index is None:
            return []
        columns = (index, *self.mapping.fallbacks.get(name, ()))
        return [cells[i] if i < len(cells) else None for i in columns]

    def has(self, name: str) -> bool:
        return name in self.mapping.fields

    def column(self, name: str) -> str | None:
        index = self.mapping.fields.get(name)
        return self.mapping.headers[index] if index is not None else None

    def parse(self, name: str, parser: Callable, get):
        """parser(raw cell of field `name`); a ValueError becomes BadCell for that column."""
        raw = get(name)
        try:
            return parser(raw)
        except ValueError as exc:
            raise BadCell(self.column(name), raw, str(exc)) from None
