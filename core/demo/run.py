"""Generate the demo region into the bound database, streaming day by day in batches."""
from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from core.config import labels
from core.cubes import rebuild as cubes
from core.db import audit, current_url, db, is_postgres, version
from core.db.bulk import deferred_indexes
from core.db.models import Agency, Holder, Patent
from core.demo import agencies, calendar, events, industries, params, planted, region, worker, wrapup
from core.demo.docnumbers import Numbers
from core.demo.fees import FeeRules, maintain
from core.demo.holders import Holders, HolderSpec
from core.demo.planted import Planted
from core.demo.prosecution import examine
from core.demo.writer import Batch, agency_rows, fix_sequences, holder_row, next_id, write
from core.rules import highvalue
from core.rules.industries import ensure_defaults

TYPE_DIGIT = {"invention": 1, "utility": 2, "design": 3}
# Kind of the first holder per patent type.
KIND_MIX = {"invention": (("enterprise", 74), ("university", 13), ("institute", 6),
                          ("individual", 6), ("government", 1)),
            "utility": (("enterprise", 86), ("individual", 9), ("university", 3),
                        ("institute", 1), ("government", 1)),
            "design": (("enterprise", 74), ("individual", 25), ("university", 1))}
RISK = {"individual": 2.0, "university": 1.4, "institute": 1.1, "government": 1.0}
Progress = Callable[[int, int, str], None]
MIN_PATENTS = 200  # room for the planted patterns
PROGRESS_STEPS = 100  # progress reports while writing patents (besides one per stage)
# Measured at 50,000 patents on the 2-core server (bench/demo_rate.py): 22 s on SQLite and 49 s on
# PostgreSQL when the machine is idle; on SQLite 83 s under a load average of 13 and 119 s under
# 17 (five times idle); about linear in the number of patents. The demo offer states the range
# from idle to busy.
SECONDS_PER_1000 = {"sqlite": 0.45, "postgres": 1.0}
BUSY_FACTOR = 6.0
BULK_TABLES = ["patent", "patent_holder", "legal_event", "fee_payment"]  # indexes built after
# From this many patents the generator runs in a worker process beside the writes (M23d): below
# it, starting the process (about 1 s) costs more than the overlap saves.
WORKER_FROM = 20_000


@dataclass
class DemoResult:
    patents: int
    seconds: float
    rows: int
    resolve: dict = field(default_factory=dict)
    truth: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # raw → (street, county)
    planted: dict[str, int] = field(default_factory=dict)


class Generator:
    def __init__(self, n: int, seed: int, today: dt.date, keep_truth: bool):
        self.n, self.seed, self.today, self.keep_truth = n, seed, today, keep_truth
        self.rng = random.Random(seed)
        self.streets = region.build_streets(self.rng)
        weights = region.street_weights(self.streets, self.rng)
        self.agencies, local = agencies.build(self.rng, n)
        self.holders = Holders(seed, n, self.streets, weights, len(self.agencies), local)
        self.abnormal_agency = local - 1
        days = calendar.daily_counts(self.rng, n - sum(planted.sizes(n).values()), today)
        self.days = days
        self.numbers = Numbers(self.rng, self._expected_per_year(days))
        self.fee_rules = FeeRules()
        self.truth: dict[str, tuple[str | None, str]] = {}
        self.pending = Batch()

    def _expected_per_year(self, days) -> dict[tuple[int, int], float]:
        out: dict[tuple[int, int], float] = {}
        for day, count in days:
            for ptype, share in zip(TYPE_DIGIT, calendar.type_mix(day.year)):
                key = (day.year, TYPE_DIGIT[ptype])
                out[key] = out.get(key, 0.0) + count * share
        return out

    # --- one patent -------------------------------------------------------------------------
    def patent(self, pid: int, day: dt.date, ptype: str, first: HolderSpec, title: str | None,
               agency: int | None, doubtful: bool) -> None:
        rng = self.rng
        owners = [first] + self._co_owners(first, day.year)
        industry = first.industry if rng.random() < 0.8 else industries.pick(rng)
        title = title or industries.title(rng, industry, ptype)
        ipc_main, ipc_all = industries.ipc(rng, industry) if ptype != "design" else (None, None)
        agency = first.agency if agency is None and rng.random() < 0.9 else agency
        if agency is None and first.agency is not None:
            agency = min(int(rng.paretovariate(1.1)) - 1, len(self.agencies) - 1)
        app_no = self.numbers.application(day.year, TYPE_DIGIT[ptype])
        filing = examine(rng, self.numbers, ptype, day, self.today, doubtful)
        state = (filing.status, filing.reason, filing.status_date, filing.lapse_date)
        fee_rows, gy, paid, expiry, next_due = [], None, None, None, None
        rows = [events.simple(pid, *e) for e in filing.events]
        if filing.grant_date:
            expiry = self.fee_rules.expiry(ptype, day)
            upkeep = self._upkeep(ptype, day, filing.grant_date, owners, doubtful)
            gy, paid = upkeep.grant_patent_year, upkeep.paid_through
            fee_rows = [(pid, y, a, s, d, "demo") for y, a, s, d in upkeep.payments]
            rows += [events.simple(pid, *e) for e in upkeep.events]
            state = (upkeep.status, upkeep.reason, upkeep.status_date, upkeep.lapse_date)
            next_due = upkeep.next_due if upkeep.status == "valid" else None
            end = min(upkeep.lapse_date or self.today, self.today)
            owners, before = self._maybe_transfer(pid, filing.grant_date, end, owners, rows)
            partner = lambda: self.holders.draw(rng, "enterprise", day.year)
            rows += events.dealings(rng, pid, filing.grant_date, end, owners[0], partner)
        else:
            before = None
        address = self._address(owners[0], day.year)
        inventors = self._inventors(owners)
        agents = ";".join(rng.sample(self.agencies[agency].agents, rng.choice((1, 1, 2)))) \
            if agency is not None else None
        holder_ids = [self.holders.assign_id(h) for h in owners]
        self.pending.patents.append([
            pid, app_no, ptype, day, day.year, filing.pub_no, filing.pub_date, filing.grant_no,
            filing.grant_date, filing.grant_date.year if filing.grant_date else None, title,
            ipc_main, ipc_all, ipc_main[:4] if ipc_main else None,
            self.agency_ids[agency] if agency is not None else None, agents, ";".join(inventors),
            len(inventors), holder_ids[0], len(owners), True, address, None, *state, expiry, gy,
            paid, next_due, "demo"])
        links = [(pid, hid, seq + 1, True, self._address(h, day.year) if seq else address)
                 for seq, (hid, h) in enumerate(zip(holder_ids, owners))]
        if before:
            links += [(pid, self.holders.assign_id(h), seq + 1, False, h.address)
                      for seq, h in enumerate(before)]
        self.pending.links += links
        self.pending.events += rows
        self.pending.fees += fee_rows

    def _co_owners(self, first: HolderSpec, year: int) -> list[HolderSpec]:
        rng = self.rng
        roll = rng.random()
        if first.kind == "individual" or roll > 0.11:
            return []
        kind = "university" if first.kind == "enterprise" and roll < 0.04 else \
            "outside" if roll < 0.055 else "enterprise"
        extra = [self.holders.draw(rng, kind, year)]
        if roll < 0.015:
            extra.append(self.holders.draw(rng, "enterprise", year))
        return [h for i, h in enumerate(extra) if h is not first and h not in extra[:i]]

    def _upkeep(self, ptype, day, grant, owners, doubtful):
        first = owners[0]
        risk = RISK.get(first.kind, 1.0)
        if first.kind == "enterprise":
            risk = 0.7 if first.tags else 1.1
        if doubtful:
            risk = 2.5
        reduced = all(h.fee_reduction for h in owners)
        stop = events.stop_after_grant(self.rng, ptype, grant)
        return maintain(self.rng, self.fee_rules, ptype, day, grant, self.today, reduced,
                        len(owners), risk, stop)

    def _maybe_transfer(self, pid, grant, end, owners, rows):
        """Transfer inside the city, out of it or into it (the original owner came from outside)."""
        rng = self.rng
        roll = rng.random()
        if roll >= 0.05 or end <= grant + dt.timedelta(days=60):
            return owners, None
        day = grant + dt.timedelta(days=rng.randint(30, (end - grant).days))
        if roll < 0.0125:  # into the city: the original applicant sat elsewhere
            before, after = [self.holders.draw(rng, "outside", day.year)], owners
        elif roll < 0.025:
            before, after = owners, [self.holders.draw(rng, "outside", day.year)]
        else:
            before, after = owners, [self.holders.draw(rng, "enterprise", day.year)]
        if after[0] in before:
            return owners, None
        rows.append(events.transfer(pid, day, before, after, before[0].address, after[0].address))
        return after, before

    def _address(self, holder: HolderSpec, year: int) -> str:
        rng = self.rng
        if holder.old_variant and year < 2013 and rng.random() < 0.7:
            text, named = holder.old_variant
        elif len(holder.variants) > 1 and rng.random() < 0.25:
            text, named = rng.choice(holder.variants[1:])
        else:
            text, named = holder.variants[0]
        if self.keep_truth and text not in self.truth:
            self.truth[text] = (holder.street.code if holder.street and named else None,
                                holder.county)
        return text

    def _inventors(self, owners: list[HolderSpec]) -> list[str]:
        rng = self.rng
        pool = owners[0].inventors
        size = rng.choice((1, 2, 2, 3, 3, 4, 5))
        count = 1 if owners[0].kind == "individual" else min(len(pool), size)
        people = rng.sample(pool, count)
        if len(owners) > 1 and owners[1].kind != "individual" and rng.random() < 0.6:
            people.append(rng.choice(owners[1].inventors))
        return list(dict.fromkeys(people))

    # --- the whole run ---------------------------------------------------------------------
    def batches(self, start: Start, size: int) -> Iterator[tuple[int, Batch | None]]:
        """Every patent, ids from `start`: (patents done, the batch) every `size` patents or so
        (whole days), and (patents done, None) in between every 1 % of them (a progress bar)."""
        self.agency_ids = list(range(start.agency, start.agency + len(self.agencies)))
        self.pending.agencies = agency_rows(self.agencies, self.agency_ids)
        self.holders.next_id = start.holder
        pid = start.patent
        enterprise = len(self.holders.pools["enterprise"].cum)
        individual = len(self.holders.pools["individual"].cum)
        plan = planted.plan(self.rng, self.n, self.today, enterprise, individual,
                            self.abnormal_agency)
        done, reported = 0, 0
        every = max(1, self.n // PROGRESS_STEPS)
        counts = dict(self.days)
        for day in sorted(set(counts) | set(plan)):
            for _ in range(counts.get(day, 0)):
                self._normal(pid, day)
                pid, done = pid + 1, done + 1
            for item in plan.get(day, ()):
                self._planted(pid, day, item)
                pid, done = pid + 1, done + 1
            if len(self.pending) >= size:
                yield done, self._take()
                reported = done
            elif done - reported >= every:
                yield done, None
                reported = done
        yield done, self._take()

    def _take(self) -> Batch:
        batch, self.pending = self.pending, Batch()
        batch.holders = [holder_row(h) for h in self.holders.take_new()]
        return batch

    def _normal(self, pid: int, day: dt.date) -> None:
        ptype = self.rng.choices(("invention", "utility", "design"), calendar.type_mix(day.year))[0]
        kinds, weights = zip(*KIND_MIX[ptype])
        holder = self.holders.draw(self.rng, self.rng.choices(kinds, weights)[0], day.year)
        self.patent(pid, day, ptype, holder, None, None, False)

    def _planted(self, pid: int, day: dt.date, item: Planted) -> None:
        holder = self.holders.get(*item.holder)
        if item.pattern == "individual" and holder.kind == "individual":
            holder.agency = None
        self.patent(pid, day, item.patent_type, holder, item.title or None, item.agency,
                    item.pattern != "individual")


class Start(NamedTuple):
    """The first ids the demo gives its agencies, holders and patents (after any already there)."""
    agency: int
    holder: int
    patent: int

    @classmethod
    def read(cls) -> Start:
        return cls(next_id(Agency), next_id(Holder), next_id(Patent))


class Spec(NamedTuple):
    """What the generator needs to make the same patents in this process or in a worker."""
    n: int
    seed: int
    today: dt.date
    keep_truth: bool


class PatentBatches:
    """The demo's batches, made by the process iterating this: this one (small demos, in-memory
    databases) or a worker (core.demo.worker)."""

    def __init__(self, spec: Spec, start: Start, size: int):
        self.generator = Generator(*spec)
        self.start, self.size = start, size
        self.truth: dict[str, tuple[str | None, str]] = {}

    def __iter__(self) -> Iterator[tuple[int, Batch | None]]:
        yield from self.generator.batches(self.start, self.size)
        self.truth = self.generator.truth


def _write_all(source, n: int, progress: Progress | None) -> int:
    rows = 0
    with big_cache(), deferred_indexes(BULK_TABLES), closing(iter(source)) as items:
        for done, batch in items:
            if batch is not None:
                write(batch)
                rows += batch.rows()
            if progress:
                progress(done, n, "patents")
    return rows


def _finish(spec: Spec, by: str | None, started: float, rows: int, truth: dict,
            progress: Progress | None) -> DemoResult:
    if progress:
        progress(spec.n, spec.n, "addresses")
    resolved = wrapup.finish(spec.today)
    params.write(spec.n, spec.today)
    region.ensure_custom_region()
    fix_sequences()
    ensure_defaults()
    if progress:
        progress(spec.n, spec.n, "high_value")
    highvalue.refresh(spec.today)  # industries from the IPC codes, then high-value marks
    if progress:
        progress(spec.n, spec.n, "summaries")
    cubes.rebuild()  # statistics summary tables (core.cubes)
    with db.atomic():  # the data written in batches above counts as changed from here
        audit.record(audit.AuditEvent(by, "import", "demo", None, f"演示数据 {spec.n} 件",
                                      payload={"patents": spec.n, "seed": spec.seed}))
        version.bump()
    return DemoResult(spec.n, round(time.monotonic() - started, 1), rows, resolved, truth,
                      planted.sizes(spec.n))


@contextmanager
def big_cache(kib: int = 512 * 1024):
    """SQLite: a larger page cache while the indexes of a big demo grow (restored after)."""
    if is_postgres():
        yield
        return
    old = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA cache_size = {old}")


def generate(n: int, seed: int = 7, today: dt.date | None = None, batch: int = 5000,
             progress: Progress | None = None, keep_truth: bool = False,
             by: str | None = None, in_worker: bool | None = None) -> DemoResult:
    """Generate `n` demo patents into the bound database (meant for an empty one). Same seed and
    day → same data. `keep_truth`: return the true street of every address written (tests).
    `in_worker`: make the patents in a worker process while this one writes them (default: for
    WORKER_FROM patents and more in a SQLite file, core.demo.worker.useful)."""
    if n < MIN_PATENTS:
        raise ValueError(f"演示数据至少 {MIN_PATENTS} 件（收到 {n}）")
    started = time.monotonic()
    if progress:
        progress(0, n, "prepare")
    spec = Spec(n, seed, today or dt.date.today(), keep_truth)
    url = current_url()
    if in_worker is None:
        in_worker = n >= WORKER_FROM and worker.useful(url)
    args = (spec, Start.read(), batch)
    source = worker.InWorker(url, PatentBatches, *args) if in_worker else PatentBatches(*args)
    rows = _write_all(source, n, progress)
    return _finish(spec, by, started, rows, source.truth, progress)


def stage_text(done: int, total: int, stage: str) -> str:
    """What a progress report says (the demo offer's bar and `python -m core demo`)."""
    if stage == "patents":
        return labels.DEMO_PROGRESS.format(done=done, total=total)
    return labels.DEMO_STAGE.get(stage, "")


def expected_seconds(n: int, postgres: bool) -> tuple[float, float]:
    """How long generating `n` patents takes here: (idle machine, busy machine), in seconds."""
    idle = n / 1000 * SECONDS_PER_1000["postgres" if postgres else "sqlite"]
    return idle, idle * BUSY_FACTOR
