"""Admin corrections of classifier labels.

A correction names a task, the row (its key) and the right label. It is stored in
``nlp_correction`` with the text as it was, wins over the model in the ``stg_*`` views (so
``rescore`` cannot undo it) and is exported as training data for the next model
(``python -m etl corrections --out data/nlp/koreksi``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import checks, marts, warehouse
from etl.classify import CORRECTABLE, JOBS, text_sql
from etl.nlp.model import TASKS, classifier

TASK_NAMES = {"sentimen": "sentiment", "konten": "content", "topik": "topic"}  # Indonesian → task
FILE_COLUMNS = ("tugas", "kunci", "label")  # required; "oleh" and "catatan" optional


class CorrectionError(ValueError):
    """A correction that cannot be applied; the message says which and why (Bahasa Indonesia)."""


@dataclass(frozen=True)
class Correction:
    task: str  # sentiment | content | topic (or sentimen | konten | topik)
    key: str  # comment_key, complaint_key, or platform:post_id
    label: str
    by: str | None = None
    note: str | None = None
    where: str = ""  # "file, baris N" when read from a file, for messages


def _task(c: Correction) -> str:
    task = TASK_NAMES.get(c.task.strip().lower(), c.task.strip().lower())
    if task not in TASKS:
        raise CorrectionError(f"{c.where}tugas «{c.task}» tidak dikenal; pilih sentimen, konten atau topik.")
    return task


def _labelled_task(c: Correction) -> str:
    task = _task(c)
    labels = classifier(task).labels
    if c.label.strip() not in labels:
        raise CorrectionError(f"{c.where}label «{c.label}» bukan label {TASKS[task]}; pilihan: {', '.join(labels)}.")
    return task


def _current(con: duckdb.DuckDBPyConnection, task: str, key: str) -> tuple[str, str | None] | None:
    """(text, model label) of the row the key names, from its latest snapshot."""
    for dataset in CORRECTABLE[task]:
        job = JOBS[dataset]
        column = next(o.label for o in job.outputs if o.task == task)
        row = con.execute(
            f"SELECT {text_sql(list(job.text))}, {column} FROM {job.table} WHERE {job.key} = $k "
            "ORDER BY load_id DESC LIMIT 1", {"k": key}).fetchall()
        if row:
            return row[0]
    return None


def _resolve(con: duckdb.DuckDBPyConnection, items: list[Correction]) -> pd.DataFrame:
    """Every correction checked before anything is written: one bad one refuses them all."""
    rows, now = [], datetime.now(UTC)
    for c in items:
        task = _labelled_task(c)
        found = _current(con, task, c.key.strip())
        if found is None:
            kinds = " atau ".join(JOBS[d].table for d in CORRECTABLE[task])
            raise CorrectionError(f"{c.where}kunci «{c.key}» tidak ada di {kinds}.")
        rows.append((task, c.key.strip(), c.label.strip(), found[0], found[1], c.by, now, c.note))
    columns = ["task", "target_key", "label", "text", "model_label", "corrected_by", "corrected_at", "note"]
    return pd.DataFrame(rows, columns=columns).drop_duplicates(["task", "target_key"], keep="last")


def apply(db: Path, items: list[Correction], remove: bool = False) -> int:
    """Store (or with ``remove`` delete) corrections in one atomic update; returns how many."""
    if not items:  # nothing to store or delete: the warehouse is not rewritten
        return 0
    with warehouse.updating(db) as con:
        frame = _resolve(con, items) if not remove else pd.DataFrame(
            {"task": [_task(c) for c in items], "target_key": [c.key.strip() for c in items]})
        con.register("corrections_frame", frame)
        con.execute("DELETE FROM nlp_correction WHERE (task, target_key) IN "
                    "(SELECT (task, target_key) FROM corrections_frame)")
        if not remove:
            con.execute("INSERT INTO nlp_correction BY NAME SELECT * FROM corrections_frame")
        con.unregister("corrections_frame")
        marts.rebuild(con, warehouse.timezone(con))
        checks.verify(con)  # a failed data check keeps the warehouse as it was
    return len(frame)


def read_file(path: Path) -> list[Correction]:
    """Corrections from a CSV with columns tugas, kunci, label (oleh, catatan optional)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in FILE_COLUMNS if c not in header]
        if missing:
            raise CorrectionError(f"{path.name}: kolom {', '.join(missing)} tidak ada (perlu: tugas, kunci, label).")
        items = []
        for n, raw in enumerate(reader, start=2):
            row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
            for column in FILE_COLUMNS:
                if not row[column]:
                    raise CorrectionError(f"{path.name}, baris {n}, kolom «{column}»: kosong.")
            items.append(Correction(row["tugas"], row["kunci"], row["label"], row.get("oleh") or None,
                                    row.get("catatan") or None, where=f"{path.name}, baris {n}: "))
    return items


def export(db: Path, out: Path) -> dict[str, int]:
    """Write ``<out>/<sentimen|konten|topik>.csv`` (teks,label) for training; returns rows per task."""
    out.mkdir(parents=True, exist_ok=True)
    con = warehouse.open_read_only(db)
    try:
        counts = {}
        for task, stem in TASKS.items():
            frame = con.execute("SELECT text AS teks, label FROM nlp_correction WHERE task = $t "
                                "ORDER BY corrected_at, target_key", {"t": task}).df()
            target = out / f"{stem}.csv"
            frame.to_csv(target, index=False)
            target.chmod(0o600)  # public comments and complaints, as written: for the trainer's eyes only
            counts[task] = len(frame)
        return counts
    finally:
        con.close()
