"""From the text table ``src`` to the typed table ``typed`` plus row-level ``problems``.

Numbers and dates go through DuckDB fast paths; the distinct values a fast path misses are
parsed once each in Python (``etl/parse.py``) and joined back, which keeps a 10M-row file fast
while every odd spelling is still read by one well-tested parser.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from etl.detect import Match
from etl.formats import Column
from etl.parse import (
    fixed_offset_seconds,
    parse_count,
    parse_duration,
    parse_number,
    parse_timestamp,
    sql_count,
    sql_timestamp,
    timestamp_candidates,
)

SQL_TYPE = {
    "text": "VARCHAR", "id": "VARCHAR", "count": "BIGINT", "number": "DOUBLE",
    "duration": "DOUBLE", "timestamp": "TIMESTAMPTZ",
}

PROBLEMS_DDL = (
    "CREATE OR REPLACE TEMP TABLE problems (_file INTEGER, _row BIGINT, column_name VARCHAR, "
    "value VARCHAR, reason_code VARCHAR, reason VARCHAR, platform VARCHAR)"
)


def _params(sql: str, **values: object) -> dict[str, object]:
    """Only the named parameters the statement uses (DuckDB rejects unused ones)."""
    return {k: v for k, v in values.items() if f"${k}" in sql}


def _clean(ref: str) -> str:
    """Empty → NULL; trims only values that need it (trimming every long text costs 10x)."""
    return f"CASE WHEN prefix({ref}, ' ') OR suffix({ref}, ' ') THEN nullif(trim({ref}), '') ELSE nullif({ref}, '') END"


SAMPLE_ROWS = 500


def _timestamp_format(con: duckdb.DuckDBPyConnection, src_col: str, order: str) -> tuple[str, str]:
    """The format that reads most of the column's first values (ties: the date order's own)."""
    candidates = timestamp_candidates(order)
    counts = ", ".join(f"count({sql_timestamp('v', c, '$tz', 0)})" for c in candidates)
    hits = con.execute(
        f"SELECT {counts} FROM (SELECT trim({src_col}) AS v FROM src WHERE nullif(trim({src_col}), '') "
        f"IS NOT NULL LIMIT {SAMPLE_ROWS})"
    ).fetchall()[0]
    best = max(range(len(candidates)), key=lambda i: (hits[i], -i))
    return candidates[best]


def _fast(con: duckdb.DuckDBPyConnection, column: Column, pos: int, order: str, tz: str) -> str | None:
    ref = f"{column.field}__raw"
    if column.kind == "count":
        return sql_count(ref)
    if column.kind == "timestamp":
        choice = _timestamp_format(con, f"c{pos}", order)
        return sql_timestamp(ref, choice, "$tz", fixed_offset_seconds(tz))
    if column.kind in ("number", "duration"):
        return f"CASE WHEN regexp_full_match({ref}, '\\d{{1,15}}') THEN CAST({ref} AS DOUBLE) END"
    return None


def _slow_parser(column: Column, tz: str, order: str) -> Callable[[str], object]:
    if column.kind == "count":
        return parse_count
    if column.kind == "number":
        return parse_number
    if column.kind == "duration":
        return parse_duration
    return lambda raw: parse_timestamp(raw, tz, order)


def _example(column: Column, order: str) -> str:
    if column.kind == "timestamp":
        return "03/27/2026 06:08" if order == "mdy" else "21/11/2026 08:30 atau 21 November 2026"
    if column.kind == "duration":
        return "0:12 atau 1:02:03"
    return "1.234, 1,2 rb atau 1.2K"


def _fill_from_python(con: duckdb.DuckDBPyConnection, column: Column, tz: str, order: str) -> None:
    """Parse in Python the distinct values the fast path missed, and write them into ``typed``."""
    f = column.field
    missed = con.execute(f"SELECT DISTINCT {f}__raw FROM typed WHERE {f}__raw IS NOT NULL AND {f} IS NULL")
    raws = [r[0] for r in missed.fetchall()]
    if not raws:
        return
    parser = _slow_parser(column, tz, order)
    frame = pd.DataFrame({"raw": raws, "val": pd.Series([parser(r) for r in raws], dtype="object")})
    frame = frame[frame["val"].notna()]
    if frame.empty:
        return
    if column.kind == "timestamp":
        frame["val"] = pd.to_datetime(frame["val"], utc=True)
    con.register("map_frame", frame)
    con.execute(
        f"UPDATE typed SET {f} = CAST(m.val AS {SQL_TYPE[column.kind]}) FROM map_frame m "
        f"WHERE typed.{f}__raw = m.raw AND typed.{f} IS NULL"
    )
    con.unregister("map_frame")


def build_typed(con: duckdb.DuckDBPyConnection, match: Match, tz: str) -> None:
    """Create ``typed`` (one column per format field, NULL when absent) and fill ``problems``.

    Parsed columns keep their text as ``<field>__raw`` for the reject messages.
    """
    fmt, order = match.format, match.format.date_order
    selects, checks = ["s._file", "s._row"], []
    for column in fmt.columns:
        pos = match.positions.get(column.field)
        if pos is None:
            selects.append(f"CAST(NULL AS {SQL_TYPE[column.kind]}) AS {column.field}")
            continue
        clean = _clean(f"s.c{pos}")
        fast = _fast(con, column, pos, order, tz)
        if fast is None:
            selects.append(f"{clean} AS {column.field}")
        else:
            selects.append(f"{clean} AS {column.field}__raw")
            selects.append(f"{fast} AS {column.field}")
        checks.append(column)
    sql = f"SELECT {', '.join(selects)} FROM src_numbered s WHERE {_skip_condition(match)}"
    # DuckDB lets a select list refer to an alias defined earlier in the same list
    con.execute(f"CREATE OR REPLACE TEMP TABLE typed AS {sql}", _params(sql, tz=tz))
    con.execute("DROP VIEW src_numbered")
    con.execute("DROP TABLE src")
    for column in checks:
        if column.kind not in ("text", "id"):
            _fill_from_python(con, column, tz, order)
    con.execute(PROBLEMS_DDL)
    for column in checks:
        _add_checks(con, match, column)


def _skip_condition(match: Match) -> str:
    """Blank rows, and summary rows such as YouTube's leading 'Total', are not data."""
    cols = [f"s.c{i}" for i in range(len(match.headers))]
    not_blank = "(" + " OR ".join(f"{_clean(c)} IS NOT NULL" for c in cols) + ")"
    if not match.format.skip_first_values:
        return not_blank
    first = f"s.c{match.positions[match.format.required[0].field]}"
    values = ", ".join(f"'{v}'" for v in match.format.skip_first_values)
    return f"{not_blank} AND coalesce(lower(trim({first})), '') NOT IN ({values})"


def add_problem(con: duckdb.DuckDBPyConnection, where: str, column: str, value_sql: str,
                code: str, message: str, table: str = "typed") -> None:
    """Record one problem per row of ``table`` matching ``where`` (value_sql: the value shown)."""
    con.execute(
        f"INSERT INTO problems SELECT _file, _row, $column, CAST({value_sql} AS VARCHAR), $code, $msg, NULL "
        f"FROM {table} WHERE {where}",
        {"column": column, "code": code, "msg": message},
    )


def _add_checks(con: duckdb.DuckDBPyConnection, match: Match, column: Column) -> None:
    header, f = match.header_of(column.field), column.field
    raw = f if column.kind in ("text", "id") else f"{f}__raw"
    if column.required:
        add_problem(con, f"{raw} IS NULL", header, "NULL", "wajib_kosong",
                    f"kolom wajib «{header}» kosong")
    if column.kind == "id":
        add_problem(con, f"regexp_full_match({f}, '\\d+(\\.\\d+)?[eE]\\+?\\d+')", header, f,
                    "id_rusak", 
                    "ID rusak oleh Excel (format ilmiah); ekspor ulang atau jadikan kolom teks")
    elif column.kind != "text":
        expected = {"count": "angka bulat ≥ 0", "number": "angka", "duration": "durasi",
                    "timestamp": "tanggal/waktu"}[column.kind]
        add_problem(con, f"{f}__raw IS NOT NULL AND {f} IS NULL", header, f"{f}__raw",
                    "nilai_tidak_sah", 
                    f"bukan {expected} yang dikenali (contoh: {_example(column, match.format.date_order)})")
    if column.kind == "timestamp" and not f.endswith("_due_at"):  # deadlines may lie ahead
        add_problem(con, f"{f} > now() + INTERVAL 1 DAY", header, f"{f}__raw", "tanggal_masa_depan",
                    "tanggal berada di masa depan")
