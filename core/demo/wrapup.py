"""After the last batch: holder counts and first filings, and address resolution (the resolver
places every address and queues the ones it cannot). The fee columns (paid_through_year,
next_fee_due) are written by the generator itself, equal to what core.feecolumns computes."""
from __future__ import annotations

import datetime as dt

from core.db import db
from core.resolver.pending import resolve_pending


def holder_counts() -> None:
    db.execute_sql(
        "UPDATE holder SET patent_count = (SELECT COUNT(*) FROM patent_holder ph "
        "WHERE ph.holder_id = holder.id AND ph.current), "
        "first_filing = (SELECT MIN(p.app_date) FROM patent_holder ph JOIN patent p "
        "ON p.id = ph.patent_id WHERE ph.holder_id = holder.id)")


def finish(today: dt.date) -> dict:
    with db.atomic():
        holder_counts()
    return resolve_pending()
