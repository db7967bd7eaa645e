"""What every page starts with: the warehouse, the sidebar filters, the viewer's scope, cached figures."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics.context import Filters, Scope
from analytics.coverage import first_day
from analytics.db import Warehouse
from analytics.norms import NORMS_FILE, Norms, NormsError, read_norms
from analytics.opd import region_name
from reports.page_deck import PageView
from ui import access, session
from ui.db import cursor, warehouse_version
from ui.filters import filters_text, notices, sidebar, today
from ui.format import day_range
from ui.i18n import language, t
from ui.session import Viewer


@dataclass(frozen=True)
class View:
    filters: Filters
    scope: Scope
    norms: Norms
    today: date
    version: tuple[int, int]


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(function: str, version: tuple[int, int], norms_stamp: float, *args: Any) -> Any:
    module, name = function.rsplit(".", 1)
    cur = cursor()
    return getattr(importlib.import_module(module), name)(Warehouse(cur), *args)


def compute(function: Callable, view: View, *args: Any) -> Any:
    """``function(warehouse, *args)``, cached on its arguments plus the warehouse and norms versions."""
    return _cached(f"{function.__module__}.{function.__qualname__}", view.version, _norms_stamp(), *args)


def _norms_stamp() -> float:
    return NORMS_FILE.stat().st_mtime if NORMS_FILE.exists() else 0.0


@st.cache_data(max_entries=4, show_spinner=False)
def _opd_names(version: tuple[int, int]) -> dict[str, str]:
    rows = cursor().execute("SELECT opd_code, short_name FROM ref_opd WHERE active ORDER BY short_name").fetchall()
    return dict(rows)


@st.cache_data(max_entries=4, show_spinner=False)
def _data_from(version: tuple[int, int]) -> date | None:
    return first_day(Warehouse(cursor()))


@st.cache_data(max_entries=4, show_spinner=False)
def _norms(stamp: float) -> Norms | str:
    try:
        return read_norms()
    except NormsError as err:
        return str(err)


def page_name() -> str:
    """The page's script name without .py ("opd_pasif"): what roles are given (``ui.access``)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    page = ctx.pages_manager.get_pages().get(ctx.page_script_hash, {}) if ctx else {}
    return Path(page.get("script_path") or "sorot").stem


def admit() -> Viewer:
    """The logged-in viewer, if their role may open this page; else the login form, or a refusal, and the page
    stops: nothing of it is drawn. Every page passes here first (``start``), however it was reached."""
    viewer = session.current()
    if viewer is None:
        st.session_state.pop(VIEWER, None)
        session.login_form()
        st.stop()
    page = page_name()
    if not access.may_open(viewer.role, page):
        st.title("Sorot")
        st.error(t("Halaman ini tidak tersedia untuk peran Anda ({}).", t(access.ROLE_NAMES[viewer.role])))
        session.audit_once(viewer, "forbidden", page)
        session.logout_buttons(viewer, t(access.ROLE_NAMES[viewer.role]))
        st.stop()
    session.audit_once(viewer, "page", page)
    st.session_state[VIEWER] = viewer
    return viewer


VIEWER = "sorot_viewer"  # session key: the Viewer admitted to this run's page


def viewer() -> Viewer | None:
    return st.session_state.get(VIEWER)


def start(title: str, deck: bool = True) -> View:
    """Login and role check (``admit``), title, sidebar and the view in the viewer's scope; stops the page with a
    hint when there is no warehouse yet. With ``deck``, what the page draws is collected for its slide deck
    (``collected``, ``ui.exports.page_deck_button``)."""
    st.session_state[DECK] = st.session_state[SECTION] = None  # nothing of an earlier run is collected into this
    who = admit()
    scope = access.scope_of(who.role, who.opd)
    version = warehouse_version()
    if version is None:
        st.title(t(title))
        st.warning(t("Gudang data belum ada. Jalankan `make run` atau `python -m etl load FOLDER`."))
        st.stop()
    names = visible_names(_opd_names(version), scope)
    filters = sidebar(names, _data_from(version))
    session.logout_buttons(who, t(access.ROLE_NAMES[who.role]))
    st.title(t(title))
    notices()  # what of the page's link could not be followed
    norms = _norms(_norms_stamp())
    if isinstance(norms, str):
        st.error(t("Berkas norma salah, nilai bawaan dipakai: {}", norms))
        norms = Norms()
    view = View(filters, scope, norms, today(), version)
    st.session_state[CURRENT] = (t(title), view)  # what a table's export says in its header (ui.exports)
    if deck:
        st.session_state[DECK] = PageView(t(title), day_range(filters.start, filters.end),
                                          filters_text(filters, names), compute(region_name, view),
                                          language())
    return view


CURRENT = "sorot_page"  # session key: (title, view) of the page being drawn
DECK = "sorot_page_deck"  # session key: the PageView collected in this page run, or None


SECTION = "sorot_section"  # session key: the heading the page drew last (``section``)


def heading(text: str, bold: bool = False) -> None:
    """A section heading — st.subheader, or with ``bold`` a line of markdown ("**Akun** (…)") — also the title
    of the tables under it in the page's deck."""
    if bold:
        st.markdown(text)
    else:
        st.subheader(text)
    st.session_state[SECTION] = text.replace("**", "")


def deck_subject(subject: str) -> None:
    """What the page is about, after its title in the page's deck ("Profil OPD: Dinkes")."""
    if (deck := collected()) is not None:
        deck.title = f"{deck.title}: {subject}"


def section() -> str | None:
    return st.session_state.get(SECTION)


def collected() -> PageView | None:
    """The figures, charts and tables the page has drawn so far in this run (None: the page has no deck)."""
    return st.session_state.get(DECK)


def current() -> tuple[str, View] | None:
    """The title and view of the page being drawn (set by ``start``), or None outside one."""
    return st.session_state.get(CURRENT)


def opd_names(view: View) -> dict[str, str]:
    """The active OPD the viewer may see: code → short name."""
    return visible_names(_opd_names(view.version), view.scope)


def visible_names(names: dict[str, str], scope: Scope) -> dict[str, str]:
    return names if scope.opd is None else {c: n for c, n in names.items() if scope.allows(c)}
