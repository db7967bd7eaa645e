"""The sentences every format of the briefing pack writes the same way (digest, slides, PDF, workbook): a
headline figure with its change, the top and bottom OPD, the biggest rising topic. Figures are formatted by the
metric catalog, so "Pengaduan masuk: 107 (-15)" reads alike in each."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analytics.briefing import SENTENCES, Briefing
from analytics.context import KIND_GROUPS, KIND_NAMES, Filters
from analytics.fmt import number, percent
from analytics.i18n import translate
from analytics.labels import PLATFORMS, topic
from analytics.metrics import metric


def figure_parts(b: Briefing, key: str, metric_id: str, lang: str) -> tuple[str, str, str]:
    """(label, value, change) of a briefing figure as the page's tile writes them; change "" without a baseline."""
    fig, m = b.figures[key], metric(metric_id)
    return m.label_in(lang), m.format(fig.value, lang), m.change(fig.value, fig.previous, lang) or ""


def figure_sentence(b: Briefing, key: str, metric_id: str, lang: str, basis: str = "") -> str | None:
    """"Pengaduan masuk: 107 (-15 vs periode lalu)"; None without a value."""
    if b.figures[key].value is None:
        return None
    label, value, change = figure_parts(b, key, metric_id, lang)
    return f"{label}: {value}" + (f" ({change}{basis})" if change else "")


def league_sentence(ranked: pd.DataFrame, lang: str) -> str:
    """"Skor OPD tertinggi: X (81,2); terendah: Y (12,0)" of a league with data, best first."""
    score = metric("score").format
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    return translate("Skor OPD tertinggi: {top} ({top_score}); terendah: {bottom} ({bottom_score})", lang,
                     top=top["short_name"], top_score=score(top["skor"], lang), bottom=bottom["short_name"],
                     bottom_score=score(bottom["skor"], lang))


def rising_sentence(r: pd.Series, lang: str) -> tuple[str, ...]:
    """The biggest rising complaint topic, as the page lists it (before → now), then without its kecamatan."""
    name = topic(r["topic"], lang)
    if pd.notna(r["change"]):
        text = translate("Topik pengaduan paling naik: {topic}, {before} → {now} (+{change})", lang, topic=name,
                         before=number(r["before"], lang=lang), now=number(r["now"], lang=lang),
                         change=percent(r["change"], lang=lang))
    else:
        text = translate("Topik pengaduan baru: {topic}, {now} pengaduan (periode sebelumnya tidak ada)", lang,
                         topic=name, now=number(r["now"], lang=lang))
    if not isinstance(r["top_area"], str):
        return (text,)
    return (text + translate(SENTENCES["where"], lang, area=r["top_area"]), text)


def most_overdue(b: Briefing, shown: int) -> list[tuple[str, int]]:
    """The OPD holding the most overdue complaints today, (short name, count), most first."""
    worst = b.overdue[b.overdue.index.notna()].head(shown)
    names = b.league.set_index("opd_code")["short_name"]
    return [(str(names.get(code, code)), int(n)) for code, n in worst.items()]


def filters_text(filters: Filters, names: Mapping[str, str], lang: str = "id") -> str:
    """The view's OPD, kind and platform choice in words ("Semua OPD · Semua jenis · Semua platform"), as every
    export writes it in its header."""
    def t(text: str, /, *args: object) -> str:
        return translate(text, lang, *args)

    opd = t("OPD") + ": " + ", ".join(names.get(c, c) for c in filters.opd) if filters.opd else t("Semua OPD")
    kind = next((k for k, kinds in KIND_GROUPS.items() if kinds == filters.kinds), None)
    platforms = ", ".join(PLATFORMS.get(p, p) for p in filters.platforms)
    return " · ".join([opd, t(KIND_NAMES[kind]) if kind else t("Semua jenis"),
                       t("Platform") + ": " + platforms if platforms else t("Semua platform")])
