"""Numbers, dates and durations as a reader of the language expects them, without Streamlit: Indonesian
by default (1.234; 45,6%; 4 Des 2026), English with ``lang="en"`` (1,234; 45.6%; 4 Dec 2026).

One style per context:

- ``day(d)`` — FULL, "4 Des 2026": captions, titles, table cells, hover labels;
- ``day(d, SHORT)`` — "4 Des": chart ticks and a point within a stated period;
- ``day(d, WEEKDAY)`` — "Jum, 4 Des 2026": where the day of the week matters (a deadline, an assembly);
- ``day(d, MONTH)`` — "Des 2026": monthly ticks;
- ``moment(t)`` — "4 Des 2026 14.05 WIB" (en "4 Dec 2026 14:05 WIB"): when data was loaded;
- ``duration(x)`` — "3,5 hari kerja" (en "3.5 working days");
- ``percent(x)`` — "75,8%": no space before the sign (PUEBI/KBBI), in both languages;
- a missing value (None, NaN, NaT) is ``EMPTY`` ("—") everywhere; a caller that knows why puts the
  reason in the help/tooltip beside it.
"""

from __future__ import annotations

from datetime import date, datetime

EMPTY = "—"
FULL, SHORT, WEEKDAY, MONTH = "full", "short", "weekday", "month"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTH_ABBR = {"id": MONTHS, "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")}
WEEKDAYS = {"id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
SEPARATORS = {"id": ",.", "en": ".,"}  # decimal mark, then thousands separator (Plotly's layout.separators)
WORKDAYS = {"id": ("hari kerja", "hari kerja"), "en": ("working day", "working days")}


def missing(value: object) -> bool:
    """None, NaN, NaT or pd.NA."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:  # pd.NA
        return True


def number(value: float | int | None, decimals: int = 0, *, lang: str = "id") -> str:
    """1234.5 → "1.234,5" (decimals=1; en "1,234.5"); missing → "—"."""
    if missing(value):
        return EMPTY
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0,.") == "":  # -0.04 → "0,0", not "-0,0"
        text = text.lstrip("-")
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, decimals: int = 0, *, lang: str = "id") -> str:
    """0.456 → "45,6%" (decimals=1; en "45.6%"); missing → "—"."""
    if missing(value):
        return EMPTY
    return number(value * 100, decimals, lang=lang) + "%"


def _as_date(value: date | str) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    return value


def day(value: date | str | None, style: str = FULL, *, lang: str = "id") -> str:
    """A date in one of the named styles (FULL "4 Des 2026", SHORT "4 Des", WEEKDAY "Jum, 4 Des 2026",
    MONTH "Des 2026"); missing → "—"."""
    if missing(value):
        return EMPTY
    d = _as_date(value)
    month = MONTH_ABBR.get(lang, MONTHS)[d.month - 1]
    if style == SHORT:
        return f"{d.day} {month}"
    if style == MONTH:
        return f"{month} {d.year}"
    full = f"{d.day} {month} {d.year}"
    if style == WEEKDAY:
        return f"{WEEKDAYS.get(lang, WEEKDAYS['id'])[d.weekday()]}, {full}"
    return full


def day_range(start: date | None, end: date | None, *, lang: str = "id") -> str:
    """"4 Des 2026 – 10 Des 2026": a period, both ends in FULL style."""
    return f"{day(start, lang=lang)} – {day(end, lang=lang)}"


def moment(value: datetime | None, *, lang: str = "id") -> str:
    """"4 Des 2026 14.05 WIB" (en "4 Dec 2026 14:05 WIB"; the zone when known); missing → "—"."""
    if missing(value):
        return EMPTY
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    clock = f"{value:%H:%M}" if lang == "en" else f"{value:%H.%M}"
    zone = value.tzname() if value.tzinfo else None
    return f"{day(value, lang=lang)} {clock}" + (f" {zone}" if zone and not zone.startswith(("+", "-")) else "")


def duration(value: float | None, decimals: int = 1, *, lang: str = "id") -> str:
    """Working days: 3.5 → "3,5 hari kerja" (en "3.5 working days", "1 working day"); missing → "—"."""
    if missing(value):
        return EMPTY
    shown = number(value, decimals, lang=lang)
    one, many = WORKDAYS.get(lang, WORKDAYS["id"])
    return f"{shown} {one if shown == '1' else many}"
