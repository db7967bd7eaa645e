"""A table as a file: CSV (UTF-8 with BOM, comma-separated: Excel opens it right) and XLSX (XlsxWriter).

Both start with a header block — report, region, period, filters, generated at, source — then a blank row,
then the table with the headers shown on the page. Numbers stay numbers (XLSX: a number format with the
declared decimals; shares as numbers with a percent format), dates stay dates (XLSX date cells, CSV ISO
dates), missing values are empty cells.

Formula-safe (OWASP "CSV injection"): a text cell beginning with ``=``, ``+``, ``-``, ``@``, TAB or CR gets
a leading ``'`` in both files, and the workbook is written with ``strings_to_formulas`` off, cell by cell
with typed writes — no text ever becomes a live formula or link.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import xlsxwriter

from analytics.fmt import missing, moment
from analytics.i18n import translate

if TYPE_CHECKING:
    from analytics.metrics import Metric

ZONE = ZoneInfo("Asia/Jakarta")
RISKY = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet may read a cell beginning so as a formula
SHEET = "Sorot"


@dataclass(frozen=True)
class Meta:
    """What the header block says; every text already in the file's language (``lang``)."""
    title: str
    period: str
    filters: str
    generated_at: datetime  # local time (Asia/Jakarta)
    region: str
    source: str
    lang: str = "id"

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) of the header block."""
        source = self.source
        for prefix in ("Sumber: ", translate("Sumber: ", self.lang)):  # a page's caption says it already
            source = source.removeprefix(prefix)
        return [(translate("Laporan", self.lang), self.title), (translate("Daerah", self.lang), self.region),
                (translate("Periode", self.lang), self.period), (translate("Saringan", self.lang), self.filters),
                (translate("Dibuat", self.lang), moment(self.generated_at, lang=self.lang)),
                (translate("Sumber", self.lang), source)]


@dataclass(frozen=True)
class Number:
    """How a numeric column is written: its decimals, whether it is a share (0.259 → 25.9%), and whether a
    rise shows its sign (a change: +3, -1)."""
    decimals: int = 0
    share: bool = False
    signed: bool = False

    @classmethod
    def of(cls, m: Metric) -> Number:
        """The format the metric catalog declares for a figure."""
        return cls(0 if m.unit == "rank" else m.decimals, m.unit == "share")

    def excel(self) -> str:
        places = "." + "0" * self.decimals if self.decimals else ""
        body = f"0{places}%" if self.share else f"#,##0{places}"
        return f"+{body};-{body};{body}" if self.signed else body

    def csv(self, value: float) -> str:
        text = f"{value:{'+' if self.signed else ''}.{self.decimals + (2 if self.share else 0)}f}"
        return text.lstrip("-+") if float(text) == 0 else text  # never "-0.0"


DAY, MOMENT, TEXT, FLAG = "day", "moment", "text", "flag"


def safe(text: str) -> str:
    """Text a spreadsheet never reads as a formula: a leading ``'`` when it begins with = + - @ TAB or CR."""
    return "'" + text if text.startswith(RISKY) else text


def _kind(column: pd.Series, declared: Number | Metric | None) -> Number | str:
    """How a column is written: a Number, DAY, MOMENT, FLAG or TEXT (as ui.format.styled reads it)."""
    if declared is not None:
        return declared if isinstance(declared, Number) else Number.of(declared)
    values = column.dropna()
    if values.empty:
        return TEXT
    if pd.api.types.is_bool_dtype(column) or all(isinstance(v, bool) for v in values):
        return FLAG
    if pd.api.types.is_datetime64_any_dtype(column) or all(isinstance(v, date) for v in values):
        stamps = pd.to_datetime(values.map(_local) if values.dtype == object else values)
        return DAY if (stamps == stamps.dt.normalize()).all() else MOMENT
    if pd.api.types.is_numeric_dtype(column):
        return Number(0 if bool((values == values.round()).all()) else 1)
    return TEXT


def _local(value: date) -> datetime:
    """A date or time as a naive local (Asia/Jakarta) datetime."""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(ZONE).tz_localize(None)
    return stamp.to_pydatetime()


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def _columns(frame: pd.DataFrame, labels: Mapping[str, str],
             formats: Mapping[str, Number | Metric] | None) -> list[tuple[str, str, Number | str]]:
    """(column, header, kind) in the order of ``labels``."""
    return [(c, header, _kind(frame[c], (formats or {}).get(c))) for c, header in labels.items()]


def _csv_cell(value: object, kind: Number | str) -> str:
    if _missing(value):
        return ""
    if isinstance(kind, Number) and _is_number(value):
        return kind.csv(float(value))
    if kind in (DAY, MOMENT) and isinstance(value, date):
        stamp = _local(value)
        return stamp.date().isoformat() if kind == DAY else stamp.strftime("%Y-%m-%d %H:%M")
    if kind == FLAG and isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return safe(_text(value))


def _missing(value: object) -> bool:
    return not isinstance(value, list | tuple) and missing(value)


def _is_number(value: object) -> bool:
    return not isinstance(value, bool | np.bool_) and pd.api.types.is_number(value)


def table_csv(frame: pd.DataFrame, labels: Mapping[str, str], meta: Meta,
              formats: Mapping[str, Number | Metric] | None = None) -> bytes:
    """The table (columns and headers of ``labels``, numbers by ``formats`` or as the page shows them) as CSV."""
    columns = _columns(frame, labels, formats)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([label, safe(value)] for label, value in meta.rows())
    writer.writerow([])
    writer.writerow([safe(header) for _, header, _ in columns])
    for row in zip(*(frame[c].tolist() for c, _, _ in columns), strict=True):
        writer.writerow([_csv_cell(v, kind) for v, (_, _, kind) in zip(row, columns, strict=True)])
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame, labels: Mapping[str, str], meta: Meta,
               formats: Mapping[str, Number | Metric] | None = None) -> bytes:
    """The same table as an XLSX workbook: typed cells, bold header row, frozen under it, widths to fit."""
    out = io.BytesIO()
    book = xlsx_book(out, meta)
    styles = Styles(book)
    sheet = book.add_worksheet(SHEET)
    write_table(sheet, write_header(sheet, meta, styles), frame, labels, styles, formats,
                first=max(len(label) for label, _ in meta.rows()))
    book.close()
    return out.getvalue()


# --- the parts of an XLSX table, for a workbook of several sheets (reports.workbook) -------------------------


def xlsx_book(out: io.BytesIO, meta: Meta) -> xlsxwriter.Workbook:
    """A workbook writing into ``out`` where no text becomes a formula, link or number; its properties from
    ``meta``."""
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False, "remove_timezone": True})
    book.set_properties({"title": meta.title, "company": meta.region, "comments": meta.source,
                         "created": meta.generated_at.replace(tzinfo=None)})
    return book


class Styles:
    """The cell formats of a workbook, each made once: bold, the title's, and one per kind of column."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.bold, self.title = book.add_format({"bold": True}), book.add_format({"bold": True, "font_size": 13})
        self.kinds: dict[Number | str, object] = {DAY: book.add_format({"num_format": "d mmm yyyy"}),
                                                  MOMENT: book.add_format({"num_format": "d mmm yyyy hh:mm"})}

    def of(self, kind: Number | str):
        """The format of a column of ``kind`` (None for text and flags)."""
        if isinstance(kind, Number) and kind not in self.kinds:
            self.kinds[kind] = self.book.add_format({"num_format": kind.excel()})
        return self.kinds.get(kind)

    def custom(self, num_format: str):
        """The format of cells written with an Excel number format of their own (e.g. a change with its unit)."""
        if num_format not in self.kinds:
            self.kinds[num_format] = self.book.add_format({"num_format": num_format})
        return self.kinds[num_format]


def write_header(sheet, meta: Meta, styles: Styles) -> int:
    """The header block at the top of ``sheet``; returns the row a table starts on (after a blank row)."""
    for i, (label, value) in enumerate(meta.rows()):
        sheet.write_string(i, 0, label, styles.bold)
        sheet.write_string(i, 1, safe(value), styles.title if i == 0 else None)
    return len(meta.rows()) + 1


def write_table(sheet, top: int, frame: pd.DataFrame, labels: Mapping[str, str], styles: Styles,
                formats: Mapping[str, Number | Metric] | None = None, first: int = 0) -> int:
    """The table (columns and headers of ``labels``) from row ``top``: a bold header row, frozen under it, typed
    cells, widths to fit (the first column at least ``first`` wide); returns the row after its last."""
    columns = _columns(frame, labels, formats)
    widths = [first] + [0] * max(len(columns) - 1, 0)
    for j, (c, header, kind) in enumerate(columns):
        sheet.write_string(top, j, safe(header), styles.bold)
        style = styles.of(kind)
        longest = len(header)
        for i, value in enumerate(frame[c].tolist(), start=top + 1):
            longest = max(longest, write_cell(sheet, i, j, value, kind, style))
        widths[j] = max(widths[j], min(longest + 2, 60))
    for j, width in enumerate(widths):
        sheet.set_column(j, j, max(width, 8))
    sheet.freeze_panes(top + 1, 0)
    return top + 1 + len(frame)


def write_cell(sheet, row: int, col: int, value: object, kind: Number | str, style=None) -> int:
    """Write one cell with the write of its type (formula-safe text); returns about how wide it reads."""
    if _missing(value):
        sheet.write_blank(row, col, None, style)
        return 0
    if isinstance(kind, Number) and _is_number(value):
        sheet.write_number(row, col, float(value), style)
        return len(f"{float(value) * (100 if kind.share else 1):,.{kind.decimals}f}") + (1 if kind.share else 0)
    if kind in (DAY, MOMENT) and isinstance(value, date):
        sheet.write_datetime(row, col, _local(value), style)
        return 11 if kind == DAY else 17
    if kind == FLAG and isinstance(value, bool):
        sheet.write_boolean(row, col, value)
        return 5
    text = safe(_text(value))
    sheet.write_string(row, col, text)
    return len(text)
