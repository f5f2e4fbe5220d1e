"""The demo's worker process (core.demo.worker): it makes the same batches as this process would,
on SQLite and PostgreSQL; its failure is raised here; a consumer that stops early ends it."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from core.db import current_url
from core.demo.run import PatentBatches, Spec, Start
from core.demo.worker import InWorker

SPEC = Spec(n=600, seed=3, today=dt.date(2026, 11, 24), keep_truth=True)
BATCH = 150


def test_a_worker_makes_the_same_batches_as_this_process(db):
    start = Start.read()
    here = PatentBatches(SPEC, start, BATCH)
    there = InWorker(current_url(), PatentBatches, SPEC, start, BATCH)
    made_here, made_there = list(here), list(there)
    assert sum(len(batch) for _, batch in made_here if batch) == SPEC.n
    assert [done for done, _ in made_there] == [done for done, _ in made_here]
    assert made_there == made_here
    assert there.truth == here.truth != {}


def test_a_failing_worker_raises_here(db):
    with pytest.raises(RuntimeError, match="ValueError: invalid literal"):
        list(InWorker(current_url(), int, "not a number"))


def _children() -> list[str]:
    return Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="Linux /proc")
def test_a_consumer_that_stops_early_ends_the_worker(db):
    before = _children()
    items = iter(InWorker(current_url(), PatentBatches, SPEC, Start.read(), 50))
    assert next(items)[0] > 0
    assert len(_children()) == len(before) + 1
    items.close()
    assert _children() == before
