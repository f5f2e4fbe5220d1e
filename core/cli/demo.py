"""`python -m core demo --patents 50000 [--seed 7] [--db URL]`: generate the demo region."""
from __future__ import annotations

import datetime as dt
import sys
import time

from peewee import fn

from core.cli import CliError, admin_notice, open_db, option, positive
from core.config import labels
from core.db.models import Address, Patent
from core.demo import generate
from core.demo.run import MIN_PATENTS, stage_text


def configure(parser) -> None:
    option(parser, "demo", "--patents", type=int, default=50000)
    option(parser, "demo", "--seed", type=int, default=7)
    option(parser, "demo", "--today", type=dt.date.fromisoformat, default=None)
    option(parser, "demo", "--batch", type=int, default=5000)
    option(parser, "demo", "--force", action="store_true")


def _progress(started: float):
    shown = [0]  # length of the line on screen: a shorter one is padded over it

    def show(done: int, total: int, stage: str) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        line = labels.CLI_DEMO_BAR.format(bar="#" * filled + "." * (width - filled),
                                          text=stage_text(done, total, stage),
                                          seconds=time.monotonic() - started)
        sys.stderr.write("\r" + line.ljust(shown[0]))
        shown[0] = max(shown[0], len(line))
        sys.stderr.flush()
    return show


def run(args) -> int:
    if args.patents < MIN_PATENTS:
        raise CliError(labels.CLI_DEMO_MIN.format(n=MIN_PATENTS))
    positive(args.batch, "--batch")
    url = open_db(args)
    print(admin_notice(url), file=sys.stderr)
    if Patent.select().exists() and not args.force:
        raise CliError(labels.CLI_DEMO_HAS_DATA)
    result = generate(args.patents, seed=args.seed, today=args.today, batch=args.batch,
                      progress=_progress(time.monotonic()))
    sys.stderr.write("\n")
    r = address_statuses()
    print(labels.CLI_DEMO_DONE.format(
        patents=result.patents, rows=result.rows, seconds=result.seconds, url=url,
        addresses=sum(r.values()), auto=r.get("auto", 0), queued=r.get("queued", 0)))
    return 0


def address_statuses() -> dict[str, int]:
    return dict(Address.select(Address.status, fn.COUNT(Address.id)).group_by(Address.status)
                .tuples())
