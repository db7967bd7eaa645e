"""Everything a viewer reads on every page, in Indonesian and in English, for a few periods (AppTest on the
sample warehouse): texts, metrics, widget options, table cells as the browser shows them and the texts
of Plotly charts. Nothing reads None/nan/NaT/<NA> or an empty cell, neither language has the other's month or
day names, every number has its language's decimal mark and thousands separator and at most 2 decimals,
every date reads in the app's style (never 2026-11-16 or 16/11/2026), date axes and hovers are labelled
by the app (Plotly's own labels are English) and charts use the language's separators.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from tests.apptest import logged_in

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"ringkasan": None, "peringkat": "pages/peringkat.py", "opd_pasif": "pages/opd_pasif.py",
         "sentimen": "pages/sentimen.py", "pengaduan": "pages/pengaduan.py", "profil": "pages/profil_opd.py",
         "data": "pages/data.py"}
PERIODS = {"30h": {}, "7h": {"periode": "7h"},
           "kosong": {"periode": "kustom", "dari": "2011-01-01", "sampai": "2011-01-31"}}  # no data at all
CASES = [(page, lang, period) for page in PAGES for lang in ("id", "en") for period in PERIODS
         if page != "data" or period == "30h"]  # the Data page has no period

pytestmark = pytest.mark.xdist_group("sample")

RAW = re.compile(r"\b(?:None|nan|NaN|NaT|null|undefined)\b|<NA>")
ENGLISH_DATE = re.compile(r"\b(?:January|February|March|June|July|August|October|December|May|Aug|Oct|Dec"
                          r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
# (April, September and November are Indonesian too; Jan, Feb, Mar, Apr, Jun, Jul, Sep, Nov abbreviate both.)
INDONESIAN_DATE = re.compile(r"\b(?:Januari|Februari|Maret|Juni|Juli|Agustus|Oktober|Desember|Mei|Agu|Okt|Des"
                             r"|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Sen|Sel|Rab|Kam|Jum|Sab|Min)\b")
RAW_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{1,2}/\d{1,2}\b")
NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:[.,]\d+)+(?![\w/])")
CLOCK = re.compile(r"(\d{4}|pukul|jam|at) \d{1,2}[.:]\d{2}\b")  # "4 Des 2026 14.05": a time, not a decimal


# Table columns quoting the data or a load's stored messages as they are (a post's caption, a comment, the
# ETL's notes and messages, which name files and their dates): only checked for raw values (None, nan…).
QUOTED = {"Keterangan", "Caption", "Teks", "Text", "teks", "text", "catatan", "notes", "keterangan", "message",
          "asal tanggal ekspor", "export date from", "berkas", "file", "nilai", "value"}


def bad_number(token: str, lang: str) -> str | None:
    """Why a number like "1.234,5" is not written in ``lang`` with at most 2 decimals, or None."""
    decimal, group = (",", ".") if lang == "id" else (".", ",")
    marks, parts = re.findall(r"[.,]", token), re.split(r"[.,]", token)
    if marks[-1] == decimal:
        marks, parts, decimals = marks[:-1], parts[:-1], parts[-1]
        if len(decimals) > 2:
            return "more than 2 decimals"
    if any(m != group for m in marks):
        return "wrong decimal mark or thousands separator"
    if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or parts[0] == "0" or any(len(p) != 3 for p in parts[1:])):
        return "a decimal written with the other language's mark (or over 2 decimals)"
    return None


# -- table cells as the browser shows them (streamlit/frontend: column config, then Styler, then its defaults)

def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _moment_format(fmt: str, value: object) -> str:
    value = pd.Timestamp(value)
    for token, code in (("YYYY", "%Y"), ("MM", "%m"), ("DD", "%d"), ("HH", "%H"), ("mm", "%M")):
        fmt = fmt.replace(token, code)
    return value.strftime(fmt)


def _default(value: object) -> str:
    if isinstance(value, float):  # frontend: up to 4 decimals, no thousands separator
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime | pd.Timestamp):
        return pd.Timestamp(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def cells(frame) -> list[tuple[str, str]]:
    """(column, shown text) of every cell and header of an st.dataframe."""
    proto = frame.proto
    if frame.editing_mode != "read_only":  # an editor (Data page) shows a file's own text, as it is saved
        return []
    raw = frame.value
    config = json.loads(proto.columns) if proto.columns else {}
    placeholder = proto.placeholder if proto.HasField("placeholder") else "None"
    styler = proto.arrow_data.styler.display_values
    styled = dataframe_util.convert_arrow_bytes_to_pandas_df(styler) if styler else None
    out = []
    for j, name in enumerate(raw.columns):
        column = config.get(str(name)) or config.get(f"_pos:{j}") or {}
        if column.get("hidden"):
            continue
        kind = column.get("type_config", {}).get("type")
        fmt = column.get("type_config", {}).get("format")
        out.append(("table header", str(column.get("label") or name)))
        for i, value in enumerate(raw.iloc[:, j]):
            if isinstance(value, bool | np.bool_):  # a tick box
                continue
            if _missing(value):
                shown = "" if kind == "progress" else placeholder
            elif kind == "link" and column["type_config"].get("display_text"):
                shown = column["type_config"]["display_text"]
            elif fmt and kind in ("number", "progress") and "%" in fmt:
                shown = fmt % value
            elif fmt and kind in ("date", "datetime"):
                shown = _moment_format(fmt, value)
            elif styled is not None:
                shown = str(styled.iat[i, j])
            else:
                shown = _default(value)
            if kind != "progress":  # a bar: an empty one says "no value" by itself
                out.append((f"cell {name}", shown))
    return out


# -- chart texts from the figure's JSON

def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _looks_like_dates(values: object) -> bool:
    return isinstance(values, list) and bool(values) and all(
        isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T][\d:.]+)?", v) for v in values)


def _numbers(values: object) -> list[float]:
    """A trace's numeric array from the figure's JSON (plain, or Plotly's base64 typed array)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).astype(float).tolist()
    return [float(v) for v in values if isinstance(v, int | float)] if isinstance(values, list) else []


def chart(spec: dict, lang: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(where, text) of a figure's shown texts, and what is wrong with its dates and separators."""
    layout, shown, wrong = spec.get("layout", {}), [], []
    title = layout.get("title", {}).get("text")
    shown += [("chart title", title)] if title else []
    shown += [("chart note", a.get("text", "")) for a in layout.get("annotations", [])]
    for name, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", name):
            shown += [("chart tick", s) for s in _strings(axis.get("ticktext"))]
            shown += [("axis title", s) for s in _strings(axis.get("title", {}).get("text"))]
    if layout.get("separators") != (",." if lang == "id" else ".,"):
        wrong.append(f"separators {layout.get('separators')!r} in {lang}: {title}")
    for trace in spec.get("data", []):
        shown += [("trace name", s) for s in _strings(trace.get("name"))]
        shown += [("hover", s) for key in ("hovertext", "text") for s in _strings(trace.get(key))]
        template = trace.get("hovertemplate")
        shown += [("hover", re.sub(r"%\{[^}]*\}|<extra>.*?</extra>|<br>", " ", s)) for s in _strings(template)]
        fractions = [v for v in _numbers(trace.get("y")) if v == v and not v.is_integer()]
        if fractions and (not template or re.search(r"%\{y\}", str(template))):
            axis = layout.get("yaxis" + trace.get("yaxis", "y")[1:], {})
            if not re.search(r"\.\d", axis.get("hoverformat") or axis.get("tickformat") or ""):
                wrong.append(f"hover shows every decimal of {trace.get('name')!r} ({fractions[0]}): {title}")
        if _looks_like_dates(trace.get("x")):
            axis = layout.get("xaxis" + trace.get("xaxis", "x")[1:], {})
            if not axis.get("ticktext"):
                wrong.append(f"date axis labelled by Plotly (English months): {title}")
            if not template or "%{x" in str(template):
                wrong.append(f"hover shows the date as Plotly writes it: {title} / {trace.get('name')}")
    return shown, wrong


# -- every text of a page

def texts(at: AppTest, lang: str) -> tuple[list[tuple[str, str]], list[str]]:
    shown, wrong = [], []
    for node in at._tree:
        kind = getattr(node, "type", "")
        if kind == "dataframe":
            shown += cells(node)
            continue
        if kind == "plotly_chart":
            found, bad = chart(json.loads(node.proto.spec), lang)
            shown, wrong = shown + found, wrong + bad
            continue
        if kind == "metric":
            shown += [("metric label", node.proto.label), ("metric value", node.proto.body),
                      ("metric delta", node.proto.delta)]
        elif isinstance(node, Widget):
            options = getattr(node, "options", None) or []
            shown += [(f"{kind} option", str(o)) for o in options]
        elif isinstance(getattr(node, "value", None), str) and kind not in ("html", "code"):
            shown.append((kind, node.value))
        label = getattr(getattr(node, "proto", None), "label", None)
        shown += [(f"{kind} label", label)] if isinstance(label, str) else []
        help_text = getattr(getattr(node, "proto", None), "help", None)
        shown += [(f"{kind} help", help_text)] if isinstance(help_text, str) and help_text else []
    return shown, wrong


def problems(shown: list[tuple[str, str]], lang: str) -> list[tuple[str, str, str]]:
    """(where, what is wrong, the text) for every shown text that breaks a rule."""
    out = []
    for where, text in shown:
        if (where.startswith("cell ") or where == "metric value") and not text.strip():
            out.append((where, "empty", text))
        out += [(where, f"raw {raw}", text) for raw in RAW.findall(text)]
        if where.removeprefix("cell ") in QUOTED:
            continue
        names = ENGLISH_DATE if lang == "id" else INDONESIAN_DATE
        out += [(where, f"month or day name of the other language {m!r}", text) for m in names.findall(text)]
        out += [(where, "date not in the app's style", text) for _ in RAW_DATE.findall(text)]
        for token in NUMBER.findall(CLOCK.sub(r"\1", text)):
            why = bad_number(token, lang)
            if why:
                out.append((where, f"{why} ({token})", text))
    return out


def report(found: list[tuple[str, str, str]]) -> str:
    """One line per kind of problem and place, with how often and two examples."""
    groups: dict[tuple[str, str], list[str]] = {}
    for where, why, text in found:
        groups.setdefault((where, re.sub(r" \(.*\)$", "", why)), []).append(text[:80])
    return "\n".join(f"{where}: {why} ×{len(texts)}, e.g. {sorted(set(texts))[:2]}"
                     for (where, why), texts in sorted(groups.items()))


@pytest.mark.parametrize(("page", "lang", "period"), CASES)
def test_every_shown_text_is_formatted_for_its_language(sample_db, monkeypatch, page, lang, period):
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", "2026-11-20")
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120))
    at.query_params.update({"bahasa": lang, **PERIODS[period], **({"kode": "DINKES"} if page == "profil" else {})})
    at.run()
    if PAGES[page]:
        at.switch_page(PAGES[page]).run()
    assert not at.exception, at.exception
    shown, wrong = texts(at, lang)
    assert len(shown) > 20  # the page was drawn
    found = problems(shown, lang)
    assert not (wrong or found), "\n".join(sorted(set(wrong))) + "\n" + report(found)
