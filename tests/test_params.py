"""Versioned parameters on SQLite and PostgreSQL."""
import datetime as dt

from core.config import params
from core.db.models import AuditLog


def test_the_version_in_force_on_a_date_is_returned(db):
    params.set_value("population", 1290.5, "3205", 2024, dt.date(2024, 1, 1), by="admin")
    params.set_value("population", 1295.0, "3205", 2024, dt.date(2025, 3, 1), by="admin")
    assert [params.get("population", "3205", 2024, on=d) for d in
            (dt.date(2023, 6, 1), dt.date(2024, 6, 1), dt.date(2025, 6, 1))] == [None, 1290.5, 1295.0]
    assert AuditLog.select().where(AuditLog.object_type == "parameter").count() == 2


def test_a_parameter_without_year_is_separate_from_yearly_ones(db):
    params.set_value("target", {"inventions_per_10k": 12}, "3205", None)
    params.set_value("target", {"inventions_per_10k": 90}, "3205", 2025)
    assert params.get("target", "3205") == {"inventions_per_10k": 12}
    assert params.get("target", "3205", 2025) == {"inventions_per_10k": 90}
