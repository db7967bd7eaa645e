"""Topic terms (etl/nlp/topic_terms.py, data/nlp/leksikon/topik.csv) and public-service acronyms
(data/nlp/leksikon/singkatan.csv): what they mark, and minimal pairs the topic model must tell apart."""

import csv

import pytest

from etl.nlp import classifier
from etl.nlp.normalize import ACRONYMS, acronyms, tokens
from etl.nlp.topic_terms import LEXICON, cues
from etl.schema import TOPICS


def lexicon_rows() -> list[dict[str, str]]:
    with LEXICON.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_term_is_one_known_topic_and_reads_as_words():
    rows = lexicon_rows()
    assert len(rows) > 500 and len({r["istilah"] for r in rows}) == len(rows)
    assert {r["topik"] for r in rows} == set(TOPICS)
    assert all(tokens(r["istilah"]) for r in rows)


def test_capitals_only_acronyms_are_listed_in_capitals():
    """"kk" in lower case is "kakak": the lexicon must not send every "kakak" to adminduk."""
    capitals = {short for short, (_, only) in acronyms().items() if only}
    assert capitals >= {"kk", "pkl", "smp", "dd", "pp"}
    assert not capitals & {r["istilah"] for r in lexicon_rows()}


@pytest.mark.parametrize(("text", "words"), [
    ("KK saya hilang", ["kartu", "keluarga", "saya", "hilang"]),
    ("makasih kk", ["terima", "kasih", "kakak"]),
    ("PKL di trotoar", ["pedagang", "kaki", "lima", "di", "trotoar"]),
    ("pkl 10 pagi", ["pukul", "num", "pagi"]),
    ("SMP negeri", ["sekolah", "menengah", "pertama", "negeri"]),
    ("dari km 3 smp km 5", ["dari", "kamu", "num", "sampai", "kamu", "num"]),
    ("Satpol PP", ["satuan", "polisi", "pamong", "praja"]),
    # read before as "sedunia", "simpan", "balita", "apakah", "adalah", "panas" (slang and skeleton maps)
    ("SDN 2", ["sekolah", "dasar", "negeri", "num"]),
    ("smpn", ["sekolah", "menengah", "pertama", "negeri"]),
    ("blt", ["bantuan", "langsung", "tunai"]),
    ("pkh", ["program", "keluarga", "harapan"]),
    ("dlh", ["dinas", "lingkungan", "hidup"]),
    ("pns", ["pegawai", "negeri", "sipil"]),
])
def test_public_service_acronyms_are_read_as_what_they_stand_for(text, words):
    assert tokens(text) == words


def test_the_acronym_list_has_one_expansion_each():
    with ACRONYMS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len({r["singkatan"] for r in rows}) == len(rows)
    assert all(r["kepanjangan"].strip() and r["kapital_saja"] in ("", "ya") for r in rows)


def test_a_term_after_a_place_word_is_a_location():
    assert cues(tokens("lampu jalan mati depan puskesmas")) == ["topik_penerangan_jalan", "lokasi_kesehatan"]
    assert cues(tokens("antrean puskesmas lama")) == ["topik_kesehatan"]
    assert cues(tokens("jalan berlubang dekat SDN 2")) == ["topik_jalan_jembatan", "lokasi_pendidikan"]


def test_the_longest_term_wins():
    assert cues(tokens("lampu merah mati")) == ["topik_lalu_lintas"]
    assert cues(tokens("lampu jalan mati")) == ["topik_penerangan_jalan"]
    assert cues(tokens("saya makan nasi")) == []


# the object of a complaint, not the place it names, decides the topic; acronyms reach their topic
PAIRS = [
    ("Jalan berlubang besar depan SDN 2 Sukamaju", "jalan_jembatan"),
    ("Guru SDN 2 Sukamaju sering tidak masuk kelas", "pendidikan"),
    ("Lampu jalan mati depan puskesmas", "penerangan_jalan"),
    ("Antrean di puskesmas lama, dokternya belum datang", "kesehatan"),
    ("KK saya hilang mau urus baru", "adminduk"),
    ("PKL berjualan di trotoar depan pasar", "ketertiban"),
    ("pencairan PKH dipotong oknum", "bansos_sosial"),
    ("SMP negeri minta uang seragam 1 juta", "pendidikan"),
    ("bangjo di perempatan kedip terus", "lalu_lintas"),
    ("IKD gak bisa aktivasi", "adminduk"),
]


@pytest.mark.parametrize(("text", "topic"), PAIRS)
def test_the_topic_is_the_object_of_the_complaint(text, topic):
    assert classifier("topic").predict([text])[0] == [topic]


def test_without_capitals_only_acronyms_nothing_is_expanded(monkeypatch):
    from etl.nlp import normalize

    monkeypatch.setattr(normalize, "acronyms", lambda: {"ikd": ("identitas kependudukan digital", False)})
    normalize._capitals.cache_clear()
    try:
        assert normalize._mask("KK dan PKL") == "kk dan pkl"
    finally:
        normalize._capitals.cache_clear()
