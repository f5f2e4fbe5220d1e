"""Statistics reports: one module per concept (overview, trend, regions, industry).

Every public function takes plain values (a core.regions.query.Scope, or a region code and
years) and returns a frozen dataclass or a DataFrame built from SQL aggregates (group_by +
COUNT/SUM), never from patents loaded one by one.
"""
