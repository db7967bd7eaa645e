"""The app's read-only view of the warehouse: one connection per process, reopened whenever the ETL changes the
file and let go of while a small load writes it in place (warehouse_file.LiveReader)."""

from __future__ import annotations

import duckdb

import warehouse_file

_LIVE = warehouse_file.LiveReader()


def warehouse_version() -> tuple[int, int] | None:
    """Key for st.cache_data: changes when `python -m etl load` replaces or updates the warehouse."""
    return warehouse_file.version(warehouse_file.default_db())


def cursor() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the current warehouse (one per call: cursors are not shared across threads)."""
    return _LIVE.cursor(warehouse_file.default_db())
