"""区域统计: per sub-region (county, street, or the members of a custom region) applications,
grants, valid patents, transfers, grant rate, shares and rankings; plus the custom-region list."""
from __future__ import annotations

from core.models import Region


def custom_regions() -> list[tuple[str, str]]:
    """(code, name) of every custom region, by name."""
    return list(Region.select(Region.code, Region.name).where(Region.is_custom == True)  # noqa: E712
                .order_by(Region.name).tuples())
