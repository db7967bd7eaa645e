"""The viewer's language (sidebar, kept in the URL as ``?bahasa=en``) and ``t(text)`` to show a text in it.

Texts are written in Bahasa Indonesia; translations live in ``locale/en/*.toml`` (see analytics.i18n).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics.i18n import translate

_last = ["id"]  # the language of the last page run in this process


def language() -> str:
    """"id" or "en". Outside a page run — AppTest formats a widget's value with its ``format_func`` in the
    test's own thread — the language of the last run, so options and value read alike."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return _last[0]
    _last[0] = "en" if st.session_state.get("w_bahasa", st.query_params.get("bahasa")) == "en" else "id"
    return _last[0]


def t(text: str, /, *args: object, **fields: object) -> str:
    """``text`` in the viewer's language, formatted with ``args``/``fields`` if given."""
    return translate(text, language(), *args, **fields)
