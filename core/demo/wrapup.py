"""After the last batch: holder counts and first filings, and address resolution (the resolver
places every address and queues the ones it cannot). The fee columns (paid_through_year,
next_fee_due) are written by the generator itself, equal to what core.feecolumns computes."""
from __future__ import annotations

import datetime as dt

from core.resolver.pending import resolve_pending
from core.stats.holders import refresh_holder_columns


def finish(today: dt.date) -> dict:
    refresh_holder_columns()
    return resolve_pending()
