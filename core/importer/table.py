"""A sheet after header detection: its mapping and data rows, with helpers that turn a parser's
ValueError into a BadCell naming the column as the file writes it."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from core.importer.dialects import Mapping


class BadCell(Exception):
    """A row cannot be imported: column header, raw value, Chinese reason."""

    def __init__(self, column: str | None, value, reason: str):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


@dataclass
class Table:
    sheet: str
    mapping: Mapping
    rows: list[tuple]
    row_numbers: list[int]

    def data(self) -> Iterator[tuple[int, tuple]]:
        return zip(self.row_numbers, self.rows)

    def getter(self, cells: tuple) -> Callable[[str], object]:
        fields, size = self.mapping.fields, len(cells)

        def get(name: str):
            index = fields.get(name)
            return cells[index] if index is not None and index < size else None
        return get

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
