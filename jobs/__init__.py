"""Scheduled work. Each job is a module with `run(now) -> JobResult` that delegates to core/."""
