"""Monitoring: fee warnings, expiry notices, lapses, abnormal filings, alerts and indicator snapshots."""
