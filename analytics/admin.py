"""The Data page's figures and actions for Diskominfo admins (no Streamlit here).

Figures: load history, rejects per load, accounts still to register, freshness per source.
Actions: load saved export files and build the report per file; write a registry CSV, the holiday
calendar or the norms file only after the edited content has been validated.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import ibis
import pandas as pd

from analytics.db import Warehouse
from analytics.i18n import translate
from analytics.norms import Norms, NormsError, parse
from etl import warehouse
from etl.errors import RegistryError
from etl.registry import alias_key, read_registry

if TYPE_CHECKING:  # etl.load pulls in the classifiers (scikit-learn): imported only when loading
    from etl.batch import FileResult
    from etl.load import Progress, Starting

STALE_DAYS = 7
UPLOAD_TYPES = ("csv", "tsv", "txt", "xlsx", "xlsm", "zip")  # etl.load.ACCEPTED_SUFFIXES (checked by a test)
REGISTRY_FILES = ("opd.csv", "akun.csv", "wilayah.csv")
SETTINGS_FILE = "pengaturan.toml"
ACCOUNT_COLUMNS = ("kode_opd", "platform", "akun", "id_akun", "nama_tampilan", "aktif_sejak", "url")
OPD_PLACEHOLDER = "KODE_OPD"
REJECT_COLUMNS = ["load_id", "file_name", "row_number", "column_name", "value", "reason_code", "reason"]
FILE_COLUMNS = ["file", "outcome", "message", "format", "layout", "language", "kind", "snapshot", "snapshot_source",
                "rows_read", "rows_loaded", "rows_rejected", "rows_new", "rows_duplicate", "load_id", "notes", "groups"]
GROUP_KEYS = ("code", "rows", "reason", "advice")  # one reject group of a file (FILE_COLUMNS "groups")
HISTORY_EXTRA = ("layout", "snapshot_at", "snapshot_source", "notes")  # NULL for loads before they were logged


# --- figures -------------------------------------------------------------------------------------------------

def load_history(wh: Warehouse) -> pd.DataFrame:
    """etl_load, newest first, with start time in the region's time zone and duration in seconds; the layout,
    the export's day (local) and where it came from, and the notes (one per line) — empty for older loads."""
    t = wh.etl_load
    extra = [c for c in HISTORY_EXTRA if c in t.columns]  # a warehouse not yet updated lacks them
    out = wh.frame(t.select("load_id", "file_name", "format", "dataset", "rows_read", "rows_loaded",
                            "rows_rejected", "rows_new", "outcome", "message", "started_at", "finished_at", *extra)
                   .order_by(ibis.desc("load_id")))
    tz = wh.setting("zona_waktu", "Asia/Jakarta")
    out["seconds"] = (out["finished_at"] - out["started_at"]).dt.total_seconds().round(1)
    out["started_at"] = out["started_at"].dt.tz_convert(tz).dt.tz_localize(None)
    for c in HISTORY_EXTRA:
        if c not in out.columns:
            out[c] = None
    snapshot = pd.to_datetime(out["snapshot_at"], utc=True)
    out["snapshot_at"] = [None if pd.isna(x) else x.date() for x in snapshot.dt.tz_convert(tz)]
    return out.drop(columns="finished_at")


def rejects(wh: Warehouse, load_ids: Sequence[int]) -> pd.DataFrame:
    """Every rejected row of these loads (etl_reject), by load then row."""
    t = wh.etl_reject
    expr = t.filter(t.load_id.isin([int(i) for i in load_ids])).select(*REJECT_COLUMNS)
    return wh.frame(expr.order_by(["load_id", "row_number", "column_name"]))


def unknown_accounts(wh: Warehouse) -> pd.DataFrame:
    """Accounts rejected as unregistered and still not in the registry: platform, account, column, rows,
    files, and the line to add to data/registry/akun.csv (OPD code guessed from its name when it matches)."""
    r = wh.etl_reject.filter(wh.etl_reject.reason_code == "akun_tidak_terdaftar")
    r = r.mutate(key=_handle_key(r.value))
    k = wh.ref_account_key
    r = r.anti_join(k, [r.platform == k.platform, r.key == k.lookup])
    agg = r.group_by([r.platform, r.key]).aggregate(
        account=r.value.mode(), column=r.column_name.arbitrary(), rows=ibis._.count(),
        files=r.file_name.collect(distinct=True))
    out = wh.frame(agg.drop("key"))
    aliases = wh.frame(wh.ref_opd_alias.select("alias_key", "opd_code"))
    guess = dict(zip(aliases["alias_key"], aliases["opd_code"]))
    out["files"] = [", ".join(sorted(f)) for f in out["files"]]
    out["opd_guess"] = [guess.get(alias_key(a)) for a in out["account"]]
    out["line"] = [account_line(p, a, g) for p, a, g in zip(out["platform"], out["account"], out["opd_guess"])]
    out = out.sort_values(["rows", "platform", "account"], ascending=[False, True, True], ignore_index=True)
    return out[["platform", "account", "column", "rows", "files", "opd_guess", "line"]]


def _handle_key(value: ibis.Value) -> ibis.Value:
    """etl.registry.handle_key in SQL: a rejected account as written (case and all) → its registry lookup."""
    return value.strip().re_replace(r"^@", "").strip().re_replace(r"\s+", " ").lower()


def account_line(platform: str, account: str, opd_code: str | None = None) -> str:
    """A row for akun.csv (kode_opd,platform,akun,id_akun,nama_tampilan,aktif_sejak,url)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([opd_code or OPD_PLACEHOLDER, platform, account, "", "", "", ""])
    return buf.getvalue()


def freshness(wh: Warehouse, today: date, lang: str = "id") -> pd.DataFrame:
    """Latest local day per source (posts per platform, complaints per channel, comments per platform; the
    source named in ``lang``), days behind ``today`` and whether it is stale (> STALE_DAYS behind, or no data
    for a platform that has registered accounts)."""
    p, c, m = wh.mart_post, wh.mart_complaint, wh.mart_comment_day
    posts = wh.frame(p.group_by(name=p.platform).aggregate(latest=p.day.max()))
    registered = wh.frame(wh.ref_account.select(name=wh.ref_account.platform).distinct())
    posts = registered.merge(posts, on="name", how="outer")
    complaints = wh.frame(c.group_by(name=c.channel).aggregate(latest=c.received_day.max()))
    comments = wh.frame(m.group_by(name=m.platform).aggregate(latest=m.day.max()))
    sources = ((translate("postingan", lang), posts), (translate("pengaduan", lang), complaints),
               (translate("komentar", lang), comments))
    rows = [(source, name, _day(latest))
            for source, frame in sources
            for name, latest in sorted(zip(frame["name"], frame["latest"]), key=lambda x: str(x[0]))]
    out = pd.DataFrame(rows, columns=["source", "name", "latest"])
    out["days_behind"] = pd.array([(today - d).days if d else None for d in out["latest"]], dtype="Int64")
    out["stale"] = [bool(pd.isna(d) or d > STALE_DAYS) for d in out["days_behind"]]
    return out[["source", "name", "latest", "days_behind", "stale"]]


def _day(value: object) -> date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, pd.Timestamp) else value


# --- loading -------------------------------------------------------------------------------------------------

@dataclass
class LoadReport:
    """One row per file (FILE_COLUMNS), every reject of those loads (REJECT_COLUMNS), or a blocking error."""

    files: pd.DataFrame
    rejects: pd.DataFrame
    error: str | None = None


def _last_load_id(db: Path) -> int:
    if not db.exists():
        return 0
    con = warehouse.open_read_only(db)
    try:
        return con.execute("SELECT coalesce(max(load_id), 0) FROM etl_load").fetchall()[0][0]
    except duckdb.CatalogException:
        return 0
    finally:
        con.close()


def _logged(db: Path, after: int) -> tuple[dict[str, int], pd.DataFrame]:
    """file_path (a file, or ``archive › member``) → load_id of the loads logged after ``after``, and their
    rejects."""
    con = warehouse.open_read_only(db)
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
    try:
        results = etl_load.load(list(paths), db, registry_dir, holidays, account=account or None,
                                progress=progress, starting=starting)
    except RegistryError as err:
        return _failed(translate("Registri tidak sah, tidak ada yang dimuat: {}", lang, err))
    except Exception as err:  # OSError, duckdb.Error or anything unexpected: never a traceback on the page
        return _failed(translate("Pemuatan gagal; gudang data tidak berubah. Rincian: {}", lang,
                                 etl_load.log_unexpected(db, "pemuatan", err)))
    ids, found = _logged(db, before) if db.exists() else ({}, pd.DataFrame(columns=REJECT_COLUMNS))
    order = {str(p): i for i, p in enumerate(paths)}
    results = sorted(results, key=lambda r: (order.get(str(r.path), len(order)), r.name))
    files = pd.DataFrame([_file_row(r, ids.get(r.where)) for r in results], columns=FILE_COLUMNS)
    files["load_id"] = files["load_id"].astype("Int64")
    return LoadReport(files, found)


def _file_row(r: FileResult, load_id: int | None) -> list:
    """One report row (FILE_COLUMNS): the name as shown (``archive.zip › member``), the snapshot as a local day."""
    snapshot = date.fromisoformat(r.snapshot[:10]) if r.snapshot else None  # ISO in the region's time zone
    groups = [dict(zip(GROUP_KEYS, (g.code, g.rows, g.reason, g.todo))) for g in r.groups]
    return [r.name, r.outcome, r.message or "", r.format, r.layout, r.language, r.kind, snapshot, r.snapshot_source,
            r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_new, r.rows_duplicate, load_id, list(r.notes), groups]


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


# --- editing the registry and the norms --------------------------------------------------------------------

def read_table(path: Path) -> pd.DataFrame:
    """A registry/calendar CSV as text, as etl.registry reads it."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def clean_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An edited table ready to write: text only, trimmed, fully empty rows dropped."""
    out = frame.astype(object).where(frame.notna(), "").astype(str).apply(lambda s: s.str.strip())
    return out[(out != "").any(axis=1)].reset_index(drop=True)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def save_table(registry_dir: Path, holidays: Path, target: Path, frame: pd.DataFrame) -> None:
    """Write an edited registry CSV or the holiday calendar (``target``) once the whole registry, with the
    edit applied to a temporary copy, passes etl.registry.read_registry; raises RegistryError otherwise."""
    text = clean_table(frame).to_csv(index=False, lineterminator="\n")
    with tempfile.TemporaryDirectory(prefix="sorot-registri-") as tmp:
        reg, hol = Path(tmp) / "registry", Path(tmp) / "libur.csv"
        reg.mkdir()
        for name in (*REGISTRY_FILES, SETTINGS_FILE):
            if (registry_dir / name).exists():
                shutil.copyfile(registry_dir / name, reg / name)
        if holidays.exists():
            shutil.copyfile(holidays, hol)
        copy = hol if target.resolve() == holidays.resolve() else reg / target.name
        copy.write_text(text, encoding="utf-8")
        read_registry(reg, hol)
    _write_atomic(target, text)


def save_norms(path: Path, text: str) -> Norms:
    """Write the norms file if ``text`` is valid TOML that analytics.norms.parse accepts; else NormsError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise NormsError(f"bukan TOML yang sah ({err}).") from err
    norms = parse(data)
    _write_atomic(path, text)
    return norms
