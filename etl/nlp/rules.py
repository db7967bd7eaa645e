"""Ritual texts — greetings, condolences, bare "amin"/"siap" — are neutral whatever the model says.

Leaders read sentiment trends; a flood of "aamiin 🙏" under a condolence post or "siap
laksanakan" under an instruction must not move them.
"""

from __future__ import annotations

from functools import lru_cache

from etl.nlp.normalize import TOKEN, WORD

RITUAL_WORDS = frozenset("""
amin siap laksanakan hadir nyimak izin share selamat pagi siang sore malam semangat mohon maaf lahir
batin idul fitri adha minal aidin wal faizin taqabbalallahu minna wa minkum turut berduka cita duka
innalillahi inna ilaihi rojiun rajiun alfatihah al fatihah barakallah allahumma ok oke sip hari raya
natal tahun baru imlek merdeka dirgahayu hut ri ke num indonesia jaya admin pak bu kak bapak ibu
juga sehat selalu jumat berkah sahabat sobat warga salam kenal assalamualaikum waalaikumsalam
wassalamualaikum warahmatullahi wabarakatuh dan untuk semua kita kami saya yang diberi ketabahan
keluarga ditinggalkan tenang di sisi nya husnul khotimah khusnul almarhum almarhumah guru jadi
kabupaten kota
""".split())
MAX_WORDS = 25


def is_ritual(normalized: str) -> bool:
    """Whether a normalised text is only ritual words (1–25 of them; punctuation and emoji ignored)."""
    return is_ritual_tokens(TOKEN.findall(normalized))


@lru_cache(maxsize=65_536)
def _token_words(token: str) -> tuple[int, bool]:
    """(number of words in a token, whether all of them are ritual words)."""
    words = WORD.findall(token)
    return len(words), all(w in RITUAL_WORDS for w in words)


def is_ritual_tokens(tokens: list[str]) -> bool:
    """``is_ritual`` for the output of ``normalize.tokens`` (the same answer, without re-reading text)."""
    n = 0
    for token in tokens:
        count, ritual = _token_words(token)
        if not ritual:
            return False
        n += count
        if n > MAX_WORDS:
            return False
    return n > 0
