"""The demo's worker process (core.demo.worker): it makes the same batches as this process would,
on SQLite and PostgreSQL, and its failure is raised here."""
from __future__ import annotations

import datetime as dt

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
