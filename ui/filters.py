"""The shared sidebar: period, OPD, OPD kind, platform, language — kept in the URL.

The URL (``st.query_params``) reproduces a view; the session keeps the choice when the viewer
moves to another page (Streamlit clears query parameters on page changes, so each page writes
them back).
"""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from analytics.context import KIND_GROUPS, PRESETS, Filters, period
from analytics.labels import PLATFORMS
from ui.i18n import t

LANGUAGES = {"id": "Indonesia", "en": "English"}
PRESET_NAMES = {"7h": "7 hari terakhir", "30h": "30 hari terakhir", "90h": "90 hari terakhir",
                "bulan_ini": "Bulan ini", "bulan_lalu": "Bulan lalu", "kustom": "Pilih tanggal"}
KIND_NAMES = {"semua": "Semua jenis", "dinas_badan": "Dinas, badan & setda", "kewilayahan": "Kecamatan & kelurahan"}
DEFAULTS = {"periode": "30h", "dari": "", "sampai": "", "opd": "", "jenis": "semua", "platform": "", "bahasa": "id"}


def today() -> date:
    """Today in the region (``SOROT_TODAY=YYYY-MM-DD`` pins it, for demos and tests)."""
    pinned = os.environ.get("SOROT_TODAY")
    return date.fromisoformat(pinned) if pinned else datetime.now(ZoneInfo("Asia/Jakarta")).date()


def _from_url() -> dict[str, str]:
    return {k: st.query_params.get(k, v) for k, v in DEFAULTS.items()}


def _state() -> dict[str, str]:
    """The view's choices: from the URL when a session opens (a shared link), then from the session."""
    if "view" not in st.session_state:
        st.session_state["view"] = _from_url()
    return st.session_state["view"]


EARLIEST = date(2010, 1, 1)  # before any pemda account's data; a URL cannot ask for year 1 or 9999


def _date(text: str) -> date | None:
    """A date from the URL, kept between EARLIEST and today (no URL may overflow a date computation)."""
    try:
        return min(max(date.fromisoformat(text), EARLIEST), today())
    except ValueError:
        return None


def _keep(name: str) -> None:
    """on_change: the widget's new value becomes the view's (before the page runs again)."""
    value = st.session_state[f"w_{name}"]
    if isinstance(value, list):
        value = ",".join(value)
    elif isinstance(value, date):
        value = value.isoformat()
    st.session_state["view"][name] = value


def _seed(name: str, value) -> dict:
    """Give the widget the view's value (also after a page change, when Streamlit forgets widgets)."""
    st.session_state[f"w_{name}"] = value
    return {"key": f"w_{name}", "on_change": _keep, "args": (name,)}


def sidebar(opd_names: dict[str, str]) -> Filters:
    """Draw the sidebar and return the filters it sets (also written to the URL)."""
    view = _state()
    presets = list(PRESETS)
    end = today()
    with st.sidebar:
        st.header(t("Saringan"))
        preset = st.selectbox(t("Periode"), presets, format_func=lambda p: t(PRESET_NAMES[p]),
                              **_seed("periode", view["periode"] if view["periode"] in presets else "30h"))
        start, stop = None, None
        if preset == "kustom":
            default = period("30h", end)
            start = st.date_input(t("Dari"), format="DD/MM/YYYY", **_seed("dari", _date(view["dari"]) or default[0]))
            stop = st.date_input(t("Sampai"), format="DD/MM/YYYY",
                                 **_seed("sampai", _date(view["sampai"]) or default[1]))
        # select_all=False: Streamlit 1.67 puts "Select N matches" first in the list while one types, and Enter takes
        # the first row — typing "rsud" + Enter picked every RSUD. Without it Enter takes the best match (the
        # fuzzy filter ranks an exact name first).
        opd = st.multiselect(t("OPD"), list(opd_names), format_func=lambda c: opd_names[c], placeholder=t("Semua OPD"),
                             select_all=False, **_seed("opd", [c for c in view["opd"].split(",") if c in opd_names]))
        kind = st.radio(t("Jenis OPD"), ["semua", *KIND_GROUPS], format_func=lambda k: t(KIND_NAMES[k]),
                        **_seed("jenis", view["jenis"] if view["jenis"] in ("semua", *KIND_GROUPS) else "semua"))
        platforms = st.multiselect(t("Platform"), list(PLATFORMS), placeholder=t("Semua"), select_all=False,
                                   **_seed("platform", [p for p in view["platform"].split(",") if p in PLATFORMS]))
        st.radio(t("Bahasa"), list(LANGUAGES), horizontal=True, format_func=LANGUAGES.get,
                 **_seed("bahasa", view["bahasa"] if view["bahasa"] in ("id", "en") else "id"))
    first, last = period(preset, end, start, stop)
    view.update(periode=preset, dari=first.isoformat() if preset == "kustom" else "",
                sampai=last.isoformat() if preset == "kustom" else "", opd=",".join(opd), jenis=kind,
                platform=",".join(platforms), bahasa=st.session_state["w_bahasa"])
    for key, value in view.items():  # other parameters (a page's own) stay
        if value and value != DEFAULTS[key]:
            st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]
    return Filters(first, last, tuple(opd), KIND_GROUPS.get(kind, ()), tuple(platforms))


def url_choice(widget, label: str, options: list, default, name: str, **kw):
    """A choice of this page kept in the URL (``?name=value``): read when the session opens, written back."""
    key, multi = f"url_{name}", kw.get("selection_mode") == "multi"
    wanted = st.session_state.get(key, st.query_params.get_all(name) if multi else st.query_params.get(name))
    valid = [v for v in wanted if v in options] if multi else wanted if wanted in options else default
    st.session_state[key] = valid if valid or not multi else default
    value = widget(label, options, key=key, **kw)
    if value and value != default:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]
    return value
