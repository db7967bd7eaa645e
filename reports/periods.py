"""The period of an export as the command line writes it — ``last-7-days``, ``last-30-days``, ``last-month``,
``YYYY-MM`` or ``YYYY-MM-DD:YYYY-MM-DD`` — as (first, last) day, and "today" in the region without Streamlit."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from analytics.context import period
from analytics.i18n import translate

ZONE = ZoneInfo("Asia/Jakarta")
EARLIEST = date(2010, 1, 1)  # before any pemda account's data (as the app's custom period)
NAMED = {"last-7-days": "7h", "last-30-days": "30h", "last-month": "bulan_lalu"}
FORMS = ("last-7-days, last-30-days, last-month, YYYY-MM (mis. 2026-10), YYYY-MM-DD:YYYY-MM-DD "
         "(mis. 2026-10-01:2026-10-31)")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})")


class PeriodError(ValueError):
    """A period the command line does not know; the message names the value and the accepted forms."""


def today() -> date:
    """Today in the region (``SOROT_TODAY=YYYY-MM-DD`` pins it, for demos and tests), as the app's."""
    pinned = os.environ.get("SOROT_TODAY")
    return date.fromisoformat(pinned) if pinned else datetime.now(ZONE).date()


def parse_period(text: str, today: date, lang: str = "id") -> tuple[date, date]:
    """(first, last) day of ``text`` relative to ``today``. A month or range is kept up to today (the current
    month is the month to date, as the app's "Bulan ini"); one that starts after today, before 2010, or ends
    before it starts is refused with a ``PeriodError`` in ``lang``."""
    value = text.strip()
    if value in NAMED:
        return period(NAMED[value], today)
    try:
        if month := _MONTH.fullmatch(value):
            start = date(int(month[1]), int(month[2]), 1)
            end = (start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        elif days := _RANGE.fullmatch(value):
            start, end = date.fromisoformat(days[1]), date.fromisoformat(days[2])
        else:
            raise ValueError(value)
    except ValueError:
        raise PeriodError(translate("Periode «{value}» tidak dikenal. Bentuk yang diterima: {forms}.", lang,
                                    value=text, forms=translate(FORMS, lang))) from None
    if end < start:
        raise PeriodError(translate("Periode «{value}» berakhir sebelum dimulai.", lang, value=text))
    if start > today:
        raise PeriodError(translate("Periode «{value}» belum dimulai (hari ini {today}).", lang, value=text,
                                    today=today.isoformat()))
    if start < EARLIEST:
        raise PeriodError(translate("Periode «{value}» dimulai sebelum {earliest}; tidak ada data selama itu.", lang,
                                    value=text, earliest=EARLIEST.isoformat()))
    return start, min(end, today)
