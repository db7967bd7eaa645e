"""The app's read-only view of the warehouse, reopened whenever the ETL swaps in a new file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from etl import warehouse


@st.cache_resource(max_entries=2, show_spinner=False)
def _open(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return warehouse.open_read_only(Path(path))


def warehouse_version() -> tuple[int, int] | None:
    """Key for st.cache_data: changes when `python -m etl load` replaces the warehouse."""
    return warehouse.version(warehouse.default_db())


def cursor() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the current warehouse (one per call: cursors are not shared across threads)."""
    db = warehouse.default_db()
    version = warehouse.version(db)
    if version is None:
        return None
    return warehouse.read_cursor(_open(str(db), version))
