"""Every 10 minutes: import the files dropped into the inbox folder, then move each to done/ or
failed/ with its report beside it (<file>.report.json, mode 0600). Re-importing a file changes
nothing.

Only regular files directly in the folder, owned by the user the job runs as and with one link,
are taken; links, folders and other users' files are refused. A file is taken once it has not
changed for PATENT_INBOX_SETTLE_SECONDS (one still being copied waits for a later run). It is
first renamed into the private work/ folder and checked again there, so nobody can swap it for
a link while it is read. A file that makes the importer fail goes to failed/ with its report and
the next file goes on. Every rename and write goes through the folders' descriptors
(never through a link) and never replaces an existing file.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from core.config import labels, settings
from core.importer.batch import import_file
from core.importer.report import Report
from jobs.base import JobResult

SUFFIXES = {".xlsx", ".xls", ".csv", ".txt"}
KIND_HINTS = {"events": ("event", "法律", "事件"), "fees": ("fee", "缴费", "年费")}
FOLDERS = ("done", "failed", "work")
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
log = logging.getLogger("patents.jobs.inbox")


class InboxError(RuntimeError):
    """The inbox or one of its folders is not safe to use (a link, or owned by someone else)."""


@dataclass
class Tally:
    done: int = 0
    failed: int = 0
    waiting: int = 0
    refused: int = 0
    rows: int = 0

    def message(self) -> str:
        return (f"files imported: {self.done}, failed: {self.failed}, waiting: {self.waiting}, "
                f"refused: {self.refused}, rows written: {self.rows}")


def kind_of(name: str) -> str | None:
    """Kind from the file name; None lets the importer guess from the headers."""
    lowered = name.lower()
    return next((k for k, hints in KIND_HINTS.items() if any(h in lowered for h in hints)), None)


def _own_regular(st: os.stat_result) -> bool:
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_nlink == 1


def _folder(inbox: int, name: str) -> int:
    """Descriptor of the private subfolder `name` (created 0700); refuses a link or a stranger's."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(name, 0o700, dir_fd=inbox)
    try:
        fd = os.open(name, DIR_FLAGS, dir_fd=inbox)
    except OSError as exc:
        raise InboxError(labels.INBOX_UNSAFE_FOLDER.format(name=name)) from exc
    if os.fstat(fd).st_uid != os.geteuid():
        os.close(fd)
        raise InboxError(labels.INBOX_UNSAFE_FOLDER.format(name=name))
    return fd


def _free_name(folder: int, name: str) -> str:
    """`name`, or `name (2)` … when the folder holds it or its report already."""
    stem, suffix = os.path.splitext(name)
    for n in range(1, 10_000):
        candidate = name if n == 1 else f"{stem} ({n}){suffix}"
        taken = [c for c in (candidate, f"{candidate}.report.json")
                 if _exists(c, folder)]
        if not taken:
            return candidate
    raise InboxError(labels.INBOX_NO_NAME.format(file=name))


def _exists(name: str, folder: int) -> bool:
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def _write_report(folder: int, name: str, report: Report) -> None:
    text = json.dumps(asdict(report), ensure_ascii=False, default=str, indent=1)
    fd = os.open(f"{name}.report.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                 0o600, dir_fd=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _file_away(source: int, name: str, target: int, report: Report) -> None:
    """Move entry `name` of folder `source` into folder `target` with its report."""
    final = _free_name(target, name)
    os.rename(name, final, src_dir_fd=source, dst_dir_fd=target)
    _write_report(target, final, report)


def _refused(name: str) -> Report:
    return Report(file_name=name, kind=kind_of(name) or "patents",
                  fatal=labels.INBOX_REFUSED.format(file=name))


def _through(fd: int, fallback: Path) -> Path:
    """A path that reaches the folder open as `fd` itself, not whatever now has its name."""
    proc = Path(f"/proc/self/fd/{fd}")
    return proc if proc.is_dir() else fallback


def _import(work: int, work_path: Path, name: str) -> Report:
    """Import one file of the work folder; an importer crash becomes the report's fatal."""
    try:
        return import_file(_through(work, work_path) / name, kind=kind_of(name), username="job:import_inbox",
                           display_name=name)
    except Exception as exc:  # one bad file must not block the files after it
        log.exception(labels.LOG_INBOX_FAILED, name)
        report = Report(file_name=name, kind=kind_of(name) or "patents")
        report.fatal = labels.INBOX_CRASH.format(file=name, error=f"{type(exc).__name__}: {exc}")
        return report


def _settled(st: os.stat_result, now: dt.datetime) -> bool:
    settle = settings.get_int("PATENT_INBOX_SETTLE_SECONDS")
    return now.timestamp() - st.st_mtime >= settle


def _take(inbox: int, folders: dict[str, int], work_path: Path, entry: os.DirEntry,
          now: dt.datetime, tally: Tally) -> None:
    """Handle one candidate entry of the inbox."""
    seen = entry.stat(follow_symlinks=False)
    if not _own_regular(seen):
        tally.refused += 1
        log.warning(labels.LOG_INBOX_REFUSED, entry.name)
        with contextlib.suppress(OSError):  # a sticky inbox keeps a stranger's file in place
            _file_away(inbox, entry.name, folders["failed"], _refused(entry.name))
        return
    if not _settled(seen, now) or _exists(entry.name, folders["work"]):
        tally.waiting += 1
        return
    try:
        os.rename(entry.name, entry.name, src_dir_fd=inbox, dst_dir_fd=folders["work"])
    except FileNotFoundError:
        return  # taken by a concurrent run
    _process(inbox, folders, work_path, entry.name, seen, tally)


def _process(inbox: int, folders: dict[str, int], work_path: Path, name: str,
             seen: os.stat_result, tally: Tally) -> None:
    now_st = os.stat(name, dir_fd=folders["work"], follow_symlinks=False)
    if not _own_regular(now_st):  # swapped between the listing and the rename
        tally.refused += 1
        _file_away(folders["work"], name, folders["failed"], _refused(name))
        return
    if (now_st.st_size, now_st.st_mtime_ns) != (seen.st_size, seen.st_mtime_ns):
        os.rename(name, name, src_dir_fd=folders["work"], dst_dir_fd=inbox)  # still growing
        tally.waiting += 1
        return
    report = _import(folders["work"], work_path, name)
    ok = report.fatal is None and report.rejected < report.rows_read
    _file_away(folders["work"], name, folders["done" if ok else "failed"], report)
    tally.done, tally.failed = tally.done + ok, tally.failed + (not ok)
    tally.rows += report.inserted + report.updated


def _recover(inbox: int, work: int) -> None:
    """Put back files a killed run left in work/ (they are imported again; that changes
    nothing for the rows already stored)."""
    for name in os.listdir(work):
        if not _exists(name, inbox):
            os.rename(name, name, src_dir_fd=work, dst_dir_fd=inbox)


def run(now: dt.datetime) -> JobResult:
    path = Path(settings.get("PATENT_INBOX_DIR"))
    path.mkdir(parents=True, exist_ok=True)
    inbox = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    folders = {}
    try:
        folders = {name: _folder(inbox, name) for name in FOLDERS}
        _recover(inbox, folders["work"])
        tally = Tally()
        with os.scandir(inbox) as listing:
            entries = sorted((e for e in listing if Path(e.name).suffix.lower() in SUFFIXES),
                             key=lambda e: e.name)
        for entry in entries:
            _take(inbox, folders, path / "work", entry, now, tally)
    finally:
        for fd in (*folders.values(), inbox):
            os.close(fd)
    return JobResult(tally.message(), tally.rows)
