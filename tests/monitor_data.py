"""Small hand-built rows for the monitoring tests (fee warnings, expiry, lapses)."""
from __future__ import annotations

import datetime as dt

from core.db.models import Holder, Patent

WUZHONG, XIANGCHENG = "320506", "320507"
CHANGQIAO, YUEXI = "320506001", "320506003"


def holder(name: str, **extra) -> Holder:
    return Holder.create(name=name, norm_name=name, **extra)


def patent(app_no: str, first_holder: Holder | None = None, county: str = WUZHONG,
           street: str | None = CHANGQIAO, patent_type: str = "invention", **extra) -> Patent:
    """A patent placed in 苏州市 / county / street; any Patent field can be given in `extra`."""
    values = dict(app_no=app_no, patent_type=patent_type, title=f"专利{app_no}",
                  first_holder=first_holder, province_code="32", city_code="3205",
                  county_code=county, street_code=street, region_level="street")
    if "app_date" in extra and "app_year" not in extra:
        extra["app_year"] = extra["app_date"].year
    values.update(extra)
    return Patent.create(**values)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
