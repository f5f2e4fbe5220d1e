"""Address normalisation (no database)."""
from __future__ import annotations

import pytest

from core.resolver.addresses import normalize


@pytest.mark.parametrize("raw, expected", [
    ("江苏省苏州市工业园区星湖街328号", ("江苏省苏州市工业园区星湖街328号", None)),
    ("215021 江苏省苏州市工业园区星湖街328号", ("江苏省苏州市工业园区星湖街328号", "215021")),
    ("江苏省苏州市工业园区星湖街328号，邮编：215021", ("江苏省苏州市工业园区星湖街328号", "215021")),
    ("江苏省苏州市工业园区星湖街328号 215021", ("江苏省苏州市工业园区星湖街328号", "215021")),
    ("江苏省 苏州市 吴中区 木渎镇 金枫路216号", ("江苏省苏州市吴中区木渎镇金枫路216号", None)),
    ("江蘇省蘇州市吳中區木渎鎮金枫路２１６號", ("江苏省苏州市吴中区木渎镇金枫路216号", None)),
    ("苏州市（吴中区）金枫路216号3幢1501室", ("苏州市吴中区金枫路216号", None)),
    ("苏州市吴中区金枫路216号B座1203室", ("苏州市吴中区金枫路216号", None)),
    ("苏州市吴中区金枫路216号5楼", ("苏州市吴中区金枫路216号", None)),
    ("No. 328 Xinghu Street, Suzhou Industrial Park, Suzhou",
     ("no 328 xinghu street suzhou industrial park suzhou", None)),
    ("", ("", None)),
    (None, ("", None)),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_is_idempotent():
    for raw in ("215021 江苏省苏州市工业园区星湖街328号3幢501室", "Suzhou, SIP  (Jiangsu)"):
        once = normalize(raw)[0]
        assert normalize(once)[0] == once


def test_house_number_digits_are_not_a_postcode():
    assert normalize("苏州市吴中区金枫路216号") == ("苏州市吴中区金枫路216号", None)
    assert normalize("金枫路2160001号")[1] is None
