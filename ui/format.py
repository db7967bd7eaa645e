"""analytics.fmt in the viewer's language (``ui.i18n.language()``), so pages need not pass ``lang``:
number(1234.5, 1) is "1.234,5" in Indonesian, "1,234.5" with ?bahasa=en. Styles: see analytics.fmt.
``styled(frame)`` does the same for every cell of a table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from analytics import fmt
from analytics.fmt import EMPTY, FULL, MONTH, MONTHS, SHORT, WEEKDAY, missing
from ui.i18n import language, speaking

__all__ = ["EMPTY", "FULL", "MONTH", "MONTHS", "SHORT", "WEEKDAY", "day", "day_range", "duration", "missing",
           "moment", "number", "number1", "percent", "percent1", "styled"]


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


def _is_day(value: object) -> bool:
    return isinstance(value, date) and (not isinstance(value, datetime) or value == pd.Timestamp(value).normalize())


def _column_format(column: pd.Series) -> Callable | None:
    """How a column's cells read when no format is declared: dates in FULL style (with the time when there
    is one), whole numbers grouped, other numbers with 1 decimal; text as it is."""
    values = column.dropna()
    if values.empty:
        return None
    if pd.api.types.is_bool_dtype(column):
        return None
    if pd.api.types.is_datetime64_any_dtype(column):
        return day if bool((values == values.dt.normalize()).all()) else moment
    if all(isinstance(v, date) for v in values):
        return day if all(_is_day(v) for v in values) else moment
    if pd.api.types.is_numeric_dtype(column):
        whole = bool((values == values.round()).all())
        return number if whole else number1
    return None


def _cell_formats(frame: pd.DataFrame, formats: dict[str, Callable] | None) -> dict[str, Callable]:
    found = {c: f for c in frame.columns if (f := (formats or {}).get(c) or _column_format(frame[c]))}
    lang = language()  # once for the table, not once per cell
    return {c: _remembering(speaking(lang, lambda v, f=f: EMPTY if missing(v) else f(v))) for c, f in found.items()}


def _remembering(function: Callable[[object], str]) -> Callable[[object], str]:
    """``function`` computed once per distinct value (a column of 77,000 rows holds a few hundred days)."""
    seen: dict[object, str] = {}

    def call(value: object) -> str:
        try:
            return seen[value]
        except KeyError:
            text = seen[value] = function(value)
            return text
        except TypeError:  # unhashable, e.g. a list of reasons
            return function(value)

    return call


def _plain(value: object) -> str:
    if isinstance(value, list | tuple | np.ndarray):  # e.g. an OPD's reasons
        return "; ".join(map(str, value))
    return EMPTY if missing(value) else str(value)


def cell_texts(frame: pd.DataFrame, formats: dict[str, Callable] | None = None) -> list[tuple[str, ...]]:
    """The rows of ``frame`` as the page's table writes them (``styled``'s formats), as text."""
    wrapped = _cell_formats(frame, formats)
    columns = [frame[c].map(wrapped.get(c, _plain)).tolist() for c in frame.columns]
    return [tuple(row) for row in zip(*columns, strict=True)] if columns else []


def styled(frame: pd.DataFrame, formats: dict[str, Callable] | None = None) -> Styler | pd.DataFrame:
    """``frame`` for st.dataframe with every cell as the viewer reads it: ``formats`` ({column: function})
    first, then dates "4 Des 2026", whole numbers "1.234", other numbers "3,5" (English: "4 Dec 2026",
    "1,234", "3.5"), missing values "—". The values stay underneath, so columns still sort by value. (Pass
    ``placeholder=EMPTY`` to st.dataframe too: it draws a missing value itself.) A table too big for a
    Styler comes back as text."""
    frame = frame.reset_index(drop=True)
    wrapped = _cell_formats(frame, formats)
    if frame.size > pd.get_option("styler.render.max_elements"):
        frame = frame.copy()
        for c, f in wrapped.items():
            frame[c] = frame[c].map(f)
        return frame
    return frame.style.format(wrapped, na_rep=EMPTY)
