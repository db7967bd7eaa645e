"""Words written without vowels (etl/nlp/skeleton.py): "jln rsk prh" reads as "jalan rusak parah"."""

import csv

import pytest

from etl.nlp import classifier
from etl.nlp.normalize import tokens
from etl.nlp.skeleton import FILE, build, expand, skeleton, training_words


def test_the_shipped_skeletons_are_those_of_the_training_texts():
    with FILE.open(encoding="utf-8") as f:
        shipped = {row["kerangka"]: row["kata"] for row in csv.DictReader(f)}
    assert shipped == build(training_words()), "run: python -m etl.nlp.train"


def test_a_skeleton_needs_a_clear_winner():
    words = ["pura"] * 3 + ["pure"] * 2 + ["lampu"] * 3 + ["lumpia"] * 1 + ["rusak"] * 2
    assert skeleton("lampu") == "lmp"
    assert build(words) == {"lmp": "lampu"}  # "pr" too short; "rsk" too rare; "lmp": lampu 3× vs lumpia 1×


@pytest.mark.parametrize(("word", "meant"), [("rsk", "rusak"), ("prh", "parah"), ("lmp", "lampu"),
                                             ("jlnnya", "jalannya"), ("rusak", None), ("xqz", None)])
def test_expand(word, meant):
    assert expand(word) == meant


def test_normalisation_reads_vowel_less_words_the_slang_map_does_not_know():
    assert tokens("jlnnya rsk prh, lmp mati") == ["jalannya", "rusak", "parah", ",", "lampu", "mati"]
    assert tokens("yg tdk") == ["yang", "tidak"]  # the slang map first


def test_a_vowel_less_complaint_gets_the_topic_of_its_spelled_out_twin():
    texts = ["lmp jln mati smngg", "lampu jalan mati seminggu"]
    assert classifier("topic").predict(texts)[0] == ["penerangan_jalan", "penerangan_jalan"]
