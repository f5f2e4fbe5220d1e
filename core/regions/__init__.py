"""Regions: official divisions, the region scope of a query, custom regions and watch lists."""
