"""The viewer's language (sidebar, kept in the URL as ``?bahasa=en``) and ``t(text)`` to show a text in it.

Texts are written in Bahasa Indonesia; translations live in ``locale/en/*.toml`` (see analytics.i18n).
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n import translate


def language() -> str:
    return "en" if st.session_state.get("w_bahasa", st.query_params.get("bahasa")) == "en" else "id"


def t(text: str, /, *args: object, **fields: object) -> str:
    """``text`` in the viewer's language, formatted with ``args``/``fields`` if given."""
    return translate(text, language(), *args, **fields)
