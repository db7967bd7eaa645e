"""Load benchmark: the provinsi-scale sample into a fresh warehouse; prints rows/s and peak RSS.

    python bench/load_bench.py [--scale provinsi|kabupaten] [--sample DIR] [--keep]

Targets (issue 14): the load ≤ 2.5× the bare-DuckDB time on the same files (bench/bare.py, measured in the same
run, after the load), every source ≥ 50,000 rows/s at provinsi, peak RSS ≤ 2 GB at provinsi. Rows/s are printed
per dataset and per source layout. Every row is classified during the load; the time spent in the models is
printed. The sample is generated once into DIR (default /tmp/sorot-bench-<scale>) and reused; files over the
200 MB upload limit (the provinsi sample's monthly comment files) are allowed here.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("SOROT_MAX_UPLOAD_MB", "2000")  # the provinsi sample's monthly comment files are ~280 MB

from bare import bare_seconds  # noqa: E402

from etl.classify import JOBS, Labeller  # noqa: E402
from etl.load import load  # noqa: E402
from etl.warehouse import open_read_only  # noqa: E402


def ensure_sample(scale: str, folder: Path) -> None:
    if (folder / ".done").exists():
        return
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sample", "--scale", scale, "--out", str(folder),
                    "--end", "2026-11-20"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    (folder / ".done").write_text("ok")
    print(f"sample generated in {time.perf_counter() - t0:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="provinsi", choices=["provinsi", "kabupaten"])
    ap.add_argument("--sample")
    args = ap.parse_args()
    sample = Path(args.sample or f"/tmp/sorot-bench-{args.scale}")
    ensure_sample(args.scale, sample)
    registry = sample / "registry"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        labeller = Labeller()
        t0 = time.perf_counter()
        results = load([sample], db, registry_dir=registry, labeller=labeller)
        wall = time.perf_counter() - t0
        size = db.stat().st_size
        con = open_read_only(db)
        classified = {job.table: con.execute(f"SELECT count(*) FROM {job.table} WHERE classifier_version = $v",
                                             {"v": job.version()}).fetchall()[0][0] for job in JOBS.values()}
        con.close()
    by_kind: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    by_source: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for r in results:
        for table, key in ((by_kind, r.dataset or "ditolak"), (by_source, r.format or r.outcome)):
            k = table[key]
            k[0] += r.rows_read
            k[1] += r.seconds
            k[2] += 1
    for title, table in (("kind", by_kind), ("source", by_source)):
        print(f"{title:<22}{'files':>7}{'rows':>14}{'seconds':>10}{'rows/s':>14}")
        for kind, (rows, secs, files) in sorted(table.items()):
            print(f"{kind:<22}{files:>7}{rows:>14,}{secs:>10.2f}{rows / secs if secs else 0:>14,.0f}")
    total = sum(r.rows_read for r in results)
    pc = sum(by_kind[k][0] for k in ("posts", "comments"))
    pc_s = sum(by_kind[k][1] for k in ("posts", "comments"))
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"end to end: {total:,} rows in {wall:.1f} s = {total / wall:,.0f} rows/s (incl. hashing, marts, swap)")
    print(f"posts+comments files: {pc:,} rows in {pc_s:.1f} s = {pc / pc_s if pc_s else 0:,.0f} rows/s")
    print(f"peak RSS: {peak_gb:.2f} GB (target ≤ 2 GB at provinsi; DuckDB capped at SOROT_LOAD_MEMORY; the "
          f"classifier workers are the forkserver's children, not counted); warehouse size {size / 1e9:.2f} GB")
    print("classified at load: " + ", ".join(f"{t} {n:,} rows" for t, n in classified.items())
          + f"; {labeller.texts:,} distinct texts through the models in {labeller.seconds:.1f} s "
          f"({labeller.texts / labeller.seconds if labeller.seconds else 0:,.0f} texts/s, included above)")
    bare, bare_rows = bare_seconds([sample])
    print(f"bare DuckDB (read_csv / calamine → tables, same files): {bare_rows:,} rows in {bare:.1f} s; "
          f"Sorot/bare = {wall / bare:.2f}× (target ≤ 2.5×)")
    refused = [r for r in results if r.outcome == "ditolak"]
    if refused:
        print(f"REFUSED FILES: {[getattr(r, 'name', r.path.name) for r in refused]}")


if __name__ == "__main__":
    main()
