"""Upkeep in proportion to a change, on a copy of a demo database (SQLite or PostgreSQL URL):

1. a 10,000-row patent list (updates of stored patents and new ones) imported with the delta
   upkeep, beside its bare read (the file read and parsed, nothing stored) and beside the full
   upkeep the import ran before (every patent's status, fee columns, industries and high-value
   marks, then every summary table rebuilt);
2. an address decision (to another county, then another address to a street of its own county),
   a holder's kind and a holder's tag visible in the summary tables (the transaction done, the
   tables fresh), beside the full rebuild they used to wait for;
3. the first read of the indicators under each counting rule, beside the build of that rule's
   rows (what its first use cost when rules were built on first use).

    nice python -m bench.upkeep_speed sqlite:////tmp/x.db [--rows 10000]
        [--parts import,decision,rules] [--no-full] [--cpu] [--stages] [--all-holders]
        [--file EXPORT.xlsx [--twice]]

Work on a copy: the database is changed (sqlite: the file is copied beside it, under a name of
this process's own so that runs at once do not share a copy, and removed at the end).
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from core.db import connect, db, is_postgres
from core.rules import numbers

TYPES = {"invention": "发明专利", "utility": "实用新型", "design": "外观设计"}
HEADER = ("申请号", "申请日", "公开（公告）号", "公开（公告）日", "发明名称", "申请（专利权）人",
          "申请人地址", "发明人", "IPC分类号", "主分类号", "代理机构", "发明类型", "法律状态")
TEXTS = ("有效", "授权", "实质审查", "未缴年费专利权终止", "驳回", "公开")


CPU = {"on": False}  # --cpu: ratios of the writer's CPU seconds (SQLite runs in its thread)


def timed(label: str, func, *args, **kwargs):
    """(out, seconds): wall seconds, or with --cpu (a loaded machine) the CPU seconds of this
    thread, the writer's — the WAL checkpoint runs beside it in a thread of its own
    (core.db.checkpoint), whose CPU the process's total also shows; all three printed."""
    started, cpu, total = time.perf_counter(), time.thread_time(), time.process_time()
    out = func(*args, **kwargs)
    seconds, cpu = time.perf_counter() - started, time.thread_time() - cpu
    total = time.process_time() - total
    print(f"  {label:<58} {seconds:8.2f} s  (CPU {cpu:.2f} s, process {total:.2f} s)",
          flush=True)
    return out, cpu if CPU["on"] else seconds


def update_file(rows: int, folder: Path, all_holders: bool = False) -> Path:
    """70 % stored patents with a new status text and title — one in ten also with another
    holder and address (a transfer) —, 30 % new patents. The stored patents are listed with
    their first holder only, or with `all_holders` every current holder in order (as a
    vendor's re-export lists them: co-holders kept)."""
    from core.db.models import Holder, Patent
    rng = random.Random(3)
    ids = [i for (i,) in Patent.select(Patent.id).where(Patent.app_no.is_null(False))
           .order_by(Patent.id).tuples()]
    chosen = rng.sample(ids, int(rows * 0.7))
    found = {r[0]: r[1:] for r in Patent.select(Patent.id, Patent.app_no, Patent.patent_type,
                                                Patent.app_date, Patent.ipc_main, Holder.name,
                                                Patent.address)
             .join(Holder, on=(Patent.first_holder == Holder.id))
             .where(Patent.id.in_(chosen)).tuples()}
    picked = [found[i] for i in chosen if i in found]
    if all_holders:
        names = _holder_lists(chosen)
        picked = [(*row[:4], names.get(row[0], row[4]), *row[5:]) for row in picked]
    holders = [h for (h,) in Holder.select(Holder.name).limit(5000).tuples()]
    lines = []
    for app_no, ptype, app_date, ipc, holder, address in picked:
        if rng.random() < 0.1:
            holder, address = rng.choice(holders), "江苏省苏州市吴中区东吴北路1号"
        lines.append((app_no, str(app_date or ""), "", "", "更新的发明名称", holder, address or "",
                      "张三", ipc or "", ipc or "", "", TYPES.get(ptype, "发明专利"),
                      rng.choice(TEXTS)))
    for serial in range(rows - len(lines)):
        ptype = rng.choice(list(TYPES))
        app_no = numbers.make(2026, 1 + list(TYPES).index(ptype), 990_000 + serial)
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
        lines.append((app_no, str(day), "", "", "新的发明名称", rng.choice(holders),
                      "江苏省苏州市相城区元和街道春申路8号", "李四", "H01M 10/05", "H01M 10/05", "",
                      TYPES[ptype], "实质审查"))
    path = folder / "update.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(lines)
    return path


def _holder_lists(patent_ids: list[int]) -> dict[str, str]:
    """app_no → the patent's current holders' names in order, joined by ";"."""
    from core.db.models import Holder, Patent, PatentHolder
    out: dict[str, list[str]] = {}
    for start in range(0, len(patent_ids), 900):
        query = (PatentHolder.select(Patent.app_no, Holder.name)
                 .join(Holder, on=(PatentHolder.holder == Holder.id))
                 .switch(PatentHolder).join(Patent, on=(PatentHolder.patent == Patent.id))
                 .where(PatentHolder.patent.in_(patent_ids[start:start + 900])
                        & PatentHolder.current)
                 .order_by(PatentHolder.patent, PatentHolder.seq))
        for app_no, name in query.tuples():
            out.setdefault(app_no, []).append(name)
    return {app_no: ";".join(names) for app_no, names in out.items()}


def bare_read(path: Path) -> None:
    from core.importer import patents, readers
    from core.importer.batch import prepare
    from core.importer.report import Report
    report = Report(file_name=path.name, kind="patents")
    data = readers.load_bytes(path, path.name, readers.MAX_BYTES)
    tables = prepare(readers.read_bytes(data, path.name), report, "patents", "auto", None)
    patents.read_records(tables, report)


def full_upkeep() -> None:
    """What every import ran before: every patent refreshed, every summary table rebuilt (the
    holder counting rules dropped, as imports did)."""
    from core.cubes import rebuild as cubes
    from core.rules import highvalue, status
    status.refresh_all()
    highvalue.refresh()
    cubes.rebuild(variants=False)


def profiled(func, *args, top: int = 25):
    """func(*args) under cProfile; prints the `top` functions by cumulative time."""
    import cProfile
    import pstats
    profile = cProfile.Profile()
    out = profile.runcall(func, *args)
    pstats.Stats(profile).sort_stats("cumulative").print_stats(top)
    return out


def import_bench(rows: int, profile: bool = False, full: bool = True,
                 stages: bool = False, all_holders: bool = False, given: Path | None = None,
                 twice: bool = False) -> None:
    from bench.stages import report as stage_report
    from bench.stages import stage_times
    from core.importer.batch import import_file
    print(f"1. {f'the file {given.name}' if given else f'a {rows:,}-row update'}")
    with tempfile.TemporaryDirectory() as folder:
        path = given or update_file(rows, Path(folder), all_holders)
        # the first read loads the importer's modules (0.3-0.4 s), which the import then finds
        # loaded: a cold bare read would flatter every ratio below
        timed("the importer's modules loaded, a first read (not counted)", bare_read, path)
        _, bare = timed("bare read (read and parse the file)", bare_read, path)
        from core.resolver.gazetteer import gazetteer
        timed("the resolver's gazetteer, built once per process (not counted)", gazetteer)
        run = (lambda p: profiled(import_file, p)) if profile else import_file
        for turn in range(2 if twice else 1):
            label = "import with the delta upkeep" + (" (the same file again)" if turn else "")
            with stage_times() if stages else contextlib.nullcontext() as totals:
                report, total = timed(label, run, path)
            if stages:
                stage_report(totals)
            print(f"     inserted {report.inserted:,}, updated {report.updated:,}, "
                  f"unchanged {report.unchanged:,}, rejected {report.rejected:,}, "
                  f"warnings {report.warnings[:2]}")
            if profile:
                print(f"  import / bare read: {total / bare:.1f}× (profiled)")
                return
            print(f"  import / bare read: {total / bare:.1f}× (target ≤ 3×)", flush=True)
    if full:
        _, naive = timed("baseline: the full upkeep imports ran before", full_upkeep)
        print(f"  full upkeep alone / bare read: {naive / bare:.1f}×")


def decision_bench(profile: bool = False, stages: bool = False, full: bool = True) -> None:
    from peewee import fn

    from bench.stages import report as stage_report
    from bench.stages import stage_times
    from core.cubes import freshness
    from core.cubes import rebuild as cubes
    from core.db.models import Address, Holder, Patent
    from core.regions import divisions
    from core.resolver import decisions
    from core.stats.holders import tags_of, update_holder
    print("2. an address decision and a holder's kind, visible in the summary tables")
    busiest = (Patent.select(Patent.address_ref, fn.COUNT(Patent.id).alias("n"))
               .join(Address, on=(Patent.address_ref == Address.id))
               .where(Address.status == "queued").group_by(Patent.address_ref)
               .order_by(fn.COUNT(Patent.id).desc()).limit(1).tuples().first())
    address, moved = busiest if busiest else (Address.select(Address.id).scalar(), 0)
    timed("the divisions table, read once per process (not counted)", divisions.names)
    decide_call = (lambda *a: profiled(decisions.decide, *a)) if profile else decisions.decide
    with stage_times() if stages else contextlib.nullcontext() as totals:
        _, decide = timed(f"address decision ({moved} patents moved)", decide_call, address,
                          "320506", "bench")
    if stages:
        stage_report(totals)
    assert freshness.usable()
    street_decision(stages)
    holder, patents = (Patent.select(Patent.first_holder, fn.COUNT(Patent.id))
                       .group_by(Patent.first_holder).order_by(fn.COUNT(Patent.id).desc())
                       .limit(1).tuples().get())
    kind = "university" if Holder.get_by_id(holder).kind != "university" else "enterprise"
    _, tag = timed(f"holder kind ({patents} patents)", update_holder, holder, "bench", kind=kind)
    assert freshness.usable()
    tags = [*tags_of([holder]).get(holder, []), "基准标签"]
    _, tagged = timed("holder tag added (the same holder)", update_holder, holder, "bench",
                      tags=tags)
    assert freshness.usable() and "基准标签" in tags_of([holder])[holder]
    if profile or not full:
        return
    _, rebuild = timed("baseline: the rebuild a decision waited for", cubes.rebuild)
    print(f"  decision {decide:.2f} s, holder kind {tag:.2f} s, tag {tagged:.2f} s "
          "(target ≤ 2 s); "
          f"the rebuild {rebuild:.1f} s")


def street_decision(stages: bool) -> None:
    """The checker's usual decision: a queued address with a county placed at one of its
    streets (the patents stay in their county)."""
    from peewee import fn

    from bench.stages import report as stage_report
    from bench.stages import stage_times
    from core.cubes import freshness
    from core.db.models import Address, Patent
    from core.regions import divisions
    from core.resolver import decisions
    busiest = (Patent.select(Patent.address_ref, Address.county_code, fn.COUNT(Patent.id))
               .join(Address, on=(Patent.address_ref == Address.id))
               .where((Address.status == "queued") & Address.county_code.is_null(False))
               .group_by(Patent.address_ref, Address.county_code)
               .order_by(fn.COUNT(Patent.id).desc()).limit(1).tuples().first())
    if not busiest:
        return
    address, county, moved = busiest
    street = min(c for c in divisions.names() if len(c) == 9 and c.startswith(county))
    with stage_times() if stages else contextlib.nullcontext() as totals:
        timed(f"address decision, a street of its county ({moved} patents moved)",
              decisions.decide, address, street, "bench")
    if stages:
        stage_report(totals)
    assert freshness.usable()


def rules_bench() -> None:
    from core.cubes import indicator as indicator_cube
    from core.cubes.indicator.build import rule_of
    from core.stats import indicators
    print("3. every counting rule: the first read, beside the build it needed before")
    year = dt.date.today().year
    for variant in indicator_cube.VARIANTS:
        rule = rule_of(variant)
        _, read = timed(f"first read under {variant}", indicators.compute, "3205", year, rule)
        with db.atomic() as txn:
            _, build = timed(f"  baseline: building {variant} on first use",
                             indicator_cube.build_variant, variant)
            txn.rollback()
        print(f"     {variant}: first read {read:.2f} s vs first-use build {build:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--in-place", action="store_true", help="do not copy (SQLite)")
    parser.add_argument("--parts", default="import,decision,rules",
                        help="comma-separated parts to run (default: all three)")
    parser.add_argument("--profile", action="store_true",
                        help="profile the import and the decision (cProfile), then stop")
    parser.add_argument("--stages", action="store_true",
                        help="CPU seconds of each stage of the import and the decision "
                        "(bench/stages.py)")
    parser.add_argument("--cpu", action="store_true",
                        help="ratios of CPU seconds (SQLite: the work is in this process)")
    parser.add_argument("--all-holders", action="store_true",
                        help="the stored patents listed with every current holder, not the "
                        "first only (their co-holders kept, as a vendor's re-export lists them)")
    parser.add_argument("--file", type=Path,
                        help="import this export instead of the generated update (a vendor's "
                        "real file: its own columns, its own bare read)")
    parser.add_argument("--twice", action="store_true",
                        help="import the file a second time (a re-export with nothing new)")
    parser.add_argument("--no-full", action="store_true",
                        help="skip the full baselines: the import's full upkeep (hours at "
                        "5,000,000) and the decision's rebuild")
    args = parser.parse_args()
    CPU["on"] = args.cpu
    url = args.url
    copy = None
    if url.startswith("sqlite:///") and not args.in_place:
        copy = private_copy(Path(url[len("sqlite:///"):]))
        url = f"sqlite:///{copy}"
    try:
        run(url, args)
    finally:
        if copy is not None:
            db.close()
            for path in (copy, *_sidecars(copy)):
                path.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def private_copy(source: Path) -> Path:
    """A copy of the SQLite file (checkpointed first: a copy without its -wal misses the
    writes still in it) named for this process."""
    connect(f"sqlite:///{source}")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    copy = source.with_name(f"{source.stem}.bench-{os.getpid()}.db")
    for stale in _sidecars(copy):
        stale.unlink(missing_ok=True)
    shutil.copy(source, copy)
    with open(copy, "rb+") as handle:  # on disk before the timings: the copy's gigabytes of
        os.fsync(handle.fileno())     # dirty pages would land in the first checkpoint's fsync
    return copy


def run(url: str, args) -> None:
    connect(url)
    from core.upkeep.bootstrap import upgrade_schema
    upgrade_schema()  # as the app does on start (a step may mark the summary tables for a rebuild)
    from core.cubes import indicator as indicator_cube
    from core.cubes import rebuild as cubes
    from core.db.models import Patent
    print(f"{Patent.select().count():,} patents on {'PostgreSQL' if is_postgres() else 'SQLite'}")
    if not indicator_cube.usable() or set(indicator_cube.built_variants()) != set(
            indicator_cube.VARIANTS):
        timed("setup: rebuild with every counting rule", cubes.rebuild)
    parts = args.parts.split(",")
    if "import" in parts:
        import_bench(args.rows, args.profile, full=not args.no_full, stages=args.stages,
                     all_holders=args.all_holders, given=args.file, twice=args.twice)
    if "decision" in parts:
        decision_bench(args.profile, args.stages, full=not args.no_full)
    if "rules" in parts and not args.profile:
        rules_bench()


if __name__ == "__main__":
    main()
