"""Text normalisation shared by training and prediction (informal Indonesian, emoji, Javanese/Sundanese)."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

DICTIONARY = Path(__file__).resolve().parents[2] / "data" / "nlp" / "indocollex" / "informal_formal.tsv"

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
}
URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@[\w.]+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
REPEAT = re.compile(r"(\w)\1{2,}")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def informal_map() -> dict[str, str]:
    """indocollex informal→formal pairs (MIT) plus the project's regional list."""
    mapping: dict[str, str] = {}
    with DICTIONARY.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["informal"].isalpha():
                mapping[row["informal"]] = row["formal"]
    mapping.update(EXTRA)
    return mapping


def normalize(text: str) -> str:
    """Lower-case, mask links/mentions/numbers, squeeze 'bangettt', map slang to formal words."""
    mapping = informal_map()
    s = URL.sub(" url ", text.lower())
    s = MENTION.sub(" mention ", s)
    s = s.replace("#", " ")
    s = NUMBER.sub(" num ", s)
    s = REPEAT.sub(r"\1", s)
    s = WORD.sub(lambda m: mapping.get(m.group(), m.group()), s)
    return SPACE.sub(" ", s).strip()
