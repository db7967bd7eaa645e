"""The warehouse file: where it lives, which version of it is live, who may read it, and read-only connections to it.

Shared by the ETL (the one writer, etl/warehouse.py) and the app (the readers, ui/db.py and admin/), so it
imports nothing from either: only DuckDB. Writing — the private copy swapped in with ``os.replace`` — is the
ETL's business (etl.warehouse.updating).

The warehouse holds personal data (complaints, comments, reporters' contact details: UU 27/2022 PDP), so it and
every file beside it that holds some of it — the write-ahead log ``<db>.wal``, DuckDB's spill folder ``<db>.tmp``,
the private copy ``<db>.tmp-<pid>`` being loaded, the error log — are created readable by their owner only
(``PRIVATE_MODE``, 0600; folders 0700): the ETL writes inside ``private_files()``, and ``make_private`` tightens
files made before. The app and the ETL must therefore run as the same system user.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


PRIVATE_MODE = 0o600  # owner reads and writes; group and others nothing
_UMASK = 0o077
_umask_lock = threading.Lock()
_umask_users = 0
_umask_before = 0


def siblings(db: Path) -> list[Path]:
    """The files and folders beside ``db`` that may hold its data (whether they exist or not)."""
    return [db, db.with_name(db.name + ".wal"), db.with_name(db.name + ".tmp"),
            db.with_name(db.name + ".errors.log"), db.with_name(db.name + ".lock")]


def make_private(db: Path) -> None:
    """Tighten ``db`` and its siblings to the owner only (files 0600, folders 0700); missing ones are skipped, and
    one this process may not change (another user's) is logged, not fatal: the next swap replaces the warehouse
    with a file of this process's, 0600."""
    for path in siblings(db):
        try:
            mode = path.stat().st_mode
            private = 0o700 if stat.S_ISDIR(mode) else PRIVATE_MODE
            if stat.S_IMODE(mode) != private:
                os.chmod(path, private)
        except FileNotFoundError:
            continue
        except PermissionError:
            logging.getLogger(__name__).warning("cannot make %s private (owned by another user?)", path)


@contextmanager
def private_files() -> Iterator[None]:
    """Every file and folder this process creates inside the block (the copy DuckDB writes, its WAL, its spill
    files) is its owner's only: the umask is 077 until the last block still running ends (the umask is the
    process's, so blocks running in threads share one)."""
    global _umask_users, _umask_before
    with _umask_lock:
        if _umask_users == 0:
            _umask_before = os.umask(_UMASK)
        _umask_users += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask_users -= 1
            if _umask_users == 0:
                os.umask(_umask_before)
