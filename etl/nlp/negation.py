"""Negation scope for the sentiment model: what follows "tidak", "belum", "bukan", "jangan", "tanpa" is marked.

The words after a negator, up to ``SCOPE`` of them and never past punctuation, an emoji or a contrast word
("tetapi", "namun"), become ``neg_<word>`` — "tidak ribet" and "ribet" are different features — and a negated
word of the polarity lexicon (``data/nlp/leksikon/polaritas.csv``) also adds ``negasi_positif`` or
``negasi_negatif``. Those two generic features let the linear model learn that a negated complaint word
("tidak banjir lagi", "tanpa pungli") leans positive and a negated praise word ("tidak ramah", "belum
ditanggapi") negative, also for the pairs training never saw. A lexicon word outside any scope adds
``kata_positif`` or ``kata_negatif``: a complaint word the training texts rarely showed still counts ("atap balai
desa bocor lagi" is a complaint, not news). Fillers ("ada", "lagi", "perlu" …) do not use up a scope. Negators
are matched after normalisation (``normalize.tokens``), which has already turned "gak", "ga", "nggak", "ora",
"teu", "mboten" into "tidak".
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[2] / "data" / "nlp" / "leksikon" / "polaritas.csv"
NEGATORS = frozenset({"tidak", "tak", "belum", "bukan", "jangan", "tanpa", "enggak", "kagak", "henteu"})
# a negator's scope ends here (Councill et al. 2010 end it at punctuation and conjunctions)
ENDS = frozenset({"tetapi", "tapi", "namun", "padahal", "sedangkan", "melainkan", "sayangnya", "cuma", "hanya", "dan",
                  "serta", "atau", "karena", "sehingga"})
SCOPE = 3  # words after a negator that it negates
# words that do not use up a scope: "tidak ada lagi pungli", "tidak perlu takut lagi" negate "pungli" and "takut"
FILLERS = frozenset({"ada", "lagi", "perlu", "pernah", "usah", "juga", "sama", "sekali", "begitu", "terlalu", "pun",
                     "akan", "bakal", "mau", "kok", "lah", "kan", "sih", "ya"})


@lru_cache(maxsize=1)
def polarity() -> dict[str, str]:
    """word (normalised) → "positif" or "negatif"."""
    with LEXICON.open(encoding="utf-8") as f:
        return {r["kata"]: r["polaritas"] for r in csv.DictReader(f)}


def mark(tokens: list[str]) -> list[str]:
    """``tokens`` with every word in a negator's scope marked, plus ``kata_positif`` / ``kata_negatif`` for each
    lexicon word outside a scope (see the module's doc); unchanged when neither occurs."""
    lexicon = polarity()
    if NEGATORS.isdisjoint(tokens):
        plain = ["kata_" + lexicon[t] for t in tokens if t in lexicon]
        return tokens + plain if plain else tokens
    out, plain, left = [], [], 0
    for token in tokens:
        if token in NEGATORS:
            left = SCOPE
            out.append(token)
        elif left and token.isalnum() and token not in ENDS:
            out.append("neg_" + token)
            if side := lexicon.get(token):
                out.append("negasi_" + side)
            left -= token not in FILLERS
        else:  # outside a scope, or its end
            left = 0
            out.append(token)
            if side := lexicon.get(token):
                plain.append("kata_" + side)
    return out + plain
