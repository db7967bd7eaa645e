"""The viewer's language (sidebar, kept in the URL as ``?bahasa=en``) and ``t(text)`` to show a text in it.

Texts are written in Bahasa Indonesia; translations live in ``locale/en/*.toml`` (see analytics.i18n).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics.i18n import translate

_last = ["id"]  # the language of the last page run in this process
_pinned = threading.local()  # set while ``speaking`` runs a formatter in this thread


def language() -> str:
    """"id" or "en". Outside a page run — AppTest formats a widget's value with its ``format_func`` in the
    test's own thread — the language of the last run, so options and value read alike."""
    pinned = getattr(_pinned, "lang", None)
    if pinned is not None:
        return pinned
    if get_script_run_ctx(suppress_warning=True) is None:
        return _last[0]
    _last[0] = "en" if st.session_state.get("w_bahasa", st.query_params.get("bahasa")) == "en" else "id"
    return _last[0]


def speaking(lang: str, function: Callable[[object], str]) -> Callable[[object], str]:
    """``function`` with ``language()`` answering ``lang`` while it runs: a table formats every cell, and looking
    the language up in the session for each one cost 0.14 s of a 0.29 s page."""

    def call(value: object) -> str:
        before, _pinned.lang = getattr(_pinned, "lang", None), lang
        try:
            return function(value)
        finally:
            _pinned.lang = before

    return call


def t(text: str, /, *args: object, **fields: object) -> str:
    """``text`` in the viewer's language, formatted with ``args``/``fields`` if given."""
    return translate(text, language(), *args, **fields)
