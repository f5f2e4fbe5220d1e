"""Keeping a database ready: bootstrap of a new or upgraded database, and the refresh after writes."""
