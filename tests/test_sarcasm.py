"""Sarcasm cues (etl/nlp/sarcasm.py): praise or laughter beside a complaint, praise in quotes."""

import pytest

from etl.nlp import classifier
from etl.nlp.negation import mark as negated
from etl.nlp.normalize import tokens
from etl.nlp.sarcasm import mark


def cues(text: str) -> list[str]:
    found = mark(negated(tokens(text)))
    return [t for t in found if t in ("sindiran", "tawa_keluhan", "pujian_dikutip")]


@pytest.mark.parametrize(("text", "expected"), [
    ("mantap pak, jalan rusak dibiarkan", ["sindiran"]),
    ("terima kasih, laporan saya belum ditanggapi", ["sindiran"]),  # a negated praise word is a complaint
    ("wkwkwk jalan bolong lagi", ["tawa_keluhan"]),
    ('pelayanan "cepat" sekali', ["pujian_dikutip"]),
    ("terima kasih, jalannya sudah diperbaiki", []),  # praise without a complaint
    ("terima kasih, sudah tidak banjir lagi", []),  # a negated complaint word is no complaint
    ("jalan rusak parah", []),  # a complaint without praise
])
def test_the_cues(text, expected):
    assert cues(text) == expected


def test_a_text_without_cues_is_left_alone():
    text = negated(tokens("jalan rusak parah"))
    assert mark(text) is text


# minimal pairs: praise beside a complaint, and the same praise for a problem solved (not in the training data)
PAIRS = [("keren, jalan di kampung kami rusak parah", "keren, jalan di kampung kami sudah mulus"),
         ('katanya "pelayanan prima", petugasnya main hp terus', "pelayanan prima, petugasnya sigap semua")]
# sarcasm the model still misses (README, "Not met"): strict, so a model that learns them makes these fail loudly
MISSED = [("wkwk lampu jalan di gang kami mati lagi, mantap",
           "wkwk akhirnya lampu jalan di gang kami nyala, mantap"),
          ("terima kasih pak, jembatan kami sudah setahun putus",
           "terima kasih pak, jembatan kami sudah tersambung lagi")]


@pytest.mark.parametrize(("mocking", "meant"), PAIRS)
def test_praise_beside_a_complaint_is_read_as_mockery(mocking, meant):
    assert classifier("sentiment").predict([mocking, meant])[0] == ["negative", "positive"]


def test_laughter_beside_a_complaint_is_negative():
    assert classifier("sentiment").predict(["wkwk lampu jalan mati lagi"])[0] == ["negative"]


@pytest.mark.xfail(strict=True, reason="sarcasm that needs more than praise beside a complaint word")
@pytest.mark.parametrize(("mocking", "meant"), MISSED)
def test_sarcasm_the_model_still_misses(mocking, meant):
    assert classifier("sentiment").predict([mocking, meant])[0] == ["negative", "positive"]
