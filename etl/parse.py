"""Parsers for the numbers, durations and dates found in platform exports and Indonesian sheets.

Each parser takes one raw string and returns the value or ``None`` when it cannot read it.
The loader runs most rows through DuckDB fast paths (``sql_*`` below) and sends only the
distinct values those miss through these Python parsers, so both must agree on what they accept.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_SUFFIX = {
    "k": 1e3, "rb": 1e3, "ribu": 1e3,
    "m": 1e6, "jt": 1e6, "juta": 1e6, "mn": 1e6,
    "b": 1e9, "miliar": 1e9, "milyar": 1e9, "bn": 1e9,
}
_NUMBER = re.compile(r"^([-+]?)([\d.,]+)\s*([a-z]*)\.?$")


def _mantissa(digits: str, has_suffix: bool) -> float | None:
    """Read '1.234', '1.234,5', '18,400', '1,2' or '1.2' with the Indonesian/English ambiguity."""
    if not re.search(r"\d", digits) or digits[0] in ".," or digits[-1] in ".,":
        return None
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, frac = digits.rpartition(decimal)
        if digits.count(decimal) > 1 or not _grouped(whole, thousands):
            return None
        return float(whole.replace(thousands, "") + "." + frac)
    sep = "." if dots else "," if commas else ""
    if not sep:
        return float(digits)
    parts = digits.split(sep)
    if len(parts) > 2 or (not has_suffix and len(parts[-1]) == 3):
        return float(digits.replace(sep, "")) if _grouped(digits, sep) else None
    return float(parts[0] + "." + parts[1])


def _grouped(digits: str, sep: str) -> bool:
    parts = digits.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def parse_number(raw: str | None) -> float | None:
    """'1.234' → 1234, '1.234,5' → 1234.5, '1,2 rb' → 1200, '1.2K' → 1200, '38%' → 38."""
    if raw is None:
        return None
    s = raw.strip().lower().replace("\u00a0", "").replace(" ", "")
    if not s or s in {"-", "—"}:
        return None
    s = s.removesuffix("%")
    m = _NUMBER.match(s)
    if not m:
        return None
    sign, digits, suffix = m.groups()
    if suffix and suffix not in _SUFFIX:
        return None
    value = _mantissa(digits, bool(suffix))
    if value is None:
        return None
    value *= _SUFFIX.get(suffix, 1.0)
    return -value if sign == "-" else value


def parse_count(raw: str | None) -> int | None:
    """A whole, non-negative metric such as views or likes."""
    value = parse_number(raw)
    if value is None or value < 0 or math.isinf(value):
        return None
    return round(value)


def parse_duration(raw: str | None) -> float | None:
    """'0:12' → 12, '1:02:03' → 3723, '12' or '12s' → 12 (seconds)."""
    if raw is None:
        return None
    s = raw.strip().lower().removesuffix("s").strip()
    if not s:
        return None
    if ":" in s:
        parts = s.split(":")
        if len(parts) > 3 or not all(re.fullmatch(r"\d+(\.\d+)?", p) for p in parts):
            return None
        total = 0.0
        for p in parts:
            total = total * 60 + float(p)
        return total
    value = parse_number(s)
    return value if value is not None and value >= 0 else None


# ----- dates -----------------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_DAYS = (
    "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
_ZONES = {"wib": 7, "wita": 8, "wit": 9, "utc": 0, "gmt": 0, "z": 0}
_DAY_RE = re.compile(rf"^(?:{_DAYS})\b[,.]?\s*")
_TIME_RE = re.compile(
    r"[\st,]+(?:pukul\s+|jam\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?"
    r"\s*(am|pm)?\s*(wib|wita|wit|utc|gmt|z|[+-]\d{2}:?\d{2})?$"
)
_ZONE_ONLY_RE = re.compile(r"\s+(wib|wita|wit)$")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_NAMED_DMY = re.compile(r"^(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-,]+(\d{4})$")
_NAMED_MDY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_YEARLESS_DM = re.compile(r"^(\d{1,2})[\s\-]+([a-z]+)\.?$")  # TikTok Studio in Indonesian: 27 Oktober
_YEARLESS_MD = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})$")  # TikTok Studio in English: November 4


def _offset(zone: str | None) -> timezone | None:
    if not zone:
        return None
    if zone in _ZONES:
        return timezone(timedelta(hours=_ZONES[zone]))
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _split_time(s: str) -> tuple[str, tuple[int, int, int] | None, timezone | None]:
    m = _TIME_RE.search(s)
    if not m:
        z = _ZONE_ONLY_RE.search(s)
        return (s[: z.start()], None, _offset(z.group(1))) if z else (s, None, None)
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if m.group(4) == "pm" and hour < 12:
        hour += 12
    elif m.group(4) == "am" and hour == 12:
        hour = 0
    return s[: m.start()].strip(" ,"), (hour, minute, second), _offset(m.group(5))


def _yearless(s: str, reference: date) -> tuple[int, int, int] | None:
    """Month and day without a year: the latest such date not after ``reference`` (the export day)."""
    if m := _YEARLESS_DM.match(s):
        day, month = int(m.group(1)), MONTHS.get(m.group(2))
    elif m := _YEARLESS_MD.match(s):
        day, month = int(m.group(2)), MONTHS.get(m.group(1))
    else:
        return None
    if not month:
        return None
    year = reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1
    if (month, day) == (2, 29):  # the latest 29 February not after the reference
        while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
            year -= 1
    return year, month, day


def _date_part(s: str, order: str, reference: date | None = None) -> tuple[int, int, int] | None:
    if reference is not None and (found := _yearless(s, reference)):
        return found
    if m := _NUMERIC_DATE.match(s):
        a, b, c = (int(x) for x in m.groups())
        if len(m.group(1)) == 4:
            return a, b, c
        if len(m.group(3)) != 4:
            return None
        return (c, a, b) if order == "mdy" else (c, b, a)
    if m := _NAMED_DMY.match(s):
        month = MONTHS.get(m.group(2))
        return (int(m.group(3)), month, int(m.group(1))) if month else None
    if m := _NAMED_MDY.match(s):
        month = MONTHS.get(m.group(1))
        return (int(m.group(3)), month, int(m.group(2))) if month else None
    return None


def parse_timestamp(raw: str | None, tz: str = "Asia/Jakarta", order: str = "dmy",
                    reference: date | None = None) -> datetime | None:
    """Read a platform or Indonesian date/time; naive values are local time in ``tz``.

    Returns an aware datetime in UTC. ``order`` settles '03/04/2026' (dmy: 3 April). With a
    ``reference`` day, a date without a year ('November 4') takes the latest year not after it.
    """
    if raw is None:
        return None
    s = re.sub(r"\s+", " ", raw.strip().lower())
    if not s:
        return None
    s = _DAY_RE.sub("", s)
    rest, clock, zone = _split_time(s)
    ymd = _date_part(rest.strip(" ,"), order, reference)
    if ymd is None:
        return None
    try:
        naive = datetime(*ymd, *(clock or (0, 0, 0)))
    except ValueError:
        return None
    aware = naive.replace(tzinfo=zone or ZoneInfo(tz))
    return aware.astimezone(UTC)


# ----- DuckDB fast paths (must accept a subset of what the Python parsers accept) ---------------

NAIVE_FORMATS = {
    "dmy": ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y"],
    "mdy": ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%a, %b %d, %Y", "%b %d, %Y"],
}
ISO_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]
ZONED_FORMATS = ["%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z"]
ISO_WITH_OFFSET = "iso-offset"  # ISO 8601 with +07:00 or Z, read by a cast


def timestamp_candidates(order: str) -> list[tuple[str, str]]:
    """(kind, format) a column's dates may follow, the date order's own formats first."""
    return ([("naive", f) for f in NAIVE_FORMATS[order] + ISO_FORMATS]
            + [("zoned", f) for f in ZONED_FORMATS] + [(ISO_WITH_OFFSET, "")])


def sql_count(col: str) -> str:
    """Plain digits only: anything else goes to the Python parser."""
    return f"CASE WHEN regexp_full_match({col}, '\\d{{1,18}}') THEN CAST({col} AS BIGINT) END"


def fixed_offset_seconds(tz: str) -> int | None:
    """The zone's UTC offset if it never changes (WIB, WITA, WIT: no daylight saving), else None."""
    zone = ZoneInfo(tz)
    offsets = {datetime(y, m, 1, tzinfo=zone).utcoffset() for y in range(1990, 2041) for m in (1, 7)}
    return int(offsets.pop().total_seconds()) if len(offsets) == 1 else None


def sql_timestamp(col: str, choice: tuple[str, str], tz_param: str, offset: int | None = None) -> str:
    """One format per column (chosen from a sample): a failed try in DuckDB costs an exception,
    so trying a list of formats per row is 30x slower. Naive values are local time; a fixed
    offset avoids ICU's per-row zone lookup."""
    kind, fmt = choice
    if kind == ISO_WITH_OFFSET:
        return f"CASE WHEN regexp_matches({col}, '([+-]\\d\\d:?\\d\\d|Z)$') THEN try_cast({col} AS TIMESTAMPTZ) END"
    if kind == "zoned":
        return f"try_strptime({col}, '{fmt}')"
    local = f"try_strptime({col}, '{fmt}')"
    return f"timezone({tz_param}, {local})" if offset is None else f"to_timestamp(epoch({local}) - {offset})"
