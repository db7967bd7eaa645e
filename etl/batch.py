"""One batch: files of the same layout read in one scan, typed, resolved and inserted together.

Row problems and the load log stay per file (``_file`` travels with every row). A structural
error in one file of a multi-file batch makes the caller retry the files one by one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import dateorder, resolve, typed
from etl.advice import advice
from etl.classify import JOBS, Job, Labeller, distinct_texts, text_sql
from etl.errors import FileRefused
from etl.exportdate import ExportDate
from etl.registry import Registry
from etl.schema import TABLES
from etl.sources import Source
from etl.textio import Sniffed, read_batch


class SplitBatch(Exception):
    """The files of a batch need different readings (day/month order): load them one by one."""


@dataclass
class RejectGroup:
    code: str
    rows: int
    reason: str  # one of the group's reasons, as stored
    todo: str  # what the admin can do about it


@dataclass
class FileResult:
    path: Path  # the file or archive given
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
    name: str = ""  # as shown: "x.csv" or "x.zip › y.csv"
    where: str = ""  # as logged in etl_load.file_path
    layout: str | None = None  # the recognised layout, in words
    language: str | None = None  # language of its headers
    kind: str | None = None  # export kind
    snapshot: str | None = None  # ISO time the export was taken
    snapshot_source: str | None = None  # where that came from
    notes: list[str] = field(default_factory=list)  # assumptions made (year, time zone, date order …)
    groups: list[RejectGroup] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name
        self.where = self.where or str(self.path)

    @property
    def rows_duplicate(self) -> int:
        """Accepted rows already in the warehouse (or repeated across the files of this load)."""
        return max(self.rows_loaded - self.rows_new, 0)


@dataclass
class Planned:
    """A file to load: what sniffing found, and what the loader knows of it."""

    source: Source
    sniffed: Sniffed | None  # None when the file was refused on sight
    export: ExportDate | None
    handle: str | None  # account named by the file name, folder or --account (YouTube)
    result: FileResult
    planned_notes: list[str] | None = None  # the notes made before reading, kept when a batch is retried

    @property
    def path(self) -> Path:
        return self.source.path


LOAD_COLUMNS = next(t.columns for t in TABLES if t.name == "etl_load")

# dataset → (table, target column ← ready column, key columns that identify a stored row,
#            order that picks the one row to keep when files of one batch repeat a key)
TARGETS: dict[str, tuple[str, dict[str, str], dict[str, str], str]] = {
    "posts": ("raw_post_snapshot", {
        "platform": "platform", "post_id": "pid", "handle": "handle", "opd_code": "opd_code",
        "published_at": "published_at", "caption": "text_", "post_type": "post_type",
        "permalink": "permalink", "views": "views", "reach": "reach", "reactions": "reactions",
        "comments": "comments", "shares": "shares", "saves": "saves", "clicks": "clicks",
        "watch_seconds": "watch_seconds", "snapshot_at": "snap",
    }, {"platform": "platform", "post_id": "pid", "snapshot_at": "snap"}, "_file DESC"),
    "comments": ("raw_comment", {
        "comment_key": "_key", "platform": "platform", "kind": "kind_",
        "comment_id": "comment_id", "handle": "handle", "opd_code": "opd_code", "post_id": "post_id",
        "post_permalink": "post_permalink", "created_at": "created_at", "author": "author",
        "text": "text", "permalink": "permalink",
    }, {"comment_key": "_key"}, "_file"),
    "video_daily": ("raw_video_daily", {
        "platform": "platform", "post_id": "post_id", "handle": "handle", "opd_code": "opd_code",
        "day": "day_", "views": "views", "snapshot_at": "snap",
    }, {"platform": "platform", "post_id": "post_id", "day": "day_", "snapshot_at": "snap"}, "_file DESC"),
    "complaints": ("raw_complaint", {
        "complaint_key": "_key", "channel": "channel_", "complaint_id": "complaint_id",
        "opd_code": "opd_code", "title": "title", "text": "text", "category": "category",
        "area": "area_", "village": "village_", "status": "status_", "complexity": "complexity_",
        "received_at": "received_at", "verified_at": "verified_at", "forwarded_at": "forwarded_at",
        "first_response_at": "first_response_at", "resolved_at": "resolved_at",
        "closed_at": "closed_at", "last_activity_at": "last_activity_at",
        "response_due_at": "response_due_at", "sla_due_at": "sla_due_at", "rating": "rating",
        "permalink": "permalink", "snapshot_at": "snap",
    }, {"complaint_key": "_key", "snapshot_at": "snap"}, "_file DESC"),
}


# the stored and the batch column that bound where an already-stored copy of a row can be
TIME_COLUMN = {"posts": ("snapshot_at", "snap"), "comments": ("created_at", "created_at"),
               "complaints": ("snapshot_at", "snap"), "video_daily": ("snapshot_at", "snap")}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()}


def _good_rows(con: duckdb.DuckDBPyConnection, dataset: str, files: int) -> None:
    """View ``good``: rows without problems, one per key, not already in the warehouse.

    Each anti-join is added only when it can remove something (the common load has none).
    """
    table, _, key, keep = TARGETS[dataset]
    sql = "SELECT r.* FROM ready r"
    if con.execute("SELECT count(*) FROM problems").fetchall()[0][0]:
        sql += " ANTI JOIN problems p ON p._file = r._file AND p._row = r._row"
    if files > 1:  # within one file a repeated key is already a problem; across files keep one
        sql += f" QUALIFY row_number() OVER (PARTITION BY {', '.join(key.values())} ORDER BY {keep}) = 1"
    con.execute(f"CREATE OR REPLACE TEMP VIEW candidates AS {sql}")
    # Probe the (large) stored table against the (small) batch instead of hashing the stored table,
    # and only the part of it whose time overlaps the batch (rows are stored in load order, so
    # DuckDB's min/max per row group skips the rest).
    stored_time, batch_time = TIME_COLUMN[dataset]
    lo, hi = con.execute(f"SELECT min({batch_time}), max({batch_time}) FROM candidates").fetchall()[0]
    on = " AND ".join(f"x.{stored} = c.{new}" for stored, new in key.items())
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE known AS SELECT {', '.join(f'x.{k}' for k in key)} "
        f"FROM (SELECT * FROM {table} WHERE {stored_time} BETWEEN $lo AND $hi) x SEMI JOIN candidates c ON {on}",
        {"lo": lo, "hi": hi},
    )
    sql = "SELECT c.* FROM candidates c"
    if con.execute("SELECT count(*) FROM known").fetchall()[0][0]:
        sql += " ANTI JOIN known k ON " + " AND ".join(f"k.{stored} = c.{new}" for stored, new in key.items())
    con.execute(f"CREATE OR REPLACE TEMP VIEW good AS {sql}")


def _insert(con: duckdb.DuckDBPyConnection, dataset: str, first_id: int, labeller: Labeller) -> dict[int, int]:
    """Insert ``good``, classified (each distinct text once); returns new rows per file index."""
    table, mapping, _, _ = TARGETS[dataset]
    have = _columns(con, "good")
    pairs = [(t, s) for t, s in mapping.items() if s in have]
    job = JOBS.get(dataset)
    if job is None:  # a series with no text to classify
        con.execute(f"INSERT INTO {table} ({', '.join(t for t, _ in pairs)}, load_id, source_row) "
                    f"SELECT {', '.join(f'g.{s}' for _, s in pairs)}, $first + g._file, g._row FROM good g",
                    {"first": first_id})
        return _inserted(con, table, first_id)
    text = text_sql([f"g.{mapping[c]}" if mapping[c] in have else None for c in job.text])
    if dataset in SNAPSHOTS:
        _reuse_labels(con, dataset, job, text, labeller)
    labeller.table(con, job, distinct_texts(con, "good g", text))
    labels = job.columns()[:-1]
    con.execute(
        f"INSERT INTO {table} ({', '.join(t for t, _ in pairs)}, {', '.join(labels)}, classifier_version, "
        f"load_id, source_row) SELECT {', '.join(f'g.{s}' for _, s in pairs)}, "
        f"{', '.join(f'l.{c}' for c in labels)}, $version, $first + g._file, g._row "
        f"FROM good g LEFT JOIN labels l ON l.t = {text}",
        {"first": first_id, "version": job.version()},
    )
    if dataset == "complaints" and {"reporter_name", "reporter_phone"} & have:
        _store_reporters(con, have, first_id)
    return _inserted(con, table, first_id)


# snapshot datasets: a new export repeats the rows (and texts) of posts and complaints already stored
SNAPSHOTS = ("posts", "complaints")


def _reuse_labels(con: duckdb.DuckDBPyConnection, dataset: str, job: Job, text: str, labeller: Labeller) -> None:
    """Hand the labeller what this model version said of the same text in an earlier snapshot of the same
    post or complaint, so only new or edited texts go through the model (labels depend on the text alone)."""
    table, _, key, _ = TARGETS[dataset]
    on = " AND ".join(f"x.{stored} = g.{new}" for stored, new in key.items() if stored != "snapshot_at")
    stored = text_sql([f"x.{c}" for c in job.text])
    labels = job.columns()[:-1]
    rows = con.execute(
        f"SELECT t, {', '.join(f'any_value({c})' for c in labels)} FROM ("
        f"SELECT DISTINCT {stored} AS t, {', '.join(f'x.{c}' for c in labels)} FROM {_same_keys(table, on)} x "
        f"SEMI JOIN good g ON {on} AND {stored} = {text} WHERE x.classifier_version = $v) GROUP BY t",
        {"v": job.version()}).fetchall()
    if rows:
        texts = [r[0] for r in rows]
        for i, o in enumerate(job.outputs):
            labeller.know(o.task, texts, [r[1 + 2 * i] for r in rows], [r[2 + 2 * i] for r in rows])


def _same_keys(table: str, on: str) -> str:
    """The stored rows with the key of a new one: found on the key columns, then fetched by rowid (a semi join on
    the key and the text would read the text of every stored row)."""
    return f"(SELECT * FROM {table} WHERE rowid IN (SELECT x.rowid FROM {table} x SEMI JOIN good g ON {on}))"


def _inserted(con: duckdb.DuckDBPyConnection, table: str, first_id: int) -> dict[int, int]:
    return dict(con.execute(
        f"SELECT load_id - $first, count(*) FROM {table} WHERE load_id >= $first GROUP BY 1", {"first": first_id}
    ).fetchall())


def _store_reporters(con: duckdb.DuckDBPyConnection, have: set[str], first_id: int) -> None:
    name = "g.reporter_name" if "reporter_name" in have else "NULL"
    phone = "g.reporter_phone" if "reporter_phone" in have else "NULL"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE reporters AS SELECT g._key AS complaint_key, "
        f"{name} AS name, {phone} AS phone, $first + g._file AS load_id FROM good g "
        f"WHERE coalesce({name}, {phone}) IS NOT NULL",
        {"first": first_id},
    )
    con.execute("DELETE FROM pii_complaint_reporter WHERE complaint_key IN (SELECT complaint_key FROM reporters)")
    con.execute("INSERT INTO pii_complaint_reporter SELECT * FROM reporters")


def _register_files(con: duckdb.DuckDBPyConnection, batch: list[Planned]) -> None:
    frame = pd.DataFrame({
        "_file": range(len(batch)),
        "name": [p.result.name for p in batch],
        "snapshot": pd.to_datetime([p.export.at.isoformat() for p in batch], utc=True, format="ISO8601"),
        "export_day": [p.export.day for p in batch],
        "handle": [p.handle for p in batch],
    })
    con.register("files_frame", frame)
    con.execute("CREATE OR REPLACE TEMP TABLE batch_files AS SELECT * EXCLUDE (export_day), "
                "CAST(export_day AS DATE) AS export_day FROM files_frame")
    con.unregister("files_frame")


def _date_order(con: duckdb.DuckDBPyConnection, batch: list[Planned]) -> str:
    """The day/month order of the batch's files (all the same, else SplitBatch); notes said per file."""
    match = batch[0].sniffed.match
    found = dateorder.evidence(con, match)
    decisions = [dateorder.decide(found.get(i), match, p.result.name, p.export.period, p.export.day)
                 for i, p in enumerate(batch)]
    if len({d.order for d in decisions}) > 1:
        raise SplitBatch()
    for p, d in zip(batch, decisions):
        if d.note:
            p.result.notes.append(d.note)
    return decisions[0].order


YEARLESS = "(\\d{1,2}\\s+[a-z]+|[a-z]+\\s+\\d{1,2})\\.?"  # 27 oktober, november 4


def _assumption_notes(con: duckdb.DuckDBPyConnection, match, region_tz: str) -> None:
    """Say which year and which time zone the file's times were read with."""
    fmt = match.format
    for c in fmt.columns:
        if c.kind != "timestamp" or c.field not in match.positions:
            continue
        header = match.header_of(c.field)
        if fmt.year_from_export:
            typed.note(con, f"{{n}} tanggal «{header}» tanpa tahun: tahunnya diambil dari tanggal ekspor {{day}} "
                            "(tanggal terakhir yang tidak melewatinya)",
                       f"regexp_full_match(lower(trim({c.field}__raw)), '{YEARLESS}')")
        if fmt.timezone == "local":
            typed.note(con, f"waktu «{header}» tanpa zona dibaca sebagai waktu daerah ({region_tz})",
                       f"{c.field} IS NOT NULL")
        break  # one note per file is enough: the other time columns follow the same rule


SHOWN_VALUE = 200  # longer values are cut in the reject list (with their full length said)


def _shown(expr: str) -> str:
    return (f"CASE WHEN length({expr}) > {SHOWN_VALUE} THEN left({expr}, {SHOWN_VALUE - 40}) || ' … (' || "
            f"length({expr}) || ' karakter)' ELSE {expr} END")


def _per_file(con: duckdb.DuckDBPyConnection, sql: str) -> dict[int, int]:
    return dict(con.execute(sql).fetchall())


def process(con: duckdb.DuckDBPyConnection, batch: list[Planned], first_id: int, reg: Registry,
            labeller: Labeller) -> None:
    """Load one batch inside the caller's transaction; fills each file's result.

    Raises duckdb.Error for a structural problem in a multi-file batch and SplitBatch when its files
    need different readings (retry one by one), FileRefused for a single file that cannot be read.
    """
    t0 = time.perf_counter()
    match = batch[0].sniffed.match
    dataset = match.format.dataset
    for p in batch:  # a batch retried file by file starts again from what planning said
        p.planned_notes = list(p.result.notes) if p.planned_notes is None else p.planned_notes
        p.result.notes = list(p.planned_notes)
    _register_files(con, batch)
    read_batch(con, [p.sniffed for p in batch])
    order = _date_order(con, batch)
    con.execute(typed.NOTES_DDL)
    typed.build_typed(con, match, reg.timezone, order)
    _assumption_notes(con, match, reg.timezone)
    getattr(resolve, dataset)(con, match)
    read = _per_file(con, "SELECT _file, count(*) FROM typed GROUP BY 1")
    rejected = _per_file(con, "SELECT _file, count(DISTINCT _row) FROM problems GROUP BY 1")
    _good_rows(con, dataset, len(batch))
    new = _insert(con, dataset, first_id, labeller)
    con.execute(
        f"INSERT INTO etl_reject SELECT $first + p._file, f.name, p._row, p.column_name, {_shown('p.value')}, "
        "p.reason_code, p.reason, p.platform FROM problems p JOIN batch_files f USING (_file) "
        "ORDER BY p._file, p._row, p.column_name", {"first": first_id})
    samples = con.execute(
        f"SELECT _file, _row, column_name, {_shown('value')}, reason FROM problems "
        "QUALIFY row_number() OVER (PARTITION BY _file ORDER BY _row) <= 5 ORDER BY _file, _row").fetchall()
    groups = con.execute(
        "SELECT _file, reason_code, count(DISTINCT _row), min(reason) FROM problems GROUP BY 1, 2 "
        "ORDER BY 1, 3 DESC, 2").fetchall()
    notes = con.execute("SELECT _file, note FROM batch_notes ORDER BY rowid").fetchall()
    seconds = (time.perf_counter() - t0) / len(batch)
    for i, p in enumerate(batch):
        r = p.result
        r.rows_read, r.rows_rejected, r.rows_new = read.get(i, 0), rejected.get(i, 0), new.get(i, 0)
        r.rows_loaded = r.rows_read - r.rows_rejected
        r.rejects = [s[1:] for s in samples if s[0] == i]
        r.groups = [RejectGroup(code, n, reason, advice(code)) for f, code, n, reason in groups if f == i]
        r.notes += [n for f, n in notes if f == i]
        r.seconds = seconds
        if r.rows_read == 0:
            raise FileRefused("tanpa_data", f"{r.name}: tidak ada baris data.")
        r.outcome = "sebagian" if r.rows_rejected else "berhasil"


def log(con: duckdb.DuckDBPyConnection, first_id: int, batch: list[Planned], reg: Registry,
        started: datetime) -> None:
    """One etl_load row per file of the batch, in one insert."""
    finished = datetime.now(UTC)
    rows = []
    for i, p in enumerate(batch):
        r = p.result
        rows.append((first_id + i, r.name, r.where, p.source.digest, reg.sha256, r.format, r.dataset,
                     r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_new, started, finished, r.outcome,
                     r.message, r.layout, r.language, r.kind, r.snapshot, r.snapshot_source,
                     "\n".join(r.notes) or None))
    frame = pd.DataFrame(rows, columns=[c[0] for c in LOAD_COLUMNS])
    con.register("log_frame", frame)
    con.execute("INSERT INTO etl_load BY NAME SELECT * FROM log_frame")
    con.unregister("log_frame")
