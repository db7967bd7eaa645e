"""From the text table ``src`` to the typed table ``typed`` plus row-level ``problems``.

Numbers and dates go through DuckDB fast paths; the distinct values a fast path misses are
parsed once each in Python (``etl/parse.py``) and joined back, which keeps a 10M-row file fast
while every odd spelling is still read by one well-tested parser.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

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


ROW_KEYS = {"post_id", "comment_id", "complaint_id"}  # a damaged one of these loses the row's identity
EXCEL_NUMBER = "\\d+([.,]\\d+)?[eE][+-]\\d+"  # 1.22E+17, and 1,22104E+17 from an Indonesian Excel


def _fast(con: duckdb.DuckDBPyConnection, column: Column, pos: int, order: str, tz: str) -> str | None:
    ref = f"{column.field}__raw"
    if column.kind == "id":  # an id Excel turned into a number has lost its digits: never store it
        maybe = f"(contains({ref}, 'E') OR contains({ref}, 'e'))"  # cheap test first: most ids have no e
        return f"CASE WHEN NOT {maybe} OR NOT regexp_full_match({ref}, '{EXCEL_NUMBER}') THEN {ref} END"
    if column.kind == "count":
        return sql_count(ref)
    if column.kind == "timestamp":
        choice = _timestamp_format(con, f"c{pos}", order)
        return sql_timestamp(ref, choice, "$tz", fixed_offset_seconds(tz))
    if column.kind in ("number", "duration"):
        return f"CASE WHEN regexp_full_match({ref}, '\\d{{1,15}}') THEN CAST({ref} AS DOUBLE) END"
    return None


def _slow_parser(column: Column, tz: str, order: str, reference: date | None = None) -> Callable[[str], object]:
    if column.kind == "count":
        return parse_count
    if column.kind == "number":
        return parse_number
    if column.kind == "duration":
        return parse_duration
    return lambda raw: parse_timestamp(raw, tz, order, reference)


def _example(column: Column, order: str) -> str:
    if column.kind == "timestamp":
        return "03/27/2026 06:08" if order == "mdy" else "21/11/2026 08:30 atau 21 November 2026"
    if column.kind == "duration":
        return "0:12 atau 1:02:03"
    return "1.234, 1,2 rb atau 1.2K"


def _fill_from_python(con: duckdb.DuckDBPyConnection, column: Column, tz: str, order: str,
                      yearless: bool) -> None:
    """Parse in Python the distinct values the fast path missed, and write them into ``typed``.

    With ``yearless`` (TikTok Studio), a date without a year takes it from its file's export day,
    so the distinct values are taken per export day.
    """
    f = column.field
    ref = "bf.export_day" if yearless else "CAST(NULL AS DATE)"
    missed = con.execute(
        f"SELECT DISTINCT t.{f}__raw, {ref} FROM typed t JOIN batch_files bf ON bf._file = t._file "
        f"WHERE t.{f}__raw IS NOT NULL AND t.{f} IS NULL")
    pairs = missed.fetchall()
    if not pairs:
        return
    values = [_slow_parser(column, tz, order, day)(raw) for raw, day in pairs]
    frame = pd.DataFrame({"raw": [p[0] for p in pairs], "day": pd.Series([p[1] for p in pairs], dtype="object"),
                          "val": pd.Series(values, dtype="object")})
    frame = frame[frame["val"].notna()]
    if frame.empty:
        return
    if column.kind == "timestamp":
        frame["val"] = pd.to_datetime(frame["val"], utc=True)
    frame["day"] = pd.to_datetime(frame["day"]).dt.date if yearless else None
    con.register("map_frame", frame)
    same_day = "AND bf.export_day = CAST(m.day AS DATE)" if yearless else ""
    con.execute(
        f"UPDATE typed SET {f} = CAST(m.val AS {SQL_TYPE[column.kind]}) FROM map_frame m, batch_files bf "
        f"WHERE typed.{f}__raw = m.raw AND typed.{f} IS NULL AND bf._file = typed._file {same_day}"
    )
    con.unregister("map_frame")


def source_zone(match: Match, region_tz: str) -> str:
    """The zone in which the format writes times that carry none (declared in etl/formats.py)."""
    return region_tz if match.format.timezone == "local" else match.format.timezone


def build_typed(con: duckdb.DuckDBPyConnection, match: Match, region_tz: str, order: str) -> None:
    """Create ``typed`` (one column per format field, NULL when absent) and fill ``problems``.

    Parsed columns (and ids) keep their text as ``<field>__raw`` for the reject messages. ``order``
    is the day/month order decided for the batch's files (etl/dateorder.py).
    """
    fmt, tz = match.format, source_zone(match, region_tz)
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
            _fill_from_python(con, column, tz, order, fmt.year_from_export and column.kind == "timestamp")
    con.execute(PROBLEMS_DDL)
    recover_ids(con, match)
    add_problems(con, [p for column in checks for p in _checks(con, match, column, order)])
    if fmt.time_from_id:
        time_from_snowflake(con, match)


def _skip_condition(match: Match) -> str:
    """Blank rows, and summary rows such as YouTube's leading 'Total', are not data."""
    cols = [f"s.c{i}" for i in range(len(match.headers))]
    not_blank = "(" + " OR ".join(f"{_clean(c)} IS NOT NULL" for c in cols) + ")"
    if not match.format.skip_first_values:
        return not_blank
    first = f"s.c{match.positions[match.format.required[0].field]}"
    values = ", ".join(f"'{v}'" for v in match.format.skip_first_values)
    return f"{not_blank} AND coalesce(lower(trim({first})), '') NOT IN ({values})"


class Problem(NamedTuple):
    """A check: every row matching ``where`` is a problem in ``column``, shown with ``value_sql``."""
    where: str
    column: str
    value_sql: str
    code: str
    message: str


def add_problems(con: duckdb.DuckDBPyConnection, found: list[Problem], table: str = "typed") -> None:
    """Record, for each check, one problem per row of ``table`` matching its ``where`` — all checks in one insert
    (one statement per check cost ~2 ms each on a small batch)."""
    if not found:
        return
    parts, params = [], {}
    for i, p in enumerate(found):
        parts.append(f"SELECT _file, _row, $c{i}, CAST({p.value_sql} AS VARCHAR), $k{i}, $m{i}, NULL "
                     f"FROM {table} WHERE {p.where}")
        params.update({f"c{i}": p.column, f"k{i}": p.code, f"m{i}": p.message})
    con.execute("INSERT INTO problems " + " UNION ALL ".join(parts), params)


def add_problem(con: duckdb.DuckDBPyConnection, where: str, column: str, value_sql: str,
                code: str, message: str, table: str = "typed") -> None:
    """Record one problem per row of ``table`` matching ``where`` (value_sql: the value shown)."""
    add_problems(con, [Problem(where, column, value_sql, code, message)], table)


def _checks(con: duckdb.DuckDBPyConnection, match: Match, column: Column, order: str) -> list[Problem]:
    """The problems to look for in one column (a note for what is only worth saying)."""
    header, f = match.header_of(column.field), column.field
    raw = f if column.kind == "text" else f"{f}__raw"
    found: list[Problem] = []
    if column.required:
        found.append(Problem(f"{raw} IS NULL", header, "NULL", "wajib_kosong",
                             f"kolom wajib «{header}» kosong"))
    if column.kind == "id" and (column.required or column.field in ROW_KEYS):
        found.append(Problem(f"{f}__raw IS NOT NULL AND {f} IS NULL", header, f"{f}__raw", "id_rusak_excel",
                             "ID rusak oleh Excel (ditulis sebagai angka ilmiah, digitnya hilang) — ekspor ulang "
                             "dan unggah tanpa membuka di Excel, atau format kolom ini sebagai Teks sebelum "
                             "menyimpan"))
    elif column.kind == "id":  # e.g. Page ID: the row is still known by its name, the damaged number is dropped
        note(con, f"{{n}} nilai «{header}» rusak oleh Excel (angka ilmiah) diabaikan; baris dikenali dari kolom lain",
             f"{f}__raw IS NOT NULL AND {f} IS NULL")
    elif column.kind != "text":
        expected = {"count": "angka bulat ≥ 0", "number": "angka", "duration": "durasi",
                    "timestamp": "tanggal/waktu"}[column.kind]
        found.append(Problem(f"{f}__raw IS NOT NULL AND {f} IS NULL", header, f"{f}__raw",
                             "nilai_tidak_sah",
                             f"bukan {expected} yang dikenali (contoh: {_example(column, order)})"))
    if column.kind == "timestamp" and not f.endswith("_due_at"):  # deadlines may lie ahead
        found.append(Problem(f"{f} > now() + INTERVAL 1 DAY", header, f"{f}__raw", "tanggal_masa_depan",
                             "tanggal berada di masa depan"))
    return found


NOTES_DDL = "CREATE OR REPLACE TEMP TABLE batch_notes (_file INTEGER, note VARCHAR)"


def note(con: duckdb.DuckDBPyConnection, text: str, where: str = "TRUE") -> None:
    """A load-report note for each file with rows of ``typed`` matching ``where`` (SQL written by Sorot).

    ``text`` (which may quote a file's header) is passed as a parameter, never spliced into SQL; in it
    ``{n}`` becomes the number of matching rows and ``{day}`` the file's export day.
    """
    con.execute(
        "INSERT INTO batch_notes SELECT t._file, replace(replace($text, '{n}', CAST(count(*) AS VARCHAR)), '{day}', "
        f"strftime(any_value(bf.export_day), '%Y-%m-%d')) FROM typed t JOIN batch_files bf USING (_file) "
        f"WHERE {where} GROUP BY 1", {"text": text})


def recover_ids(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    """An id Excel wrote as 1,22104E+17 is restored from the permalink when exactly one digit run there
    has the id's length and rounds to the same number (so nothing is guessed)."""
    if "post_id" not in match.positions or "permalink" not in match.positions:
        return
    damaged = con.execute("SELECT count(*) FROM typed WHERE post_id IS NULL AND post_id__raw IS NOT NULL")
    if not damaged.fetchall()[0][0]:
        return
    value = "CAST(replace(post_id__raw, ',', '.') AS DOUBLE)"
    digits = "CAST(regexp_extract(post_id__raw, '[eE][+-]?(\\d+)', 1) AS INT) + 1"
    decimals = "length(regexp_extract(post_id__raw, '[.,](\\d+)', 1))"
    exponent = "CAST(regexp_extract(post_id__raw, '[eE][+-]?(\\d+)', 1) AS INT)"
    con.execute(f"""
        UPDATE typed SET post_id = found[1] FROM (
          SELECT _file AS f, _row AS r, list_filter(list_distinct(regexp_extract_all(permalink, '\\d+')),
                 lambda x: length(x) = {digits} AND abs(CAST(x AS DOUBLE) - {value})
                      <= 0.5 * pow(10, {exponent} - {decimals})) AS found
          FROM typed WHERE post_id IS NULL AND post_id__raw IS NOT NULL AND permalink IS NOT NULL
            AND regexp_full_match(post_id__raw, '{EXCEL_NUMBER}')) c
        WHERE typed._file = c.f AND typed._row = c.r AND len(c.found) = 1""")
    note(con, "{n} ID yang dirusak Excel (angka ilmiah) dipulihkan persis dari tautan",
         f"post_id IS NOT NULL AND regexp_full_match(post_id__raw, '{EXCEL_NUMBER}')")


SNOWFLAKE_EPOCH_MS = 1288834974657  # X ids: milliseconds since this instant, shifted left 22 bits


def time_from_snowflake(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    """X's current export dates a post by its UTC day only; its id holds the exact instant.

    The id's time replaces the date when the two are at most a day apart (a file that wrote the
    local day instead of the UTC day is still read right); further apart, the row is rejected.
    """
    instant = f"to_timestamp(((try_cast(post_id AS BIGINT) >> 22) + {SNOWFLAKE_EPOCH_MS}) / 1000.0)"
    apart = (f"abs(date_diff('day', CAST(timezone('UTC', {instant}) AS DATE), "
             "CAST(timezone('UTC', published_at) AS DATE)))")
    is_snowflake = "published_at IS NOT NULL AND regexp_full_match(post_id, '\\d{15,19}')"
    header = match.header_of("published_at")
    add_problem(con, f"{is_snowflake} AND {apart} > 1", header, "published_at__raw", "tanggal_tidak_cocok_id",
                f"tanggal jauh dari waktu di dalam ID postingan ({match.header_of('post_id')}); "
                "ekspor ulang dari X tanpa mengubah berkas")
    con.execute(f"UPDATE typed SET published_at = {instant} WHERE {is_snowflake} AND {apart} <= 1")
    note(con, f"jam unggah diambil dari ID postingan X (kolom «{header}» hanya berisi tanggal UTC); hari dihitung "
              "menurut zona waktu daerah")
