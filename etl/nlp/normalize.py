"""Text normalisation shared by training and prediction (informal Indonesian, emoji, Javanese/Sundanese).

``normalize(text)`` gives the normalised string; ``tokens(text)`` gives the tokens the classifiers
see, which are exactly ``TOKEN.findall(normalize(text))`` but computed in one regex pass over the
masked text plus a cache of per-word results (slang mapping and 'bangettt' squeezing only ever
change one word at a time), which makes it several times faster on large batches.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from etl.nlp.skeleton import expand

DICTIONARY = Path(__file__).resolve().parents[2] / "data" / "nlp" / "indocollex" / "informal_formal.tsv"
LEXICONS = Path(__file__).resolve().parents[2] / "data" / "nlp" / "leksikon"
REGIONAL = LEXICONS / "daerah.csv"  # Javanese/Sundanese content words (project's own list, with notes)
# acronyms of public services read as their expansion, some only in capitals ("KK" kartu keluarga, "kk" kakak)
ACRONYMS = LEXICONS / "singkatan.csv"

# Regional and extra slang seen in comments to government accounts (project's own list).
EXTRA = {
    "nuhun": "terima kasih", "hatur": "", "matur": "", "nuwun": "terima kasih", "suwun": "terima kasih",
    "teu": "tidak", "ora": "tidak", "mboten": "tidak", "durung": "belum", "acan": "belum",
    "sampun": "sudah", "wes": "sudah", "uwis": "sudah", "piye": "bagaimana", "kumaha": "bagaimana",
    "pisan": "sekali", "pol": "sekali", "banget": "sekali", "bgtt": "sekali", "sae": "bagus",
    "apik": "bagus", "mantul": "mantap", "mantep": "mantap", "josss": "mantap", "jos": "mantap",
    "gercep": "cepat", "lelet": "lambat", "lemot": "lambat", "tks": "terima kasih", "thx": "terima kasih",
    "makasih": "terima kasih", "mksih": "terima kasih", "trims": "terima kasih", "aamiin": "amin",
    "aamin": "amin", "amiin": "amin", "mimin": "admin", "min": "admin", "ngga": "tidak", "nggak": "tidak",
    # praise in Javanese and in English as comments write it (what cross-validation misread as complaints)
    "joss": "mantap", "mantaap": "mantap", "mantabs": "mantap", "maturnuwun": "terima kasih",
    "matursuwun": "terima kasih", "mugi": "semoga", "thanks": "terima kasih", "thank": "terima kasih",
    "good": "bagus", "nice": "bagus", "great": "hebat", "respect": "salut", "dibenerin": "diperbaiki",
}
URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@[\w.]+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
REDUPLICATION = re.compile(r"\b([^\W\d_]{3,})2\b")  # "anak2", "gorong2": written for "anak-anak", "gorong-gorong"
REPEAT = re.compile(r"(\w)\1{2,}")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SPACE = re.compile(r"\s+")
# what the classifiers count: words, and single punctuation/emoji characters ("!!", "🙏" carry sentiment)
TOKEN = re.compile(r"\w+|[^\w\s]")
TOKEN_PATTERN = r"(?u)\b\w+\b|[^\w\s]"  # the same tokens, in scikit-learn's spelling
CACHE_LIMIT = 400_000  # distinct words remembered by tokens(); cleared (not evicted) when full


@lru_cache(maxsize=1)
def informal_map() -> dict[str, str]:
    """indocollex informal→formal pairs (MIT) plus the project's regional lists (function words here, content
    words in ``REGIONAL``) and the acronyms of ``ACRONYMS`` not marked as capitals-only."""
    mapping: dict[str, str] = {}
    with DICTIONARY.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["informal"].isalpha():
                mapping[row["informal"]] = row["formal"]
    with REGIONAL.open(encoding="utf-8") as f:
        mapping.update((row["kata"], row["baku"]) for row in csv.DictReader(f))
    mapping.update((short, full) for short, (full, capitals) in acronyms().items() if not capitals)
    mapping.update(EXTRA)
    return mapping


@lru_cache(maxsize=1)
def acronyms() -> dict[str, tuple[str, bool]]:
    """acronym (lower case) → (its expansion, whether only its capitals spelling means it)."""
    with ACRONYMS.open(encoding="utf-8") as f:
        return {r["singkatan"]: (r["kepanjangan"], r["kapital_saja"] == "ya") for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _capitals() -> tuple[re.Pattern[str], dict[str, str]]:
    """The capitals-only acronyms as one pattern, and each one's expansion."""
    found = {short.upper(): full for short, (full, capitals) in acronyms().items() if capitals}
    alternatives = "|".join(map(re.escape, found)) or r"(?!)"  # none listed: a pattern that never matches
    return re.compile(r"\b(?:" + alternatives + r")\b"), found


def _formal(match: re.Match[str]) -> str:
    word = match.group()
    found = informal_map().get(word)
    if found is None and (found := expand(word)) is None:
        return word
    return found


def _mask(text: str) -> str:
    """Expand capitals-only acronyms, lower-case, mask links, mentions, hashtags and numbers (the steps that span
    several words)."""
    pattern, expansion = _capitals()
    s = pattern.sub(lambda m: expansion[m.group()], text).lower()
    if "http" in s or "www." in s:
        s = URL.sub(" url ", s)
    if "@" in s:
        s = MENTION.sub(" mention ", s)
    if "#" in s:
        s = s.replace("#", " ")
    if "2" in s:
        s = REDUPLICATION.sub(r"\1-\1", s)
    return NUMBER.sub(" num ", s)


def _word(raw: str) -> str:
    """One masked word (a \\w+ run) or punctuation character after squeezing and slang mapping."""
    return WORD.sub(_formal, REPEAT.sub(r"\1", raw))


def normalize(text: str) -> str:
    """Lower-case, mask links/mentions/numbers, squeeze 'bangettt', map slang to formal words."""
    s = REPEAT.sub(r"\1", _mask(text))
    s = WORD.sub(_formal, s)
    return SPACE.sub(" ", s).strip()


class _Expansions(dict):
    """masked word → tuple of final tokens (memo; lookups of known words stay in C)."""

    def __missing__(self, raw: str) -> tuple[str, ...]:
        if len(self) >= CACHE_LIMIT:
            self.clear()
        out = self[raw] = tuple(TOKEN.findall(_word(raw)))
        return out


_EXPAND = _Expansions()


def forget() -> None:
    """Drop the per-word memo (after a lexicon file changed under a running process: training)."""
    _EXPAND.clear()


def tokens(text: str) -> list[str]:
    """The classifier tokens of ``text``: ``TOKEN.findall(normalize(text))``, only faster."""
    expand = _EXPAND
    return [t for raw in TOKEN.findall(_mask(text)) for t in expand[raw]]
