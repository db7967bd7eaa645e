"""What the warehouse holds: counts per table, platform and channel, the load log, unknown accounts."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl import warehouse
from etl.classify import older_labels
from etl.resolve import handle_sql
from etl.schema import MARTS, TABLES


def _pairs(con, sql: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in con.execute(sql).fetchall()}


def status(db: Path) -> dict:
    """A JSON-ready summary (see README, "python -m etl status --json")."""
    if not db.exists():
        return {"db": str(db), "exists": False, "tables": {}, "opd": 0, "posts_by_platform": {},
                "comments": 0, "complaints_by_channel": {}, "rejects": 0, "loads": [],
                "unknown_accounts": [], "older_labels": {}}
    con = warehouse.open_read_only(db)
    try:
        return {"db": str(db), "exists": True, **summarize(con)}
    finally:
        con.close()


def summarize(con: duckdb.DuckDBPyConnection) -> dict:
    """The summary of an open warehouse; ``older_labels``: rows per table labelled by classifiers other than the
    shipped ones (``python -m etl rescore`` relabels them)."""
    names = [t.name for t in TABLES] + [m[0] for m in MARTS]
    existing = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    tables = {n: con.execute(f"SELECT count(*) FROM {n}").fetchall()[0][0]
              for n in names if n in existing}
    loads = con.execute(
        "SELECT load_id, file_name, format, dataset, rows_read, rows_loaded, rows_rejected, "
        "rows_new, outcome, message, strftime(started_at, '%Y-%m-%dT%H:%M:%S%z'), "
        "round(epoch(finished_at) - epoch(started_at), 3) FROM etl_load ORDER BY load_id DESC"
    ).fetchall()
    keys = ["load_id", "file", "format", "dataset", "rows_read", "rows_loaded", "rows_rejected",
            "rows_new", "outcome", "message", "started_at", "seconds"]
    unknown = con.execute(
        "SELECT platform, value, count(*) AS rows, list(DISTINCT file_name ORDER BY file_name) "
        "FROM etl_reject r WHERE reason_code = 'akun_tidak_terdaftar' AND NOT EXISTS ("
        f"  SELECT 1 FROM ref_account_key k WHERE k.platform = r.platform AND k.lookup = {handle_sql('r.value')}) "
        "GROUP BY ALL ORDER BY rows DESC"
    ).fetchall()
    return {
        "tables": tables,
        "opd": tables.get("ref_opd", 0),
        "posts_by_platform": _pairs(con, "SELECT platform, count(*) FROM stg_post GROUP BY 1 ORDER BY 1"),
        "comments": tables.get("raw_comment", 0),
        "complaints_by_channel": _pairs(
            con, "SELECT channel, count(*) FROM stg_complaint GROUP BY 1 ORDER BY 1"),
        "rejects": tables.get("etl_reject", 0),
        "loads": [dict(zip(keys, row)) for row in loads],
        "unknown_accounts": [
            {"platform": p, "account": a, "rows": n,
             "files": ", ".join(f[:3]) + (f" (+{len(f) - 3} berkas lain)" if len(f) > 3 else "")}
            for p, a, n, f in unknown
        ],
        "older_labels": {t: n for t, n in older_labels(con).items() if n},
    }
