"""The warehouse file: where it lives, which version of it is live, who may read it, and read-only connections to it.

Shared by the ETL (the one writer, etl/warehouse.py) and the app (the readers, ui/db.py and admin/), so it
imports nothing from either: only DuckDB. Writing is the ETL's business (etl.warehouse.writing): a big load is
written into a private copy swapped in with ``os.replace``; a small one is written into the live file in one
transaction while the *writing flag* ``<db>.writing`` is held (an exclusive ``flock``). Readers here give way to
that flag: they wait instead of attaching, and the ones kept open (``LiveReader``) let go of the file, so the
writer can take DuckDB's exclusive lock. A reader that does not give way only costs the writer its copy.

The warehouse holds personal data (complaints, comments, reporters' contact details: UU 27/2022 PDP), so it and
every file beside it that holds some of it — the write-ahead log ``<db>.wal``, DuckDB's spill folder ``<db>.tmp``,
the private copy ``<db>.tmp-<pid>`` being loaded, the error log — are created readable by their owner only
(``PRIVATE_MODE``, 0600; folders 0700): the ETL writes inside ``private_files()``, and ``make_private`` tightens
files made before. The app and the ETL must therefore run as the same system user.
"""

from __future__ import annotations

import atexit
import fcntl
import gc
import logging
import os
import stat
import threading
import time
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


# How long a reader waits for a writer writing the live file in place (a small load: a second or two)
READER_WAIT = float(os.environ.get("SOROT_READER_WAIT", "120"))
_POLL = 0.05


def writing_flag(db: Path) -> Path:
    """The file a writer holds (``flock`` exclusive) while it writes ``db`` in place."""
    return db.with_name(db.name + ".writing")


def writer_active(db: Path) -> bool:
    """Whether a writer is writing ``db`` in place now. A flag left by a killed writer is held by nobody: False."""
    try:
        fd = os.open(writing_flag(db), os.O_RDONLY)
    except OSError:  # none (no writer ever wrote in place), or not ours to read: nobody to give way to
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing also drops the shared lock taken when the flag was free
    return False


def wait_for_writer(db: Path, deadline: float) -> None:
    """Return once no writer writes ``db`` in place (or at ``deadline``, a ``time.monotonic`` value)."""
    while writer_active(db) and time.monotonic() < deadline:
        time.sleep(_POLL)


def lock_conflict(err: duckdb.Error) -> bool:
    """DuckDB's refusal to open a file another process (lock) or this one (file handle) holds."""
    text = str(err)
    return "lock on file" in text or "Unique file handle conflict" in text


def open_read_only(db: Path, wait: float = READER_WAIT) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file as it is now, after any in-place write has ended (up to ``wait`` s).

    ``duckdb.connect(path)`` would hand back a cached instance of the same path, still reading
    the file the ETL has since replaced; attaching to a fresh in-memory instance never does.
    """
    deadline = time.monotonic() + wait
    while True:
        wait_for_writer(db, deadline)
        con = duckdb.connect()
        try:
            con.execute("ATTACH $path AS warehouse (READ_ONLY)", {"path": str(db)})
        except duckdb.Error as err:  # the writer took the file between our look and our attach
            con.close()
            if not lock_conflict(err) or time.monotonic() >= deadline:
                raise
            time.sleep(_POLL)
            continue
        con.execute("USE warehouse")
        return con


def read_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a read-only connection (one per thread), pointed at the warehouse."""
    cur = con.cursor()
    cur.execute("USE warehouse")
    return cur


class LiveReader:
    """A process's one read-only connection to the live warehouse, shared by its threads through cursors.

    Reopened when the file's version changes; let go of as soon as a writer raises the writing flag — by the
    next ``cursor()`` call or, in an idle process, by the watcher thread — so that the writer can write in
    place. Cursors handed out before keep the old connection until they are dropped.
    """

    WATCH_EVERY = 0.1

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._key: tuple[str, tuple[int, int]] | None = None
        self._watcher: threading.Thread | None = None
        atexit.register(self.release)  # DuckDB's bindings complain of a connection still held at exit

    def cursor(self, db: Path) -> duckdb.DuckDBPyConnection | None:
        """A cursor on ``db`` as it is now (None when there is no warehouse yet)."""
        if writer_active(db):
            self.release()
            wait_for_writer(db, time.monotonic() + READER_WAIT)
        now = version(db)
        if now is None:
            return None
        with self._lock:
            if self._key != (str(db), now):
                self._con, self._key = None, None
                self._con, self._key = open_read_only(db), (str(db), now)
            cur = read_cursor(self._con)
            if self._watcher is None:
                self._watcher = threading.Thread(target=self._watch, name="sorot-warehouse-watcher", daemon=True)
                self._watcher.start()
        return cur

    def release(self) -> None:
        """Drop the shared connection; DuckDB lets go of the file once the last cursor on it is gone too."""
        with self._lock:
            held = self._con is not None
            self._con, self._key = None, None
        if held:
            gc.collect()  # a cursor kept alive by a reference cycle would hold the file until the next collection

    def _watch(self) -> None:
        while True:
            time.sleep(self.WATCH_EVERY)
            key = self._key
            if key is not None and writer_active(Path(key[0])):
                self.release()


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
