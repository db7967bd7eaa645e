"""Ritual texts — greetings, condolences, bare "amin"/"siap" — are neutral whatever the model says.

Leaders read sentiment trends; a flood of "aamiin 🙏" under a condolence post or "siap
laksanakan" under an instruction must not move them.
"""

from __future__ import annotations

from etl.nlp.normalize import WORD

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


def is_ritual(normalized: str) -> bool:
    words = WORD.findall(normalized)
    return bool(words) and len(words) <= 25 and all(w in RITUAL_WORDS for w in words)
