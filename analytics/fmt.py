"""Indonesian number and date formatting (1.234; 21 Nov 2026; 45,6%), without Streamlit."""

from __future__ import annotations

from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def number(value: float | int | None, decimals: int = 0) -> str:
    """1234.5 → "1.234,5" (decimals=1); None or NaN → "—"."""
    if value is None or value != value:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def day(value: date | None) -> str:
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def percent(value: float | None, decimals: int = 0) -> str:
    """0.456 → "45,6%" (decimals=1); None → "—"."""
    if value is None or value != value:
        return "—"
    return number(value * 100, decimals) + "%"
