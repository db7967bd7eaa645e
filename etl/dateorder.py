"""Day/month order of numeric dates, decided per file from all its values.

Meta and X write ``03/27/2026`` (month first); Sorot's templates and Indonesian sheets write
``27/03/2026``; a file opened and saved in Excel takes the order of the PC's locale. So the order
is never assumed per platform alone: a value that is a valid date in only one order (``25/03/2026``)
settles the whole file; a file with both kinds is refused. When every value fits both orders, the
period in the file name or the export date may settle it; failing that, the source's own order holds
only if the values look exactly as the source writes them (zero-padded, as Meta does), else the
file is refused with a reason naming the column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from etl.detect import Match
from etl.errors import FileRefused

NUMERIC = r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b"
NATIVE_DATE = r"\d{2}/\d{2}/\d{4}"  # as Meta writes it, with a two-digit hour after it: 03/27/2026 06:08


@dataclass(frozen=True)
class Evidence:
    """What one file's numeric dates say about their order."""

    day_first: str | None  # an example value valid only as day/month
    month_first: str | None  # an example value valid only as month/day
    numeric: int  # values with a numeric date
    native_look: int  # of which written exactly as the source writes them
    dmy_span: tuple[int, int] | None  # (min, max) as yyyymmdd read day-first (ambiguous files)
    mdy_span: tuple[int, int] | None


@dataclass(frozen=True)
class Decision:
    order: str
    note: str | None  # said in the load report when the order did not come from the values alone


def _words(order: str) -> str:
    return "hari/bulan" if order == "dmy" else "bulan/hari"


def _as_date(n: int) -> date:
    return date(n // 10000, n // 100 % 100, n % 100)


def evidence(con: duckdb.DuckDBPyConnection, match: Match) -> dict[int, Evidence]:
    """Per file of the batch (``src``), the evidence of every timestamp column together.

    Rows are first grouped by their date part (cheap string functions over every row); the
    patterns run only on the few distinct dates of each file.
    """
    cols = [f"c{match.positions[c.field]}" for c in match.format.columns
            if c.kind == "timestamp" and c.field in match.positions]
    if not cols:
        return {}
    values = " UNION ALL ".join(
        f"SELECT _file, split_part({c}, ' ', 1) AS d, length(split_part({c}, ' ', 2)) IN (0, 5, 8) AS padded "
        f"FROM src WHERE {c} IS NOT NULL" for c in cols)
    rows = con.execute(f"""
        WITH v AS ({values}),
        g AS (SELECT _file, d, padded, count(*) AS k FROM v GROUP BY ALL),
        n AS (SELECT _file, d, padded, k, CAST(regexp_extract(d, '{NUMERIC}', 1) AS INT) AS a,
                     CAST(regexp_extract(d, '{NUMERIC}', 2) AS INT) AS b,
                     CAST(regexp_extract(d, '{NUMERIC}', 3) AS INT) AS y
              FROM g WHERE regexp_matches(d, '{NUMERIC}'))
        SELECT _file,
          min(d) FILTER (a > 12 AND a <= 31 AND b BETWEEN 1 AND 12),
          min(d) FILTER (b > 12 AND b <= 31 AND a BETWEEN 1 AND 12),
          sum(k), coalesce(sum(k) FILTER (padded AND regexp_full_match(d, '{NATIVE_DATE}')), 0),
          min(y * 10000 + b * 100 + a) FILTER (a BETWEEN 1 AND 12 AND b BETWEEN 1 AND 12),
          max(y * 10000 + b * 100 + a) FILTER (a BETWEEN 1 AND 12 AND b BETWEEN 1 AND 12),
          min(y * 10000 + a * 100 + b) FILTER (a BETWEEN 1 AND 12 AND b BETWEEN 1 AND 12),
          max(y * 10000 + a * 100 + b) FILTER (a BETWEEN 1 AND 12 AND b BETWEEN 1 AND 12)
        FROM n GROUP BY _file""").fetchall()
    return {r[0]: Evidence(r[1], r[2], int(r[3]), int(r[4]), (r[5], r[6]) if r[5] else None,
                           (r[7], r[8]) if r[7] else None) for r in rows}


def _fits(span: tuple[int, int] | None, period: tuple[date, date] | None, export_day: date) -> bool:
    if span is None:
        return True
    lo, hi = _as_date(span[0]), _as_date(span[1])
    if hi > export_day + timedelta(days=1):
        return False
    return period is None or (lo >= period[0] - timedelta(days=1) and hi <= period[1] + timedelta(days=1))


def decide(ev: Evidence | None, match: Match, file_name: str, period: tuple[date, date] | None,
           export_day: date) -> Decision:
    """The order of one file, or FileRefused when the file cannot tell."""
    fmt = match.format
    native = fmt.date_order
    column = next((match.header_of(c.field) for c in fmt.columns if c.kind == "timestamp"
                   and c.field in match.positions), "tanggal")
    if ev is None or ev.numeric == 0:
        return Decision(native, None)
    if ev.day_first and ev.month_first:
        raise FileRefused("urutan_tanggal_campur", (
            f"{file_name}: kolom «{column}» mencampur urutan hari/bulan («{ev.day_first}» hanya sah sebagai "
            f"hari/bulan, «{ev.month_first}» hanya sebagai bulan/hari). Berkas tidak dimuat; ekspor ulang dari "
            "platformnya dan unggah tanpa membuka di Excel."))
    if ev.day_first or ev.month_first:
        order = "dmy" if ev.day_first else "mdy"
        note = None if order == native else (
            f"tanggal dibaca {_words(order)} (mis. «{ev.day_first or ev.month_first}»), bukan urutan bawaan "
            "platform — berkas ini tampaknya pernah disimpan ulang di Excel")
        return Decision(order, note)
    fits = {o for o, span in (("dmy", ev.dmy_span), ("mdy", ev.mdy_span)) if _fits(span, period, export_day)}
    if len(fits) == 1:
        order = fits.pop()
        why = "periode pada nama berkas" if period else "tanggal ekspor"
        return Decision(order, f"semua tanggal cocok dengan dua urutan; urutan {_words(order)} dipilih karena "
                               f"hanya itu yang sesuai dengan {why}")
    if native == "dmy" or ev.native_look == ev.numeric:
        return Decision(native, None)
    raise FileRefused("urutan_tanggal_tidak_pasti", (
        f"{file_name}: urutan hari/bulan di kolom «{column}» tidak dapat dipastikan — semua tanggal (≤ 12) cocok "
        "dengan dua urutan dan penulisannya sudah diubah (berkas pernah dibuka di Excel?). Berkas tidak dimuat; "
        "ekspor ulang dari platformnya dan unggah tanpa membuka di Excel, atau tulis tanggal sebagai TTTT-BB-HH."))
