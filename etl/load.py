"""Loading files into the warehouse: each file fully or not at all, the whole load atomically.

find the files (folders walked, ``.zip`` archives opened member by member, ``etl/sources.py``) → hash
each → skip those loaded before under the same registry → sniff each (format, header), date it
(``etl/exportdate.py``), name its account → group files of one layout into batches read in one scan
(``etl/batch.py``) → write them into a copy swapped in, or into the live file in one transaction for a small
load (``etl/warehouse.py``). No exception from one file stops the others: it becomes that
file's refusal, with the details in the error log beside the warehouse.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl import checks, crosscheck, marts, textio, warehouse
from etl.batch import FileResult, Planned, log, process
from etl.classify import Labeller
from etl.errors import DataCheckFailed, FileRefused
from etl.exportdate import export_date, future_problem
from etl.registry import Registry, read_registry, write_reference
from etl.sources import ACCEPTED_SUFFIXES, Refusal, Source, discover, sha256_file

__all__ = ["ACCEPTED_SUFFIXES", "FileResult", "load"]

FILE_HANDLE = re.compile(r"@([A-Za-z0-9._-]+?)(?=_\d|\.[A-Za-z0-9]+$|$| )")
# YouTube Studio names its Advanced-mode download "Content 2025-06-15_2026-06-15 <Channel name>"
YOUTUBE_FOLDER = re.compile(r"^(?:Content|Konten) \d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2} (.+?)(?: \(\d+\))?(?:\.zip)?$")

Progress = Callable[[int, int, FileResult], None]
Starting = Callable[[int, int, list[Planned]], None]


def error_log(db: Path) -> Path:
    return db.with_name(db.name + ".errors.log")


def _append_log(path: Path, text: str) -> None:
    """Append to the error log beside the warehouse, created 0600 like the warehouse (it may quote data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, warehouse.PRIVATE_MODE)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, warehouse.PRIVATE_MODE)


def file_handle(src: Source, account: str | None) -> tuple[str | None, str | None]:
    """The account of an export that does not name it (YouTube), and where it was found."""
    if account:
        return account.strip().lstrip("@"), "akun yang dipilih (--account / pilihan saat mengunggah)"
    for i, name in enumerate(src.context):
        m = FILE_HANDLE.search(name)
        if m:
            return m.group(1), "nama berkas" if i == 0 else f"nama «{name}»"
    for name in src.context[1:]:
        m = YOUTUBE_FOLDER.match(name)
        if m:
            return m.group(1).strip(), f"nama kanal pada «{name}»"
    return None, None


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


def log_unexpected(db: Path, name: str, err: BaseException) -> str:
    """Write the traceback of an unexpected error to the log beside the warehouse; returns a one-line summary."""
    path = error_log(db)
    try:
        _append_log(path, f"--- {datetime.now(UTC).isoformat()} {name}\n" + "".join(traceback.format_exception(err)))
    except OSError:
        logging.getLogger(__name__).exception("cannot write %s", path)
    return f"{type(err).__name__}: {str(err)[:200]} (rincian untuk pengembang: {path})"


def _unexpected(db: Path, name: str, err: BaseException) -> str:
    """The refusal of one file that failed in an unexpected way; the details go to the log."""
    return (f"{name}: kesalahan tak terduga saat membaca berkas ({log_unexpected(db, name, err)}). "
            "Berkas lain tetap dimuat.")


def _plan_one(src: Source, reg: Registry, account: str | None, db: Path) -> Planned:
    result = FileResult(src.given, "ditolak", name=src.name, where=src.where)
    planned = Planned(src, None, None, None, result)
    try:
        sniffed = textio.sniff(src.path, src.name)
        fmt = sniffed.match.format
        result.format, result.dataset = fmt.name, fmt.dataset
        result.layout, result.language, result.kind = fmt.label, fmt.language, fmt.kind
        planned.sniffed = sniffed
        if fmt.refuse:
            result.message = f"{src.name}: ini ekspor {fmt.label}. {fmt.refuse}"
            return planned
        planned.export = export_date(src, reg.timezone)
        result.snapshot, result.snapshot_source = planned.export.at.isoformat(), planned.export.source
        if problem := future_problem(planned.export, reg.timezone, src.name):
            result.message = problem
            return planned
        if fmt.account_from == "filename":
            planned.handle, said = file_handle(src, account)
            if planned.handle:
                result.notes.append(f"kanal «{planned.handle}» diambil dari {said}")
            else:
                result.message = (
                    f"{src.name}: ekspor {fmt.label} tidak menyebut kanalnya. Beri nama berkas/folder yang memuat "
                    "@akun (mis. youtube@dinkes.sukamaju_2026-11-22.csv), atau pilih akun saat mengunggah "
                    "(--account di baris perintah).")
    except FileRefused as err:
        result.message = err.message
    except Exception as err:  # one odd file must not stop the others
        result.message = _unexpected(db, src.name, err)
    return planned


def _batches(planned: list[Planned]) -> list[list[Planned]]:
    """Readable files grouped by layout (in order of first appearance), each batch ≤ BATCH_BYTES."""
    groups: dict[tuple, list[list[Planned]]] = {}
    for p in planned:
        if p.result.message or p.result.outcome == "dilewati":
            continue
        chunks = groups.setdefault(p.sniffed.layout_key, [[]])
        size = sum(q.path.stat().st_size for q in chunks[-1])
        if chunks[-1] and size + p.path.stat().st_size > BATCH_BYTES:
            chunks.append([])
        chunks[-1].append(p)
    return [chunk for chunks in groups.values() for chunk in chunks]


class _Abandoned(Exception):
    """A file failed inside the one transaction of an in-place load: the load is done again into a copy, where
    each batch has its own transaction and the other files still load."""


class _Loader:
    """Runs batches inside the writer's connection and logs every file: one transaction per batch in a copy;
    in place, all of them inside the writer's one transaction (``atomic``)."""

    def __init__(self, w: warehouse.Writer, reg: Registry, progress: Progress | None,
                 starting: Starting | None, total: int, labeller: Labeller, db: Path) -> None:
        self.con, self.atomic = w.con, w.in_place
        self.reg, self.progress, self.starting, self.total = reg, progress, starting, total
        self.labeller, self.db = labeller, db
        self.done = 0
        self.next_id = self.con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM etl_load").fetchall()[0][0]
        self.first_id = self.next_id  # the first load id of this run: the marts are updated from it on

    def _begin(self) -> None:
        if not self.atomic:
            self.con.begin()

    def _commit(self) -> None:
        if not self.atomic:
            self.con.commit()

    def refused(self, p: Planned) -> None:
        self._begin()
        self._log([p], datetime.now(UTC))
        self._commit()

    def run(self, batch: list[Planned]) -> None:
        if self.starting:
            self.starting(self.done + 1, self.total, batch)
        started = datetime.now(UTC)
        self._begin()
        try:
            process(self.con, batch, self.next_id, self.reg, self.labeller)
        except Exception as err:  # SplitBatch, FileRefused, duckdb.Error or anything else
            if self.atomic:
                raise _Abandoned from err
            self.con.rollback()
            if len(batch) > 1:  # find the file that cannot go with the others: they still load
                for p in batch:
                    self.run([p])
                return
            self._fail(batch[0], err)
            self.con.begin()
        except BaseException:
            if not self.atomic:  # in place, the writer rolls back its one transaction
                self.con.rollback()
            raise
        self._log(batch, started)
        self._commit()

    def _fail(self, p: Planned, err: BaseException) -> None:
        r = p.result
        r.outcome, r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_new = "ditolak", 0, 0, 0, 0
        r.rejects, r.groups = [], []
        r.message = err.message if isinstance(err, FileRefused) else _unexpected(self.db, r.name, err)

    def _log(self, batch: list[Planned], started: datetime) -> None:
        log(self.con, self.next_id, batch, self.reg, started)
        self.next_id += len(batch)
        for p in batch:
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total, p.result)


def _verify(con: duckdb.DuckDBPyConnection, db: Path, only: tuple[checks.Check, ...] | None = None) -> None:
    """The data checks of etl/schema.py (or ``only`` those) on the loaded warehouse; a failure is also written to
    the error log."""
    try:
        seconds = checks.verify(con, only)
    except DataCheckFailed as err:
        path = error_log(db)
        try:
            _append_log(path, f"--- {datetime.now(UTC).isoformat()} pemeriksaan data: pemuatan ditolak\n"
                              f"{err.message}\n")
        except OSError:
            logging.getLogger(__name__).exception("cannot write %s", path)
        raise
    logging.getLogger(__name__).info("data checks passed in %.3f s", seconds)


def _refusal_result(r: Refusal) -> FileResult:
    return FileResult(r.given, r.outcome, message=r.message, name=r.name, where=r.where)


def load(paths: Iterable[Path], db: Path, registry_dir: Path = warehouse.DEFAULT_REGISTRY,
         holidays: Path = warehouse.DEFAULT_HOLIDAYS, account: str | None = None,
         progress: Progress | None = None, starting: Starting | None = None,
         labeller: Labeller | None = None) -> list[FileResult]:
    """Load files, folders and .zip archives into ``db``; returns one result per file or archive member
    (refused and skipped ones included). Every row is classified on the way in (pass a ``labeller``
    to read its statistics)."""
    reg = read_registry(registry_dir, holidays)
    warehouse.make_private(db)  # a warehouse made before Sorot created it 0600 is tightened, even if nothing loads
    with tempfile.TemporaryDirectory(prefix="sorot-arsip-") as work:
        found = discover(list(paths), Path(work))
        return _load_sources(found.sources, found.refused, db, reg, account, progress, starting, labeller)


def _load_sources(sources: list[Source], refusals: list[Refusal], db: Path, reg: Registry, account: str | None,
                  progress: Progress | None, starting: Starting | None,
                  labeller: Labeller | None) -> list[FileResult]:
    done = _already_loaded(db, reg.sha256)
    results = [_refusal_result(r) for r in refusals if r.outcome == "dilewati"]
    refused_archives = [r for r in refusals if r.outcome != "dilewati"]
    with ThreadPoolExecutor(max_workers=2) as pool:  # hashlib releases the GIL: both cores hash
        for src, digest in zip(sources, pool.map(lambda s: sha256_file(s.path), sources)):
            src.digest = digest
    todo, seen = [], set()
    for src in sources:
        if src.digest in done or src.digest in seen:
            why = "sudah dimuat sebelumnya (hash sama)" if src.digest in done else "isi sama dengan berkas lain"
            results.append(FileResult(src.given, "dilewati", message=why, name=src.name, where=src.where))
        else:
            seen.add(src.digest)
            todo.append(src)
    if not todo and not refused_archives and db.exists():
        return results
    planned = [_plan_one(src, reg, account, db) for src in todo]
    planned += [Planned(Source(r.given, r.name, r.where, r.given, digest=sha256_file(r.given)), None, None, None,
                        _refusal_result(r)) for r in refused_archives]
    crosscheck.youtube_totals(planned)
    labeller = labeller or Labeller()
    try:
        _write(planned, db, reg, progress, starting, labeller, in_place=_small(planned))
    except _Abandoned:
        _write(planned, db, reg, progress, starting, labeller, in_place=False)
    return results + [p.result for p in planned]


def _small(planned: list[Planned]) -> bool:
    """Whether the files are few enough bytes to be written into the live warehouse (etl/warehouse.py)."""
    return sum(p.path.stat().st_size for p in planned) <= warehouse.IN_PLACE_BYTES


def _write(planned: list[Planned], db: Path, reg: Registry, progress: Progress | None, starting: Starting | None,
           labeller: Labeller, in_place: bool) -> None:
    with warehouse.writing(db, in_place) as w:
        reference_written = write_reference(w.con, reg)
        loader = _Loader(w, reg, progress, starting, len(planned), labeller, db)
        for p in planned:
            if p.result.message and p.result.outcome != "dilewati":
                p.result.outcome = "ditolak"
                loader.refused(p)
        try:
            for batch in _batches(planned):
                loader.run(batch)
        finally:
            labeller.close()
        _refresh(w.con, db, reg, loader.first_id, reference_written)


def _refresh(con: duckdb.DuckDBPyConnection, db: Path, reg: Registry, first_id: int, reference_written: bool) -> None:
    """Marts updated for what this run touched (or rebuilt), then the data checks over the same scope (the ref_*
    tables' own checks only when they were written). A failed check refuses the load: the warehouse in use stays
    as it was."""
    if marts.can_update(con, reg.timezone, first_id, reg.sha256):
        days = marts.update(con, first_id, reg.timezone)
        with marts.scoped(con, days, reg.timezone):
            _verify(con, db, None if reference_written else checks.beyond_reference())
    else:
        marts.rebuild(con, reg.timezone)
        _verify(con, db)
