"""Labels stored with every row: sentiment of comments and complaints, content type of posts,
topic of complaints, each with its confidence and the version of the classifiers that set it.

A text is classified once per load (exports repeat the same "amin 🙏" or caption thousands of
times): the batch's distinct texts go through the model, the labels are joined back in SQL.
Admin corrections live apart (``nlp_correction``) and win in the ``stg_*`` views, so re-scoring
never overwrites them.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl import checks, marts, warehouse
from etl.nlp.model import classifier
from etl.nlp.model import version as model_version

# What an empty text gets: nothing to read is neither praise nor a complaint topic.
EMPTY_LABEL = {"sentiment": "neutral", "content": "lainnya", "topic": "lainnya"}


@dataclass(frozen=True)
class Output:
    task: str  # sentiment | content | topic
    label: str  # column for the label
    confidence: str  # column for its confidence


@dataclass(frozen=True)
class Job:
    dataset: str
    table: str
    text: tuple[str, ...]  # columns joined with a space into the classified text
    outputs: tuple[Output, ...]
    key: str  # SQL over the table that names one row for corrections

    def version(self) -> str:
        return "+".join(model_version(o.task) for o in self.outputs)

    def columns(self) -> list[str]:
        return [c for o in self.outputs for c in (o.label, o.confidence)] + ["classifier_version"]


JOBS: dict[str, Job] = {j.dataset: j for j in (
    Job("posts", "raw_post_snapshot", ("caption",), (Output("content", "content_type", "content_confidence"),),
        "platform || ':' || post_id"),
    Job("comments", "raw_comment", ("text",), (Output("sentiment", "sentiment", "sentiment_confidence"),),
        "comment_key"),
    Job("complaints", "raw_complaint", ("title", "text"), (
        Output("topic", "topic", "topic_confidence"),
        Output("sentiment", "sentiment", "sentiment_confidence"),
    ), "complaint_key"),
)}

# Which table a correction of each task may point at (task → datasets).
CORRECTABLE = {"sentiment": ("comments", "complaints"), "content": ("posts",), "topic": ("complaints",)}


def text_sql(columns: list[str | None]) -> str:
    """The classified text from SQL column expressions (None = column absent): never NULL."""
    present = [c for c in columns if c]
    return f"coalesce(nullif(trim(concat_ws(' ', {', '.join(present)})), ''), '')" if present else "''"


PARALLEL_MIN = 40_000  # fewer new texts than this: one process beats shipping them to workers
CHUNK = 10_000


def _predict(task: str, texts: list[str]) -> tuple[list[str], list[float]]:
    return classifier(task).predict(texts)


@dataclass
class Labeller:
    """Classifies distinct texts, remembering them for the rest of the run.

    Big lists are split over one worker process per core (DuckDB is idle meanwhile); every text's
    label depends on that text alone, so the split changes nothing. ``close()`` stops the workers.
    """

    memo: dict[str, dict[str, tuple[str, float]]] = field(default_factory=dict)
    texts: int = 0  # texts sent through a model
    seconds: float = 0.0
    reused: int = 0  # texts whose stored label was taken instead (per task)
    workers: int = field(default_factory=lambda: min(os.cpu_count() or 1, 4))
    _pool: ProcessPoolExecutor | None = None

    def _predict(self, task: str, todo: list[str]) -> tuple[list[str], list[float]]:
        if len(todo) < PARALLEL_MIN or self.workers < 2:
            return _predict(task, todo)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"))
        chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
        labels: list[str] = []
        conf: list[float] = []
        for part_labels, part_conf in self._pool.map(_predict, [task] * len(chunks), chunks):
            labels += part_labels
            conf += part_conf
        return labels, conf

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def know(self, task: str, texts: list[str], labels: list[str], confidences: list[float]) -> None:
        """Labels this model version already gave these texts (stored with earlier rows): not classified again."""
        self.memo.setdefault(task, {"": (EMPTY_LABEL[task], 1.0)}).update(
            zip(texts, zip(labels, confidences, strict=True), strict=True))
        self.reused += len(texts)

    def label(self, task: str, texts: list[str]) -> tuple[list[str], list[float]]:
        seen = self.memo.setdefault(task, {"": (EMPTY_LABEL[task], 1.0)})
        todo = list(dict.fromkeys(t for t in texts if t not in seen))
        if todo:
            t0 = time.perf_counter()
            labels, conf = self._predict(task, todo)
            seen.update(zip(todo, zip(labels, conf, strict=True), strict=True))
            self.seconds += time.perf_counter() - t0
            self.texts += len(todo)
        pairs = [seen[t] for t in texts]
        return [p[0] for p in pairs], [p[1] for p in pairs]

    def table(self, con: duckdb.DuckDBPyConnection, job: Job, texts: list[str], name: str = "labels") -> None:
        """Temp table ``name``: the text ``t`` and one label/confidence column pair per output."""
        frame = {"t": texts}
        for o in job.outputs:
            frame[o.label], frame[o.confidence] = self.label(o.task, texts)
        con.register("labels_frame", pd.DataFrame(frame))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM labels_frame")
        con.unregister("labels_frame")


def distinct_texts(con: duckdb.DuckDBPyConnection, relation: str, expr: str, where: str = "TRUE",
                   params: dict | None = None) -> list[str]:
    return [r[0] for r in con.execute(f"SELECT DISTINCT {expr} FROM {relation} WHERE {where}", params or {}).fetchall()]


def older_labels(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table whose labels another version of the classifiers set (``rescore`` relabels them): after a
    retraining, a warehouse mixes two models' labels until then, and its figures with them."""
    return {job.table: int(con.execute(f"SELECT count(*) FROM {job.table} WHERE classifier_version IS DISTINCT FROM ?",
                                       [job.version()]).fetchall()[0][0]) for job in JOBS.values()}


def rescore(con: duckdb.DuckDBPyConnection, labeller: Labeller, everything: bool = False) -> dict[str, int]:
    """Re-classify rows labelled by another classifier version (all rows with ``everything``).

    Returns the rows changed per table. Corrections are untouched: they live in nlp_correction.
    """
    changed: dict[str, int] = {}
    for job in JOBS.values():
        params = {"v": job.version()}
        where = "TRUE" if everything else f"{job.table}.classifier_version IS DISTINCT FROM $v"
        expr = text_sql([f"{job.table}.{c}" for c in job.text])
        texts = distinct_texts(con, job.table, expr, where, {} if everything else params)
        changed[job.table] = 0
        if texts:
            labeller.table(con, job, texts)
            sets = ", ".join(f"{c} = l.{c}" for c in job.columns()[:-1])
            changed[job.table] = int(con.execute(
                f"UPDATE {job.table} SET {sets}, classifier_version = $v FROM labels l WHERE l.t = {expr} AND {where}",
                params).fetchall()[0][0])
    return changed


def rescore_warehouse(db: Path, everything: bool = False) -> dict[str, int]:
    """``python -m etl rescore``: re-classify in one atomic update of the warehouse."""
    labeller = Labeller()
    with warehouse.updating(db) as con:
        try:
            changed = rescore(con, labeller, everything)
        finally:
            labeller.close()
        marts.rebuild(con, warehouse.timezone(con))
        checks.verify(con)  # a failed data check keeps the warehouse as it was
    return changed
