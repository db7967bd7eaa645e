"""The three classifiers: command line, determinism, rituals, obvious cases."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from etl.nlp import TASKS, classifier, train
from etl.nlp.model import TOKEN_PATTERN, char_features, char_vectorizer
from etl.nlp.normalize import normalize, tokens
from etl.nlp.rules import is_ritual, is_ritual_tokens

ROOT = Path(__file__).resolve().parent.parent


def test_normalize_handles_slang_links_and_repeats():
    assert normalize("Pelayanannya lamaaa bgt gak jelas https://x.co/abc @dinkes_kab") == \
        "pelayanannya lama sekali tidak jelas url mention"
    assert normalize("Hatur nuhun, 12 warga") == "terima kasih, num warga"


def test_a_word_with_a_2_is_read_as_reduplicated():
    assert normalize("anak2 sekolah, gorong2 mampet") == normalize("anak-anak sekolah, gorong-gorong mampet")
    assert normalize("jam 2, ke-2, km2") == "jam num , ke- num , kamu num"  # a number, and a two-letter unit, stay


@pytest.mark.parametrize("text", [
    "Pelayanannya lamaaa bgt gak jelas https://x.co/abc @dinkes_kab", "Hatur nuhun, 12 warga", "", "   ",
    "ajalah btw dll!!! 🙏🙏 #JalanRusak www.x.id/a?b=1 Rp1.250.000,50 x2 a_b_c gakkk__bgttt ²³ é",
    "@a.b.c@d #", "Allaah BDG 0kmh", "\t\nmin,mksih;thx...", "ORA OPO-OPO wes uwis 🙄🙄🙄",
    "KK anak2 PKL smp SDN2 PP pp", "Satpol PP-nya", "BLT2 KK2",
])
def test_tokens_are_the_tokens_of_the_normalised_text(text):
    assert tokens(text) == re.findall(TOKEN_PATTERN, normalize(text))
    assert is_ritual_tokens(tokens(text)) == is_ritual(normalize(text))


def test_tokens_match_normalize_on_the_training_texts():
    pattern = re.compile(TOKEN_PATTERN)
    for stem in TASKS.values():
        with (ROOT / "data" / "nlp" / "train" / f"{stem}.csv").open(encoding="utf-8") as f:
            for line in f:
                assert tokens(line) == pattern.findall(normalize(line))


@pytest.mark.parametrize("text", ["aamiin 🙏", "Siap laksanakan!", "Selamat Hari Raya Idul Fitri, mohon maaf lahir "
                                  "dan batin", "Innalillahi wa inna ilaihi rojiun, turut berduka cita", "hadir"])
def test_rituals_are_neutral(text):
    assert is_ritual(normalize(text))
    labels, conf = classifier("sentiment").predict([text])
    assert labels == ["neutral"] and conf == [1.0]


def test_rituals_do_not_hide_real_opinions():
    assert not is_ritual(normalize("selamat pagi, jalan depan rumah rusak parah"))


@pytest.mark.parametrize(("task", "text", "label"), [
    ("sentiment", "Alhamdulillah pelayanan di Disdukcapil cepat sekali, terima kasih pak", "positive"),
    ("sentiment", "Jalan di desa kami rusak parah sudah 3 bulan tidak diperbaiki, kecewa", "negative"),
    ("content", "Selamat Hari Raya Idul Fitri 1447 H, mohon maaf lahir dan batin", "seremonial"),
    ("content", "Perbaikan jalan sepanjang 1,2 km di Desa Mekarsari rampung hari ini", "kinerja"),
    ("topic", "Sampah di TPS pasar belum diangkut seminggu, bau sekali", "sampah_kebersihan"),
    ("topic", "Lampu PJU di jalan raya mati semua, gelap dan rawan", "penerangan_jalan"),
])
def test_obvious_cases(task, text, label):
    assert classifier(task).predict([text])[0] == [label]


def test_same_text_same_label_and_versions():
    model = classifier("topic")
    texts = ["banjir lagi di perumahan", "KTP belum jadi"] * 3
    labels, conf = model.predict(texts)
    assert labels[0::2] == [labels[0]] * 3 and labels[1::2] == [labels[1]] * 3
    assert model.predict(texts) == (labels, conf)
    assert model.predict(list(reversed(texts)))[0] == list(reversed(labels))
    assert all(classifier(t).version.startswith(TASKS[t]) for t in TASKS)


@pytest.mark.parametrize("task", list(TASKS))
def test_batches_with_empty_texts(task):
    model = classifier(task)
    assert model.predict([]) == ([], [])
    texts = ["", "jalan rusak parah", "", "🙏", "lampu jalan mati", ""] * 500
    labels, conf = model.predict(texts)
    assert len(labels) == len(conf) == len(texts)
    assert set(labels) <= set(model.labels) and all(0.0 <= c <= 1.0 for c in conf)
    assert (labels[:6], conf[:6]) == model.predict(texts[:6])  # a text's answer does not depend on its batch
    assert isinstance(model.labels, tuple) and re.fullmatch(rf"{TASKS[task]}-[0-9a-f]{{10}}", model.version)


@pytest.mark.parametrize("task", list(TASKS))
def test_command_line_answers_one_line_per_text(task):
    texts = "jalan rusak\nSelamat pagi\n\nterima kasih atas bantuannya\n"
    out = subprocess.run([sys.executable, "-m", "etl.nlp", task], input=texts, capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.splitlines()
    assert len(out) == 4
    labels = set(classifier(task).labels)
    for line in out:
        label, confidence = line.split("\t")
        assert label in labels and 0.0 <= float(confidence) <= 1.0


def test_fast_char_features_equal_the_reference_vectorizer():
    texts = ["Perbaikan jalan 2,4 km rampung", "", "a", "🙏🙏 ok", "Jl. Siliwangi   banjir lagi!!"]
    for stem in ("konten", "topik"):
        with (ROOT / "data" / "nlp" / "train" / f"{stem}.csv").open(encoding="utf-8") as f:
            texts += f.read().splitlines()[1:200]
    token_lists = [tokens(t) for t in texts]
    fast = char_features(token_lists, (3, 5))
    reference = char_vectorizer((3, 5)).transform([" ".join(t) for t in token_lists])
    assert fast.shape == reference.shape and abs(fast - reference).max() < 1e-6


def test_admin_corrections_join_the_training_rows(tmp_path, monkeypatch):
    (tmp_path / "topik.csv").write_text("teks,label\nLampu PJU mati di gang,penerangan_jalan\n", encoding="utf-8")
    monkeypatch.setattr(train, "CORRECTIONS", tmp_path)
    rows, weights, own = train.training_rows("topic", None)
    assert rows[-1] == ("Lampu PJU mati di gang", "penerangan_jalan") and own == len(rows) == len(weights)


def test_char_features_stay_exact_across_calls_and_when_the_token_memo_is_renewed(monkeypatch):
    from etl.nlp import model

    monkeypatch.setattr(model, "HASH_CACHE_LIMIT", 50)  # renewed every few calls
    monkeypatch.setattr(model, "_CHAR_MEMOS", {})
    with (ROOT / "data" / "nlp" / "train" / "topik.csv").open(encoding="utf-8") as f:
        texts = [*f.read().splitlines()[1:121], ""]
    reference = char_vectorizer((3, 5))
    for i in range(0, len(texts), 20):
        token_lists = [tokens(t) for t in texts[i:i + 20]]
        fast = char_features(token_lists, (3, 5))
        assert abs(fast - reference.transform([" ".join(t) for t in token_lists])).max() < 1e-6


@pytest.mark.parametrize("task", list(TASKS))
def test_a_shipped_model_reads_the_features_it_was_trained_with(task):
    """The cue switches and char n-grams are stored in the weights file and read back (etl/nlp/model.save)."""
    assert classifier(task).spec == train.SPEC[task]
