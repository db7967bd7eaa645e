"""Emoji polarity for the sentiment model: a positive or negative emoji adds ``emoji_positif`` / ``emoji_negatif``.

The polarity of an emoji comes from the Emoji Sentiment Ranking v1.0 (Kralj Novak, Smailović, Sluban & Mozetič,
2015, "Sentiment of Emojis", PLoS ONE 10(12): e0144296; data CC BY-SA 4.0, hdl.handle.net/11356/1048): its
score is the share of positive minus the share of negative tweets in which it occurred, (pos − neg) / (n + 3).
An emoji scoring ≥ ``POSITIVE`` is positive, ≤ ``NEGATIVE`` negative (the ranking's tweets lean positive, so the
negative bar is nearer zero). Emoji newer than the ranking (🤬, 🙄, 🥰 …) and the three whose use in comments to
local government differs from the tweets' (🙏, 😏, 👀: neutral here) carry the project's polarity, with the reason, in
``data/nlp/leksikon/emoji.csv``. A comment of emoji only is labelled by them (``emoji_only``).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[2] / "data" / "nlp" / "leksikon" / "emoji.csv"
POSITIVE, NEGATIVE = 0.3, -0.1
LABELS = {"positif": "positive", "negatif": "negative"}


def _side(row: dict[str, str]) -> str | None:
    if row["polaritas_proyek"]:
        return row["polaritas_proyek"] if row["polaritas_proyek"] in LABELS else None
    neg, neu, pos = (int(row[f"esr_{k}"]) for k in ("negatif", "netral", "positif"))
    score = (pos - neg) / (neg + neu + pos + 3)
    return "positif" if score >= POSITIVE else "negatif" if score <= NEGATIVE else None


@lru_cache(maxsize=1)
def polarity() -> dict[str, str]:
    """emoji → "positif" or "negatif" (emoji of neither side are left out)."""
    with LEXICON.open(encoding="utf-8") as f:
        return {row["emoji"]: side for row in csv.DictReader(f) if (side := _side(row))}


def mark(tokens: list[str]) -> list[str]:
    """``tokens`` plus ``emoji_positif`` / ``emoji_negatif`` after each emoji of the lexicon."""
    lexicon = polarity()
    if lexicon.keys().isdisjoint(tokens):
        return tokens
    out = []
    for token in tokens:
        out.append(token)
        if side := lexicon.get(token):
            out.append("emoji_" + side)
    return out


def emoji_only(tokens: list[str]) -> str | None:
    """The label of a text with no word, only emoji and punctuation, by its emoji's polarities (more positive
    than negative ones: positive, and so on); None when it has a word or no emoji of the lexicon."""
    if not tokens or any(t.isalnum() for t in tokens):
        return None
    lexicon = polarity()
    sides = [lexicon[t] for t in tokens if t in lexicon]
    if not sides:
        return None
    balance = sides.count("positif") - sides.count("negatif")
    return "positive" if balance > 0 else "negative" if balance < 0 else "neutral"
