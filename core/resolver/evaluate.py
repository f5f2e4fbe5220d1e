"""Accuracy of the resolver on labelled address lists: tests/data/addresses_labelled.csv (written
from the official division list) and tests/data/addresses_real.csv (real addresses with former
division or zone names from public files, labelled by hand, each with its source): county
accuracy, street accuracy where the text names the street, wrong-street rate."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from core.resolver.resolution import resolve_text

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
LABELLED = DATA / "addresses_labelled.csv"
REAL = DATA / "addresses_real.csv"


@dataclass
class Report:
    rows: int = 0
    county_ok: int = 0
    named: int = 0
    named_ok: int = 0
    wrong_street: int = 0
    failures: list = field(default_factory=list)  # (case, address, expected, got)

    @property
    def county_accuracy(self) -> float:
        return self.county_ok / self.rows if self.rows else 0.0

    @property
    def street_accuracy(self) -> float:
        return self.named_ok / self.named if self.named else 0.0

    @property
    def wrong_street_rate(self) -> float:
        return self.wrong_street / self.rows if self.rows else 0.0

    def summary(self) -> str:
        return (f"{self.rows} labelled addresses: county accuracy {self.county_accuracy:.1%}, "
                f"street accuracy where named {self.street_accuracy:.1%} "
                f"({self.named_ok}/{self.named}), wrong street {self.wrong_street_rate:.2%} "
                f"({self.wrong_street})")


def read_labelled(*paths: Path) -> list[dict]:
    """The rows of the given lists; both shipped lists when none is given."""
    rows: list[dict] = []
    for path in paths or (LABELLED, REAL):
        with path.open(encoding="utf-8") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def evaluate(rows: list[dict]) -> Report:
    report = Report()
    for row in rows:
        res = resolve_text(row["address"])
        county, street = res.county_code or "", res.street_code or ""
        report.rows += 1
        report.county_ok += county == row["county_code"]
        if row["street_named"] == "1":
            report.named += 1
            report.named_ok += street == row["street_code"]
        if street and street != row["street_code"]:
            report.wrong_street += 1
        if county != row["county_code"] or street != row["street_code"]:
            report.failures.append((row["case"], row["address"],
                                    (row["county_code"], row["street_code"]), (county, street)))
    return report
