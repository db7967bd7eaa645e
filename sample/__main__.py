"""Command line: python -m sample --out DIR [--scale kabupaten|provinsi] [--seed N] [--end YYYY-MM-DD].

Writes the fictional regency's export files (and the registry it used) under DIR; load them with
``python -m etl load DIR``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from sample import generate


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m sample",
                                description="Sorot: tulis berkas ekspor contoh untuk kabupaten fiktif")
    p.add_argument("--out", required=True, help="folder tujuan")
    p.add_argument("--scale", choices=["kabupaten", "provinsi"], default="kabupaten")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--end", help="tanggal akhir data (TTTT-BB-HH), bawaan hari ini")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    end = date.fromisoformat(args.end) if args.end else None
    summary = generate(Path(args.out), scale=args.scale, seed=args.seed, end=end)
    print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
