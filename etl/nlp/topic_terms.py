"""Topic terms for the topic model: public-service words, acronyms and local terms mapped to their topic.

``data/nlp/leksikon/topik.csv`` lists terms ("gorong-gorong", "pju", "ikd", "bangjo", "jukir", "rtlh" …) with
the topic each points to. A text gets one feature per term found: ``topik_<topic>`` — or ``lokasi_<topic>`` when
the term follows a place word ("depan", "dekat", "di" …) within ``NEAR`` tokens, as in "jalan berlubang depan
sekolah", where the school is where the complaint is, not what it is about. The linear model learns how much
each weighs, so a term the training texts never showed ("polindes", "rutilahu") still counts towards its topic,
and the object of a complaint outranks a place named as its location.

Terms are read through ``normalize.tokens``, so they match what the model sees ("PJU" and "pju" alike, and
regional words after their Indonesian reading).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from etl.nlp.normalize import tokens

LEXICON = Path(__file__).resolve().parents[2] / "data" / "nlp" / "leksikon" / "topik.csv"
PLACE_WORDS = frozenset({"di", "depan", "dekat", "samping", "belakang", "sebelah", "seberang", "sekitar", "kawasan",
                         "area", "sepanjang", "menuju", "arah", "pinggir", "ujung", "halaman", "lingkungan", "dalam",
                         "sebrang", "dpn", "dkt", "deket"})
NEAR = 2  # a term this many tokens after a place word is a location


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """first token → [(the term's tokens, topic)], longest term first."""
    found: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    with LEXICON.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            term = tuple(tokens(row["istilah"]))
            if term:
                found.setdefault(term[0], []).append((term, row["topik"]))
    for terms in found.values():
        terms.sort(key=lambda entry: -len(entry[0]))
    return found


def _at_place(token_list: list[str], i: int) -> bool:
    return any(t in PLACE_WORDS for t in token_list[max(i - NEAR, 0):i])


def cues(token_list: list[str]) -> list[str]:
    """``topik_<topic>`` / ``lokasi_<topic>`` for every lexicon term in ``token_list`` (longest match first)."""
    terms, found, i = lexicon(), [], 0
    while i < len(token_list):
        for term, topic in terms.get(token_list[i], ()):
            if tuple(token_list[i:i + len(term)]) == term:
                found.append(f"{'lokasi' if _at_place(token_list, i) else 'topik'}_{topic}")
                i += len(term)
                break
        else:
            i += 1
    return found


def mark(token_list: list[str]) -> list[str]:
    """``token_list`` plus its topic cues."""
    found = cues(token_list)
    return token_list + found if found else token_list
