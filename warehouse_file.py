"""The warehouse file: where it lives, which version of it is live, and read-only connections to it.

Shared by the ETL (the one writer, etl/warehouse.py) and the app (the readers, ui/db.py and admin/), so it
imports nothing from either: only DuckDB. Writing — the private copy swapped in with ``os.replace`` — is the
ETL's business (etl.warehouse.updating).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent
DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"


def default_db() -> Path:
    """The warehouse to use: ``$SOROT_DB``, else data/warehouse.duckdb."""
    return Path(os.environ.get("SOROT_DB") or DEFAULT_DB)


def version(db: Path) -> tuple[int, int] | None:
    """Identity of the live file: changes whenever the ETL swaps in a new warehouse."""
    try:
        st = db.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def open_read_only(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file as it is now.

    ``duckdb.connect(path)`` would hand back a cached instance of the same path, still reading
    the file the ETL has since replaced; attaching to a fresh in-memory instance never does.
    """
    con = duckdb.connect()
    con.execute("ATTACH $path AS warehouse (READ_ONLY)", {"path": str(db)})
    con.execute("USE warehouse")
    return con


def read_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a read-only connection (one per thread), pointed at the warehouse."""
    cur = con.cursor()
    cur.execute("USE warehouse")
    return cur
