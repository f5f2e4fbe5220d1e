"""Formula cells an .xlsx saved without a computed value.

A workbook written by a program (not by Excel) may hold formulas whose result was never
computed: openpyxl reads such a cell as empty, and the row would be refused for an empty title
with no hint why. The sheet's XML is scanned (streamed, only when it holds a formula at all) for
cells with an <f> and no <v>, so the report can name them.
"""
from __future__ import annotations

import re
import zipfile
from xml.etree.ElementTree import iterparse

from openpyxl.utils import column_index_from_string

MAX_LISTED = 10_000  # formula cells remembered per sheet (the rest are read as empty silently)
_MARKS = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/")  # <f …> or <x:f …> (a false hit only
# costs the full scan)
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_CHUNK = 1 << 20


def uncomputed(archive: zipfile.ZipFile, path: str) -> dict[int, dict[int, str]]:
    """row number → {0-based column index: cell reference} of the formula cells without a value
    in the worksheet part `path` of the archive."""
    path = path.lstrip("/")
    if not path or path not in archive.namelist() or not _has_formula(archive, path):
        return {}
    out: dict[int, dict[int, str]] = {}
    listed = 0
    with archive.open(path) as source:
        for _, element in iterparse(source):
            tag = _local(element.tag)
            if tag == "row":
                element.clear()  # its cells are done: keep memory flat on long sheets
            if tag != "c":
                continue
            ref = element.get("r") or ""
            if _without_value(element) and listed < MAX_LISTED:
                match = _REF.fullmatch(ref)
                if match:
                    column = column_index_from_string(match.group(1)) - 1
                    out.setdefault(int(match.group(2)), {})[column] = ref
                    listed += 1
            element.clear()
    return out


def _has_formula(archive: zipfile.ZipFile, path: str) -> bool:
    tail = b""
    with archive.open(path) as source:
        while chunk := source.read(_CHUNK):
            window = tail + chunk
            if any(mark in window for mark in _MARKS):
                return True
            tail = chunk[-8:]
    return False


def _without_value(cell) -> bool:
    children = {_local(child.tag): child for child in cell}
    if "f" not in children:
        return False
    value = children.get("v")
    return value is None or not (value.text or "").strip()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
