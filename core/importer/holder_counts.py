"""Holder.patent_count and Holder.first_filing kept by a patent list's own link changes, in
proportion to them: a holder's count moves by the current links the list adds and removes, its
first filing falls to the filing date of a patent it gains. Only a holder that loses the patent
its first filing came from (or whose patent's filing date moves) is counted again from its
links (core.stats.holders), as the refresh of every holder of the touched patents did for all
of them — thousands of links for a large holder."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from core.db import db
from core.db.models import Holder
from core.db.sql import as_date
from core.importer import store
from core.stats.holders import HOLDER_COLUMNS_SQL


class LinkChanges:
    """The current holder links of the patents one import writes, before and after."""

    def __init__(self):
        self.count: Counter = Counter()  # holder → net current links added
        self.firsts: dict[int, dt.date] = {}  # holder → earliest filing among its new links
        self.lost: dict[int, dt.date] = {}  # holder → earliest filing among the links it lost
        self.moved: list[int] = []  # patents whose filing date changed: their holders recounted

    def add(self, old: list[int], new: list[int], was: dt.date | None, filed: dt.date | None,
            patent_id: int | None = None) -> None:
        """A patent's current links go from holders `old` to `new` (ids, one per link) and its
        filing date from `was` to `filed`."""
        self.count.update(new)
        self.count.subtract(old)
        if filed is not None:
            for holder in set(new):
                self.firsts[holder] = min(self.firsts.get(holder, filed), filed)
        if was != filed and patent_id is not None:
            self.moved.append(patent_id)
        if was is not None:
            for holder in set(old) - set(new):
                self.lost[holder] = min(self.lost.get(holder, was), was)

    def keep(self) -> None:
        """Write the holders' new counts and first filings (inside the import's transaction,
        after its links and filing dates are written)."""
        holders = sorted(set(self.count) | set(self.firsts) | set(self.lost))
        stored = {pk: (count, first) for pk, count, first in store.select_in(
            'SELECT "id", "patent_count", "first_filing" FROM "holder"', '"id"', holders)}
        recount, rows = [], []
        for holder in holders:
            count, first = stored[holder]
            first = as_date(first)
            if holder in self.lost and (first is None or first >= self.lost[holder]):
                recount.append(holder)  # its first filing may have been the lost patent's
                continue
            firsts = [d for d in (first, self.firsts.get(holder)) if d is not None]
            new = (count + self.count[holder], min(firsts) if firsts else None)
            if new != (count, first):
                rows.append((*new, holder))
        store.bulk_update(Holder, ["patent_count", "first_filing"], rows)
        _recount(recount, self.moved)


def _recount(holders: list[int], patents: list[int]) -> None:
    """The columns of `holders` and of every holder of `patents`, from their links."""
    for part in store.chunks(holders):
        marks = ", ".join([db.obj.param] * len(part))
        db.obj.execute_sql(f"{HOLDER_COLUMNS_SQL} WHERE id IN ({marks})", part)
    for part in store.chunks(patents):
        marks = ", ".join([db.obj.param] * len(part))
        db.obj.execute_sql(f"{HOLDER_COLUMNS_SQL} WHERE id IN (SELECT holder_id FROM "
                                 f"patent_holder WHERE patent_id IN ({marks}))", part)
