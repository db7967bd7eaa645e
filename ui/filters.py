"""The shared sidebar: period, OPD, OPD kind, platform, language — kept in the URL.

The URL (``st.query_params``) reproduces a view; the session keeps the choice when the viewer
moves to another page (Streamlit clears query parameters on page changes, so each page writes
them back).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from analytics.context import KIND_GROUPS, KIND_NAMES, PRESETS, Filters, period
from analytics.labels import PLATFORMS
from reports import sentences
from ui.format import day, number
from ui.i18n import language, t

LANGUAGES = {"id": "Indonesia", "en": "English"}
PRESET_NAMES = {"7h": "7 hari terakhir", "30h": "30 hari terakhir", "90h": "90 hari terakhir",
                "bulan_ini": "Bulan ini", "bulan_lalu": "Bulan lalu", "kustom": "Pilih tanggal"}
DEFAULTS = {"periode": "30h", "dari": "", "sampai": "", "opd": "", "jenis": "semua", "platform": "", "bahasa": "id"}


def today() -> date:
    """Today in the region (``SOROT_TODAY=YYYY-MM-DD`` pins it, for demos and tests)."""
    pinned = os.environ.get("SOROT_TODAY")
    return date.fromisoformat(pinned) if pinned else datetime.now(ZoneInfo("Asia/Jakarta")).date()


def _from_url() -> dict[str, str]:
    return {k: st.query_params.get(k, v) for k, v in DEFAULTS.items()}


def _state(opd_names: dict[str, str]) -> dict[str, str]:
    """The view's choices: from the URL when a session opens (a shared link), then from the session. What the
    link asks for that is not a choice is noted, to be said once (``notices``), and the default is used."""
    if "view" not in st.session_state:
        st.session_state["view"] = view = _from_url()
        st.session_state[UNKNOWN] = _unknown(view, opd_names)
    return st.session_state["view"]


UNKNOWN, NARROWED = "url_unknown", "url_narrowed"  # session keys of the notices about the link


def _unknown(view: dict[str, str], opd_names: dict[str, str]) -> list[tuple[str, str]]:
    """(parameter, value) of every sidebar choice in the link that is not a choice (``?periode=tahunan``)."""
    allowed = {"periode": PRESETS, "jenis": ("semua", *KIND_GROUPS), "bahasa": LANGUAGES}
    bad = [(name, view[name]) for name, ok in allowed.items() if view[name] and view[name] not in ok]
    bad += [("opd", c) for c in view["opd"].split(",") if c and c not in opd_names]
    bad += [("platform", p) for p in view["platform"].split(",") if p and p not in PLATFORMS]
    if view["periode"] == "kustom":
        bad += [(name, view[name]) for name in ("dari", "sampai") if view[name] and _date(view[name]) is None]
    return bad


def notices() -> None:
    """Say, once (at the top of the page opened by a link), what of the link could not be followed."""
    names = {"periode": t("Periode"), "dari": t("Dari"), "sampai": t("Sampai"), "opd": t("OPD"),
             "jenis": t("Jenis OPD"), "platform": t("Platform"), "bahasa": t("Bahasa")}
    unknown = st.session_state.pop(UNKNOWN, None)
    if unknown:
        st.warning(t("Tautan ini memuat pilihan yang tidak dikenal; nilai bawaan dipakai: {}",
                     "; ".join(f"{names[name]} «{value}»" for name, value in unknown)))
    since = st.session_state.pop(NARROWED, None)
    if since:
        st.info(t("Data tersedia mulai {}; periode dipersempit.", day(since)))


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


def sidebar(opd_names: dict[str, str], data_from: date | None = None) -> Filters:
    """Draw the sidebar and return the filters it sets (also written to the URL). A custom period is kept
    from ``data_from`` (the warehouse's first day with data) to today."""
    view = _state(opd_names)
    presets = list(PRESETS)
    end = today()
    low = min(max(data_from or EARLIEST, EARLIEST), end)
    with st.sidebar:
        st.header(t("Saringan"))
        preset = st.selectbox(t("Periode"), presets, format_func=lambda p: t(PRESET_NAMES[p]),
                              **_seed("periode", view["periode"] if view["periode"] in presets else "30h"))
        start, stop = None, None
        if preset == "kustom":
            asked = [_date(view["dari"]), _date(view["sampai"])]
            if min((d for d in asked if d), default=low) < low:  # a period longer than the data: said once
                st.session_state[NARROWED] = low
            begin, until = (min(max(d or fallback, low), end) for d, fallback in zip(asked, period("30h", end)))
            start = st.date_input(t("Dari"), min_value=low, max_value=end, format="DD/MM/YYYY",
                                  **_seed("dari", begin))
            stop = st.date_input(t("Sampai"), min_value=low, max_value=end, format="DD/MM/YYYY",
                                 **_seed("sampai", until))
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


_NOT_GIVEN = object()


def url_choice(widget, label: str, options: list, default, name: str, *, key: str | None = None,
               to_url: Callable[[Any], str] = str, invalid=_NOT_GIVEN, **kw):
    """A choice of this page kept in the URL (``?name=value``): read when the page opens (a shared link),
    then kept by the widget ``key`` (a click on a chart or table row may set it) and written back.

    ``to_url`` writes a choice as URL text (a code, not a label in the viewer's language). A value the link
    asks for that is not among ``options`` (unknown, or outside the filters) is said with a warning, and
    ``invalid`` is shown instead (the default unless given: an OPD picker passes None — never another OPD)."""
    key, multi = key or f"url_{name}", kw.get("selection_mode") == "multi"
    invalid = default if invalid is _NOT_GIVEN else invalid
    if key in st.session_state:  # chosen on this page; a choice gone after a filter change falls back
        kept = st.session_state[key]
        valid = [v for v in kept if v in options] if multi else kept if kept in options or kept == invalid else default
    else:
        by_text = {to_url(o): o for o in options}
        asked = st.query_params.get_all(name) if multi else [st.query_params.get(name) or ""]
        wrong = [a for a in asked if a and a not in by_text]
        if wrong:
            st.warning(t("Pilihan «{value}» di tautan tidak ada untuk {label} (tidak dikenal atau di luar saringan); "
                         "pilihan bawaan ditampilkan.", value=", ".join(wrong), label=label))
        found = [by_text[a] for a in asked if a in by_text]
        valid = found if multi else found[0] if found else invalid if wrong else default
    st.session_state[key] = valid if valid or not multi else default
    value = widget(label, options, key=key, **kw)
    if value is not None and value != default and value != []:
        st.query_params[name] = [to_url(v) for v in value] if multi else to_url(value)
    elif name in st.query_params:
        del st.query_params[name]
    return value


def _plain(x: float) -> str:
    return number(x, 0 if float(x).is_integer() else 1)


def url_number(widget, label: str, low: float, high: float, default: float, name: str, *, key: str, **kw):
    """A number of this page kept in the URL (a threshold): read when the page opens, between ``low`` and
    ``high``; a link's value that is not such a number is said and the default is used."""
    if key not in st.session_state:
        asked, value = st.query_params.get(name), default
        if asked:
            try:
                value = type(default)(asked)
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                st.warning(t("Nilai «{value}» di tautan tidak berlaku untuk {label} ({low}–{high}); nilai bawaan "
                             "dipakai.", value=asked, label=label, low=_plain(low), high=_plain(high)))
                value = default
        st.session_state[key] = value
    value = widget(label, low, high, key=key, **kw)
    if value != default:
        st.query_params[name] = f"{value:g}"
    elif name in st.query_params:
        del st.query_params[name]
    return value


def filters_text(filters: Filters, names: Mapping[str, str]) -> str:
    """The sidebar's OPD, kind and platform choice in words, in the viewer's language (``reports.sentences``)."""
    return sentences.filters_text(filters, names, language())
