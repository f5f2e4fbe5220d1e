"""Planted abnormal-filing patterns for the monitoring features to find (domain-facts §6.2):
a burst of near-identical utility-model titles from one small firm within a few days, an
individual with hundreds of filings, and an agency with an abnormal yearly volume for many tiny
firms. All fall inside the default 3-year look-back before `today`."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

BURST_TITLES = ("安装支架", "固定支架", "连接支架", "调节支架", "支撑架", "夹持装置", "锁紧结构",
                "防松结构", "减震支架", "清洁装置")
INDIVIDUAL_OBJECTS = ("晾衣架", "拖把", "收纳盒", "花盆", "手机支架", "水杯", "台灯", "鞋架", "衣帽钩",
                      "茶盘")


@dataclass(frozen=True)
class Planted:
    pattern: str  # burst, individual, agency
    patent_type: str
    holder: tuple[str, int]  # (pool, slot)
    title: str
    agency: int | None  # agency index, None: the holder's own


def sizes(n: int) -> dict[str, int]:
    return {"burst": 30, "individual": min(220, max(60, n // 80)),
            "agency": max(min(260, n // 40), int(n * 0.006))}


def plan(rng: random.Random, n: int, today: dt.date, enterprise_slots: int,
         individual_slots: int, abnormal_agency: int) -> dict[dt.date, list[Planted]]:
    """Planted filings by day."""
    size = sizes(n)
    out: dict[dt.date, list[Planted]] = {}

    def add(day: dt.date, item: Planted) -> None:
        out.setdefault(day, []).append(item)

    burst_start = today - dt.timedelta(days=200)
    for i in range(size["burst"]):
        title = f"一种可调节的光伏组件{BURST_TITLES[i % len(BURST_TITLES)]}"
        if i >= len(BURST_TITLES):
            title += f"（{chr(65 + i // len(BURST_TITLES))}型）"
        add(burst_start + dt.timedelta(days=rng.randint(0, 3)),
            Planted("burst", "utility", ("enterprise", enterprise_slots - 1), title, None))
    start = dt.date(today.year - 1, 1, 5)  # all inside one calendar year
    for _ in range(size["individual"]):
        kind = "design" if rng.random() < 0.3 else "utility"
        obj = rng.choice(INDIVIDUAL_OBJECTS)
        title = obj if kind == "design" else f"一种多功能{obj}"
        add(start + dt.timedelta(days=rng.randint(0, 340)),
            Planted("individual", kind, ("individual", individual_slots - 1), title, None))
    year_start = dt.date(today.year - 1, 1, 1)
    firms = max(10, size["agency"] // 7)
    for _ in range(size["agency"]):
        slot = enterprise_slots - 2 - rng.randrange(firms)
        add(year_start + dt.timedelta(days=rng.randint(0, 364)),
            Planted("agency", "utility", ("enterprise", slot), "", abnormal_agency))
    return out
