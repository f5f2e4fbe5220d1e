"""What a report is made of, before it becomes a .docx and an .xlsx: sections of sentences,
tables (header, rows and the counting rule under them) and charts (PNG bytes)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from core.regions.query import Scope
from core.reports.period import Period


@dataclass(frozen=True)
class Table:
    key: str  # a stable name (tests and the annex find tables by it)
    title: str
    header: list[str]
    rows: list[list]
    rule: str  # the counting rule (口径) printed under the table


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes


@dataclass
class Section:
    key: str
    title: str
    sentences: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """The region, the period and its year-earlier twin, and the day the report is written
    (risks are counted as of that day)."""
    region: str
    region_name: str
    period: Period
    on: dt.date

    @property
    def prior(self) -> Period:
        return self.period.year_before()

    @property
    def scope(self) -> Scope:
        return Scope(self.region, self.period.start, self.period.end)

    @property
    def prior_scope(self) -> Scope:
        return replace(self.scope, date_from=self.prior.start, date_to=self.prior.end)

    @property
    def undated(self) -> Scope:
        return Scope(self.region)


@dataclass
class Report:
    context: Context
    sections: list[Section]

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)
