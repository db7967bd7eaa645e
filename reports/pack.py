"""The Paket Briefing Apel in each of its formats, made in one place for the command line (``python -m reports
brief``/``send``) and the app: the same briefing (``analytics.briefing``) of the same view, whatever the format."""

from __future__ import annotations

from datetime import date

from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.norms import Norms
from reports.deck import briefing_deck
from reports.digest import digest
from reports.pdf import briefing_pdf
from reports.workbook import briefing_workbook

FORMATS = ("txt", "pptx", "pdf", "xlsx")
MEDIA = {"txt": "text/plain; charset=utf-8",
         "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         "pdf": "application/pdf",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def make(fmt: str, wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date, lang: str = "id",
         url: str | None = None) -> bytes:
    """The pack of the view in ``fmt`` (one of FORMATS); ``url`` = the dashboard's address for the digest's link."""
    if fmt == "txt":
        return (digest(wh, filters, scope, norms, today, lang, url) + "\n").encode("utf-8")
    if fmt == "pptx":
        return briefing_deck(wh, filters, scope, norms, today, lang)
    if fmt == "pdf":
        return briefing_pdf(wh, filters, scope, norms, today, lang)
    if fmt == "xlsx":
        return briefing_workbook(wh, filters, scope, norms, today, lang)
    raise ValueError(f"format {fmt!r} is not one of {FORMATS}")
