"""A holder's region as vendors split it over three columns (Patsnap's 当前申请(专利权)人州/省 …,
Innojoy's 申请人（省市）…) → one address text the resolver reads without doubt.

Vendors write bare names (江苏 / 苏州 / 姑苏区) and, for holders outside the mainland, a state or
country code (FL, TW), a foreign state (加利福尼亚州) or a city in Latin letters (Espoo). Bare
names are written out in full (吉林 长春 → 吉林省长春市, which "吉林长春" is not: 吉林 is also a
city); a province that is no mainland province gives no address at all, so a Taiwan holder's
新北市 is never placed in 常州市新北区."""
from __future__ import annotations

from core.config.once import once
from core.regions import divisions
from core.resolver.gazetteer import CITY_SUFFIX, PREFECTURE, PROVINCE_SUFFIX


def region_address(province: str | None, city: str | None, county: str | None) -> str | None:
    """The address text for the vendor's province, city and county cells (None when nothing
    mainland is named)."""
    parts: list[str] = []
    if province:
        code = _provinces().get(province)
        if code is None:
            return None  # a foreign state or country code: nothing to place
        parts.append(divisions.names()[code])
        city = _city_name(code, city) if city else city
    for part in (city, county):
        if part and part.isascii():
            continue  # a foreign place in Latin letters (Espoo, Xizhi District)
        if part and not any(part in p or p in part for p in parts):
            parts.append(part)
    return "".join(parts) or None


@once
def _provinces() -> dict[str, str]:
    """Province name, full or bare (江苏省, 江苏, 内蒙古) → code."""
    out: dict[str, str] = {}
    for code, name in divisions.names().items():
        if len(code) == 2:
            out[name] = out[PROVINCE_SUFFIX.sub("", name)] = code
    return out


def _city_name(province: str, city: str) -> str:
    """The official name of a city of `province` written bare (长春 → 长春市, 昌吉 → 昌吉回族自治州),
    else as written."""
    for _code, name in divisions.children(province):
        prefecture = PREFECTURE.match(name)
        if city in (name, CITY_SUFFIX.sub("", name), prefecture and prefecture.group(1)):
            return name
    return city
