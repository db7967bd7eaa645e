"""Loading files into the warehouse: each file fully or not at all, the warehouse swapped atomically.

hash every file → skip those loaded before under the same registry → sniff each (format, header)
→ group files of one layout into batches read in one scan (``etl/batch.py``) → swap the warehouse.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from etl import textio, warehouse
from etl.batch import FileResult, Planned, log, process
from etl.classify import Labeller
from etl.errors import FileRefused
from etl.registry import Registry, read_registry, write_reference

ACCEPTED_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}
SKIPPED_FOLDERS = {"registry", "__pycache__"}
FILE_HANDLE = re.compile(r"@([A-Za-z0-9._-]+?)(?=_\d|\.[A-Za-z0-9]+$)")


Progress = Callable[[int, int, FileResult], None]
Starting = Callable[[int, int, list[Planned]], None]


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders walked recursively (sorted), skipping hidden and registry folders."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                parts = f.relative_to(p).parts
                if any(x.startswith(".") or x in SKIPPED_FOLDERS for x in parts):
                    continue
                if f.is_file() and f.suffix.lower() in ACCEPTED_SUFFIXES:
                    found.append(f)
        else:
            found.append(p)
    return found


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def snapshot_time(path: Path, tz: str) -> str:
    """When an export was taken: the last date in its name (end of that day), else its mtime."""
    dates = re.findall(r"(20\d\d)-?([01]\d)-?([0-3]\d)", path.name)
    if dates:
        y, m, d = (int(x) for x in dates[-1])
        try:
            return datetime(y, m, d, 23, 59, 59, tzinfo=ZoneInfo(tz)).isoformat()
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).isoformat()


def file_handle(path: Path, account: str | None) -> str | None:
    if account:
        return account.lstrip("@")
    m = FILE_HANDLE.search(path.name)
    return m.group(1) if m else None


def _already_loaded(db: Path, registry_sha: str) -> set[str]:
    if not db.exists():
        return set()
    con = warehouse.open_read_only(db)
    try:
        rows = con.execute(
            "SELECT sha256 FROM etl_load WHERE registry_sha = $r AND outcome <> 'ditolak'",
            {"r": registry_sha},
        ).fetchall()
    except duckdb.CatalogException:
        rows = []
    finally:
        con.close()
    return {r[0] for r in rows}


BATCH_BYTES = 192 << 20  # files of one layout are read together up to this size


def _plan(files: list[tuple[Path, str]], reg: Registry, account: str | None) -> list[Planned]:
    planned = []
    for path, digest in files:
        result = FileResult(path, "ditolak")
        try:
            sniffed = textio.sniff(path)
        except FileRefused as err:
            result.message = err.message
            planned.append(Planned(path, digest, None, "", None, result))
            continue
        fmt = sniffed.match.format
        result.format, result.dataset = fmt.name, fmt.dataset
        handle = file_handle(path, account) if fmt.account_from == "filename" else None
        if fmt.account_from == "filename" and not handle:
            result.message = (
                f"{path.name}: ekspor {fmt.label} tidak menyebut kanalnya. Beri nama berkas yang memuat "
                "@akun (mis. youtube@dinkes.sukamaju_2026-11-22.csv) atau pilih akun saat mengunggah "
                "(--account di baris perintah).")
        planned.append(Planned(path, digest, sniffed, snapshot_time(path, reg.timezone), handle, result))
    return planned


def _batches(planned: list[Planned]) -> list[list[Planned]]:
    """Readable files grouped by layout (in order of first appearance), each batch ≤ BATCH_BYTES."""
    groups: dict[tuple, list[list[Planned]]] = {}
    for p in planned:
        if p.result.message:
            continue
        chunks = groups.setdefault(p.sniffed.layout_key, [[]])
        size = sum(q.path.stat().st_size for q in chunks[-1])
        if chunks[-1] and size + p.path.stat().st_size > BATCH_BYTES:
            chunks.append([])
        chunks[-1].append(p)
    return [chunk for chunks in groups.values() for chunk in chunks]


class _Loader:
    """Runs batches inside the private copy of the warehouse and logs every file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, reg: Registry, progress: Progress | None,
                 starting: Starting | None, total: int, labeller: Labeller) -> None:
        self.con, self.reg, self.progress, self.starting, self.total = con, reg, progress, starting, total
        self.labeller = labeller
        self.done = 0
        self.next_id = con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM etl_load").fetchall()[0][0]

    def refused(self, p: Planned) -> None:
        self.con.begin()
        self._log([p], datetime.now(UTC))
        self.con.commit()

    def run(self, batch: list[Planned]) -> None:
        if self.starting:
            self.starting(self.done + 1, self.total, batch)
        started = datetime.now(UTC)
        self.con.begin()
        try:
            process(self.con, batch, self.next_id, self.reg, self.labeller)
        except duckdb.Error:
            self.con.rollback()
            if len(batch) == 1:
                raise
            for p in batch:  # find the broken file: the others still load
                self.run([p])
            return
        except FileRefused as err:
            self.con.rollback()
            self.con.begin()
            batch[0].result.message = err.message
        except BaseException:
            self.con.rollback()
            raise
        self._log(batch, started)
        self.con.commit()

    def _log(self, batch: list[Planned], started: datetime) -> None:
        log(self.con, self.next_id, batch, self.reg, started)
        self.next_id += len(batch)
        for p in batch:
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total, p.result)


def load(paths: Iterable[Path], db: Path, registry_dir: Path = warehouse.DEFAULT_REGISTRY,
         holidays: Path = warehouse.DEFAULT_HOLIDAYS, account: str | None = None,
         progress: Progress | None = None, starting: Starting | None = None,
         labeller: Labeller | None = None) -> list[FileResult]:
    """Load files/folders into ``db``; returns one result per file (refused ones included).

    Every row is classified on the way in (pass a ``labeller`` to read its statistics).
    """
    reg = read_registry(registry_dir, holidays)
    files = expand(paths)
    for f in files:
        if not f.exists():
            raise FileNotFoundError(f"{f}: berkas tidak ditemukan.")
    done = _already_loaded(db, reg.sha256)
    results, todo, seen = [], [], set()
    with ThreadPoolExecutor(max_workers=2) as pool:  # hashlib releases the GIL: both cores hash
        digests = list(pool.map(sha256, files))
    for f, digest in zip(files, digests):
        if digest in done or digest in seen:
            why = "sudah dimuat sebelumnya (hash sama)" if digest in done else "isi sama dengan berkas lain"
            results.append(FileResult(f, "dilewati", message=why))
        else:
            seen.add(digest)
            todo.append((f, digest))
    if not todo and db.exists():
        return results
    planned = _plan(todo, reg, account)
    labeller = labeller or Labeller()
    with warehouse.updating(db) as con:
        write_reference(con, reg)
        loader = _Loader(con, reg, progress, starting, len(planned), labeller)
        for p in planned:
            if p.result.message:
                loader.refused(p)
        try:
            for batch in _batches(planned):
                loader.run(batch)
        finally:
            labeller.close()
        warehouse.refresh_marts(con, reg.timezone)
    return results + [p.result for p in planned]
