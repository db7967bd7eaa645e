"""python -m etl.sample OUT [--scale kabupaten|provinsi] [--seed 7] [--end YYYY-MM-DD]"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from . import SKALA, generate


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m etl.sample", description="Tulis data contoh Sorot.")
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", default="kabupaten", choices=list(SKALA))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--end", type=dt.date.fromisoformat, default=None)
    args = ap.parse_args()
    t0 = time.perf_counter()
    summary = generate(args.out, args.scale, args.seed, args.end)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps({k: v for k, v in summary.items() if k != "files"} | {"n_files": len(summary["files"])},
                     indent=2))


if __name__ == "__main__":
    main()
