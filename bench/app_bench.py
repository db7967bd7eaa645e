"""App benchmark: script run time of every page (AppTest), cold and warm, and peak memory.

    python bench/app_bench.py [--scale kabupaten|provinsi] [--db WAREHOUSE]

Targets (issue 14): kabupaten cold ≤ 1.0 s and warm ≤ 0.2 s; provinsi cold ≤ 2 s and warm ≤ 0.4 s; the
process's import cost ≤ 1 s; peak memory of the app at provinsi scale ≤ 1 GB. Every page is measured logged
in as an admin (a run that shows the login form stops the bench). "Cold" = the page's first run with every
Streamlit cache empty and a fresh warehouse connection (modules imported and the query compiler
set up: the first page of a new server process pays that once, printed separately); "warm" = the
median of the next three runs of the same page with the same filters. "Bare SQL" = the queries the cold run
sent through Ibis, compiled beforehand and run straight on a fresh DuckDB connection (target: page ≤ 2× that).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["pages/ringkasan.py", "pages/peringkat.py", "pages/opd_pasif.py", "pages/sentimen.py",
         "pages/pengaduan.py", "pages/profil_opd.py", "pages/data.py"]
TODAY = "2026-11-20"


def ensure_warehouse(scale: str, db: Path) -> None:
    if db.exists():
        return
    sample = Path(f"/tmp/sorot-bench-{scale}")
    if not (sample / ".done").exists():
        subprocess.run([sys.executable, "-m", "sample", "--scale", scale, "--out", str(sample),
                        "--end", TODAY], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        (sample / ".done").write_text("ok")
    subprocess.run([sys.executable, "-m", "etl", "load", str(sample), "--db", str(db),
                    "--registry", str(sample / "registry")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "SOROT_MAX_UPLOAD_MB": "2000"})  # ~280 MB files


def bare_seconds(queries: list) -> float:
    """The Ibis expressions a page ran, compiled to SQL beforehand and run straight on a fresh connection: the
    bare queries behind the page (cold DuckDB, like the page's cold run)."""
    from analytics.db import Warehouse
    from warehouse_file import default_db, open_read_only, read_cursor

    con = open_read_only(default_db())
    backend = Warehouse(read_cursor(con)).backend
    sql = [str(backend.compile(expr)) for expr in queries]
    t0 = time.perf_counter()
    for text in sql:
        con.sql(text).to_arrow_table()
    seconds = time.perf_counter() - t0
    con.close()
    return seconds


def run_page(page: str) -> tuple[float, float, float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from analytics.db import Warehouse
    from tests.apptest import logged_in
    from ui import db

    st.cache_data.clear()
    st.cache_resource.clear()
    db._LIVE.release()  # a fresh warehouse connection

    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    at.switch_page(page)  # the first run is this page's
    queries, frame = [], Warehouse.frame
    Warehouse.frame = lambda self, expr: queries.append(expr) or frame(self, expr)
    t0 = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t0
    Warehouse.frame = frame
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - t0)
    warm = sorted(runs)[1]
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].message}")
    if any(box.key == "masuk_sandi" for box in at.text_input):
        raise SystemExit(f"{page}: the login form was measured, not the page")
    return cold, warm, bare_seconds(queries)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="kabupaten", choices=["kabupaten", "provinsi"])
    ap.add_argument("--db")
    args = ap.parse_args()
    db = Path(args.db or Path(tempfile.gettempdir()) / f"sorot-app-bench-{args.scale}.duckdb")
    ensure_warehouse(args.scale, db)
    os.environ.update(SOROT_DB=str(db), SOROT_TODAY=TODAY)
    t0 = time.perf_counter()
    import ibis  # noqa: F401  (what a new server process imports before its first page)
    import plotly.express  # noqa: F401
    from streamlit.testing.v1 import AppTest  # noqa: F401
    print(f"{args.scale}: {db} ({db.stat().st_size / 1e9:.2f} GB); imports {time.perf_counter() - t0:.2f} s")
    from streamlit import config

    from tests.apptest import accounts

    os.environ["SOROT_AUTH"] = str(accounts())  # every page is measured logged in as an admin
    config.set_option("secrets.files", [])
    first, _, _ = run_page("pages/data.py")
    print(f"first page of a new process (one-time Ibis/SQL compiler set-up included): {first:.2f} s")
    print(f"{'page':<24}{'cold s':>9}{'warm s':>9}{'bare SQL s':>12}{'cold/bare':>11}")
    for page in PAGES:
        cold, warm, bare = run_page(page)
        print(f"{page:<24}{cold:>9.2f}{warm:>9.2f}{bare:>12.2f}{cold / bare if bare else 0:>10.1f}×")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"peak RSS of the app process (all pages): {peak:.2f} GB")


if __name__ == "__main__":
    main()
