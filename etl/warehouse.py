"""Updating the warehouse atomically (the ETL); read-only snapshots for the app are in warehouse_file.py.

DuckDB lets no process open a file read-write while another holds it, even read-only. Two ways keep a load
atomic and the app reading whole warehouses only:

- **Copy and swap** (big loads, and whenever the readers do not let go in time): the ETL copies the file to
  ``<db>.tmp-<pid>``, loads into the copy, checkpoints, closes and ``os.replace``-s the copy onto the live name.
  A killed load leaves only a stray temp file, which the next load removes. Readers keep the old file until they
  notice the swap from its (inode, mtime).
- **In place** (small loads: one account's weekly export): copying a 1.5 GB warehouse for 100 rows would cost
  more than the load. The writer raises the writing flag (``warehouse_file.writing_flag``), waits until the
  readers have let go of the file (``warehouse_file.LiveReader`` does at once; new readers wait for the flag),
  opens the live file read-write and does the whole load in **one transaction**, committed, checkpointed and
  closed before the flag drops. A killed load never commits: DuckDB rolls it back when the file is next opened;
  a load killed after its commit is replayed from DuckDB's write-ahead log, read-only readers included.
"""

from __future__ import annotations

import fcntl
import gc
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
    lock_conflict,
    make_private,
    open_read_only,
    private_files,
    read_cursor,
    version,
    writing_flag,
)

DEFAULT_REGISTRY = ROOT / "data" / "registry"
DEFAULT_HOLIDAYS = ROOT / "data" / "kalender" / "libur.csv"
# DuckDB's own memory during a load (it spills the rest to ``<db>.tmp``); by default it would take 80 % of RAM
LOAD_MEMORY = os.environ.get("SOROT_LOAD_MEMORY", "640MB")
# Loads of at most this many bytes of files are written in place; bigger ones into a copy (the readers would
# wait for the whole load otherwise)
IN_PLACE_BYTES = int(float(os.environ.get("SOROT_IN_PLACE_MB", "8")) * 1_000_000)
# How long an in-place writer waits for the readers to let go of the file before it copies it after all
READERS_WAIT = float(os.environ.get("SOROT_READERS_WAIT", "3"))


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


@dataclass
class Writer:
    """The read-write connection of a load; ``in_place``: it is the live file, inside one open transaction that
    ``writing`` commits (the caller must not begin, commit or roll back)."""

    con: duckdb.DuckDBPyConnection
    in_place: bool


@contextmanager
def updating(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a private copy that replaces ``db`` when the block succeeds (see ``writing``)."""
    with writing(db) as w:
        yield w.con


@contextmanager
def writing(db: Path, in_place: bool = False) -> Iterator[Writer]:
    """A writer whose work becomes the live ``db`` when the block succeeds, all of it, or none if it raises.

    ``in_place`` asks for the live file itself (see the module's doc); when the readers do not let go of it
    within READERS_WAIT seconds, or there is no warehouse yet, the block gets a copy instead. The copy, its WAL
    and spill files are created 0600 (``private_files``), so the warehouse swapped in is its owner's only,
    whatever the mode of the one it replaces; an older file beside it is tightened too (``make_private``).
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    with private_files(), _exclusive(db):
        make_private(db)
        _remove_stale_copies(db)
        if in_place and db.exists():
            with _flag(db):
                con = _connect_when_free(db)
                if con is not None:
                    yield from _in_place(con)
                    return
        yield from _copied(db)


def _in_place(con: duckdb.DuckDBPyConnection) -> Iterator[Writer]:
    try:
        con.begin()
        ensure_schema(con)
        yield Writer(con, in_place=True)
        con.commit()
        con.execute("CHECKPOINT")
    except BaseException:
        con.rollback()
        raise
    finally:
        con.close()


def _copied(db: Path) -> Iterator[Writer]:
    tmp = db.with_name(f"{db.name}.tmp-{os.getpid()}")
    if db.exists():
        shutil.copyfile(db, tmp)
    con = duckdb.connect(str(tmp), config={"memory_limit": LOAD_MEMORY})
    try:
        os.chmod(tmp, PRIVATE_MODE)
        ensure_schema(con)
        yield Writer(con, in_place=False)
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


@contextmanager
def _flag(db: Path) -> Iterator[None]:
    """Hold the writing flag: readers give way (warehouse_file.writer_active) until the block ends."""
    fd = os.open(writing_flag(db), os.O_RDWR | os.O_CREAT, PRIVATE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # drops the lock; the file stays (removing it would race with a reader opening it)


def _connect_when_free(db: Path) -> duckdb.DuckDBPyConnection | None:
    """The live file read-write, once every reader has let go of it; None after READERS_WAIT seconds."""
    deadline = time.monotonic() + READERS_WAIT
    while True:
        try:
            return duckdb.connect(str(db), config={"memory_limit": LOAD_MEMORY})
        except duckdb.Error as err:
            if not lock_conflict(err):
                raise
            if time.monotonic() >= deadline:
                return None
        gc.collect()  # a reader of this process dropped but not yet collected
        time.sleep(0.02)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
