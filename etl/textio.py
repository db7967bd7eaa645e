"""Turn export files (CSV in any of the encodings seen, or XLSX) into a DuckDB table of text.

``sniff`` looks at one file's head (encoding, delimiter, header row, format) without reading it
all, after ``check_file`` (its kind and size) and, for a workbook, ``archive_problem`` (a workbook is a
ZIP: refused from its directory alone when it would expand out of proportion); ``read_batch`` then reads
every file of one layout in a single multi-file scan into the temp table ``src``: ``_file`` (index in
the batch) and one VARCHAR column per file column (``c0``, ``c1`` …); the view ``src_numbered`` adds
``_row``, the row as a spreadsheet numbers it, so rejects can point at it.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
import os
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import duckdb
import pyarrow as pa

from etl.detect import Match, match_format, unknown_layout_message
from etl.errors import FileRefused
from etl.sources import ACCEPTED_SUFFIXES, ARCHIVE_SUFFIXES, DATA_SUFFIXES

csv.field_size_limit(sys.maxsize)  # a real caption may exceed Python's default 131,072 characters
MAX_LINE_BYTES = 64 << 20  # one record larger than this is not a post: the file is refused naming it
HEAD_LINES = 12  # a header may follow a preamble such as Meta's "sep=," line
DELIMITERS = (",", ";", "\t")
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}

# --- what is read at all: the kinds accepted, a size per file, archives within proportion ------------------------
# An upload comes from an admin's download folder: a broken, mislabelled or hostile file must be refused with a
# reason before it costs memory or disk, and the other files of the load still load.
MAX_FILE_MB = 200  # per file as uploaded or given, unless SOROT_MAX_UPLOAD_MB; Streamlit's server.maxUploadSize too
MAX_EXPANDED_BYTES = 1 << 30  # an archive's (or workbook's) members together, uncompressed, nested archives included
MAX_MEMBERS = 1000  # a platform's archive holds a handful of files, a workbook a few dozen parts
MAX_RATIO = 100  # uncompressed : compressed of one member; beyond it (above RATIO_FROM) a decompression bomb
RATIO_FROM = 4 << 20  # smaller members may compress better than that and still expand to little
MAX_NESTING = 1  # an archive inside the archive given is opened (etl/sources.py MAX_DEPTH = 2), deeper ones refused
# File types that are not text, by their first bytes: named in the refusal so the admin knows what was picked.
SIGNATURES = {
    b"MZ": "program Windows (.exe/.dll)", b"\x7fELF": "program Linux", b"%PDF": "dokumen PDF",
    b"PK\x03\x04": "arsip ZIP atau berkas Excel (.xlsx) — ubah akhiran namanya", b"\xd0\xcf\x11\xe0": (
        "berkas Office lama (.xls/.doc) — buka di Excel lalu simpan sebagai .xlsx atau CSV"),
    b"\x89PNG": "gambar PNG", b"\xff\xd8\xff": "gambar JPEG", b"GIF8": "gambar GIF", b"Rar!": "arsip RAR",
    b"7z\xbc\xaf": "arsip 7z", b"\x1f\x8b": "arsip gzip",
}
NOT_TEXT = "bukan berkas teks (CSV) atau XLSX yang sah."


def max_file_bytes() -> int:
    """The size limit per file: SOROT_MAX_UPLOAD_MB (megabytes) or MAX_FILE_MB."""
    raw = os.environ.get("SOROT_MAX_UPLOAD_MB", "").strip()
    try:
        mb = float(raw) if raw else MAX_FILE_MB
    except ValueError:
        mb = 0
    if not 0 < mb < 1 << 20:
        logging.getLogger(__name__).warning("SOROT_MAX_UPLOAD_MB=%r is not a size in MB: %s MB used", raw, MAX_FILE_MB)
        mb = MAX_FILE_MB
    return int(mb * (1 << 20))


def megabytes(size: int) -> str:
    """A size as the admin reads it, in Indonesian decimals: 1,2 MB, 252 MB, 1,5 GB."""
    value, unit = (size / (1 << 30), "GB") if size >= 1 << 30 else (size / (1 << 20), "MB")
    text = f"{value:,.1f}" if value < 10 else f"{value:,.0f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + " " + unit


def check_file(name: str, size: int, suffix: str | None = None, kinds: set[str] = ACCEPTED_SUFFIXES) -> None:
    """Refuse a file of a kind Sorot does not read, or larger than the limit per file (``name`` as shown)."""
    suffix = (PurePosixPath(name).suffix if suffix is None else suffix).lower()
    if suffix not in kinds:
        shown = ", ".join(sorted(ACCEPTED_SUFFIXES - ARCHIVE_SUFFIXES)) + " dan arsip .zip"
        hint = " Buka di Excel lalu simpan sebagai .xlsx atau CSV." if suffix in (".xls", ".xlsb", ".ods") else ""
        raise FileRefused("jenis_berkas", f"{name}: jenis berkas {suffix or '(tanpa akhiran)'} tidak diterima "
                                          f"(yang diterima: {shown}).{hint}")
    limit = max_file_bytes()
    if size > limit:
        raise FileRefused("terlalu_besar", f"{name}: berkas {megabytes(size)} melebihi batas {megabytes(limit)} per "
                                           "berkas; tidak dimuat. Ekspor per periode yang lebih pendek, atau minta "
                                           "pengelola menaikkan batasnya (SOROT_MAX_UPLOAD_MB).")


def _directory_problem(infos: list[zipfile.ZipInfo], spent: int) -> str | None:
    """What an archive's directory (its declared sizes) shows to be out of proportion, or None (``spent``: bytes
    the archives around it expand to)."""
    if len(infos) > MAX_MEMBERS:
        return f"berisi {len(infos):,} berkas (batas {MAX_MEMBERS:,})".replace(",", ".")
    for i in infos:
        if i.file_size > RATIO_FROM and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return (f"«{i.filename}» memuai {i.file_size // max(i.compress_size, 1):,}× saat dibuka (batas "
                    f"{MAX_RATIO}×)").replace(",", ".")
        if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return f"«{i.filename}» dimampatkan dengan metode yang tidak dipakai ekspor platform ({i.compress_type})"
    total = spent + sum(i.file_size for i in infos)
    if total > MAX_EXPANDED_BYTES:
        return (f"isinya {megabytes(total)} setelah dibuka{' bersama arsip di dalamnya' if spent else ''} (batas "
                f"{megabytes(MAX_EXPANDED_BYTES)})")
    return None


def copy_capped(src: BinaryIO, dst: BinaryIO, cap: int, name: str) -> int:
    """Copy at most ``cap`` bytes (a member's declared size): a member that expands past it is refused."""
    copied = 0
    while chunk := src.read(1 << 20):
        copied += len(chunk)
        if copied > cap:
            raise FileRefused("arsip_berbahaya", f"«{name}» lebih besar daripada yang tertulis di arsip")
        dst.write(chunk)
    return copied


def archive_problem(path: Path, nested: bool = True, verify: bool = False, spent: int = 0,
                    depth: int = 0) -> str | None:
    """Why an archive (a .zip, or a workbook: one too) must not be opened, read from its directory before anything
    is expanded — too many members, a member expanding out of proportion, more than MAX_EXPANDED_BYTES in all
    (the archives inside it included); None when it may be opened, or when it is no ZIP at all (its reader says so).

    An archive inside it (``nested``: MAX_NESTING level, one holding archives again is refused) is copied with its
    declared size as a cap into a temporary file and checked the same way, its expansion added to the rest
    (``spent``). With ``verify`` every other member is read through once, capped the same way, into nothing: a
    member that is corrupt, locked or larger than it says refuses the archive before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if problem := _directory_problem(infos, spent):
                return problem
            spent += sum(i.file_size for i in infos)
            archives = [i for i in infos if PurePosixPath(i.filename).suffix.lower() in ARCHIVE_SUFFIXES]
            if nested and archives and depth >= MAX_NESTING:
                return (f"berisi arsip lagi («{archives[0].filename}»): arsip di dalam arsip dibuka satu lapis "
                        "saja")
            for info in infos:
                inner = nested and info in archives
                if not (inner or verify):
                    continue
                try:
                    if not inner:
                        with zf.open(info) as src, open(os.devnull, "wb") as nothing:
                            copy_capped(src, nothing, info.file_size, info.filename)
                        continue
                    with tempfile.TemporaryDirectory(prefix="sorot-periksa-") as work:
                        copy = Path(work) / "arsip.zip"
                        with zf.open(info) as src, copy.open("wb") as dst:
                            copy_capped(src, dst, info.file_size, info.filename)
                        if problem := archive_problem(copy, nested, verify, spent, depth + 1):
                            return f"«{info.filename}»: {problem}"
                        with zipfile.ZipFile(copy) as z:
                            spent += sum(i.file_size for i in z.infolist() if not i.is_dir())
                except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, zlib.error) as err:
                    return f"«{info.filename}» tidak dapat dibuka, rusak atau terkunci sandi ({err})"
    except FileRefused as err:
        return err.message
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
            zlib.error):
        return None
    return None


def check_archive(path: Path, display: str) -> None:
    """Refuse an archive out of proportion or corrupt (``archive_problem``, every member read through), naming
    the file."""
    if problem := archive_problem(path, verify=True):
        raise FileRefused("arsip_berbahaya", f"{display}: arsip ditolak sebelum dibuka — {problem}. Tidak ada "
                                             "isinya yang dimuat (arsip rusak atau bom dekompresi?); berkas lain "
                                             "tetap dimuat.")


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


def detect_encoding(path: Path, display: str | None = None) -> str:
    """The encoding of a text file from its first MiB; refuses one that is not text (``display``: its name as
    shown — an archive member's copy has a name of its own)."""
    display = display or path.name
    with path.open("rb") as f:
        head = f.read(1 << 20)
    if not head:
        raise FileRefused("kosong", f"{display}: berkas kosong.")
    if kind := binary_kind(head):
        raise FileRefused("bukan_teks", f"{display}: {NOT_TEXT} Isinya {kind}.")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le-bom"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be-bom"
    sample = head[:4000]
    # UTF-16 without a mark: ASCII text has a zero in (nearly) every high byte and (nearly) none in the low ones;
    # a program or an image has zeros in both
    if sample and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) < len(sample) // 40:
        return "utf-16-le"
    if b"\x00" in sample:
        raise FileRefused("bukan_teks", f"{display}: {NOT_TEXT}")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 3:  # a character cut by the 1 MiB window
            return "utf-8"
        return "cp1252"


def binary_kind(head: bytes) -> str | None:
    """The kind of a file that is not text, from its first bytes (with a control byte no CSV has), or None."""
    control = any(b < 9 or (13 < b < 32 and b != 27) for b in head[:4000])
    return next((kind for sig, kind in SIGNATURES.items() if head.startswith(sig) and control), None)


def _python_codec(encoding: str) -> str:
    return {"utf-16-le-bom": "utf-16", "utf-16-be-bom": "utf-16"}.get(encoding, encoding)


@contextmanager
def utf8_copy(path: Path, encoding: str, display: str | None = None) -> Iterator[Path]:
    """The file itself when it is UTF-8, else a transcoded temporary copy (``display``: its name as shown)."""
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
                    "encoding", f"{display or path.name}: isi berkas tidak dapat dibaca sebagai {encoding}."
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
    size = path.stat().st_size
    check_file(display, size, path.suffix, DATA_SUFFIXES)
    if size == 0:
        raise FileRefused("kosong", f"{display}: berkas kosong.")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        if zipfile.is_zipfile(path) and (problem := archive_problem(path, nested=False)):
            raise FileRefused("excel_berbahaya", f"{display}: berkas Excel ditolak sebelum dibuka — {problem} (bom "
                                                 "dekompresi?). Tidak ada isinya yang dimuat.")
        return _sniff_excel(path, display)
    encoding = detect_encoding(path, display)
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
    with (utf8_copy(sniffed.path, sniffed.encoding, sniffed.display) as path,
          path.open(encoding="utf-8-sig", newline="") as f):
        reader = csv.reader(itertools.islice(f, sniffed.header_row, None), delimiter=sniffed.delimiter)
        return list(itertools.islice(reader, limit))


def _read_csv_batch(con: duckdb.DuckDBPyConnection, files: list[Sniffed]) -> None:
    first = files[0]
    columns = {f"c{i}": "VARCHAR" for i in range(len(first.match.headers))}
    with ExitStack() as stack:
        paths = [str(stack.enter_context(utf8_copy(f.path, f.encoding, f.display))) for f in files]
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


def _calamine(call, display: str):
    """``call()`` on python-calamine, its errors as this workbook's refusal."""
    from python_calamine import CalamineError

    try:
        return call()
    except (CalamineError, OSError, ValueError) as err:
        raise FileRefused("xlsx_rusak", f"{display}: berkas Excel rusak atau tidak dapat dibuka ({err}).") from err


def _open_book(path: Path, display: str):
    from python_calamine import CalamineWorkbook

    return _calamine(lambda: CalamineWorkbook.from_path(str(path)), display)


def sheet_rows(sniffed: Sniffed) -> list[list[object]]:
    """The data rows of a workbook, read again when its batch runs (sniffing keeps none in memory)."""
    book = _open_book(sniffed.path, sniffed.display)
    sheet = _calamine(lambda: book.get_sheet_by_index(sniffed.sheet), sniffed.display)
    return sheet.to_python(skip_empty_area=False)[sniffed.header_row:]


def _sniff_excel(path: Path, display: str) -> Sniffed:
    """The sheet holding a known header in its first rows; one sheet in memory at a time, and of it only the
    first rows as Python values (the whole sheet only when those rows hold no data below the header)."""
    widest: list[str] = []
    book = _open_book(path, display)
    for index in range(len(book.sheet_names)):
        sheet = _calamine(lambda i=index: book.get_sheet_by_index(i), display)
        head = sheet.to_python(skip_empty_area=False, nrows=HEAD_LINES + 1)
        for i, row in enumerate(head[:HEAD_LINES]):
            cells = [_cell_text(v) or "" for v in row]
            widest = max(widest, cells, key=len)
            found = match_format(cells)
            if found:
                below = head[i + 1:]
                if not _any_value(below) and sheet.end is not None and sheet.end[0] >= len(head):
                    below = sheet.to_python(skip_empty_area=False)[i + 1:]
                if not _any_value(below):
                    raise FileRefused("tanpa_data", f"{display}: judul kolom ada, tetapi tidak ada baris data.")
                return Sniffed(path, display, found, i + 1, "", "xlsx", index)
        del sheet, head
    raise FileRefused("format_tidak_dikenal", unknown_layout_message(display, widest))


def _any_value(rows: list[list[object]]) -> bool:
    return any(any(_cell_text(v) for v in r) for r in rows)


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
