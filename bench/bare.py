"""The bare-DuckDB baseline the load benchmarks compare against: the same files read into DuckDB with nothing else.

Every CSV goes through ``CREATE TABLE … AS SELECT * FROM read_csv(…)`` (DuckDB's own sniffing; files it cannot
sniff are read again as text columns), every XLSX sheet through python-calamine into a DuckDB table, zip
archives unpacked first (as the loader does). No validation, typing, dedup, classification or marts: the floor.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.sources import discover  # noqa: E402
from etl.textio import detect_encoding  # noqa: E402


def _xlsx(con: duckdb.DuckDBPyConnection, path: Path, name: str) -> None:
    import pandas as pd
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    frame = pd.DataFrame(rows[1:], dtype="string")  # noqa: F841 (read by DuckDB by name)
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")


def _csv(con: duckdb.DuckDBPyConnection, path: Path, name: str, encoding: str, work: Path) -> None:
    """read_csv with the file's encoding told (DuckDB assumes UTF-8; exports also come in UTF-16, and in cp1252,
    which DuckDB cannot read: those are written out as UTF-8 first, timed)."""
    encoding = {"utf-8-sig": "utf-8", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding, encoding)
    if encoding not in ("utf-8", "utf-16"):
        utf8 = work / f"{name}.csv"
        utf8.write_text(path.read_text(encoding=encoding), encoding="utf-8")
        path, encoding = utf8, "utf-8"
    params = {"p": str(path), "e": encoding}
    try:
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv($p, encoding = $e)", params)
    except duckdb.Error:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM read_csv($p, encoding = $e, all_varchar = true, "
                    "strict_mode = false, null_padding = true)", params)


def bare_seconds(paths: list[Path]) -> tuple[float, int]:
    """Seconds to read every file under ``paths`` into a fresh DuckDB file, and the rows read (each text file's
    encoding is found first, untimed)."""
    with tempfile.TemporaryDirectory(prefix="sorot-bare-") as tmp:
        found = discover(paths, Path(tmp))
        encodings = [None if s.path.suffix.lower() == ".xlsx" else detect_encoding(s.path) for s in found.sources]
        t0 = time.perf_counter()
        con = duckdb.connect(str(Path(tmp) / "bare.duckdb"))
        rows = 0
        for i, (src, encoding) in enumerate(zip(found.sources, encodings, strict=True)):
            name = f"t{i}"
            if encoding is None:
                _xlsx(con, src.path, name)
            else:
                _csv(con, src.path, name, encoding, Path(tmp))
            rows += con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
        con.execute("CHECKPOINT")
        con.close()
        return time.perf_counter() - t0, rows
