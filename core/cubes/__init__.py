"""Summary tables of the statistics pages behind one door: freshness, builders, rebuild."""
