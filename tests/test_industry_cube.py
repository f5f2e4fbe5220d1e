"""产业统计 from the industry cube equals the live join of patents and their industry links —
undated, whole-year and partial-year scopes, counties, streets, a custom region, type filters,
sub-industries rolled up, patents in several industries; SQLite and PostgreSQL."""
from __future__ import annotations

import random

import pytest
from pandas.testing import assert_frame_equal

from core.cubes import rebuild as cubes
from core.db.models import Industry, Patent, PatentIndustry
from core.regions.query import Scope
from core.stats import industry
from tests.stats_builder import D, custom_region
from tests.test_cubes import many  # noqa: F401 (fixture: 120 varied patents)

CODES = ("sei1", "sei1.1", "sei2", "L01", "L02")
SCOPES = [Scope("3205"), Scope("320506"), Scope("320506001"), Scope("C0001"),
          Scope("3205", D(2018, 1, 1), D(2022, 12, 31)),
          Scope("3205", D(2018, 3, 1), D(2022, 12, 31)),
          Scope("3205", patent_types=("invention",))]


@pytest.fixture
def linked(many):  # noqa: F811
    Industry.create(code="sei1", name="新一代信息技术产业", kind="sei")
    Industry.create(code="sei1.1", name="下一代信息网络产业", kind="sei", parent_code="sei1")
    Industry.create(code="sei2", name="高端装备制造产业", kind="sei")
    Industry.create(code="L01", name="电子信息", kind="local")
    Industry.create(code="L02", name="装备制造", kind="local")
    rng = random.Random(3)
    for p in Patent.select():
        for code in rng.sample(CODES, rng.choice((0, 1, 1, 2, 3))):
            PatentIndustry.create(patent=p, industry_code=code)
    custom_region("C0001", "园区", ["320506001", "320505001", "320602"])
    cubes.rebuild()


@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_cube_and_live_agree(linked, monkeypatch, scope):
    calls = [lambda: industry.summary(scope), lambda: industry.trend(scope, 2015, 2026),
             lambda: industry.matrix(scope), lambda: industry.emerging_share(scope, 2015, 2026)]
    for call in calls:
        got = call()
        with monkeypatch.context() as m:
            m.setattr(industry, "_cube_ok", lambda s: False)
            want = call()
        assert_frame_equal(got, want, check_dtype=False)


def test_the_cube_is_read(linked, monkeypatch):
    monkeypatch.setattr(industry, "_joined", lambda *a: pytest.fail("live join"))
    assert industry.summary(Scope("3205"))["applications"].sum() > 0
