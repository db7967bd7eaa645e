"""Indonesian number and date formatting for pages (defined in analytics.fmt, shared with exports)."""

from analytics.fmt import MONTHS, day, number, percent

__all__ = ["MONTHS", "day", "number", "percent"]
