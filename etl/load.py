"""Loading files into the warehouse: each file fully or not at all, the warehouse swapped atomically.

For every file: hash → skip if already loaded under the same registry → read (textio) →
type (typed) → resolve (resolve) → insert the good rows, record the rejects and a load-log row.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from etl import resolve, textio, typed, warehouse
from etl.errors import FileRefused
from etl.registry import Registry, read_registry, write_reference

ACCEPTED_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}
SKIPPED_FOLDERS = {"registry", "__pycache__"}
FILE_HANDLE = re.compile(r"@([A-Za-z0-9._-]+?)(?=_\d|\.[A-Za-z0-9]+$)")


@dataclass
class FileResult:
    path: Path
    outcome: str  # berhasil | sebagian | ditolak | dilewati
    format: str | None = None
    dataset: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_new: int = 0
    message: str | None = None
    seconds: float = 0.0
    rejects: list[tuple] = field(default_factory=list)  # first few (row, column, value, reason)


Progress = Callable[[int, int, FileResult], None]
Starting = Callable[[int, int, Path], None]


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


TARGETS = {
    "posts": ("raw_post_snapshot", {
        "platform": "platform", "post_id": "pid", "handle": "handle", "opd_code": "opd_code",
        "published_at": "published_at", "caption": "text_", "post_type": "post_type",
        "permalink": "permalink", "views": "views", "reach": "reach", "reactions": "reactions",
        "comments": "comments", "shares": "shares", "saves": "saves", "clicks": "clicks",
        "watch_seconds": "watch_seconds", "snapshot_at": "snap",
    }, "NOT EXISTS (SELECT 1 FROM raw_post_snapshot x WHERE x.platform = r.platform "
       "AND x.post_id = r.pid AND x.snapshot_at = r.snap)"),
    "comments": ("raw_comment", {
        "comment_key": "_key", "platform": "platform", "kind": "kind_",
        "comment_id": "comment_id", "handle": "handle", "opd_code": "opd_code", "post_id": "post_id",
        "post_permalink": "post_permalink", "created_at": "created_at", "author": "author",
        "text": "text", "permalink": "permalink",
    }, "NOT EXISTS (SELECT 1 FROM raw_comment x WHERE x.comment_key = r._key)"),
    "complaints": ("raw_complaint", {
        "complaint_key": "_key", "channel": "channel_", "complaint_id": "complaint_id",
        "opd_code": "opd_code", "title": "title", "text": "text", "category": "category",
        "area": "area_", "village": "village_", "status": "status_", "complexity": "complexity_",
        "received_at": "received_at", "verified_at": "verified_at", "forwarded_at": "forwarded_at",
        "first_response_at": "first_response_at", "resolved_at": "resolved_at",
        "closed_at": "closed_at", "last_activity_at": "last_activity_at",
        "response_due_at": "response_due_at", "sla_due_at": "sla_due_at", "rating": "rating",
        "permalink": "permalink", "snapshot_at": "snap",
    }, "NOT EXISTS (SELECT 1 FROM raw_complaint x WHERE x.complaint_key = r._key "
       "AND x.snapshot_at = r.snap)"),
}


def _ready_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT column_name FROM (DESCRIBE ready)").fetchall()}


def _insert_good(con: duckdb.DuckDBPyConnection, dataset: str, load_id: int) -> int:
    table, mapping, not_there = TARGETS[dataset]
    have = _ready_columns(con)
    pairs = [(t, s) for t, s in mapping.items() if s in have]
    cols = ", ".join(t for t, _ in pairs)
    exprs = ", ".join(f"r.{s}" for _, s in pairs)
    con.execute(
        f"INSERT INTO {table} ({cols}, load_id, source_row) SELECT {exprs}, $load_id, r._row "
        f"FROM ready r ANTI JOIN problems p ON p._row = r._row WHERE {not_there}",
        {"load_id": load_id},
    )
    inserted = con.execute(f"SELECT count(*) FROM {table} WHERE load_id = $l", {"l": load_id}).fetchall()
    if dataset == "complaints" and {"reporter_name", "reporter_phone"} & have:
        _store_reporters(con, have, load_id)
    return inserted[0][0]


def _store_reporters(con: duckdb.DuckDBPyConnection, have: set[str], load_id: int) -> None:
    name = "r.reporter_name" if "reporter_name" in have else "NULL"
    phone = "r.reporter_phone" if "reporter_phone" in have else "NULL"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE reporters AS SELECT r._key AS complaint_key, "
        f"{name} AS name, {phone} AS phone FROM ready r ANTI JOIN problems p ON p._row = r._row "
        f"WHERE coalesce({name}, {phone}) IS NOT NULL"
    )
    con.execute("DELETE FROM pii_complaint_reporter WHERE complaint_key IN (SELECT complaint_key FROM reporters)")
    con.execute("INSERT INTO pii_complaint_reporter SELECT complaint_key, name, phone, $l FROM reporters",
                {"l": load_id})


def _process(con: duckdb.DuckDBPyConnection, path: Path, load_id: int, reg: Registry,
             account: str | None, result: FileResult) -> None:
    display = path.name
    layout = textio.load_file(con, path, display)
    fmt = layout.match.format
    result.format, result.dataset = fmt.name, fmt.dataset
    handle = file_handle(path, account) if fmt.account_from == "filename" else None
    if fmt.account_from == "filename" and not handle:
        raise FileRefused("akun_tidak_disebut", (
            f"{display}: ekspor {fmt.label} tidak menyebut kanalnya. Beri nama berkas yang memuat "
            "@akun (mis. youtube@dinkes.sukamaju_2026-11-22.csv) atau pilih akun saat mengunggah "
            "(--account di baris perintah)."))
    typed.build_typed(con, layout.match, reg.timezone)
    result.rows_read = con.execute("SELECT count(*) FROM typed").fetchall()[0][0]
    if result.rows_read == 0:
        raise FileRefused("tanpa_data", f"{display}: judul kolom ada, tetapi tidak ada baris data.")
    snapshot = snapshot_time(path, reg.timezone)
    if fmt.dataset == "posts":
        resolve.posts(con, layout.match, handle, snapshot)
    elif fmt.dataset == "comments":
        resolve.comments(con, layout.match)
    else:
        resolve.complaints(con, layout.match, snapshot)
    result.rows_rejected = con.execute("SELECT count(DISTINCT _row) FROM problems").fetchall()[0][0]
    result.rows_loaded = result.rows_read - result.rows_rejected
    result.rows_new = _insert_good(con, fmt.dataset, load_id)
    con.execute(
        "INSERT INTO etl_reject SELECT $l, $f, _row, column_name, value, reason_code, reason, platform "
        "FROM problems ORDER BY _row, column_name", {"l": load_id, "f": display})
    result.rejects = con.execute(
        "SELECT _row, column_name, value, reason FROM problems ORDER BY _row LIMIT 5").fetchall()
    result.outcome = "sebagian" if result.rows_rejected else "berhasil"


def _log(con: duckdb.DuckDBPyConnection, load_id: int, path: Path, digest: str, reg: Registry,
         result: FileResult, started: datetime) -> None:
    con.execute(
        "INSERT INTO etl_load VALUES ($id, $name, $path, $sha, $reg, $fmt, $ds, $read, $loaded, "
        "$rejected, $new, $started, now(), $outcome, $msg)",
        {"id": load_id, "name": path.name, "path": str(path), "sha": digest, "reg": reg.sha256,
         "fmt": result.format, "ds": result.dataset, "read": result.rows_read,
         "loaded": result.rows_loaded, "rejected": result.rows_rejected, "new": result.rows_new,
         "started": started, "outcome": result.outcome, "msg": result.message},
    )


def _load_one(con: duckdb.DuckDBPyConnection, path: Path, digest: str, reg: Registry,
              account: str | None) -> FileResult:
    started, t0 = datetime.now(UTC), time.perf_counter()
    load_id = con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM etl_load").fetchall()[0][0]
    result = FileResult(path, "ditolak")
    con.begin()
    try:
        _process(con, path, load_id, reg, account, result)
    except FileRefused as err:
        con.rollback()
        con.begin()
        result = FileResult(path, "ditolak", result.format, result.dataset, message=err.message)
    except BaseException:
        con.rollback()
        raise
    result.seconds = time.perf_counter() - t0
    _log(con, load_id, path, digest, reg, result, started)
    con.commit()
    return result


def load(paths: Iterable[Path], db: Path, registry_dir: Path = warehouse.DEFAULT_REGISTRY,
         holidays: Path = warehouse.DEFAULT_HOLIDAYS, account: str | None = None,
         progress: Progress | None = None, starting: Starting | None = None) -> list[FileResult]:
    """Load files/folders into ``db``; returns one result per file (refused ones included)."""
    reg = read_registry(registry_dir, holidays)
    files = expand(paths)
    for f in files:
        if not f.exists():
            raise FileNotFoundError(f"{f}: berkas tidak ditemukan.")
    done = _already_loaded(db, reg.sha256)
    digests = [sha256(f) for f in files]
    todo = [(f, d) for f, d in zip(files, digests) if d not in done]
    results = [FileResult(f, "dilewati", message="sudah dimuat sebelumnya (hash sama)")
               for f, d in zip(files, digests) if d in done]
    if not todo and db.exists():
        return results
    with warehouse.updating(db) as con:
        write_reference(con, reg)
        seen: set[str] = set()
        for i, (f, digest) in enumerate(todo, 1):
            if digest in seen:
                results.append(FileResult(f, "dilewati", message="isi sama dengan berkas lain di muatan ini"))
                continue
            seen.add(digest)
            if starting:
                starting(i, len(todo), f)
            result = _load_one(con, f, digest, reg, account)
            results.append(result)
            if progress:
                progress(i, len(todo), result)
        warehouse.refresh_marts(con, reg.timezone)
    return results
