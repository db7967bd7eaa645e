"""Data checks, run on every load before it becomes the warehouse in use (before the copy is swapped in, or
before the in-place transaction commits).

The checks are declared beside their models in ``etl/schema.py`` (``Check``). Each becomes one query
(``check_sql``) that returns how many rows (or keys, or groups) offend and up to three examples. One
failure refuses the load: ``verify`` raises ``DataCheckFailed`` with the reason in Bahasa Indonesia, the
copy is thrown away (or the transaction rolled back) and the warehouse in use stays exactly as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import duckdb

from etl.errors import DataCheckFailed
from etl.schema import CONTACT_COLUMNS, MARTS, PRIVATE, TABLES, VIEWS, Check, Totals, checks

EXAMPLES = 3
_MODELS = {m.name: m for m in TABLES + VIEWS + MARTS}


def _text(columns: tuple[str, ...], alias: str = "") -> str:
    """The columns of a row as one readable text (NULL shown as NULL), for examples and reconciliation keys."""
    parts = [f"coalesce(CAST({alias}{c} AS VARCHAR), 'NULL')" for c in columns]
    return " || ' / ' || ".join(parts) if parts else "'semua'"


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def isolation_checks() -> tuple[Check, ...]:
    """One check per PRIVATE table (personal data kept apart): no view reads it, and no other table or view of
    the warehouse has a contact column (``CONTACT_COLUMNS``). Run with the declared checks on every load."""
    return tuple(Check("isolated", (), name, doc=f"No view reads `{name}`; no other table or view has a contact "
                                                 "column.", model=name) for name in PRIVATE)


def _key(check: Check) -> tuple[str, ...]:
    """The columns that name an offending row in the examples: the model's key, else the checked columns."""
    return _MODELS[check.model].key or check.columns


def _offending(check: Check) -> str:
    """SELECT example: one row per offending row (per repeated key for unique, per group for reconcile)."""
    m, cols = check.model, check.columns
    key = _text(_key(check), "m.")
    if check.kind == "unique":
        listed = ", ".join(cols)
        return (f"SELECT {_text(cols)} || ' (' || n || '×)' AS example FROM "
                f"(SELECT {listed}, count(*) AS n FROM {m} GROUP BY {listed} HAVING count(*) > 1)")
    if check.kind == "not_null":
        return f"SELECT {key} AS example FROM {m} m WHERE m.{cols[0]} IS NULL"
    if check.kind == "accepted_values":
        values = ", ".join(_literal(v) for v in check.argument)
        return (f"SELECT {key} || ': ' || CAST(m.{cols[0]} AS VARCHAR) AS example FROM {m} m "
                f"WHERE m.{cols[0]} NOT IN ({values})")
    if check.kind == "relationship":
        table, to = check.argument
        present = " AND ".join(f"m.{c} IS NOT NULL" for c in cols)
        match = " AND ".join(f"r.{t} = m.{c}" for c, t in zip(cols, to, strict=True))
        return (f"SELECT {key} || ': ' || {_text(cols, 'm.')} AS example FROM {m} m "
                f"WHERE {present} AND NOT EXISTS (SELECT 1 FROM {table} r WHERE {match})")
    if check.kind == "not_before":
        later, earlier = cols
        return (f"SELECT {key} || ': ' || CAST(m.{later} AS VARCHAR) || ' < ' || CAST(m.{earlier} AS VARCHAR) "
                f"AS example FROM {m} m WHERE m.{later} < m.{earlier}")
    if check.kind == "at_least":
        return (f"SELECT {key} || ': ' || CAST(m.{cols[0]} AS VARCHAR) AS example FROM {m} m "
                f"WHERE m.{cols[0]} < {check.argument}")
    if check.kind == "isolated":
        return (f"SELECT 'view ' || view_name AS example FROM duckdb_views() WHERE NOT internal AND NOT temporary "
                f"AND database_name = current_database() AND contains(lower(sql), {_literal(m)}) UNION ALL "
                "SELECT table_name || '.' || column_name AS example FROM duckdb_columns() "
                f"WHERE database_name = current_database() AND table_name <> {_literal(m)} "
                f"AND regexp_matches(lower(column_name), {_literal(CONTACT_COLUMNS)})")
    if check.kind == "reconcile":
        t: Totals = check.argument
        group = f" GROUP BY {', '.join(t.by)}" if t.by else ""
        return (f"SELECT coalesce(a.k, b.k) || ': ' || coalesce(a.v, '-') || ' ≠ ' || coalesce(b.v, '-') AS example "
                f"FROM (SELECT {_text(t.by)} AS k, CAST({t.measure} AS VARCHAR) AS v FROM {m}{group}) a "
                f"FULL JOIN (SELECT {_text(t.by)} AS k, CAST({t.source_measure} AS VARCHAR) AS v "
                f"FROM {t.source}{group}) b ON a.k = b.k WHERE a.v IS DISTINCT FROM b.v")
    raise ValueError(f"unknown check kind {check.kind!r}")


def check_sql(check: Check) -> str:
    """One query for one check: (offending count, up to EXAMPLES examples in text order, or NULL)."""
    return f"SELECT count(*), min(example, {EXAMPLES}) FROM ({_offending(check)})"


@dataclass(frozen=True)
class Failure:
    check: Check
    count: int
    examples: tuple[str, ...]

    def what(self) -> str:
        """What is wrong, in Bahasa Indonesia, with the count."""
        c, n = self.check, f"{self.count:,}".replace(",", ".")
        if c.kind == "unique":
            return f"{n} nilai kunci muncul lebih dari sekali"
        if c.kind == "not_null":
            return f"{n} baris kosong (NULL), padahal wajib terisi"
        if c.kind == "accepted_values":
            return f"{n} baris bernilai di luar pilihan yang sah ({', '.join(map(str, c.argument))})"
        if c.kind == "relationship":
            table, to = c.argument
            return f"{n} baris merujuk ke {table} ({', '.join(to)}) yang tidak ada"
        if c.kind == "not_before":
            return f"{n} baris dengan {c.columns[0]} lebih awal daripada {c.columns[1]}"
        if c.kind == "at_least":
            return f"{n} baris bernilai kurang dari {c.argument}"
        if c.kind == "isolated":
            return f"{n} view atau kolom di luar {c.model} membaca atau memuat kontak pelapor (data pribadi)"
        t: Totals = c.argument
        per = f" per {', '.join(t.by)}" if t.by else ""
        return f"{n} kelompok{per} dengan {t.measure} tidak sama dengan {t.source_measure} di {t.source}"

    def line(self) -> str:
        """model.column: what, examples — one line of the refusal."""
        where = f"{self.check.model}.{'/'.join(self.check.columns)}" if self.check.columns else self.check.model
        return f"{where} [{self.check.kind}]: {self.what()} (contoh: {'; '.join(self.examples)})"


def run(con: duckdb.DuckDBPyConnection, only: tuple[Check, ...] | None = None) -> list[Failure]:
    """Run the checks (all declared ones and ``isolation_checks`` by default) on an open warehouse, in one query;
    returns those that fail."""
    todo = checks() + isolation_checks() if only is None else only
    if not todo:
        return []
    sql = " UNION ALL ".join(f"SELECT {i} AS i, * FROM ({check_sql(c)})" for i, c in enumerate(todo))
    found = sorted(con.execute(sql).fetchall())
    return [Failure(todo[i], count, tuple(examples or ())) for i, count, examples in found if count]


def beyond_reference() -> tuple[Check, ...]:
    """Every check but those among the ref_* tables themselves: for a load that left them as they were."""
    return tuple(c for c in checks() + isolation_checks() if not c.model.startswith("ref_"))


def _advice(failures: list[Failure]) -> str:
    opd = [f for f in failures if f.check.kind == "relationship" and f.check.argument[0] == "ref_opd"]
    if opd and len(opd) == len(failures):
        return ("Data yang sudah dimuat memakai kode OPD yang tidak ada lagi di registri: kembalikan baris OPD itu "
                "di data/registry/opd.csv (tandai aktif = tidak bila OPD sudah dibubarkan), lalu muat ulang.")
    return ("Ini bukan kesalahan satu baris di berkas Anda, melainkan hasil pemuatan yang tidak konsisten; "
            "kirim pesan ini kepada pengembang.")


def verify(con: duckdb.DuckDBPyConnection, checks_to_run: tuple[Check, ...] | None = None) -> float:
    """Run every check; raise DataCheckFailed (message in Bahasa Indonesia) when any fails.
    Returns the seconds the checks took."""
    started = time.perf_counter()
    failures = run(con, checks_to_run)
    if failures:
        lines = [f.line() for f in failures]
        # what failed comes first: a caller that shows only the start of the message still names it
        message = (f"Pemeriksaan data gagal; gudang data tidak diganti. {len(failures)} pemeriksaan gagal:\n"
                   + "".join(f"  - {line}\n" for line in lines)
                   + "Gudang data yang dipakai tetap seperti sebelum pemuatan ini; tidak ada berkas yang dimuat. "
                   + _advice(failures))
        raise DataCheckFailed(message, lines)
    return time.perf_counter() - started
