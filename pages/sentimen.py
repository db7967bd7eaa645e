"""Placeholder until this page lands (issue 4)."""

from ui.page import start

view = start("page_sentimen")
