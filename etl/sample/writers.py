"""File writers: CSV with the encodings/delimiters real exports use, deterministic .xlsx, mtimes."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any, Sequence

import pyarrow as pa
import pyarrow.csv as pacsv
from openpyxl import Workbook

WIB = dt.timezone(dt.timedelta(hours=7))


def export_time(day: dt.date) -> float:
    """Unix time of an export made on `day` at 18:00 WIB (used as the file's mtime)."""
    return dt.datetime(day.year, day.month, day.day, 18, 0, tzinfo=WIB).timestamp()


def touch(path: Path, day: dt.date) -> None:
    t = export_time(day)
    os.utime(path, (t, t))


def table(columns: dict[str, Any]) -> pa.Table:
    """Arrow table from name -> values (lists, numpy arrays or Arrow arrays); names may repeat."""
    arrays = [v if isinstance(v, (pa.Array, pa.ChunkedArray)) else pa.array(v) for v in columns.values()]
    return pa.Table.from_arrays(arrays, names=list(columns))


def write_csv(path: Path, data: pa.Table, day: dt.date, *, bom: bool = False, encoding: str = "utf-8",
              delimiter: str = ",", crlf: bool = False, append: bool = False) -> int:
    """Write (or append without header) a CSV; returns the number of data rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    opts = pacsv.WriteOptions(include_header=not append, delimiter=delimiter,
                              eol="\r\n" if crlf else "\n", quoting_style="needed")
    if encoding == "utf-8" and not bom:
        with open(path, "ab" if append else "wb") as f:
            pacsv.write_csv(data, f, opts)
    else:
        buf = io.BytesIO()
        pacsv.write_csv(data, buf, opts)
        text = buf.getvalue().decode("utf-8")
        raw = text.encode(encoding, errors="replace")
        with open(path, "ab" if append else "wb") as f:
            f.write((b"\xef\xbb\xbf" if bom and not append else b"") + raw)
    touch(path, day)
    return data.num_rows


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], day: dt.date,
               sheet: str = "Sheet1") -> int:
    """Write a one-sheet workbook; the zip is normalised so the bytes depend only on the data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append(list(header))
    n = 0
    for row in rows:
        ws.append(list(row))
        n += 1
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue(), day))
    touch(path, day)
    return n


def _normalise_zip(data: bytes, day: dt.date) -> bytes:
    stamp = f"{day.isoformat()}T11:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{stamp}\g<3>", text)
                body = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 18, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, body)
    return out.getvalue()
