"""Personal data in free text (UU 27/2022 PDP): masked wherever a text leaves the data layer, for every role.

Comments, replies and mentions, complaint titles and texts, post captions and rejected cell values are stored as
they came; every analytics function that hands one to a page or an export passes it through ``mask_text`` (or
``mask_series``), and public account names through ``mask_author``. The reporter of a complaint (name, phone)
is stored apart, in the one table no view, mart or analytics query reads (``CONTACT_TABLE``, written by the
ETL); ``reveal_contact`` reads one record of it, for a reveal path that logs who looked.

What ``mask_text`` catches, each kept recognisable but not usable:

- **mobile numbers** — ``0812…``, ``62812…``, ``+62 812…`` with 9–13 digits from the 8, written whole or with
  spaces, dots or dashes, the first group in brackets or not (``0812-3456-789``, ``+62 812 3456 7890``,
  ``(0812) 3456789``, ``wa.me/6281234567890``) → ``0812****789`` (the prefix as written, the last 3 digits);
- **NIK** — 16 digits (whole, in groups of 4, or dotted 2.2.2.6.4) whose structure is a NIK's: a province code
  of Indonesia (11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96), regency and district codes 01–99, a
  birth date DDMMYY (DD 01–31, or 41–71 for women, valid for its month) and a serial 0001–9999 → ``3273****``.
  Any other 16-digit number (a ticket, a bank reference, an order number) is left alone;
- **e-mail addresses** → ``b***@gmail.com``;
- **house numbers and RT/RW of a street address** — after ``Jl.``/``Jln.``/``Jalan``/``Gg.``/``Gang``/``Kp.``/
  ``Dusun``/``Perum``/``Komplek``/``Blok`` or ``Alamat:`` and up to six words of name: ``No. 12`` → ``No. **``,
  ``RT 03/RW 05`` → ``RT **/RW **``. The street's name stays (it says where the problem is);
- **names where a text marks them** — after ``nama saya``, ``saya bernama``, ``bernama``, ``atas nama``,
  ``a.n.``, ``a/n``, ``nama:``, ``nama pelapor``, ``nama lengkap`` and the forms of address ``Bapak``/``Bpk.``/
  ``Pak``/``Ibu``/``Bu``/``Sdr.``/``Sdri.``/``Saudara``/``Saudari`` (titles such as ``H.``, ``Hj.``, ``Dr.``,
  ``Drs.``, ``Ir.`` skipped): up to three capitalised words → ``B*** S***``. A role or a common word after the
  marker (``Pak Bupati``, ``Ibu Kota``, ``atas nama Pemerintah …``, ``Bu Camat``) is not a name.

What it does not catch (on purpose, or not reliably): landline numbers (``(0263) 512345``: office numbers,
mostly); a number run into a longer number or a word (a digit, a letter, or a digit and ``.``/``,``/``-`` right
before or after it), or right after ``Rp``; a NIK written in another grouping, run into letters (``NIK3273…``) or
with an impossible structure; an RT/RW or a road named without a street address around it (``banjir di RT 03/RW
05``, ``Jl. Merdeka``: the place of a problem) and a house number without ``No.``; names without a marker, in lower
case or in capitals; bank account numbers, NIP, number plates, dates of birth on their own. It errs towards
masking: a number in groups that starts like a mobile number (``0812 3456 7890 1234``) loses its first groups.
Everything masked is replaced, never deleted, so a reader still sees that a number or a name was there.

``mask_text``, ``mask_author``, ``mask_series`` and ``mask_frame`` are pure over ``str | None`` (anything else is
shown as its text), idempotent (masking a masked text changes nothing: each pattern also treats ``*`` as a letter
beside a number and recognises its own masked form) and never raise. 100,000 comment-length texts take about
0.6 s on one core.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from analytics.i18n import translate

STARS = "****"
CONTACT_TABLE = "pii_complaint_reporter"  # etl/schema.py declares it; nothing else reads it


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# --- e-mail ------------------------------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.%+*@-])([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?![\w-])")

# A "*" next to a number counts as a letter: masking a name or a number beside it then changes nothing the next
# pass looks at (idempotence).
def _replace(candidates: re.Pattern, text: str, fix: Any) -> str:
    """Replace what ``fix`` accepts among the candidates found at every position (``candidates`` is a lookahead,
    so they may overlap: a false one never hides a true one starting inside it), leftmost first, none overlapping.
    ``fix(match)`` gives (end, replacement) or None."""
    out, last = [], 0
    for m in candidates.finditer(text):
        start = m.start(1)
        if start < last:
            continue
        fixed = fix(m)
        if fixed is None:
            continue
        end, replacement = fixed
        out += [text[last:start], replacement]
        last = end
    return "".join(out) + text[last:] if out else text


# --- NIK: province codes of Indonesia, then regency, district, birth date (women +40), serial --------------------
_PROVINCE = r"(?:1[1-9]|21|3[1-6]|5[1-3]|6[1-5]|7[1-6]|8[12]|9[1-6])"
_NIK = re.compile(
    r"(?<![\w*])(?<![0-9][.,/-])"
    r"(?=([0-9]{16}|[0-9]{4}([ .-])[0-9]{4}\2[0-9]{4}\2[0-9]{4}|[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{6}\.[0-9]{4})"
    r"(?![\w*])(?![.,/-]?[0-9]))")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_nik(digits: str) -> bool:
    if len(digits) != 16 or not re.fullmatch(_PROVINCE, digits[:2]):
        return False
    if digits[2:4] == "00" or digits[4:6] == "00" or digits[12:] == "0000":
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    day = day - 40 if day > 40 else day
    return 1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]


def _nik(m: re.Match) -> tuple[int, str] | None:
    digits = re.sub(r"[^0-9]", "", m.group(1))
    return (m.end(1), digits[:4] + STARS) if _is_nik(digits) else None


# --- mobile numbers ----------------------------------------------------------------------------------------------
_SEPARATOR = r"(?:[ .]|\s?-\s?)"
_PHONE = re.compile(
    r"(?<![\w+*])(?<![0-9][.,-])(?<![Rr][Pp][.\s])(?<![Rr][Pp]\.\s)"
    r"(?=((?P<head>\(?(?:\+\s?62|62|0)\)?[ .-]?\(?8[1-9][0-9]\)?)"
    rf"(?P<rest>{_SEPARATOR}?[0-9]{{3,10}}(?:{_SEPARATOR}[0-9]{{3,10}}){{0,3}}))"
    r"(?![0-9*])(?![.,-][0-9*]))")
_GROUP = re.compile(rf"{_SEPARATOR}?[0-9]+")


def _phone(m: re.Match) -> tuple[int, str] | None:
    """After the 8xx, 6 to 10 digits (9–13 from the 8): the longest run of the groups written that has so many;
    a group beyond it (``0812-3456-7890 2026``) stays as it was."""
    end, digits, kept = None, 0, ""
    for g in _GROUP.finditer(m.group("rest")):
        digits += sum(c.isdigit() for c in g.group(0))
        if digits > 10:
            break
        if digits >= 6:
            end, kept = m.start("rest") + g.end(), re.sub(r"[^0-9]", "", m.group("rest")[:g.end()])
    return None if end is None else (end, m.group("head") + STARS + kept[-3:])


# --- house number and RT/RW of a street address ------------------------------------------------------------------
_ABBREVIATED = r"(?:[Jj][Ll][Nn]?(?:\.|\s)|[Gg][Gg]\.|[Kk][Pp]\.|[Dd]sn\.|Perum\.|Komp\.)"
_SPELLED = (r"(?:Jalan|JALAN|Gang|GANG|Kampung|Dusun|Perum|Perumahan|Komplek|Kompleks|Blok"
            r"|[Aa]lamat(?:\s+(?:saya|rumah|kami))?\s*:)")
_ANY_WORD = r"(?:(?:[^\W\d_][\w'’.-]*|[0-9]{1,3}),?\s+)"  # after Jl./Gg./Kp.: a name in any case
_CAPITAL_WORD = r"(?:(?:[A-Z][\w'’.-]*|[0-9]{1,3}),?\s+)"  # after Jalan/Gang/Alamat: capitalised, as a name is
# A part already masked (``No. **``) is a part too: a second pass then finds the addresses the first one found.
_HOUSE = r"(?:[Nn][Oo](?:mor|MOR)?\s?\.?\s*(?:[0-9]{1,4}(?:[A-Za-z](?![A-Za-z]))?(?:/[0-9]{1,3})?|\*\*)(?![0-9*]))"
_RTRW = r"(?:[Rr][Tt]\.?\s*(?:[0-9]{1,3}|\*\*)\s*[/,]?\s*[Rr][Ww]\.?\s*(?:[0-9]{1,3}|\*\*)(?![0-9*]))"
_PART = rf"(?:{_HOUSE}|{_RTRW})"
_ADDRESS = re.compile(rf"(?P<street>(?<![\w*])(?:{_ABBREVIATED}\s*{_ANY_WORD}{{0,6}}?"
                      rf"|{_SPELLED}\s*{_CAPITAL_WORD}{{0,6}}?))(?P<tail>{_PART}(?:,?\s*{_PART})?)")
_DIGITS_OF_PART = re.compile(r"(?P<label>(?<![A-Za-z])(?:[Nn][Oo](?:mor|MOR)?\s?\.?|[Rr][Tt]\.?|[Rr][Ww]\.?)\s*)"
                             r"[0-9]{1,4}(?:[A-Za-z](?![A-Za-z]))?(?:/[0-9]{1,3}(?!\s*[Rr][Ww]))?")


def _address(m: re.Match) -> str:
    return m.group("street") + _DIGITS_OF_PART.sub(lambda d: d.group("label") + "**", m.group("tail"))


# --- names marked by the text ------------------------------------------------------------------------------------
# Capitalised words after a marker that are roles, places, institutions or common words, not names.
NOT_NAMES = frozenset("""
    bupati wakil wabup walikota wali gubernur wagub presiden menteri camat lurah kades kadus sekda sekdes sekcam
    sekretaris kepala kadis kabid kasi kasubag direktur dirut ketua anggota dewan kapolres kapolsek kapolda
    dandim danramil kapten komandan babinsa bhabinkamtibmas dokter bidan perawat guru ustadz ustad ustazah kyai
    kiai haji pendeta romo pastor petugas pegawai admin min mimin operator staf satpam polisi tentara hakim
    jaksa notaris dosen rektor kapus kajari kapolsek pj plt plh pejabat pimpinan pemimpin pengurus pemilik
    pemerintah pemkab pemkot pemprov pemda pemdes dinas badan kantor kecamatan desa kelurahan kabupaten kota
    provinsi negara negeri nasional republik daerah kampung dusun pertiwi bangsa rakyat warga masyarakat
    keluarga seluruh semua segenap kami kita saya anda beliau mereka dia kamu yang dan atau dengan di ke dari
    untuk pada ini itu tolong mohon ada apa kapan kenapa mengapa bagaimana kok sudah belum masih terima
    selamat semoga jangan tidak bukan ya iya oke baik hamil menyusui rumah tangga kota besar muda tua
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september
    oktober november desember hari tanggal pukul jam bulan tahun
    bapak bpk pak ibu bu sdr sdri saudara saudari h hj dr drs dra ir prof kh ust hajjah
    """.split())
_STOP = r"(?!(?i:" + "|".join(sorted(NOT_NAMES, key=len, reverse=True)) + r")\b)"
_MARKED = (r"(?:[Nn]ama\s+saya|[Ss]aya\s+bernama|[Bb]ernama|[Aa]tas\s+[Nn]ama|[Aa]\s?\.\s?[Nn]\s?\.|[Aa]/[Nn]|"
           r"[Nn]ama\s+(?:[Pp]elapor|[Ll]engkap)\s*:?|[Nn]ama\s*:)")
_ADDRESSED = r"(?i:bapak|bpk\.?|pak|ibu|bu|sdr\.?|sdri\.?|saudara|saudari)"
_HONORIFIC = r"(?:(?:H|Hj|Dr|dr|Drs|Dra|Ir|Prof|KH|Ust|Hajjah|Haji)\.?\s+)"
_WORD = rf"{_STOP}[A-Z][a-z][a-z'’-]*\b(?!['’-])"  # capitalised, and not a role or a common word
_NAME = re.compile(rf"(?P<lead>(?<![\w*])(?:{_MARKED}\s*|{_ADDRESSED}\s+))(?P<titles>{_HONORIFIC}*)"
                   rf"(?P<name>{_WORD}(?:\s{_WORD}){{0,2}})")


def _name(m: re.Match) -> str:
    masked = " ".join(w[0] + "***" for w in m.group("name").split(" "))
    return m.group("lead") + m.group("titles") + masked


# Cheap looks before each pattern: most texts hold none of these and are scanned once or twice, not five times.
_DIGIT = re.compile(r"[0-9]")
_FOUR_DIGITS = re.compile(r"[0-9]{4}")  # every way of writing a NIK has a run of 4
_OPERATOR = re.compile(r"8[1-9][0-9]")  # every mobile number has its 8xx
_NAME_MARKERS = ("nama", "bapak", "bpk", "ibu", "sdr", "saudar", "a/n")
_SHORT_MARKER = re.compile(r"(?:pak|bu)\s|a\s?\.\s?n")  # Pak Budi, bu Siti, a.n.


def _may_name(lowered: str) -> bool:
    return any(k in lowered for k in _NAME_MARKERS) or (
        ("pak" in lowered or "bu" in lowered or ".n" in lowered or ". n" in lowered)
        and _SHORT_MARKER.search(lowered) is not None)
_ADDRESS_MARKERS = ("no", "rt")


def mask_text(text: Any) -> str:
    """A free text with its mobile numbers, NIK, e-mail addresses, house numbers and RT/RW of street addresses and
    marked names masked (see the module's doc); None or NaN → ""."""
    if _missing(text):
        return ""
    if not isinstance(text, str):
        text = str(text)
    if not text:
        return text
    lowered = text.lower()
    # The order keeps masking idempotent: each pattern sees the text as the one before left it, the same in a
    # second pass (a house number masked first cannot later unblock a number after it).
    if "@" in text:
        text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    if _DIGIT.search(text):
        if any(k in lowered for k in _ADDRESS_MARKERS):
            text = _ADDRESS.sub(_address, text)
        if _FOUR_DIGITS.search(text):
            text = _replace(_NIK, text, _nik)
        if _OPERATOR.search(text):
            text = _replace(_PHONE, text, _phone)
    if _may_name(lowered):
        text = _NAME.sub(_name, text)
    return text


def mask_author(name: Any) -> str:
    """A public username shown half-hidden: «budi88» → «bu***88»; none → «—»."""
    if _missing(name):
        name = ""
    name = str(name).strip().lstrip("@")
    if not name:
        return "—"
    if "***" in name:  # already masked
        return name
    if len(name) <= 2:
        return name[0] + "***"
    keep = 1 if len(name) <= 4 else 2
    return f"{name[:keep]}***{name[-keep:]}"


def mask_series(values: Iterable[Any], author: bool = False) -> pd.Series:
    """``mask_text`` (or ``mask_author``) over a column, each distinct value masked once; a missing text stays
    missing (None), a missing author becomes «—»."""
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    mask = mask_author if author else mask_text
    seen: dict[Any, str] = {}
    out: list[str | None] = []
    for v in s.tolist():
        if _missing(v):
            out.append(mask_author(None) if author else None)
            continue
        try:
            if v not in seen:
                seen[v] = mask(v)
            out.append(seen[v])
        except TypeError:  # an unhashable value (a list …): masked as its text
            out.append(mask(v))
    return pd.Series(out, index=s.index, dtype=object, name=s.name)


def mask_frame(df: pd.DataFrame, texts: Iterable[str] = (), authors: Iterable[str] = ()) -> pd.DataFrame:
    """A copy of ``df`` with the ``texts`` columns through ``mask_text`` and ``authors`` through ``mask_author``
    (columns it lacks are skipped)."""
    out = df.copy()
    for c in texts:
        if c in out:
            out[c] = mask_series(out[c])
    for c in authors:
        if c in out:
            out[c] = mask_series(out[c], author=True)
    return out


# --- the unmasked patterns, for tests and checks -----------------------------------------------------------------

RAW_PHONE = re.compile(r"(?<![0-9])(?:\+62|62|0)[ .-]?\(?8[1-9][0-9]\)?(?:[ .-]?[0-9]){6,10}(?![0-9])")
RAW_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")


def personal_data(text: Any) -> list[str]:
    """What ``mask_text`` would mask in ``text``, as written (empty when the text is clean or already masked)."""
    if _missing(text):
        return []
    text = str(text)
    found = [m.group(0) for m in _EMAIL.finditer(text)]
    found += [m.group(1) for m in _NIK.finditer(text) if _nik(m)]
    found += [m.group(1) for m in _PHONE.finditer(text) if _phone(m)]
    found += [m.group(0) for m in _ADDRESS.finditer(text) if _DIGIT.search(m.group("tail"))]
    found += [m.group(0) for m in _NAME.finditer(text)]
    return found


# --- the one read of a reporter's contact ------------------------------------------------------------------------

def reveal_contact(source: Any, complaint: str, channel: str | None = None, lang: str = "id") -> dict[str, Any]:
    """The reporter of one complaint as stored: complaint_key and the contact columns (name, phone …); {} when
    none was given (or there is no warehouse yet).

    ``complaint`` is the complaint's key (``whatsapp:WA/2026/11/0042``) or its ticket as the pages show it
    (``WA/2026/11/0042``; with ``channel``, that channel's only); a ticket found in more than one channel raises
    LookupError naming them (its message in ``lang``). ``source``: a ``Warehouse``, or a DuckDB connection or cursor
    on the warehouse. Reads that one record and no other (the caller logs who asked, and why)."""
    con = getattr(source, "con", source)
    wanted = str(complaint or "").strip()
    if con is None or not wanted:
        return {}
    if channel:
        sql, params = "complaint_key = $key", {"key": f"{channel}:{wanted}"}
    else:  # the key as written, else the ticket in any channel (the key is channel:ticket)
        sql = (f"complaint_key = $key OR (NOT EXISTS (SELECT 1 FROM {CONTACT_TABLE} WHERE complaint_key = $key) "
               "AND substr(complaint_key, strpos(complaint_key, ':') + 1) = $key)")
        params = {"key": wanted}
    cur = con.execute(f"SELECT * EXCLUDE (load_id) FROM {CONTACT_TABLE} WHERE {sql} LIMIT 3", params)
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if len(rows) > 1:
        found = sorted(str(r[0]).split(":", 1)[0] for r in rows)
        raise LookupError(translate("Tiket «{ticket}» ada di beberapa kanal ({channels}); sebutkan kanalnya, "
                                    "mis. {example}.", lang, ticket=wanted, channels=", ".join(found),
                                    example=f"{found[0]}:{wanted}"))
    return dict(zip(names, rows[0])) if rows else {}
