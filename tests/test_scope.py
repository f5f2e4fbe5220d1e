"""The one query scope (core.regions.query.Scope): equal filters give equal, equally hashed
scopes whatever form the widgets hand them in, and the helpers the readers use."""
from __future__ import annotations

import datetime as dt

import pytest

from core.regions.query import Scope

D = dt.date


def test_widget_values_and_plain_values_give_the_same_scope():
    from_widgets = Scope(" 3205 ", patent_types=["invention"], holder=" 大学 ",
                         holder_kinds=["university"], holder_tags=None, industry=None)
    plain = Scope("3205", patent_types=("invention",), holder="大学",
                  holder_kinds=("university",))
    assert from_widgets == plain
    assert hash(from_widgets) == hash(plain)
    assert Scope(None) == Scope("") == Scope()


def test_holder_filters_are_named_only():
    with pytest.raises(TypeError):
        Scope("3205", None, None, "app", (), "大学")


def test_narrowing_keeps_the_shared_fields():
    shared = Scope("3205", D(2020, 1, 1), D(2020, 12, 31), "grant", ("design",))
    narrowed = shared.with_holders(holder="甲", new_only=True).with_region("320506")
    assert narrowed == Scope("320506", D(2020, 1, 1), D(2020, 12, 31), "grant", ("design",),
                             holder="甲", new_only=True)
    assert narrowed.undated() == Scope("320506", None, None, "grant", ("design",), holder="甲",
                                       new_only=True)


@pytest.mark.parametrize("start, end, whole, dated", [
    (None, None, True, False), (D(2020, 1, 1), None, True, True),
    (None, D(2021, 12, 31), True, True), (D(2020, 1, 1), D(2021, 12, 31), True, True),
    (D(2020, 1, 2), None, False, True), (None, D(2021, 12, 30), False, True),
])
def test_whole_years_and_has_dates(start, end, whole, dated):
    scope = Scope("3205", start, end)
    assert (scope.whole_years, scope.has_dates) == (whole, dated)
