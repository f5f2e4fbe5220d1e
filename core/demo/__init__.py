"""The demo region: a deterministic generator of a city's patent data (苏州市, 3205) that looks and
behaves like real data, from ten thousand to a million patents. See core/demo/run.py."""
from core.demo.run import DemoResult, generate

__all__ = ["DemoResult", "generate"]
