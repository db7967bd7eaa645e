"""Small-load benchmark: one account's weekly export (~120 rows) into the kabupaten and the provinsi warehouse.

    python bench/small_load_bench.py

Target (issue 14): the load into a warehouse 10× larger costs the same within 1.5× (provinsi is ~60× kabupaten
by file size, and its registry holds 1,310 OPD instead of 65: reading and writing the registry is part of every
load). A kabupaten ×10 made of more samples of the same regency is not possible yet: the sample generator numbers
comments from the same base whatever the seed, so two seeds' comments collide. The export is a later TikTok
snapshot of the first account of each sample with 120 posts or more (views changed, dated a week after the
sample), loaded after the week before's (not timed: the steady state of weekly loads). Each run loads into a
fresh copy of the warehouse (the copy, flushed to disk, is not timed); medians of 3. The import of the loader is
printed apart; the profile's top lines show where a small load still spends time.
"""

from __future__ import annotations

import cProfile
import csv
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app_bench import ensure_warehouse  # noqa: E402

t0 = time.perf_counter()
from etl.load import load  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - t0


def weekly_export(sample: Path, folder: Path, more_views: int = 37, day: int = 27) -> Path:
    """A later snapshot (November ``day``) of the sample's first TikTok export of 120 rows or more: its first
    120, every view count up by ``more_views``."""
    for source in sorted((sample / "posts" / "tiktok").glob("*.zip")):
        with zipfile.ZipFile(source) as z:
            rows = list(csv.reader(io.StringIO(z.read("Content.csv").decode("utf-8-sig"))))
        if len(rows) > 120:
            break
    views = rows[0].index("Total views")
    for row in rows[1:]:  # the same thousands separator as the export wrote ("11,025" or "11.025")
        grouped = f"{int(''.join(filter(str.isdigit, row[views]))) + more_views:,}"
        row[views] = grouped.replace(",", ".") if "." in row[views] else grouped
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows[:121])
    info = zipfile.ZipInfo("Content.csv", date_time=(2026, 11, day, 18, 0, 0))
    target = folder / f"nov{day}" / source.name
    target.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(info, "\ufeff" + out.getvalue())
    stamp = time.mktime((2026, 11, day, 18, 0, 0, 0, 0, -1))
    os.utime(target, (stamp, stamp))
    return target


def prepared(db: Path, sample: Path, work: Path) -> Path:
    """The warehouse after the week before's export (November 20, views +11), loaded by this Sorot: the steady
    state of weekly loads (the registry's mark and the marts' fingerprints already written)."""
    ready = work / "prepared.duckdb"
    shutil.copyfile(db, ready)
    [result] = load([weekly_export(sample, work, more_views=11, day=20)], ready, registry_dir=sample / "registry")
    if result.outcome != "berhasil":
        raise SystemExit(f"week before: {result.outcome} {result.message}")
    return ready


def one_run(db: Path, export: Path, registry: Path, work: Path, profile: cProfile.Profile | None) -> float:
    copy = work / "w.duckdb"
    for stale in work.glob("w.duckdb*"):
        stale.unlink()
    shutil.copyfile(db, copy)
    with open(copy, "rb+") as f:  # a live warehouse is on disk: the load's checkpoint must not flush the copy
        os.fsync(f.fileno())
    t0 = time.perf_counter()
    if profile:
        profile.enable()
    [result] = load([export], copy, registry_dir=registry)
    if profile:
        profile.disable()
    seconds = time.perf_counter() - t0
    if result.outcome != "berhasil" or result.rows_new != 120:
        raise SystemExit(f"{export}: {result.outcome} {result.rows_new} {result.message}")
    return seconds


def main() -> None:
    print(f"import etl.load: {IMPORT_SECONDS:.2f} s (once per process, not in the figures below)")
    figures = {}
    for scale in ("kabupaten", "provinsi"):
        db = Path(tempfile.gettempdir()) / f"sorot-app-bench-{scale}.duckdb"
        ensure_warehouse(scale, db)
        sample = Path(f"/tmp/sorot-bench-{scale}")
        with tempfile.TemporaryDirectory(prefix="sorot-small-") as tmp:
            work = Path(tmp)
            ready, export = prepared(db, sample, work), weekly_export(sample, work)
            profile = cProfile.Profile() if scale == "provinsi" else None
            runs = [one_run(ready, export, sample / "registry", work, None) for _ in range(3)]
            if profile:  # a fourth run, profiled, not among the timed ones (cProfile slows what it watches)
                one_run(ready, export, sample / "registry", work, profile)
        figures[scale] = statistics.median(runs)
        print(f"{scale:<10} warehouse {db.stat().st_size / 1e6:>8.0f} MB: 120-row export loaded in "
              f"{figures[scale]:.2f} s (runs {', '.join(f'{r:.2f}' for r in runs)})")
        if profile:
            print("where the provinsi load spends its time (cProfile, cumulative, top lines):")
            stats = io.StringIO()
            pstats.Stats(profile, stream=stats).sort_stats("cumulative").print_stats(r"etl/|shutil|posix", 14)
            print("\n".join(line for line in stats.getvalue().splitlines() if "/" in line or "ncalls" in line))
    print(f"provinsi/kabupaten = {figures['provinsi'] / figures['kabupaten']:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
