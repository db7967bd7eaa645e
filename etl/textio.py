"""Turn export files (CSV in any of the encodings seen, or XLSX) into a DuckDB table of text.

``sniff`` looks at one file's head (encoding, delimiter, header row, format) without reading it
all; ``read_batch`` then reads every file of one layout in a single multi-file scan into the temp
table ``src``: ``_file`` (index in the batch) and one VARCHAR column per file column (``c0``,
``c1`` …); the view ``src_numbered`` adds ``_row``, the row as a spreadsheet numbers it, so
rejects can point at it.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.detect import Match, match_format, unknown_layout_message
from etl.errors import FileRefused

csv.field_size_limit(sys.maxsize)  # a real caption may exceed Python's default 131,072 characters
MAX_LINE_BYTES = 64 << 20  # one record larger than this is not a post: the file is refused naming it
HEAD_LINES = 12  # a header may follow a preamble such as Meta's "sep=," line
DELIMITERS = (",", ";", "\t")
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


@dataclass(frozen=True)
class Sniffed:
    path: Path
    display: str
    match: Match
    header_row: int  # 1-based row of the header (data starts on the next row)
    delimiter: str  # "" for a workbook
    encoding: str  # "xlsx" for a workbook
    sheet: int = 0  # index of the worksheet holding the header (a workbook)

    @property
    def layout_key(self) -> tuple:
        """Files with equal keys are read together in one scan."""
        return (self.match.format.name, self.match.headers, self.header_row, self.delimiter,
                self.encoding == "xlsx", str(self.path) if self.encoding == "xlsx" else "")


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


def _read_head(path: Path, encoding: str) -> list[str]:
    with path.open("rb") as f:
        head = f.read(1 << 20)
    text = head.decode(_python_codec(encoding), errors="replace")
    return io.StringIO(text, newline=None).readlines()[:HEAD_LINES]


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


def sniff(path: Path, display: str | None = None) -> Sniffed:
    """Recognise a file from its head; refuses empty, binary, header-only and unknown files."""
    display = display or path.name
    if path.stat().st_size == 0:
        raise FileRefused("kosong", f"{display}: berkas kosong.")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _sniff_excel(path, display)
    encoding = detect_encoding(path)
    head = _read_head(path, encoding)
    match, header_row, delim = find_header(head, display)
    if len(head) < HEAD_LINES and not any(line.strip() for line in head[header_row:]):
        raise FileRefused("tanpa_data", f"{display}: judul kolom ada, tetapi tidak ada baris data.")
    return Sniffed(path, display, match, header_row, delim, encoding)


def read_batch(con: duckdb.DuckDBPyConnection, files: list[Sniffed]) -> None:
    """Read files of one layout into ``src``; a structural CSV error refuses the batch."""
    first = files[0]
    if first.encoding == "xlsx":
        _register_rows(con, sheet_rows(first), len(first.match.headers))
    else:
        _read_csv_batch(con, files)
    # rowids count up in file order, from an offset that differs inside a transaction
    con.execute(
        "CREATE OR REPLACE TEMP TABLE src_start AS SELECT _file, min(rowid) - $first AS base FROM src GROUP BY 1",
        {"first": first.header_row + 1},
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW src_numbered AS "
        "SELECT s.rowid - b.base AS _row, s.* FROM src s JOIN src_start b ON b._file = s._file"
    )


def read_text_rows(sniffed: Sniffed, limit: int | None = None) -> list[list[str]]:
    """The data rows of a small file as text (for cross-checks), without DuckDB."""
    if sniffed.encoding == "xlsx":
        rows = sheet_rows(sniffed)
        return [[_cell_text(v) or "" for v in r] for r in rows[:limit]]
    with utf8_copy(sniffed.path, sniffed.encoding) as path, path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(itertools.islice(f, sniffed.header_row, None), delimiter=sniffed.delimiter)
        return list(itertools.islice(reader, limit))


def _read_csv_batch(con: duckdb.DuckDBPyConnection, files: list[Sniffed]) -> None:
    first = files[0]
    columns = {f"c{i}": "VARCHAR" for i in range(len(first.match.headers))}
    with ExitStack() as stack:
        paths = [str(stack.enter_context(utf8_copy(f.path, f.encoding))) for f in files]
        try:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE src AS SELECT list_position($paths, filename) - 1 AS _file, "
                "* EXCLUDE (filename) FROM read_csv($paths, header=false, skip=$skip, delim=$delim, "
                "quote='\"', escape='\"', columns=$columns, all_varchar=true, strict_mode=true, "
                "null_padding=false, encoding='utf-8', filename=true, max_line_size=$max_line)",
                {"paths": paths, "skip": first.header_row, "delim": first.delimiter, "columns": columns,
                 "max_line": MAX_LINE_BYTES},
            )
        except duckdb.Error as err:
            if len(files) > 1:
                raise  # the caller retries file by file to find the broken one
            where = _locate_bad_record(Path(paths[0]), first.delimiter, first.header_row, len(columns))
            raise FileRefused("csv_rusak", csv_error_message(first.display, where)) from err


def _locate_bad_record(path: Path, delimiter: str, header_row: int, width: int) -> str:
    """Only on the error path: find the first record whose shape breaks the file (slow but exact)."""
    row = header_row
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            for _ in range(header_row):
                next(csv.reader(f, delimiter=delimiter), None)
            for row, record in enumerate(csv.reader(f, delimiter=delimiter, strict=True), header_row + 1):
                chars = sum(len(x) for x in record)  # a UTF-8 character is 1-4 bytes: count bytes only if close
                if chars > MAX_LINE_BYTES // 4 and (size := len(",".join(record).encode())) > MAX_LINE_BYTES:
                    return (f"baris {row} terlalu besar ({size / (1 << 20):,.1f} MB; batas {MAX_LINE_BYTES >> 20} MB "
                            "per baris) — bukan data postingan yang wajar")
                if record and len(record) != width:
                    return (f"baris {row} berisi {len(record)} kolom, padahal judul kolom ada {width} "
                            "(berkas terpotong atau rusak?)")
    except csv.Error:
        return f"tanda kutip tidak ditutup sesudah baris {row} (berkas terpotong?)"
    return "struktur CSV tidak sah"


def csv_error_message(display: str, where: str) -> str:
    return f"{display}: {where}. Seluruh berkas ditolak; tidak ada data yang dimuat."


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= 2**53:  # beyond a double's exact digits: an id Excel damaged
            return f"{value:.14E}"  # written as Excel shows it, so the id check rejects (or recovers) it
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def _open_sheets(path: Path, display: str) -> list:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        return [book.get_sheet_by_index(i) for i in range(len(book.sheet_names))]
    except (CalamineError, OSError, ValueError) as err:
        raise FileRefused("xlsx_rusak", f"{display}: berkas Excel rusak atau tidak dapat dibuka ({err}).") from err


def sheet_rows(sniffed: Sniffed) -> list[list[object]]:
    """The data rows of a workbook, read again when its batch runs (sniffing keeps none in memory)."""
    rows = _open_sheets(sniffed.path, sniffed.display)[sniffed.sheet].to_python(skip_empty_area=False)
    return rows[sniffed.header_row:]


def _sniff_excel(path: Path, display: str) -> Sniffed:
    widest: list[str] = []
    for index, sheet in enumerate(_open_sheets(path, display)):
        rows = sheet.to_python(skip_empty_area=False)
        for i, row in enumerate(rows[:HEAD_LINES]):
            cells = [_cell_text(v) or "" for v in row]
            widest = max(widest, cells, key=len)
            found = match_format(cells)
            if found:
                if not any(any(_cell_text(v) for v in r) for r in rows[i + 1 :]):
                    raise FileRefused("tanpa_data", f"{display}: judul kolom ada, tetapi tidak ada baris data.")
                return Sniffed(path, display, found, i + 1, "", "xlsx", index)
    raise FileRefused("format_tidak_dikenal", unknown_layout_message(display, widest))


def _column_text(rows: list[list[object]], j: int) -> list[str | None]:
    """Cell j of every row as text; text cells (most of a sheet) skip the general conversion."""
    out: list[str | None] = []
    append = out.append
    for row in rows:
        value = row[j] if j < len(row) else None
        if value.__class__ is str:
            append(value or None)
        else:
            append(_cell_text(value))
    return out


def _register_rows(con: duckdb.DuckDBPyConnection, rows: list[list[object]], width: int) -> None:
    data = {"_file": pa.array([0] * len(rows), pa.int32())}
    data |= {f"c{j}": pa.array(_column_text(rows, j), pa.string()) for j in range(width)}
    con.register("src_frame", pa.table(data))
    con.execute("CREATE OR REPLACE TEMP TABLE src AS SELECT * FROM src_frame")
    con.unregister("src_frame")
