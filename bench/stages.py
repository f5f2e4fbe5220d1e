"""CPU seconds per stage of an import's upkeep (bench/upkeep_speed.py --stages): the functions
named in STAGES and each summary table's emit and merge are wrapped while the import runs, and
their totals printed (an indented stage is inside the one above it: the summary tables' rows
are emitted both when the old rows leave and when the new ones join)."""
from __future__ import annotations

import importlib
import time
from contextlib import contextmanager

STAGES = (
    ("core.importer.readers", "read_bytes", "parse: read the file"),
    ("core.importer.patents", "read_records", "parse: records"),
    ("core.importer.patents", "store_records", "store: patent writes"),
    ("core.importer.patent_store", "_settle", "  store: statuses, terms, fee columns"),
    ("core.importer.holder_counts.LinkChanges", "keep", "  store: holder columns"),
    ("core.importer.placing", "resolve", "  store: the list's addresses resolved"),
    ("core.importer.placing", "count_patents", "  store: address patent counts"),
    ("core.cubes.delta.Change", "before", "  delta: old rows out (subtract)"),
    ("core.resolver", "resolve_pending", "after: address resolver"),
    ("core.importer.events", "place_event_addresses", "after: event addresses"),
    ("core.rules.status", "refresh_all", "after: status and fee refresh"),
    ("core.rules.highvalue", "refresh", "after: industries and high value"),
    ("core.stats.holders", "refresh_holder_columns", "after: holder columns"),
    ("core.resolver.propagate", "apply_addresses", "decision: patents and holders re-placed"),
    ("core.cubes.delta.Change", "apply", "apply: new rows in, merge"),
    ("core.cubes.actors", "emit", "  actor_cube rows"),
    ("core.cubes.actors", "distinct_delta", "  actor_cube distinct counts"),
    ("core.cubes.indicator.changes", "_snapshot", "  indicator_cube inputs kept and read"),
    ("core.cubes.indicator.changes", "_signed", "  indicator_cube changed patents, both sides"),
)


def _wrap(func, label: str, totals: dict):
    totals[label] = 0.0  # printed in the order wrapped
    def timed(*args, **kwargs):
        cpu = time.thread_time()  # the writer's thread (the WAL checkpoint runs beside it)
        try:
            return func(*args, **kwargs)
        finally:
            totals[label] += time.thread_time() - cpu
    return timed


def _owner(path: str):
    module, _, attr = path.rpartition(".")
    try:
        return importlib.import_module(path)
    except ImportError:
        return getattr(importlib.import_module(module), attr)


@contextmanager
def stage_times():
    """Wrap the stages while the block runs; yields the dict of label → CPU seconds."""
    from core.cubes import delta
    totals: dict[str, float] = {}
    saved = []
    for path, name, label in STAGES:
        owner = _owner(path)
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, _wrap(getattr(owner, name), label, totals))
    for spec in delta.SPECS:
        for name, label in (("contribute", "emit"), ("merge", "merge")):
            saved.append((spec, name, spec.__dict__.get(name)))
            setattr(spec, name, _wrap(getattr(spec, name), f"  {spec.table} {label}", totals))
    try:
        yield totals
    finally:
        for owner, name, func in reversed(saved):
            if func is None:
                delattr(owner, name)
            else:
                setattr(owner, name, func)


def report(totals: dict) -> None:
    for label, seconds in totals.items():
        if not seconds:  # a stage of the other part (import or decision)
            continue
        print(f"    {label:<50} {seconds:7.2f} s CPU")
