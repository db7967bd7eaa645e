"""Updating the warehouse atomically (the ETL); read-only snapshots for the app are in warehouse_file.py.

DuckDB lets no process open a file while another holds it read-write, so the ETL never writes
the live file: it copies it to ``<db>.tmp-<pid>``, loads into the copy, checkpoints, closes and
``os.replace``-s the copy onto the live name. A killed load leaves only a stray temp file, which
the next load removes. Readers notice the swap from the file's (inode, mtime) and reopen.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl.schema import TABLES, create_views_sql

# The file's place, its version, who may read it and read-only access are shared with the app; the ETL uses them
# from here.
from warehouse_file import (  # noqa: F401
    DEFAULT_DB,
    PRIVATE_MODE,
    ROOT,
    default_db,
    make_private,
    open_read_only,
    private_files,
    read_cursor,
    version,
)

DEFAULT_REGISTRY = ROOT / "data" / "registry"
DEFAULT_HOLIDAYS = ROOT / "data" / "kalender" / "libur.csv"
# DuckDB's own memory during a load (it spills the rest to ``<db>.tmp``); by default it would take 80 % of RAM
LOAD_MEMORY = os.environ.get("SOROT_LOAD_MEMORY", "640MB")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create what is missing; a warehouse made by an older Sorot gains its new columns (NULL)."""
    for table in TABLES:
        con.execute(table.ddl())
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t", {"t": table.name}).fetchall()}
        for name, sql_type, _ in table.columns:
            if name not in have:
                con.execute(f"ALTER TABLE {table.name} ADD COLUMN {name} {sql_type.replace(' NOT NULL', '')}")
    for stmt in create_views_sql():
        con.execute(stmt)


def timezone(con: duckdb.DuckDBPyConnection) -> str:
    """The region's time zone as loaded from pengaturan.toml (Asia/Jakarta before any load)."""
    row = con.execute("SELECT value FROM ref_setting WHERE key = 'zona_waktu'").fetchall()
    return row[0][0] if row else "Asia/Jakarta"


def _remove_stale_copies(db: Path) -> None:
    """What a killed load left: its copy, the copy's WAL and DuckDB's spill folder beside it."""
    for stale in db.parent.glob(db.name + ".tmp-*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


@contextmanager
def _exclusive(db: Path) -> Iterator[None]:
    """One writer at a time; a second `etl load` waits for the first."""
    with open(db.with_name(db.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def updating(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a private copy that replaces ``db`` when the block succeeds.

    If the block raises (or the process dies) the live warehouse is untouched. The copy, its WAL and spill files
    are created 0600 (``private_files``), so the warehouse swapped in is its owner's only, whatever the mode of
    the one it replaces; an older file beside it is tightened too (``make_private``).
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    with private_files(), _exclusive(db):
        make_private(db)
        _remove_stale_copies(db)
        tmp = db.with_name(f"{db.name}.tmp-{os.getpid()}")
        if db.exists():
            shutil.copyfile(db, tmp)
        con = duckdb.connect(str(tmp), config={"memory_limit": LOAD_MEMORY})
        try:
            os.chmod(tmp, PRIVATE_MODE)
            ensure_schema(con)
            yield con
            con.execute("CHECKPOINT")
            con.close()
            os.chmod(tmp, PRIVATE_MODE)
            os.replace(tmp, db)
            _fsync_dir(db.parent)
        except BaseException:
            con.close()
            tmp.unlink(missing_ok=True)
            Path(str(tmp) + ".wal").unlink(missing_ok=True)
            raise


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
