"""The report's sections, each a function of the report's Context returning a Section."""
from core.reports.sections.actors import section_agencies, section_holders
from core.reports.sections.overview import section_overview, section_trend
from core.reports.sections.places import section_industry, section_regions
from core.reports.sections.watch import (
    section_abnormal,
    section_lapses,
    section_operations,
    section_risks,
)

BUILDERS = {"overview": section_overview, "trend": section_trend, "regions": section_regions,
            "industry": section_industry, "holders": section_holders,
            "agencies": section_agencies, "operations": section_operations,
            "risks": section_risks, "lapses": section_lapses, "abnormal": section_abnormal}
