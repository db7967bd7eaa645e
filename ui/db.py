"""The app's read-only view of the warehouse, reopened whenever the ETL swaps in a new file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

import warehouse_file


@st.cache_resource(max_entries=2, show_spinner=False)
def _open(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return warehouse_file.open_read_only(Path(path))


def warehouse_version() -> tuple[int, int] | None:
    """Key for st.cache_data: changes when `python -m etl load` replaces the warehouse."""
    return warehouse_file.version(warehouse_file.default_db())


def cursor() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the current warehouse (one per call: cursors are not shared across threads)."""
    db = warehouse_file.default_db()
    version = warehouse_file.version(db)
    if version is None:
        return None
    return warehouse_file.read_cursor(_open(str(db), version))
