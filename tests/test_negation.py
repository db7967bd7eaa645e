"""Negation scope (etl/nlp/negation.py): what it marks, and minimal pairs the sentiment model must tell apart."""

import pytest

from etl.nlp import classifier
from etl.nlp.negation import SCOPE, mark, polarity
from etl.nlp.normalize import tokens


def test_the_words_after_a_negator_are_marked_with_the_lexicons_polarity():
    assert mark(tokens("gak ribet kok")) == ["tidak", "neg_rumit", "negasi_negatif", "neg_kok"]
    assert mark(tokens("belum ditanggapi")) == ["belum", "neg_ditanggapi", "negasi_positif"]
    assert mark(tokens("tanpa pungli")) == ["tanpa", "neg_pungli", "negasi_negatif"]


def test_a_scope_ends_after_three_words_at_punctuation_emoji_and_contrast_words():
    assert SCOPE == 3
    assert mark(["tidak", "a", "b", "c", "d"]) == ["tidak", "neg_a", "neg_b", "neg_c", "d"]
    assert mark(tokens("udah gak banjir, tp jalannya rusak")) == [
        "sudah", "tidak", "neg_banjir", "negasi_negatif", ",", "tetapi", "jalannya", "rusak", "kata_negatif"]
    assert mark(tokens("tidak ramah 😡 kasar")) == [
        "tidak", "neg_ramah", "negasi_positif", "😡", "kasar", "kata_negatif"]
    assert mark(tokens("tidak ramah dan lambat")) == [
        "tidak", "neg_ramah", "negasi_positif", "dan", "lambat", "kata_negatif"]


def test_fillers_do_not_use_up_a_scope():
    assert mark(tokens("tidak ada lagi pungli")) == ["tidak", "neg_ada", "neg_lagi", "neg_pungli", "negasi_negatif"]
    assert mark(tokens("tidak perlu takut lagi")) == [
        "tidak", "neg_perlu", "neg_takut", "negasi_negatif", "neg_lagi"]


def test_lexicon_words_outside_a_scope_are_counted_by_polarity():
    assert mark(tokens("jalannya rusak parah, mohon diperbaiki")) == [
        "jalannya", "rusak", "parah", ",", "mohon", "diperbaiki", "kata_negatif", "kata_negatif", "kata_positif"]


def test_texts_without_a_negator_or_lexicon_word_are_left_alone():
    text = tokens("mohon info jadwal pelayanan")
    assert mark(text) is text


def test_regional_and_slang_negators_arrive_as_tidak():
    for text in ("ora banjir", "teu banjir", "mboten banjir", "nggak banjir", "ga banjir", "gk banjir"):
        assert mark(tokens(text)) == ["tidak", "neg_banjir", "negasi_negatif"], text


def test_the_lexicon_holds_normalised_words_only():
    words = polarity()
    assert set(words.values()) == {"positif", "negatif"}
    assert all(w == tokens(w)[0] and len(tokens(w)) == 1 for w in words), "a lexicon word normalisation changes"


# minimal pairs: the same sentence with and without a negator; none of these texts is in the training data
PAIRS = [
    ("atap balai desa bocor lagi", "negative", "atap balai desa sudah tidak bocor lagi", "positive"),
    ("sekarang perempatan itu macet terus", "negative", "sekarang perempatan itu tidak macet lagi", "positive"),
    ("air PDAM di perumahan keruh", "negative", "air PDAM di perumahan tidak keruh lagi", "positive"),
    ("petugas loket sopan sekali", "positive", "petugas loket tidak sopan sama sekali", "negative"),
    ("aduan soal jalan sudah ditanggapi dinas", "positive", "aduan soal jalan belum ditanggapi dinas", "negative"),
    ("ngurus surat pindah susah", "negative", "ngurus surat pindah gak susah kok", "positive"),
    ("masih ada pungli di pasar", "negative", "tidak ada lagi pungli di pasar", "positive"),  # a filler between
]


@pytest.mark.parametrize(("plain", "plain_label", "negated", "negated_label"), PAIRS)
def test_minimal_pairs_flip_with_the_negator(plain, plain_label, negated, negated_label):
    labels, _ = classifier("sentiment").predict([plain, negated])
    assert labels == [plain_label, negated_label]
