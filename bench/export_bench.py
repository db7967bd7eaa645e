"""Export benchmark: chart images (cold = the process's first, which starts Chromium; warm = median of the
next ones) and a table's CSV/XLSX at the size of a long list. Prints its figures.

    python bench/export_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reports.charts import ChartInfo, chart_image
from reports.tables import ZONE, Meta, Number, table_csv, table_xlsx

INFO = ChartInfo("Pengaduan masuk dan selesai per hari", "22 Okt 2026 – 20 Nov 2026", "Semua OPD",
                 "Sumber: pengaduan semua kanal", "4 Des 2026 06.00 WIB")


def figure(seed: int) -> go.Figure:
    days = [date(2026, 10, 22) + timedelta(days=k) for k in range(30)]
    rng = np.random.default_rng(seed)
    fig = go.Figure()
    fig.add_bar(x=days, y=rng.integers(5, 40, 30), name="Masuk")
    fig.add_scatter(x=days, y=rng.integers(5, 40, 30), name="Selesai", mode="lines+markers")
    return fig


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    cold = timed(lambda: chart_image(figure(0), INFO))
    warm = [timed(lambda k=k: chart_image(figure(k), INFO)) for k in range(1, 8)]
    svg = [timed(lambda k=k: chart_image(figure(k), INFO, "svg")) for k in range(3)]
    print(f"chart PNG 1600 px: cold {cold:.2f} s (starts Chromium), warm median {statistics.median(warm):.2f} s "
          f"(max {max(warm):.2f}); SVG warm median {statistics.median(svg):.2f} s")
    n = 10_000
    rows = pd.DataFrame({"tiket": [f"=T{k}" if k % 97 == 0 else f"T{k}" for k in range(n)],
                         "diterima": [date(2026, 1, 1) + timedelta(days=k % 300) for k in range(n)],
                         "umur": np.arange(n) % 60, "porsi": np.linspace(0, 1, n)})
    labels = {"tiket": "Tiket", "diterima": "Diterima", "umur": "Umur (hari kerja)", "porsi": "Sesuai SLA"}
    meta = Meta(title="Bench", period="—", filters="Semua OPD", region="Kabupaten Sukamaju", source="bench",
                lang="id", generated_at=datetime.now(ZONE))
    formats = {"umur": Number(0), "porsi": Number(1, True)}
    for name, write in (("CSV", table_csv), ("XLSX", table_xlsx)):
        spent = statistics.median(timed(lambda w=write: w(rows, labels, meta, formats)) for _ in range(3))
        print(f"table {name}, {n:,} rows × 4 columns: {spent:.2f} s")


if __name__ == "__main__":
    main()
