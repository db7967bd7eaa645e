"""Sarcasm cues for the sentiment model: praise or laughter beside a complaint, and praise in quotes.

Indonesian comments to government accounts mock with praise: "mantap, jalan rusak dibiarkan", "terima kasih
lho lampunya sudah mati sebulan", "pelayanan "cepat" sekali". A linear model reads "mantap" and "terima kasih"
as praise, so these cues are added as features (after ``negation.mark``, whose marks they read):

* ``sindiran`` — a praise word and a complaint in one text: a complaint word of the polarity lexicon outside any
  negation scope (``kata_negatif``), or a negated praise word (``negasi_positif``: "belum ditanggapi");
* ``tawa_keluhan`` — laughter ("wkwk", "haha", 😂, 🤣) and a complaint in one text;
* ``pujian_dikutip`` — a praise word of the lexicon between two quotation marks.

They are features, not rules: a thank-you for a problem solved ("terima kasih, jalan rusak sudah diperbaiki")
also shows praise beside a complaint word, and the training rows teach the model the difference.
"""

from __future__ import annotations

from etl.nlp.negation import polarity

PRAISE = frozenset({"mantap", "hebat", "keren", "bagus", "terima", "salut", "prestasi", "top", "juara", "selamat",
                    "sukses", "luar", "canggih", "apresiasi"})
LAUGHTER = frozenset({"hahaha", "hehe", "😂", "🤣"})  # normalisation turns wkwk, haha, xixi into "hahaha"
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’"})


def _complaint(tokens: list[str]) -> bool:
    """A complaint word outside any negation scope, or a negated praise word: both marked by ``negation.mark``."""
    return "kata_negatif" in tokens or "negasi_positif" in tokens


def _quoted_praise(tokens: list[str]) -> bool:
    lexicon = polarity()
    return any(tokens[i - 1] in QUOTES and tokens[i + 1] in QUOTES and lexicon.get(tokens[i]) == "positif"
               for i in range(1, len(tokens) - 1))


def mark(tokens: list[str]) -> list[str]:
    """``tokens`` plus the cues found (see the module's doc)."""
    praise, laughter = not PRAISE.isdisjoint(tokens), not LAUGHTER.isdisjoint(tokens)
    cues = []
    if (praise or laughter) and _complaint(tokens):
        cues += ["sindiran"] if praise else []
        cues += ["tawa_keluhan"] if laughter else []
    if _quoted_praise(tokens):
        cues.append("pujian_dikutip")
    return tokens + cues if cues else tokens
