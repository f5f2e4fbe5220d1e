"""The query scope every page, job and reader shares: region, date range on a date basis, patent
types, and the holder filters of the pages that have them. One frozen, hashable value (pages
cache results keyed by it); each reader documents which fields it reads and ignores the rest:

- statistics pages (core.stats.base): region, dates on `date_basis`, patent types;
- 代理机构统计: region, dates (always the filing date), patent types;
- 专利运营统计: region, dates (the event's date);
- 权利人统计: region, dates (the period marking new holders: their first patent in the region
  was filed in it), industry, holder kinds, tags, name, new_only;
- 运营监控: region, dates (the event's date);
- monitoring pages (core.monitor.selection): region, patent types, holder name.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, replace

from core.db.models import PATENT_TYPES

DATE_BASES = ("app", "pub", "grant")  # 申请日, 公开日, 授权日


@dataclass(frozen=True)
class Scope:
    """region: a division or custom-region code ("" = everywhere); date_from/date_to: inclusive,
    None = open; date_basis: app | pub | grant; patent_types: empty = every type. Holder filters
    (empty = none): holder: part of the (first) holder's name; holder_kinds, holder_tags (a holder
    must carry every tag); industry: an industry code; new_only: only holders new in the period."""
    region: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    date_basis: str = "app"
    patent_types: tuple[str, ...] = ()
    _: KW_ONLY  # the holder filters are named, never positional
    holder: str = ""
    holder_kinds: tuple[str, ...] = ()
    holder_tags: tuple[str, ...] = ()
    industry: str = ""
    new_only: bool = False

    def __post_init__(self) -> None:
        # None for "no filter" and lists from widgets become "" and tuples, so that equal
        # scopes compare (and hash, for the page caches) equal.
        for name in ("region", "holder", "industry"):
            object.__setattr__(self, name, (getattr(self, name) or "").strip())
        for name in ("patent_types", "holder_kinds", "holder_tags"):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))

    def with_region(self, region: str) -> Scope:
        return replace(self, region=region)

    def with_holders(self, **filters) -> Scope:
        """The scope narrowed by holder filters (holder=, holder_kinds=, holder_tags=,
        industry=, new_only=)."""
        return replace(self, **filters)

    @property
    def types(self) -> tuple[str, ...]:
        return self.patent_types or PATENT_TYPES

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    @property
    def whole_years(self) -> bool:
        """The date range starts on 1 January and ends on 31 December (either end may be open):
        a date in range ⟺ its year in range — the year selectors' ranges."""
        starts = self.date_from is None or (self.date_from.month, self.date_from.day) == (1, 1)
        ends = self.date_to is None or (self.date_to.month, self.date_to.day) == (12, 31)
        return starts and ends

    def or_this_year(self, today: dt.date) -> Scope:
        """This scope, or — when it has no date range — the same scope from 1 January of
        `today`'s year to `today` (the monitors' default period)."""
        if self.has_dates:
            return self
        return replace(self, date_from=dt.date(today.year, 1, 1), date_to=today)

    def undated(self) -> Scope:
        """The scope without its date range — for readers whose numbers ignore it (stocks as of
        now, fixed year ranges), so that they may read the cubes."""
        return replace(self, date_from=None, date_to=None) if self.has_dates else self
