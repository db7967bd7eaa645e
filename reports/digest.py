"""The WhatsApp digest of the Ringkasan Apel: plain text a secretary pastes into the leaders' group.

At most 1,500 characters (WhatsApp's own limit is 4,096), no emoji, one short line per fact: a title with the
region and the period, the headline figures with their change, the top and bottom OPD, the passive OPD, the
biggest rising complaint topic and a link to the dashboard. Every figure is written by the metric catalog
from the same ``analytics.briefing`` result as the page, so the digest and the page say the same numbers;
a line is written only when the data supports it (no ranking without ranked OPD, no rising topic without one).

Facts come most important first. When the text is too long, the least important lines are first shortened
(fewer names), then left out — a line is never cut.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pandas as pd

from analytics.briefing import Briefing, briefing, with_data
from analytics.context import KIND_GROUPS, KIND_NAMES, Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day_range, number
from analytics.i18n import translate
from analytics.labels import PLATFORMS
from analytics.metrics import metric
from analytics.norms import Norms
from analytics.opd import region_name
from reports.sentences import figure_sentence, league_sentence, most_overdue, rising_sentence

LIMIT = 1500  # what the digest keeps to; WhatsApp refuses more than 4,096 characters
WHATSAPP_LIMIT = 4096
NAMES = 3  # passive OPD named
REGION_CHARS = 80  # a longer region name is shortened in the title (the title is never left out)
OVERDUE_RANK = 2  # "overdue now" is not a figure of the period: alone, it does not make a period with data


@dataclass(frozen=True)
class Line:
    """A line of the digest: its wordings from the fullest to the shortest, and its rank (0 = header and link,
    kept; then 1, 2, … in order of importance — the highest rank is left out first)."""

    variants: tuple[str, ...]
    rank: int

    @property
    def text(self) -> str:
        return self.variants[0]

    def shorter(self) -> Line | None:
        return Line(self.variants[1:], self.rank) if len(self.variants) > 1 else None


def digest(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date, lang: str = "id",
           url: str | None = None) -> str:
    """The digest of the view: the Ringkasan's briefing for the same filters and scope, as plain text.
    ``url``: the dashboard's address, else ``$SOROT_URL``, else no link."""
    return compose(briefing(wh, filters, scope, norms, today, lang), region_name(wh), filters, lang, url)


def compose(b: Briefing, region: str, filters: Filters, lang: str = "id", url: str | None = None,
            limit: int = LIMIT) -> str:
    """The digest from a briefing already computed (the page passes its own)."""
    def t(text: str, /, *args: object, **fields: object) -> str:
        return translate(text, lang, *args, **fields)

    url = url if url is not None else os.environ.get("SOROT_URL", "").strip() or None
    if len(region) > REGION_CHARS:
        region = region[:REGION_CHARS - 1].rstrip() + "…"
    header = [Line((t("*Ringkasan Apel {region}, {period}*", region=region,
                        period=day_range(filters.start, filters.end, lang=lang)),), 0)]
    narrowed = _filters_line(b, filters, lang)
    if narrowed:
        header.append(narrowed)
    facts = [Line(tuple(f"- {v}" for v in f.variants), f.rank) for f in _facts(b, filters, lang)]
    if any(f.rank != OVERDUE_RANK for f in facts):
        before = filters.previous()
        header.append(Line((t("Perubahan dibanding {period}.", period=day_range(before.start, before.end,
                                                                                   lang=lang)),), 0))
    else:  # nothing of the period itself: say so, and no figure of it
        header.append(Line((t("Belum ada data untuk periode ini."),), 0))
    link = [Line((t("Dasbor: {url}", url=url),), 0)] if url else []
    return fit([header, facts, link], limit)


def _facts(b: Briefing, filters: Filters, lang: str) -> list[Line]:
    def t(text: str, /, *args: object, **fields: object) -> str:
        return translate(text, lang, *args, **fields)

    f, facts = b.figures, []
    received = f["received"]
    if received.value is not None and (received.value > 0 or received.previous is not None):
        parts = [figure_sentence(b, "received", "complaints_received", lang),
                 figure_sentence(b, "in_sla_share", "complaints_in_sla_share", lang)]
        facts.append(Line((" · ".join(p for p in parts if p),), 1))
    if f["overdue"].value is not None and b.complaints_held:
        overdue = figure_sentence(b, "overdue", "complaints_overdue", lang, t(" vs {} hari lalu", filters.days))
        worst = most_overdue(b, 1)
        if worst:
            most = t("; terbanyak di {name} ({n})", name=worst[0][0], n=number(worst[0][1], lang=lang))
            facts.append(Line((overdue + most, overdue), OVERDUE_RANK))
        else:
            facts.append(Line((overdue,), OVERDUE_RANK))
    posts = [figure_sentence(b, "posts", "posts", lang), figure_sentence(b, "active_share", "active_opd_share", lang)]
    if any(posts):
        facts.append(Line((" · ".join(p for p in posts if p),), 3))
    negative = figure_sentence(b, "negative_share", "negative_share_7d", lang, t(" vs 7 hari sebelumnya"))
    if negative:
        facts.append(Line((negative,), 4))
    ranked = with_data(b.league)
    if len(ranked) >= 2:  # top and bottom of the page's own table (5 teratas, 5 terbawah)
        facts.append(Line((league_sentence(ranked, lang),), 5))
    if f["posts"].value is not None:  # passive is judged only when the period has post data
        facts.append(Line(_passive(b.passive, lang), 6))
    if len(b.rising):
        facts.append(Line(rising_sentence(b.rising.iloc[0], lang), 7))
    return facts


def _passive(passive: pd.DataFrame, lang: str) -> tuple[str, ...]:
    """"OPD pasif: 33 (BKPSDM, BPKA, Bag. Hukum, dan 30 lainnya)", then with fewer names, then the count."""
    m = metric("passive_opd")
    count = f"{m.label_in(lang)}: {m.format(len(passive), lang)}"
    variants = []
    for k in range(min(NAMES, len(passive)), 0, -1):
        names = ", ".join(passive["short_name"].head(k))
        more = len(passive) - k
        variants.append(f"{count} ({names}{translate(', dan {} lainnya', lang, more) if more else ''})")
    return (*variants, count)


def _filters_line(b: Briefing, filters: Filters, lang: str) -> Line | None:
    """"Saringan: Dinkes · Kecamatan & kelurahan · Facebook" when the view is narrowed (else the whole region),
    then with the number of OPD instead of their names."""
    names = b.league.set_index("opd_code")["short_name"]
    opd = [str(names.get(code, code)) for code in filters.opd]
    kinds = next((translate(KIND_NAMES[g], lang) for g, k in KIND_GROUPS.items() if tuple(k) == filters.kinds),
                 ", ".join(filters.kinds))
    platforms = ", ".join(PLATFORMS.get(p, p) for p in filters.platforms)
    if not (opd or kinds or platforms):
        return None
    label = translate("Saringan", lang) + ": "
    shown = [", ".join(opd[:NAMES]) + (translate(", dan {} lainnya", lang, len(opd) - NAMES) if len(opd) > NAMES
                                       else ""), kinds, platforms]
    counted = [translate("{} OPD", lang, len(opd)) if opd else "", kinds, platforms]
    return Line(tuple(label + " · ".join(p for p in parts if p) for parts in (shown, counted)), 0)


def fit(blocks: list[list[Line]], limit: int = LIMIT) -> str:
    """The blocks' lines, a blank line between blocks, within ``limit`` characters: first the least important
    lines take their shorter wording, then the least important are left out; the title (the first line) stays."""
    blocks, limit = [list(block) for block in blocks], min(limit, WHATSAPP_LIMIT)

    def text() -> str:
        return "\n\n".join("\n".join(line.text for line in block) for block in blocks if block)

    def order() -> list[tuple[int, int]]:  # (block, index), least important first, the title last of all
        where = [(b, i) for b, block in enumerate(blocks) for i in range(len(block)) if (b, i) != (0, 0)]
        return sorted(where, key=lambda bi: (-blocks[bi[0]][bi[1]].rank, -bi[0], -bi[1]))

    for b, i in order():
        while len(text()) > limit and (shorter := blocks[b][i].shorter()):
            blocks[b][i] = shorter
    while len(text()) > limit and (rest := order()):
        b, i = rest[0]
        del blocks[b][i]
    return text()
