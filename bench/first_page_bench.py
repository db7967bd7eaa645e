"""From new exports to the first page: `python -m etl load` of the kabupaten sample into a fresh warehouse, then
a new app process rendering Ringkasan Apel (logged in), each timed as a whole command.

    python bench/first_page_bench.py

Target (issue 14): ≤ 6 s in all, on this 2-core machine. The page is rendered by AppTest in a fresh Python
process, so its imports count, as they do for the first visitor after a server start.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app_bench import TODAY, ensure_warehouse  # noqa: E402

RENDER = """
import os, sys
sys.path.insert(0, {root!r})
from streamlit import config
from streamlit.testing.v1 import AppTest
from tests.apptest import accounts, logged_in
os.environ["SOROT_AUTH"] = str(accounts())
config.set_option("secrets.files", [])
at = logged_in(AppTest.from_file({dashboard!r}, default_timeout=120))
at.switch_page("pages/ringkasan.py")
at.run()
assert not at.exception and at.metric, "Ringkasan drew no figures"
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ensure_warehouse("kabupaten", Path(tempfile.gettempdir()) / "sorot-app-bench-kabupaten.duckdb")  # the sample
    sample = Path("/tmp/sorot-bench-kabupaten")
    with tempfile.TemporaryDirectory(prefix="sorot-first-") as tmp:
        db = Path(tmp) / "w.duckdb"
        env = {**os.environ, "SOROT_DB": str(db), "SOROT_TODAY": TODAY}
        load = timed([sys.executable, "-m", "etl", "load", str(sample), "--db", str(db),
                      "--registry", str(sample / "registry")], env)
        page = timed([sys.executable, "-c", RENDER.format(root=str(ROOT), dashboard=str(ROOT / "dashboard.py"))], env)
    print(f"python -m etl load (kabupaten sample, fresh warehouse): {load:.1f} s; first page (Ringkasan, new "
          f"process): {page:.1f} s; total {load + page:.1f} s (target ≤ 6 s)")


if __name__ == "__main__":
    main()
