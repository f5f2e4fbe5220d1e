"""Resolver speed: unique addresses per second over 100,000 distinct addresses, against cpca alone
(province/city/county only) on the same addresses in the same run; plus the accuracy report on
the labelled set (tests/data/addresses_labelled.csv).

    python bench/resolver_speed.py [--n 100000]

The full pipeline (normalise, province → street, aliases, confidence) should stay within 3× of cpca.
Both sides get the same warm-up (first call builds their automata), not counted.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cpca

from core.regions import divisions
from core.resolver import resolve_text
from core.resolver.evaluate import evaluate, read_labelled

ROADS = ["金枫路", "星湖街", "现代大道", "竹园路", "干将西路", "人民路", "长江路", "太湖东路",
         "中山北路", "前进西路", "青剑湖路", "东环路", "海虞北路", "上海东路", "创业路", "科技路"]
OTHER = ["上海市浦东新区", "上海市黄浦区", "北京市海淀区", "浙江省杭州市西湖区", "广东省深圳市南山区",
         "江苏省南京市鼓楼区", "江苏省无锡市新吴区", "广东省东莞市", "浙江省嘉兴市嘉善县"]


def addresses(n: int, seed: int = 7) -> list[str]:
    """n distinct addresses in the forms of real exports (80 % home region, 20 % elsewhere)."""
    rng = random.Random(seed)
    streets = [(c, s, divisions.names()[c[:6]]) for county, _ in divisions.children("3205")
               for c, s in divisions.children(county) if int(c[6:]) < 400]
    forms = ["江苏省苏州市{county}{street}{road}{no}号", "苏州市{county}{street}{road}{no}号{room}",
             "{county}{street}{road}{no}号", "215000 江苏省苏州市{county}{street}{road}{no}号",
             "江苏省苏州市{county}{road}{no}号", "苏州工业园区{road}{no}号",
             "江苏省 苏州市 {county} {street} {road}{no}号"]
    seen: set[str] = set()
    out = []
    while len(out) < n:
        no = rng.randint(1, 3000)
        road = rng.choice(ROADS)
        if rng.random() < 0.2:
            text = f"{rng.choice(OTHER)}{road}{no}号"
        else:
            _, street, county = rng.choice(streets)
            text = rng.choice(forms).format(county=county, street=street, road=road, no=no,
                                            room=f"{rng.randint(1, 9)}幢{rng.randint(101, 999)}室")
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def timed(label: str, func, items: list[str]) -> float:
    started = time.perf_counter()
    func(items)
    seconds = time.perf_counter() - started
    print(f"{label:<34} {seconds:7.2f} s  {len(items) / seconds:10,.0f} addresses/s")
    return seconds


def run_pipeline(items: list[str]) -> None:
    for text in items:
        resolve_text(text, "3205")


def run_cpca(items: list[str]) -> None:
    cpca.transform(items)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    items = addresses(args.n)
    run_pipeline(items[:10])  # warm-up: build the gazetteer automaton
    run_cpca(items[:10])
    print(f"{len(items):,} distinct addresses")
    cpca_s = timed("cpca.transform (province/city/county)", run_cpca, items)
    ours_s = timed("resolver pipeline (… + street)", run_pipeline, items)
    print(f"ratio pipeline / cpca: {ours_s / cpca_s:.2f}× (target ≤ 3×)")
    print(evaluate(read_labelled()).summary())


if __name__ == "__main__":
    main()
