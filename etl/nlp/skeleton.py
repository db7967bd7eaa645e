"""Words written without their vowels ("jln rsk prh", "lmp mati") read as the words they stand for.

``data/nlp/leksikon/kerangka.csv`` maps a consonant skeleton ("rsk") to the word of the project's training
texts it most often stands for ("rusak"): a skeleton is kept when its most frequent word appears at least
``MIN_COUNT`` times and ``MARGIN`` times as often as the next word with the same skeleton ("pr" is "pura",
"pir" …: too short and too ambiguous, so skeletons have three consonants or more). Regenerate it after the
training texts change: ``python -m etl.nlp.train`` does it first (tests/test_skeleton.py checks it is in step).
Normalisation (``etl/nlp/normalize.py``) uses it only for a word with no vowel that the slang map does not
know, also before "-nya" ("jlnnya" → "jalannya").
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "data" / "nlp" / "leksikon" / "kerangka.csv"
VOWELS = frozenset("aeiou")
MIN_COUNT, MARGIN = 3, 2.0


def skeleton(word: str) -> str:
    return "".join(c for c in word if c not in VOWELS)


def build(words: Iterable[str]) -> dict[str, str]:
    """skeleton → the word it stands for, from a corpus's words (see the module's doc)."""
    counts = Counter(w for w in words if len(w) >= 4 and w.isalpha() and w.islower() and not VOWELS.isdisjoint(w))
    by_skeleton: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for word, n in counts.items():
        if len(key := skeleton(word)) >= 3:
            by_skeleton[key].append((n, word))
    found = {}
    for key, candidates in by_skeleton.items():
        candidates.sort(key=lambda c: (-c[0], c[1]))
        best = candidates[0][0]
        if best >= MIN_COUNT and (len(candidates) == 1 or best >= MARGIN * candidates[1][0]):
            found[key] = candidates[0][1]
    return dict(sorted(found.items()))


@lru_cache(maxsize=1)
def skeletons() -> dict[str, str]:
    with FILE.open(encoding="utf-8") as f:
        return {row["kerangka"]: row["kata"] for row in csv.DictReader(f)}


def expand(word: str) -> str | None:
    """The word a vowel-less ``word`` stands for, or None."""
    if VOWELS.isdisjoint(word):
        return skeletons().get(word)
    if word.endswith("nya") and VOWELS.isdisjoint(word[:-3]) and (stem := skeletons().get(word[:-3])):
        return stem + "nya"
    return None


def training_words() -> list[str]:
    """Every word of the project's training texts, lower-cased, slang mapped (no skeleton read back in)."""
    from etl.nlp.normalize import REPEAT, WORD, _mask, informal_map

    slang, words = informal_map(), []
    for name in ("sentimen", "konten", "topik"):
        with (ROOT / "data" / "nlp" / "train" / f"{name}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for w in WORD.findall(REPEAT.sub(r"\1", _mask(row["teks"]))):
                    words += slang.get(w, w).split()
    return words


def main() -> None:
    rows = build(training_words())
    with FILE.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["kerangka", "kata"])
        out.writerows(rows.items())
    print(f"{FILE}: {len(rows)} skeletons")


if __name__ == "__main__":
    main()
