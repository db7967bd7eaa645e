"""analytics.fmt in the viewer's language (``ui.i18n.language()``), so pages need not pass ``lang``:
number(1234.5, 1) is "1.234,5" in Indonesian, "1,234.5" with ?bahasa=en. Styles: see analytics.fmt."""

from __future__ import annotations

from datetime import date, datetime

from analytics import fmt
from analytics.fmt import EMPTY, FULL, MONTH, MONTHS, SHORT, WEEKDAY, missing
from ui.i18n import language

__all__ = ["EMPTY", "FULL", "MONTH", "MONTHS", "SHORT", "WEEKDAY", "day", "day_range", "duration", "missing",
           "moment", "number", "number1", "percent", "percent1"]


def number(value: float | int | None, decimals: int = 0) -> str:
    return fmt.number(value, decimals, lang=language())


def percent(value: float | None, decimals: int = 0) -> str:
    return fmt.percent(value, decimals, lang=language())


def number1(value: float | None) -> str:
    return number(value, 1)


def percent1(value: float | None) -> str:
    return percent(value, 1)


def day(value: date | str | None, style: str = FULL) -> str:
    return fmt.day(value, style, lang=language())


def day_range(start: date | None, end: date | None) -> str:
    return fmt.day_range(start, end, lang=language())


def moment(value: datetime | None) -> str:
    return fmt.moment(value, lang=language())


def duration(value: float | None, decimals: int = 1) -> str:
    return fmt.duration(value, decimals, lang=language())
