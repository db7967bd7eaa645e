"""Turn an export file (CSV in any of the encodings seen, or XLSX) into a DuckDB table of text.

The result is a temp table ``src`` with one VARCHAR column per file column (``c0``, ``c1`` …)
and ``_row``, the row number as a spreadsheet shows it, so rejects can point at the row.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import pandas as pd

from etl.detect import Match, match_format, unknown_layout_message
from etl.errors import FileRefused

HEAD_LINES = 12  # a header may follow a preamble such as Meta's "sep=," line
DELIMITERS = (",", ";", "\t")
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


@dataclass(frozen=True)
class Layout:
    match: Match
    header_row: int  # 1-based row of the header (data starts on the next row)
    delimiter: str
    encoding: str


def detect_encoding(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(1 << 20)
    if not head:
        raise FileRefused("kosong", f"{path.name}: berkas kosong.")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le-bom"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be-bom"
    sample = head[:4000]
    if sample and sample[1::2].count(0) > len(sample) // 4:
        return "utf-16-le"
    if b"\x00" in sample:
        raise FileRefused("bukan_teks", f"{path.name}: bukan berkas teks (CSV) atau XLSX yang sah.")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 3:  # a character cut by the 1 MiB window
            return "utf-8"
        return "cp1252"


def _python_codec(encoding: str) -> str:
    return {"utf-16-le-bom": "utf-16", "utf-16-be-bom": "utf-16"}.get(encoding, encoding)


@contextmanager
def utf8_copy(path: Path, encoding: str) -> Iterator[Path]:
    """The file itself when it is UTF-8, else a transcoded temporary copy."""
    if encoding in ("utf-8", "utf-8-sig"):
        yield path
        return
    fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="sorot-")
    try:
        decoder = codecs.getincrementaldecoder(_python_codec(encoding))(errors="strict")
        with os.fdopen(fd, "wb") as out, path.open("rb") as src:
            try:
                while chunk := src.read(1 << 22):
                    out.write(decoder.decode(chunk).encode("utf-8"))
                out.write(decoder.decode(b"", final=True).encode("utf-8"))
            except UnicodeDecodeError as err:
                raise FileRefused(
                    "encoding", f"{path.name}: isi berkas tidak dapat dibaca sebagai {encoding}."
                ) from err
        yield Path(tmp)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _read_head(path: Path) -> list[str]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as f:
        return [line for _, line in zip(range(HEAD_LINES), f)]


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])


def find_header(lines: list[str], file_name: str) -> tuple[Match, int, str]:
    """Scan the first lines for a known header; returns (match, 1-based row, delimiter)."""
    explicit = None
    if lines and lines[0].strip().lower().startswith("sep="):
        explicit = lines[0].strip()[4:5] or None
    candidates = []
    for i, line in enumerate(lines):
        for delim in ((explicit,) if explicit else DELIMITERS):
            cells = _split(line, delim)
            if len(cells) < 2:
                continue
            candidates.append(cells)
            found = match_format(cells)
            if found:
                return found, i + 1, delim
    widest = max(candidates, key=len, default=[])
    raise FileRefused("format_tidak_dikenal", unknown_layout_message(file_name, widest))


def load_csv(con: duckdb.DuckDBPyConnection, path: Path, display: str) -> Layout:
    encoding = detect_encoding(path)
    with utf8_copy(path, encoding) as text_path:
        head = _read_head(text_path)
        match, header_row, delim = find_header(head, display)
        if len(head) < HEAD_LINES and not any(line.strip() for line in head[header_row:]):
            raise FileRefused("tanpa_data", f"{display}: judul kolom ada, tetapi tidak ada baris data.")
        width = len(match.headers)
        columns = {f"c{i}": "VARCHAR" for i in range(width)}
        try:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE src_raw AS SELECT * FROM read_csv($path, "
                "header=false, skip=$skip, delim=$delim, quote='\"', escape='\"', "
                "columns=$columns, all_varchar=true, strict_mode=true, null_padding=false, "
                "encoding='utf-8')",
                {"path": str(text_path), "skip": header_row, "delim": delim, "columns": columns},
            )
        except duckdb.Error as err:
            where = _locate_bad_record(text_path, delim, header_row, width)
            raise FileRefused("csv_rusak", csv_error_message(display, where)) from err
    _number_rows(con, header_row)
    return Layout(match, header_row, delim, encoding)


def _locate_bad_record(path: Path, delimiter: str, header_row: int, width: int) -> str:
    """Only on the error path: find the first record whose shape breaks the file (slow but exact)."""
    row = header_row
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            for _ in range(header_row):
                next(csv.reader(f, delimiter=delimiter), None)
            for row, record in enumerate(csv.reader(f, delimiter=delimiter, strict=True), header_row + 1):
                if record and len(record) != width:
                    return (f"baris {row} berisi {len(record)} kolom, padahal judul kolom ada {width} "
                            "(berkas terpotong atau rusak?)")
    except csv.Error:
        return f"tanda kutip tidak ditutup sesudah baris {row} (berkas terpotong?)"
    return "struktur CSV tidak sah"


def csv_error_message(display: str, where: str) -> str:
    return f"{display}: {where}. Seluruh berkas ditolak; tidak ada data yang dimuat."


def _number_rows(con: duckdb.DuckDBPyConnection, header_row: int) -> None:
    con.execute(
        # rowids count up in insertion order but start at an offset inside a transaction
        "CREATE OR REPLACE TEMP TABLE src AS "
        "SELECT rowid - (SELECT min(rowid) FROM src_raw) + $first AS _row, * FROM src_raw",
        {"first": header_row + 1},
    )
    con.execute("DROP TABLE src_raw")


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def load_excel(con: duckdb.DuckDBPyConnection, path: Path, display: str) -> Layout:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [book.get_sheet_by_index(i) for i in range(len(book.sheet_names))]
    except (CalamineError, OSError, ValueError) as err:
        raise FileRefused("xlsx_rusak", f"{display}: berkas Excel rusak atau tidak dapat dibuka ({err}).") from err
    widest: list[str] = []
    for sheet in sheets:
        rows = sheet.to_python(skip_empty_area=False)
        for i, row in enumerate(rows[:HEAD_LINES]):
            cells = [_cell_text(v) or "" for v in row]
            widest = max(widest, cells, key=len)
            found = match_format(cells)
            if found:
                _register_rows(con, rows[i + 1 :], len(cells))
                _number_rows(con, i + 1)
                return Layout(found, i + 1, "", "xlsx")
    raise FileRefused("format_tidak_dikenal", unknown_layout_message(display, widest))


def _register_rows(con: duckdb.DuckDBPyConnection, rows: list[list[object]], width: int) -> None:
    data = {f"c{j}": [(_cell_text(r[j]) if j < len(r) else None) for r in rows] for j in range(width)}
    con.register("src_frame", pd.DataFrame(data, dtype="string"))
    con.execute("CREATE OR REPLACE TEMP TABLE src_raw AS SELECT * FROM src_frame")
    con.unregister("src_frame")


def load_file(con: duckdb.DuckDBPyConnection, path: Path, display: str | None = None) -> Layout:
    """Read ``path`` into the temp table ``src``; refuses unreadable files with FileRefused."""
    display = display or path.name
    if path.stat().st_size == 0:
        raise FileRefused("kosong", f"{display}: berkas kosong.")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return load_excel(con, path, display)
    return load_csv(con, path, display)
