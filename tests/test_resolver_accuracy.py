"""Resolver accuracy on the labelled address set (tests/data/addresses_labelled.csv, ≥300 rows in
the formats of real exports, with the known failure classes). Targets from issue 4: county ≥ 99 %,
street ≥ 95 % where the text names it, wrong street ≤ 0.5 %."""
from __future__ import annotations

from collections import Counter

from core.resolver.evaluate import evaluate, read_labelled


def test_labelled_set_covers_the_failure_classes():
    rows = read_labelled()
    cases = Counter(r["case"] for r in rows)
    assert len(rows) >= 300
    for case in ("road_with_province_name", "duplicate_district", "city_without_county",
                 "renamed_county", "postcode_front", "postcode_back", "old_county", "zone",
                 "english", "county_city_without_shi", "no_street", "road_only"):
        assert cases[case] >= 1, case


def test_accuracy_targets(capsys):
    report = evaluate(read_labelled())
    with capsys.disabled():
        print("\n" + report.summary())
    failures = "\n".join(map(str, report.failures))
    assert report.county_accuracy >= 0.99, failures
    assert report.street_accuracy >= 0.95, failures
    assert report.wrong_street_rate <= 0.005, failures
