"""High-value invention patents: the five categories, each switchable, thresholds as parameters,
flags written in set-based SQL (both backends)."""
import datetime as dt

import pytest

from core.config import params
from core.config import rules as ruleparams
from core.db.models import LegalEvent, Patent
from core.rules import highvalue, industries

D = dt.date
ON = D(2025, 6, 30)


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _p(name, kind="invention", status="valid", app=D(2020, 1, 1), grant=D(2022, 1, 1),
       ipc="A01B 1/00", **kw):
    return Patent.create(app_no=name, patent_type=kind, title=name, status=status, app_date=app,
                         grant_date=grant, ipc_main=ipc, ipc_all=ipc, city_code="3205", **kw)


@pytest.fixture
def sample(db):
    industries.load_defaults()
    p = {"sei": _p("sei", ipc="G06F 40/30"),  # table row 1.5-1 (人工智能), IPC alone
         "overseas": _p("overseas", overseas_family=True),
         "long": _p("long", app=D(2015, 6, 29), grant=D(2018, 1, 1)),
         "not_long": _p("not_long", app=D(2015, 6, 30), grant=D(2018, 1, 1)),
         "pledge_big": _p("pledge_big"), "pledge_small": _p("pledge_small"),
         "award": _p("award", award="中国专利金奖"),
         "plain": _p("plain"),
         "lapsed_sei": _p("lapsed_sei", status="lapsed", ipc="H04W 72/04"),
         "utility_sei": _p("utility_sei", kind="utility", ipc="H04W 72/04"),
         "stale": _p("stale", high_value=True)}
    LegalEvent.create(patent=p["pledge_big"], kind="pledge", date=D(2024, 1, 1), amount=20_000_000)
    LegalEvent.create(patent=p["pledge_small"], kind="pledge", date=D(2024, 1, 1), amount=5_000_000)
    return p


def _flagged():
    return {p.app_no for p in Patent.select().where(Patent.high_value == True)}  # noqa: E712


def test_each_category_and_the_refresh(sample):
    changed = highvalue.refresh(ON)
    assert _flagged() == {"sei", "overseas", "long", "pledge_big", "award"}
    assert changed == 6  # five set, the stale flag cleared
    assert highvalue.refresh(ON) == 0
    assert highvalue.categories_of(sample["long"].id, ON) == ["long_maintained"]
    assert highvalue.category_counts(Patent.city_code == "3205", ON) == {
        "sei": 1, "overseas_family": 1, "long_maintained": 1, "pledge": 1, "award": 1, "any": 5}


def test_a_full_refresh_clears_the_flag_of_what_is_no_longer_a_valid_invention(sample):
    """A flagged patent meeting a category but lapsed, of another type, or of unknown status ("unknown")
    loses its flag in the full refresh (its own statement there), as in the refresh of some."""
    for name, kind, status in (("was_valid", "invention", "lapsed"),
                               ("utility", "utility", "valid"), ("unknown", "invention", "unknown")):
        _p(name, kind=kind, status=status, overseas_family=True, high_value=True)
    highvalue.refresh(ON)
    assert _flagged() == {"sei", "overseas", "long", "pledge_big", "award"}


def test_a_refresh_of_some_patents_changes_only_theirs(sample):
    """An import refreshes the patents it touched (`only`): theirs are set and cleared — a
    patent whose condition is unknown (no filing date) is cleared too —, the others stay."""
    _p("stale_outside", high_value=True)
    _p("undated", app=None, high_value=True)
    only = ("SELECT id FROM patent WHERE app_no IN "
            "('sei', 'long', 'not_long', 'stale', 'undated', 'lapsed_sei')")
    assert highvalue.refresh(ON, only=only) == 4  # sei and long set, stale and undated cleared
    assert _flagged() == {"sei", "long", "stale_outside"}


def test_switches_and_thresholds_are_parameters(sample):
    params.set_value("high_value_rules", {"sei": False, "award": False, "pledge_amount": 5_000_000,
                                          "maintained_from": "grant", "maintained_years": 7})
    ruleparams.clear()
    highvalue.refresh(ON)
    # from grant: 2018-01-01 < 2018-06-30 → both 'long' and 'not_long'; pledge ≥ 5 million
    assert _flagged() == {"overseas", "long", "not_long", "pledge_big", "pledge_small"}
    params.set_value("high_value_rules", {c: False for c in highvalue.CATEGORIES})
    ruleparams.clear()
    highvalue.refresh(ON)
    assert _flagged() == set()


@pytest.mark.parametrize("few", [False, True])
def test_each_category_the_same_tested_row_by_row(sample, few):
    """few=True (the SEI class and the pledge as correlated EXISTS, for conditions tested on a
    few rows) picks the same patents as the set form, category by category, on two days: a
    pledge counts from its registration day on."""
    industries.assign()  # the SEI links
    LegalEvent.create(patent=sample["plain"], kind="pledge", date=D(2025, 7, 1),
                      amount=30_000_000)

    def picked(category, on):
        cond = highvalue.category_condition(category, on, few=few)
        return {p.app_no for p in Patent.select().where(cond)}

    assert picked("sei", ON) == {"sei"}  # the links of industries.assign
    assert picked("pledge", ON) == {"pledge_big"}
    assert picked("pledge", D(2025, 7, 1)) == {"pledge_big", "plain"}
    assert {p.app_no for p in Patent.select().where(highvalue.condition(ON, few=few))} == {
        "sei", "overseas", "long", "pledge_big", "award"}
