"""A scheduled job for the runner tests: records that it ran (RAN) and does nothing else."""
import threading

from jobs.base import JobResult

RAN = threading.Event()


def run(now):
    RAN.set()
    return JobResult("probe ran")
