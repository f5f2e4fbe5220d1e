"""Speed of 生成提醒函 (core.reports.letters) on an existing database: the SQL behind a selection
(the count the page shows, the letters' rows) and the writing of the letters, against the
baseline measured in the same run: a new python-docx document per letter (what LetterWriter
avoids by refilling one document's body). Prints seconds, ms per letter and the ratio.

    python bench/letters_speed.py --db sqlite:////tmp/bench1m.db [--region 320506]
        [--holder 科技] [--kind fee|expiry] [--letters 100]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.db import connect, db
from core.monitor.expiry import ExpiryQuery
from core.monitor.fee_warnings import FeeQuery
from core.regions.query import Scope
from core.reports.letters import batch, content, document
from core.reports.letters.letterhead import current, letterhead


def seconds(func) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def write_all(letters, kind: str, q, today: dt.date, fresh: bool) -> float:
    """Seconds to write `letters`: one LetterWriter for all, or (fresh) one per letter."""
    value, note = current(), batch.rules_note(q.on) if kind == "fee" else ""
    start = time.perf_counter()
    writer = document.LetterWriter()
    for letter in letters:
        head = letterhead(value, kind, letter.holder, len(letter.lines), q.on,
                          getattr(q, "until", None))
        (document.LetterWriter() if fresh else writer).render(letter, head, today, note)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--region", default="3205")
    parser.add_argument("--holder", default="")
    parser.add_argument("--kind", choices=content.KINDS, default="fee")
    parser.add_argument("--letters", type=int, default=100, help="letters written per method")
    opts = parser.parse_args()
    connect(opts.db)
    db.connect(reuse_if_open=True)
    today = dt.date.today()
    scope = Scope(opts.region, holder=opts.holder)
    q = FeeQuery(scope, today) if opts.kind == "fee" else ExpiryQuery(scope, today, 12)
    took, (holders, patents) = seconds(lambda: content.totals(q))
    letters = "not counted" if holders is None else f"{holders:,} letters"
    print(f"count (page):  {took:6.2f} s  {letters}, {patents:,} patents")
    if holders is None:
        return
    took, found = seconds(lambda: content.letters(q))
    print(f"letters' rows: {took:6.2f} s  {len(found):,} letters")
    sample = found[:opts.letters]
    if not sample:
        return
    writer = write_all(sample, opts.kind, q, today, fresh=False)
    fresh = write_all(sample, opts.kind, q, today, fresh=True)
    n = len(sample)
    print(f"write {n} letters: one document refilled {writer:6.2f} s ({1000 * writer / n:.0f} ms "
          f"a letter); a new document each {fresh:6.2f} s ({1000 * fresh / n:.0f} ms); "
          f"ratio {fresh / writer:.1f}x")


if __name__ == "__main__":
    main()
