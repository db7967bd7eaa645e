"""Loading uploaded export files from the Data page: save the uploads, load them (etl.load, atomic) and
report every file or archive member with its rejects — or the one error that stopped the load.

An uploaded .zip is checked first, from its directory alone (etl.textio.archive_problem: its size, its members'
number and expansion, one archive inside it included): one out of proportion is refused before anything in it is
expanded and is reported here, the other files still load. Data files are checked by the ETL itself (kind, size,
content), which logs their refusal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from analytics.i18n import translate
from analytics.loads import REJECT_COLUMNS
from analytics.privacy import mask_frame, mask_text
from etl.errors import DataCheckFailed, FileRefused, RegistryError
from warehouse_file import open_read_only

if TYPE_CHECKING:  # etl.load pulls in the classifiers (scikit-learn): imported only when loading
    from etl.batch import FileResult, Planned
    from etl.load import Progress, Starting

__all__ = ["FILE_COLUMNS", "GROUP_KEYS", "UPLOAD_TYPES", "FileResult", "LoadReport", "Planned", "load_files",
           "max_upload_mb", "save_uploads"]

UPLOAD_TYPES = ("csv", "tsv", "txt", "xlsx", "xlsm", "zip")  # etl.load.ACCEPTED_SUFFIXES (checked by a test)
FILE_COLUMNS = ["file", "outcome", "message", "format", "layout", "language", "kind", "snapshot", "snapshot_source",
                "rows_read", "rows_loaded", "rows_rejected", "rows_new", "rows_duplicate", "load_id", "notes", "groups"]
GROUP_KEYS = ("code", "rows", "reason", "advice")  # one reject group of a file (FILE_COLUMNS "groups")


def max_upload_mb() -> int:
    """The size limit per uploaded file in whole megabytes, for the uploader (etl.textio.max_file_bytes:
    SOROT_MAX_UPLOAD_MB, else 200 — Streamlit's server.maxUploadSize in .streamlit/config.toml says the same)."""
    from etl import textio

    return max(1, textio.max_file_bytes() >> 20)


@dataclass
class LoadReport:
    """One row per file (FILE_COLUMNS), every reject of those loads (REJECT_COLUMNS), or a blocking error."""

    files: pd.DataFrame
    rejects: pd.DataFrame
    error: str | None = None


def _last_load_id(db: Path) -> int:
    if not db.exists():
        return 0
    con = open_read_only(db)
    try:
        return con.execute("SELECT coalesce(max(load_id), 0) FROM etl_load").fetchall()[0][0]
    except duckdb.CatalogException:
        return 0
    finally:
        con.close()


def _logged(db: Path, after: int) -> tuple[dict[str, int], pd.DataFrame]:
    """file_path (a file, or ``archive › member``) → load_id of the loads logged after ``after``, and their
    rejects."""
    con = open_read_only(db)
    try:
        ids = dict(con.execute("SELECT file_path, load_id FROM etl_load WHERE load_id > $a", {"a": after}).fetchall())
        found = con.execute(f"SELECT {', '.join(REJECT_COLUMNS)} FROM etl_reject WHERE load_id > $a "
                            "ORDER BY load_id, row_number, column_name", {"a": after}).df()
    finally:
        con.close()
    return ids, found


def load_files(paths: Sequence[Path], db: Path, registry_dir: Path, holidays: Path, account: str | None = None,
               progress: Progress | None = None, starting: Starting | None = None, lang: str = "id") -> LoadReport:
    """Load saved export files and .zip archives (etl.load.load, atomic) and report every file or archive member
    (FILE_COLUMNS, in the order of ``paths``) with its rejects (a blocking error framed in ``lang``; the ETL's own
    messages, notes and advice stay as written)."""
    from etl import load as etl_load

    before = _last_load_id(db)
    refused = [r for p in paths if (r := _refused_archive(p)) is not None]
    todo = [p for p in paths if str(p) not in {str(r.path) for r in refused}]
    try:
        results = refused + (etl_load.load(todo, db, registry_dir, holidays, account=account or None,
                                           progress=progress, starting=starting) if todo else [])
    except RegistryError as err:
        return _failed(translate("Registri tidak sah, tidak ada yang dimuat: {}", lang, err))
    except DataCheckFailed as err:  # the loaded copy failed a data check of etl/schema.py: nothing changed
        return _failed(err.message)
    except Exception as err:  # OSError, duckdb.Error or anything unexpected: never a traceback on the page
        return _failed(translate("Pemuatan gagal; gudang data tidak berubah. Rincian: {}", lang,
                                 etl_load.log_unexpected(db, "pemuatan", err)))
    ids, found = _logged(db, before) if db.exists() else ({}, pd.DataFrame(columns=REJECT_COLUMNS))
    found = mask_frame(found, ["value"])  # a rejected cell may hold a phone, NIK or e-mail
    order = {str(p): i for i, p in enumerate(paths)}
    results = sorted(results, key=lambda r: (order.get(str(r.path), len(order)), r.name))
    files = pd.DataFrame([_file_row(r, ids.get(r.where)) for r in results], columns=FILE_COLUMNS)
    files["load_id"] = files["load_id"].astype("Int64")
    return LoadReport(files, found)


def _refused_archive(path: Path) -> FileResult | None:
    """An uploaded archive refused before it is opened (too large, or out of proportion), else None."""
    from etl import textio
    from etl.batch import FileResult

    if path.suffix.lower() not in textio.ARCHIVE_SUFFIXES:
        return None
    try:
        textio.check_file(path.name, path.stat().st_size)
        textio.check_archive(path, path.name)
    except FileRefused as err:
        return FileResult(path, "ditolak", message=err.message)
    return None


def _file_row(r: FileResult, load_id: int | None) -> list:
    """One report row (FILE_COLUMNS): the name as shown (``archive.zip › member``), the snapshot as a local day."""
    snapshot = date.fromisoformat(r.snapshot[:10]) if r.snapshot else None  # ISO in the region's time zone
    groups = [dict(zip(GROUP_KEYS, (g.code, g.rows, g.reason, g.todo))) for g in r.groups]
    return [r.name, r.outcome, mask_text(r.message or ""), r.format, r.layout, r.language, r.kind, snapshot,
            r.snapshot_source, r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_new, r.rows_duplicate, load_id,
            list(r.notes), groups]


def _failed(message: str) -> LoadReport:
    return LoadReport(pd.DataFrame(columns=FILE_COLUMNS), pd.DataFrame(columns=REJECT_COLUMNS), message)


def save_uploads(files: Sequence[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write uploaded (name, content) pairs into ``folder`` keeping their names (they carry the snapshot
    date and YouTube's @channel); a repeated name goes into its own sub-folder."""
    saved = []
    for i, (name, content) in enumerate(files):
        target = folder / (Path(name).name or f"berkas_{i}")
        if target.exists():
            target = folder / str(i) / target.name
            target.parent.mkdir()
        target.write_bytes(content)
        saved.append(target)
    return saved
