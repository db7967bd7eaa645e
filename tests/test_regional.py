"""Javanese/Sundanese content words and local acronyms (data/nlp/leksikon/daerah.csv): normalised to Indonesian,
so a complaint gets the same topic in any of the three languages."""

import csv

import pytest

from etl.nlp import classifier
from etl.nlp.normalize import REGIONAL, tokens


def rows() -> list[dict[str, str]]:
    with REGIONAL.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_lexicon_is_one_formal_reading_per_word_and_avoids_indonesian_homographs():
    words = [r["kata"] for r in rows()]
    assert len(words) == len(set(words)) and all(r["baku"].strip() for r in rows())
    # Javanese words that are also everyday Indonesian ones stay out: "kali" (river / times), "alas" (forest /
    # base), "lemah" (soil / weak), "larang" (dear / forbid), "lembur" (village / overtime), "tpa" (landfill /
    # Qur'an school), "ra" (not / RA, an Islamic kindergarten)
    assert not {"kali", "alas", "lemah", "larang", "lembur", "tpa", "ra"} & set(words)


@pytest.mark.parametrize(("regional", "indonesian"), [
    ("banyune ora mili", ["air", "tidak", "mengalir"]),
    ("cai teu ngocor", ["air", "tidak", "mengalir"]),
    ("bangjo mati", ["lampu", "lalu", "lintas", "mati"]),
    ("IKD error", ["identitas", "kependudukan", "digital", "error"]),
])
def test_regional_words_and_acronyms_become_indonesian(regional, indonesian):
    assert tokens(regional) == indonesian


# the same complaint in Indonesian and in Javanese or Sundanese (none of these texts is in the training data)
PAIRS = [
    ("air di rumah saya tidak mengalir sejak kemarin", "banyu neng omahku ora mili wiwit wingi", "air_bersih"),
    ("jalan ke desa rusak parah", "dalan menyang desa rusak parah", "jalan_jembatan"),
    ("sampah di pinggir jalan tidak diangkut", "runtah di sisi jalan teu diangkut", "sampah_kebersihan"),
    ("pohon besar di pinggir jalan mau tumbang", "wit gedhe neng pinggir dalan arep tumbang", "pohon_taman"),
]


@pytest.mark.parametrize(("indonesian", "regional", "topic"), PAIRS)
def test_a_complaint_has_one_topic_in_every_language(indonesian, regional, topic):
    assert classifier("topic").predict([indonesian, regional])[0] == [topic, topic]
