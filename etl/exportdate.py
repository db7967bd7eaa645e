"""When an export was taken, and the period it covers, from real dates only.

Metrics in platform exports are lifetime totals *as of the export*, so the snapshot date decides
which numbers are current. It is read from a real date in the file name (then the names of the
archive or folders around it), then the member's time stamp inside its archive, and only then the
file's own time. Numeric suffixes (Meta's ``_1820351125403917``), Unix times and ``(1)`` are not
dates: a digit run counts only when it is exactly a date, bounded by non-digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from etl.parse import MONTHS
from etl.sources import Source

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_PATTERNS = (
    # 2026-11-22, 2026_11_22, 2026.11.22, 20261122 — not inside a longer digit run
    (re.compile(r"(?<!\d)(20\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"), "ymd"),
    # Nov-22-2026, Nov 22 2026 (Meta)
    (re.compile(rf"(?<![a-z])({_MONTH})[-_ .]?(\d{{1,2}})(?:st|nd|rd|th)?[-_ ,.]+(20\d\d)(?!\d)", re.I), "mdy"),
    # 22-Nov-2026, 22 November 2026
    (re.compile(rf"(?<!\d)(\d{{1,2}})[-_ .]?({_MONTH})[-_ .,]+(20\d\d)(?!\d)", re.I), "dmy"),
    # 22-11-2026, 22.11.2026
    (re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])([-_.])(0[1-9]|1[0-2])\2(20\d\d)(?!\d)"), "dmy_num"),
)


def dates_in(name: str) -> list[date]:
    """Every real calendar date written in a file name, in the order they appear."""
    found: list[tuple[int, date]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(name):
            g = m.groups()
            try:
                if kind == "ymd":
                    d = date(int(g[0]), int(g[2]), int(g[3]))
                elif kind == "mdy":
                    d = date(int(g[2]), MONTHS[g[0].lower()], int(g[1]))
                elif kind == "dmy":
                    d = date(int(g[2]), MONTHS[g[1].lower()], int(g[0]))
                else:
                    d = date(int(g[3]), int(g[2]), int(g[0]))
            except ValueError:
                continue
            found.append((m.start(), d))
    return [d for _, d in sorted(found)]


@dataclass(frozen=True)
class ExportDate:
    at: datetime  # aware; the end of the export day in the region's zone (or the stamp itself)
    source: str  # where it came from, in words, for the load report
    period: tuple[date, date] | None = None  # the first and last day the export covers, if named

    @property
    def day(self) -> date:
        return self.at.date()


def _end_of(day: date, tz: str) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=ZoneInfo(tz))


def export_date(src: Source, tz: str) -> ExportDate:
    """The snapshot of ``src``; see the module doc for the order of evidence."""
    for i, name in enumerate(src.context):
        found = dates_in(name)
        if found:
            where = "nama berkas" if i == 0 else f"nama «{name}»"
            period = (min(found), max(found)) if len(found) > 1 else None
            last = max(found)  # the end of the period a name spans is when the export was taken
            return ExportDate(_end_of(last, tz), f"{where} ({last.isoformat()})", period)
    if src.archive_time is not None:
        stamp = src.archive_time.replace(tzinfo=ZoneInfo(tz))
        return ExportDate(stamp, f"waktu berkas di dalam arsip ({stamp:%Y-%m-%d %H:%M})")
    stamp = datetime.fromtimestamp(src.path.stat().st_mtime, tz=UTC).astimezone(ZoneInfo(tz))
    return ExportDate(stamp, f"waktu berkas disimpan ({stamp:%Y-%m-%d %H:%M}); nama berkas tanpa tanggal")


def future_problem(exp: ExportDate, tz: str, name: str) -> str | None:
    """A snapshot after today cannot be right (a mistyped name would freeze the metrics)."""
    today = datetime.now(ZoneInfo(tz)).date()
    if exp.day > today:
        return (f"{name}: tanggal ekspor {exp.day.isoformat()} (dari {exp.source}) berada di masa depan. "
                "Periksa nama berkas; berkas tidak dimuat.")
    return None
