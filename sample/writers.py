"""File writers: CSV with the encodings/delimiters real exports use, deterministic .xlsx and .zip, mtimes."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.csv as pacsv

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


def _csv_options(header: bool, delimiter: str, crlf: bool, quote_all: bool) -> pacsv.WriteOptions:
    return pacsv.WriteOptions(include_header=header, delimiter=delimiter, eol="\r\n" if crlf else "\n",
                              quoting_style="all_valid" if quote_all else "needed")


def csv_bytes(data: pa.Table, *, bom: bool = False, encoding: str = "utf-8", delimiter: str = ",",
              crlf: bool = False, quote_all: bool = False) -> bytes:
    """A CSV file's bytes (for an archive member)."""
    buf = io.BytesIO()
    pacsv.write_csv(data, buf, _csv_options(True, delimiter, crlf, quote_all))
    raw = buf.getvalue()
    if encoding != "utf-8":
        raw = raw.decode("utf-8").encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" if bom else b"") + raw


def write_csv(path: Path, data: pa.Table, day: dt.date, *, bom: bool = False, encoding: str = "utf-8",
              delimiter: str = ",", crlf: bool = False, append: bool = False, quote_all: bool = False) -> int:
    """Write (or append without header) a CSV; returns the number of data rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    opts = _csv_options(not append, delimiter, crlf, quote_all)
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


def _zip_member(name: str, day: dt.date, hour: int = 18) -> zipfile.ZipInfo:
    """An archive entry stamped `day` at `hour`:00 local time (never now(): same seed, same bytes)."""
    zi = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, hour, 0, 0))
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o600 << 16
    return zi


def write_zip(path: Path, members: Sequence[tuple[str, bytes]], day: dt.date) -> None:
    """A .zip as a platform's download: members stamped at 18:00 of the export day; mtime likewise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members:
            z.writestr(_zip_member(name, day), body)
    touch(path, day)


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/styles.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
       '<Override PartName="/docProps/core.xml" '
       'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
         'core-properties" Target="docProps/core.xml"/></Relationships>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/></Relationships>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>')
_EPOCH = dt.datetime(1899, 12, 30)


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(ref: str, v: Any, style: int = 0) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, dt.datetime):
        serial = (v - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="1"><v>{serial:.10f}</v></c>'
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return f'<c r="{ref}"><v>{v}</v></c>'
    text = escape(str(v))
    st = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{st}><is><t xml:space="preserve">{text}</t></is></c>'


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], day: dt.date,
               sheet: str = "Sheet1") -> int:
    """Write a one-sheet workbook (inline strings, bold header). Bytes depend only on the data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        n = _xlsx(f, header, rows, day, sheet)
    touch(path, day)
    return n


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]], day: dt.date,
               sheet: str = "Sheet1") -> tuple[bytes, int]:
    """The bytes of a one-sheet workbook (for an archive member) and its number of data rows."""
    buf = io.BytesIO()
    n = _xlsx(buf, header, rows, day, sheet)
    return buf.getvalue(), n


def _xlsx(target: Any, header: Sequence[str], rows: Sequence[Sequence[Any]], day: dt.date, sheet: str) -> int:
    cols = [_col(i) for i in range(len(header))]
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
             '<row r="1">' + "".join(_cell(f"{c}1", h, 2) for c, h in zip(cols, header)) + "</row>"]
    n = 0
    for n, row in enumerate(rows, start=1):
        r = n + 1
        parts.append(f'<row r="{r}">' + "".join(_cell(f"{c}{r}", v) for c, v in zip(cols, row)) + "</row>")
    parts.append("</sheetData></worksheet>")
    stamp = f"{day.isoformat()}T11:00:00Z"
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Diskominfo</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    members = [("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("docProps/core.xml", core),
               ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", _WB_RELS),
               ("xl/styles.xml", _STYLES), ("xl/worksheets/sheet1.xml", "".join(parts))]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members:
            z.writestr(_zip_member(name, day), body.encode("utf-8"))
    return n
