"""Briefing-pack benchmark: the Paket Briefing Apel (PPTX + PDF, then also the XLSX workbook) made by a fresh
``python -m reports brief`` process each — cold: imports, the warehouse, the briefing and, for the PDF, starting
Chromium — at kabupaten scale, with each process's peak memory. Targets (issue 12): PPTX + PDF from cold
processes ≤ 15 s together, memory < 1 GB. Prints its figures.

    python bench/pack_bench.py [--scale kabupaten|provinsi] [--period last-7-days]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app_bench import TODAY, ensure_warehouse  # noqa: E402


def tree(pid: int) -> list[int]:
    """``pid`` and every process below it (Chromium's, started by kaleido)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
    return found


def pss(pids: list[int]) -> int:
    """Memory of ``pids`` together, in KiB: the proportional set size (a page shared by Chromium's processes
    counted once in all, not once per process as resident sizes would); 0 for one that has ended."""
    total = 0
    for p in pids:
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def cold(db: Path, period: str, fmt: str, out: Path) -> tuple[float, float]:
    """Seconds and peak memory (GB: the process with its Chromium, PSS sampled every 20 ms) of one process writing
    the pack in ``fmt``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "reports", "brief", "--db", str(db), "--period", period,
                             "--format", fmt, "--out", str(out)], cwd=ROOT, env={**os.environ, "SOROT_TODAY": TODAY},
                            stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, pss(tree(proc.pid)))
        time.sleep(0.02)
    spent = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"python -m reports brief --format {fmt} failed ({proc.returncode})")
    return spent, peak / 1024 / 1024


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--scale", default="kabupaten", choices=("kabupaten", "provinsi"))
    args.add_argument("--period", default="last-7-days")
    opts = args.parse_args()
    db = Path(tempfile.gettempdir()) / f"sorot-bench-{opts.scale}.duckdb"
    ensure_warehouse(opts.scale, db)
    out = Path(tempfile.mkdtemp(prefix="sorot-pack-"))
    figures = {fmt: cold(db, opts.period, fmt, out / f"pack.{fmt}") for fmt in ("pptx", "pdf", "xlsx", "txt")}
    for fmt, (spent, peak) in figures.items():
        print(f"pack {fmt.upper():4} ({opts.scale}, {opts.period}), cold process: {spent:5.2f} s, "
              f"peak memory {peak:.2f} GB, {(out / f'pack.{fmt}').stat().st_size / 1024:,.0f} KiB")
    both = figures["pptx"][0] + figures["pdf"][0]
    print(f"pack PPTX + PDF from cold processes: {both:.2f} s (target ≤ 15 s); peak memory "
          f"{max(figures['pptx'][1], figures['pdf'][1]):.2f} GB (target < 1 GB)")


if __name__ == "__main__":
    main()
