"""Personal data (UU 27/2022 PDP): masked in every text the app or an export shows (analytics/privacy.py), reporters'
contact details kept in one table nothing else reads, the warehouse file its owner's only."""

from __future__ import annotations

import os
import random
import re
import shutil
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics import complaint_trends as ct
from analytics import loads, privacy, profile
from analytics import sentiment_trends as tr
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.norms import Norms
from etl import checks, schema
from etl import load as etl_load
from tests.exports import COMPLAINT_HEADER, complaint_row, write_csv

ROOT = Path(__file__).resolve().parent.parent
END = date(2026, 11, 20)
YEAR = Filters(date(2025, 11, 1), END)
mask = privacy.mask_text
pytestmark = pytest.mark.xdist_group("sample")

# The unmasked forms, as plainly as they can be written: what must never reach a page.
RAW_PHONE = re.compile(r"(?<![0-9])(?:\+62|62|0)[ .-]?\(?8[1-9][0-9]\)?(?:[ .-]?[0-9]){6,10}(?![0-9])")
RAW_NIK = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])|(?<![0-9])[0-9]{4}([ .-])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?![0-9])")
RAW_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")


def unmasked(values) -> list[str]:
    """The values still holding a phone number, a NIK, an e-mail address, or anything else mask_text catches."""
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and v != v):
            continue
        v = str(v)
        if RAW_PHONE.search(v) or RAW_EMAIL.search(v) or privacy.personal_data(v) or any(
                privacy._is_nik(re.sub(r"[^0-9]", "", m.group(0))) for m in RAW_NIK.finditer(v)):
            out.append(v)
    return out


# ------------------------------------------------------------------ phone numbers

@pytest.mark.parametrize(("text", "expected"), [
    ("0812-3456-789", "0812****789"),
    ("081234567890", "0812****890"),
    ("+62 812 3456 7890", "+62 812****890"),
    ("+6281234567890", "+62812****890"),
    ("6281234567890", "62812****890"),
    ("(0812) 3456789", "(0812)****789"),
    ("0812.3456.7890", "0812****890"),
    ("0812 - 3456 - 7890", "0812****890"),
    ("WA: 0857-0000-1234.", "WA: 0857****234."),
    ("hubungi wa.me/6281234567890 ya", "hubungi wa.me/62812****890 ya"),
    ("HP 0812345678901, atau 0813-1111-2222", "HP 0812****901, atau 0813****222"),
    ("No. 12 081234567890 2 kali", "No. 12 0812****890 2 kali"),  # a number before or after, apart
    ("0812-3456-7890 3273014507900001", "0812****890 3273****"),
])
def test_mobile_numbers_are_masked_keeping_a_little(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "12308123456789",  # an 08 inside a longer number
    "nomor 1234.0812.3456.7890",  # part of a longer dotted number
    "08-12-2025", "08/12/2025", "jam 08.15", "tahun 2020-2025", "Rp 1.250.000", "Rp 81.234.567",
    "Rp 62.812.345.678",  # a price, even one that starts like 62 8…
    "0812345",  # too short
    "08123456789012345",  # too long
    "(0263) 512345",  # a landline: not caught (office numbers, mostly)
    "0812****789", "+62 812****890",  # already masked
])
def test_other_numbers_are_not_phone_numbers(text):
    assert mask(text) == text


# ------------------------------------------------------------------ NIK

@pytest.mark.parametrize(("text", "expected"), [
    ("NIK 3273014507900001", "NIK 3273****"),  # born 5 July 1990, a woman (45 = 5 + 40)
    ("NIK: 3273010507900001.", "NIK: 3273****."),
    ("3273 0145 0790 0001", "3273****"),
    ("32.73.01.450790.0001", "3273****"),
    ("nik saya 1101012902850003 ganda", "nik saya 1101**** ganda"),  # 29 February
    ("3299057112050123", "3299****"),  # the sample's made-up regency 32.99, 31 Dec (71 = 31 + 40)
])
def test_nik_is_masked_when_its_structure_is_a_niks(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "tiket 2026112000012345",  # a date-based ticket: province 20 does not exist
    "ref 3201234567890123",  # month 67
    "order 1234567890123456",  # district and birth date impossible
    "3273003107900001",  # district 00
    "3273013107900000",  # serial 0000
    "3273013102900001",  # 31 February
    "3273017207900001",  # day 72
    "4001010101900001",  # province 40
    "32730101019000011",  # 17 digits
    "id 1234567890123456789",  # an X status id
    "NIK3273014507900001",  # run into letters: not caught
])
def test_other_16_digit_numbers_are_left_alone(text):
    assert mask(text) == text


def test_nik_structure():
    assert privacy._is_nik("3273014507900001") and privacy._is_nik("9601010101000001")
    assert not privacy._is_nik("2073014507900001") and not privacy._is_nik("3273014513900001")


# ------------------------------------------------------------------ e-mail, addresses, names

@pytest.mark.parametrize(("text", "expected"), [
    ("email budi.s@gmail.com.", "email b***@gmail.com."),
    ("kirim ke warga_01+aduan@desa.example.go.id", "kirim ke w***@desa.example.go.id"),
    ("budi081234567890@gmail.com", "b***@gmail.com"),
    ("mention @dinkes.sukamaju dan #PemkabHadir", "mention @dinkes.sukamaju dan #PemkabHadir"),
    ("b***@gmail.com", "b***@gmail.com"),
])
def test_email_addresses(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Saya tinggal di Jl. Merdeka No. 12, RT 03/RW 05, Desa Sukajadi",
     "Saya tinggal di Jl. Merdeka No. **, RT **/RW **, Desa Sukajadi"),
    ("Jalan Ahmad Yani no 5 rusak", "Jalan Ahmad Yani no ** rusak"),
    ("jl. raya sukamaju rt 3 rw 4", "jl. raya sukamaju rt ** rw **"),
    ("JL. SUDIRMAN NO. 45 RT. 001 RW. 002", "JL. SUDIRMAN NO. ** RT. ** RW. **"),
    ("Jl.Merdeka No.7", "Jl.Merdeka No.**"),
    ("Gg. Melati No. 3A", "Gg. Melati No. **"),
    ("Perum Griya Asri Blok C No. 12", "Perum Griya Asri Blok C No. **"),
    ("Alamat: Kp. Cibodas RT 02/RW 07 No. 4", "Alamat: Kp. Cibodas RT **/RW ** No. **"),
])
def test_house_numbers_and_rt_rw_of_a_street_address(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "Jl. Merdeka rusak parah sejak 2024",  # a road without a number: where the problem is
    "Lampu PJU di Jl. Raya Sukamaju mati udh 2 minggu",
    "banjir masuk rumah warga RT 03/RW 05.",  # a neighbourhood, not an address
    "Jalan rusak sejak 12-11-2026, RT 03/RW 08",  # 'Jalan' as a word, not a street
    "Pohon tumbang di KM 12 jalan provinsi",
])
def test_places_that_are_not_addresses_stay(text):
    assert mask(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("nama saya Budi Santoso dari Desa Sukajadi", "nama saya B*** S*** dari Desa Sukajadi"),
    ("saya bernama Siti", "saya bernama S***"),
    ("transfer a.n. Siti Aminah", "transfer a.n. S*** A***"),
    ("rekening a/n Dedi", "rekening a/n D***"),
    ("atas nama Euis Lestari", "atas nama E*** L***"),
    ("Nama: Budi", "Nama: B***"),
    ("Nama pelapor: Asep Saepudin", "Nama pelapor: A*** S***"),
    ("Terima kasih Bapak H. Asep Saepudin, tokoh masyarakat", "Terima kasih Bapak H. A*** S***, tokoh masyarakat"),
    ("Ibu Hj. Siti Aminah", "Ibu Hj. S*** A***"),
    ("Bapak Drs. Eko Rahmat, M.Si.", "Bapak Drs. E*** R***, M.Si."),
    ("tolong bu Siti", "tolong bu S***"),
    ("nama saya Ibu Siti Aminah", "nama saya Ibu S*** A***"),
    ("Bapak Asep Kepala Desa Sukajadi", "Bapak A*** Kepala Desa Sukajadi"),
])
def test_marked_names(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "Pak Bupati meresmikan jembatan", "Ibu Kota Nusantara", "Bu Camat hadir", "Pak Kades dan Pak RT",
    "atas nama Pemerintah Kabupaten Sukamaju", "Mohon perhatiannya, Pak/Bu.", "Selamat Hari Ibu 2026.",
    "Terima kasih, Ibu, atas cinta", "Semangat terus pak/bu petugas", "Bapak Ibu sekalian",
    "nama saya budi",  # lower case: not caught
    "BUDI SANTOSO",  # no marker: not caught
    "Mantap pak, lanjutkan!", "pak Tolong dicek",
])
def test_roles_and_words_after_a_marker_are_not_names(text):
    assert mask(text) == text


def test_authors_keep_their_masking():
    assert privacy.mask_author("budi88") == "bu***88"
    assert privacy.mask_author("@Salsa Gunawan") == "Sa***an"
    assert privacy.mask_author("ani") == "a***i" and privacy.mask_author("x") == "x***"
    assert privacy.mask_author(None) == privacy.mask_author("") == privacy.mask_author(float("nan")) == "—"
    assert privacy.mask_author(privacy.mask_author("budi88")) == "bu***88"
    assert tr.mask_author is privacy.mask_author and tr.mask_text is privacy.mask_text  # the old names still work


# ------------------------------------------------------------------ odd input, idempotence, speed

@pytest.mark.parametrize(("value", "expected"), [
    (None, ""), ("", ""), (float("nan"), ""), (pd.NA, ""), ("🙏🙏 😊", "🙏🙏 😊"), ("   ", "   "),
    (12345, "12345"), (81234567890, "81234567890"), (3.5, "3.5"), ("\x00\n\t", "\x00\n\t"),
    ("\ud800 0812-3456-7890", "\ud800 0812****890"), ("@", "@"), ("a.n.", "a.n."), ("Jl.", "Jl."),
    ("No. 5", "No. 5"), ("RT/RW", "RT/RW"), ("+62", "+62"), ("Bapak", "Bapak"),
])
def test_odd_input_never_raises(value, expected):
    assert mask(value) == expected


FRAGMENTS = ["0812-3456-7890", "+62 812 3456 7890", "3273014507900001", "3273 0145 0790 0001", "budi@gmail.com",
             "Jl. Merdeka No. 12", "RT 03/RW 05", "nama saya Budi Santoso", "Bapak H. Asep", "Ibu Siti", "a.n. Dedi",
             "Rp 1.250.000", "2026112000012345", "12", "0", "8", "62", "No.", "Jl.", "Drs.", "@", "-", "/", ",", ".",
             "(", ")", "Pak", "Bupati", "🙏", "Alamat:", "Kp. Babakan", "****", "***", "B***", "a/n", "wa.me/", "\n"]


def test_masking_twice_is_masking_once():
    rng = random.Random(20261120)
    for _ in range(50_000):
        text = "".join(rng.choice(FRAGMENTS) + rng.choice(["", " ", " ", ", "]) for _ in range(rng.randint(1, 9)))
        once = mask(text)
        assert mask(once) == once, (text, once)


def test_a_column_is_masked_each_distinct_value_once():
    s = pd.Series(["hubungi 0812-3456-7890", None, "hubungi 0812-3456-7890", "ok"], index=[3, 5, 7, 9], name="t")
    out = privacy.mask_series(s)
    assert out.tolist() == ["hubungi 0812****890", None, "hubungi 0812****890", "ok"]
    assert out.index.tolist() == [3, 5, 7, 9] and out.name == "t"
    assert privacy.mask_series(["budi88", None], author=True).tolist() == ["bu***88", "—"]
    assert privacy.mask_series(pd.Series([], dtype=object)).empty
    frame = privacy.mask_frame(pd.DataFrame({"a": ["x@y.com"], "b": ["x@y.com"]}), ["a", "missing"])
    assert frame.to_dict("records") == [{"a": "x***@y.com", "b": "x@y.com"}]


def test_100k_texts_are_masked_in_seconds():
    rng = random.Random(7)
    plain = ["Jalan di Desa Sukajadi kapan dibenerin? Udh 3 bulan rusak parah", "Mantap, terima kasih Dinkes 👍",
             "Sampah di TPS numpuk gak diangkut2, bau bgt", "Pelayanan lambat bgt, antre dari pagi blm dipanggil"]
    texts = [rng.choice(plain) + (" " + rng.choice(FRAGMENTS) if i % 10 == 0 else "") + f" #{i}"
             for i in range(100_000)]
    started = time.perf_counter()
    out = privacy.mask_series(pd.Series(texts))
    seconds = time.perf_counter() - started
    print(f"100k texts masked in {seconds:.2f} s")
    assert len(out) == 100_000 and seconds < 15  # about 0.6 s on one core of the development machine


# ------------------------------------------------------------------ end to end on the sample


@pytest.fixture(scope="module")
def wh(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    yield Warehouse(con.cursor())
    con.close()


def test_the_sample_holds_personal_data_to_mask(wh):
    raw = wh.con.execute("""SELECT
        (SELECT count(*) FROM raw_comment WHERE text LIKE '%0812-0000-%'),
        (SELECT count(*) FROM raw_comment WHERE text LIKE '%@example.com%'),
        (SELECT count(*) FROM raw_comment WHERE regexp_matches(text, 'NIK saya 3299[0-9]{12}')),
        (SELECT count(*) FROM stg_post WHERE caption LIKE '%0812-0000-%' OR caption LIKE '%NIK 3299%'),
        (SELECT count(*) FROM stg_complaint WHERE regexp_matches(text, 'Jl\\. [A-Za-z ]+ No\\. [0-9]+, RT')),
        (SELECT count(*) FROM pii_complaint_reporter WHERE phone LIKE '%0000%')""").fetchall()[0]
    assert all(n > 0 for n in raw), raw


def test_no_text_a_page_shows_holds_unmasked_personal_data(wh):
    comments, n = tr.texts(wh, YEAR, Scope.everything(), "komentar", YEAR.start, END, limit=10**7)
    complaints, m = tr.texts(wh, YEAR, Scope.everything(), "pengaduan", YEAR.start, END, limit=10**7)
    assert len(comments) == n > 50_000 and len(complaints) == m > 4_000
    assert comments["text"].str.contains(r"0812\*{4}\d{3}").any() and complaints["text"].str.contains(r"\*\*\*@").any()
    posts = profile.top_posts(wh, YEAR, Scope.everything(), n=10**6)
    assert len(posts) > 10_000 and posts["caption"].str.contains(r"\*{4}").any()
    details = ct.details(wh, YEAR, Scope.everything(), Norms(), END)
    late = ct.overdue_list(wh, YEAR, Scope.everything(), Norms(), END)
    ids = wh.con.execute("SELECT list(load_id) FROM etl_load").fetchall()[0][0]
    rejects = loads.rejects(wh, ids)
    history = loads.load_history(wh)
    shown = {"comments": comments["text"], "authors": comments["author"], "complaints": complaints["text"],
             "captions": posts["caption"], "rejects": rejects["value"],
             "history": pd.concat([history["message"], history["notes"]])}
    for frame, name in ((details, "details"), (late, "overdue")):
        for column in frame.columns:
            if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
                shown[f"{name}.{column}"] = frame[column] if column != "complaint_key" else pd.Series([], dtype=object)
    for name, values in shown.items():
        assert unmasked(values) == [], name
    assert not {"name", "phone", "reporter", "email"} & (set(details.columns) | set(late.columns) | set(complaints))


def test_masking_the_sample_twice_changes_nothing(wh):
    for sql in ("SELECT DISTINCT text FROM stg_comment", "SELECT DISTINCT caption FROM stg_post",
                "SELECT DISTINCT coalesce(title, '') || ' — ' || coalesce(text, '') FROM stg_complaint"):
        once = privacy.mask_series([r[0] for r in wh.con.execute(sql).fetchall()])
        assert privacy.mask_series(once).tolist() == once.tolist()


def _phones_outside_the_contact_table(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """(table or view, column, rows) holding a reporter's phone number as the contact table has it, digits compared
    (0857-0000-1234, +62 857 0000 1234 and 085700001234 are one number)."""
    digits = ("regexp_replace(regexp_replace({x}, '[^0-9]', '', 'g'), '^62', '0')")
    con.execute(f"CREATE OR REPLACE TEMP TABLE seeded AS SELECT DISTINCT {digits.format(x='phone')} AS d "
                "FROM pii_complaint_reporter WHERE phone IS NOT NULL AND phone NOT LIKE '%*%'")
    columns = con.execute("""SELECT c.table_name, c.column_name FROM duckdb_columns() c
        WHERE c.database_name = current_database() AND c.data_type = 'VARCHAR'
          AND c.table_name <> 'pii_complaint_reporter' ORDER BY 1, 2""").fetchall()
    found = []
    phone = r"(?:\+62|62|0)[ .-]?8[1-9][0-9](?:[ .-]?[0-9]){6,10}"
    for table, column in columns:
        n = con.execute(f"""SELECT count(*) FROM (SELECT unnest(regexp_extract_all("{column}", '{phone}')) AS p
                               FROM "{table}") WHERE {digits.format(x='p')} IN (SELECT d FROM seeded)""").fetchone()[0]
        if n:
            found.append((table, column, n))
    return found


def test_reporters_numbers_are_in_the_contact_table_and_nowhere_else(sample_db, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    con = duckdb.connect(str(db))
    try:
        seeded = con.execute("SELECT count(*), count(DISTINCT phone) FROM pii_complaint_reporter "
                             "WHERE phone NOT LIKE '%*%'").fetchone()
        assert seeded[0] > 1000 and seeded[1] > 500  # the local app's and the sheets' numbers, in clear
        assert _phones_outside_the_contact_table(con) == []
        con.execute("UPDATE raw_complaint SET text = text || ' ' || (SELECT min(phone) FROM pii_complaint_reporter "
                    "WHERE phone LIKE '+62%') WHERE complaint_key = (SELECT min(complaint_key) FROM raw_complaint)")
        leaked = {(t, c) for t, c, _ in _phones_outside_the_contact_table(con)}
        assert leaked == {("raw_complaint", "text"), ("stg_complaint", "text")}  # the scan does see a leak
    finally:
        con.close()


def test_no_view_mart_or_analytics_query_reads_the_contact_table(wh):
    assert schema.PRIVATE == (privacy.CONTACT_TABLE,)
    views = wh.con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall()
    assert views and not [v for v, sql in views if privacy.CONTACT_TABLE in sql.lower()]
    contact = re.compile(schema.CONTACT_COLUMNS)
    for model in schema.TABLES:
        cols = [c for c, _, _ in model.columns]
        assert model.private or not [c for c in cols if contact.match(c)], model.name
    for path in sorted((ROOT / "analytics").glob("*.py")):
        if path.name != "privacy.py":
            assert "pii_" not in path.read_text(encoding="utf-8"), path
    with pytest.raises(AttributeError):
        _ = wh.pii_complaint_reporter  # the Ibis view of the warehouse does not hand it out


def test_reveal_contact_reads_exactly_one_record(wh, tmp_path):
    key, name, phone = wh.con.execute("SELECT complaint_key, name, phone FROM pii_complaint_reporter "
                                      "WHERE phone NOT LIKE '%*%' ORDER BY complaint_key LIMIT 1").fetchone()
    record = {"complaint_key": key, "name": name, "phone": phone}
    channel, ticket = key.split(":", 1)
    assert privacy.reveal_contact(wh, key) == record
    assert privacy.reveal_contact(wh.con, key) == record  # a cursor will do
    assert privacy.reveal_contact(wh, ticket) == record  # the ticket as the pages show it
    assert privacy.reveal_contact(wh, f" {ticket} ", channel) == record
    assert privacy.reveal_contact(wh, ticket, "lapor" if channel != "lapor" else "sigap") == {}
    assert privacy.reveal_contact(wh, "lapor:tidak-ada") == privacy.reveal_contact(wh, "") == {}
    assert privacy.reveal_contact(None, key) == {}  # no warehouse yet
    assert privacy.reveal_contact(wh, "x' OR '1'='1") == {}  # a parameter, never spliced into the SQL
    con = duckdb.connect()
    con.execute(f"CREATE TABLE {privacy.CONTACT_TABLE} (complaint_key VARCHAR, name VARCHAR, phone VARCHAR, "
                "load_id INTEGER)")
    con.execute(f"INSERT INTO {privacy.CONTACT_TABLE} VALUES ('lapor:77', 'A', '1', 1), ('aplikasi:77', 'B', '2', 1)")
    with pytest.raises(LookupError, match=r"ada di beberapa kanal \(aplikasi, lapor\)"):
        privacy.reveal_contact(con, "77")
    with pytest.raises(LookupError, match=r"exists in several channels \(aplikasi, lapor\); .* e\.g\. aplikasi:77"):
        privacy.reveal_contact(con, "77", lang="en")
    assert privacy.reveal_contact(con, "77", "lapor")["name"] == "A"
    assert privacy.reveal_contact(con, "aplikasi:77")["name"] == "B"


def test_isolation_is_a_data_check(sample_db, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    con = duckdb.connect(str(db))
    try:
        assert checks.run(con) == []
        con.execute("CREATE VIEW complaint_with_reporter AS SELECT c.complaint_key, r.phone FROM raw_complaint c "
                    "JOIN pii_complaint_reporter r USING (complaint_key)")
        con.execute("ALTER TABLE mart_complaint ADD COLUMN reporter_phone VARCHAR")
        [failure] = checks.run(con)
    finally:
        con.close()
    assert failure.check.kind == "isolated" and failure.count == 3
    assert failure.examples == ("complaint_with_reporter.phone", "mart_complaint.reporter_phone",
                                "view complaint_with_reporter")
    assert failure.line().startswith("pii_complaint_reporter [isolated]: 3 view atau kolom")


# ------------------------------------------------------------------ contacts stored once, apart

def _contacts(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT complaint_key, name, phone FROM pii_complaint_reporter ORDER BY 1").fetchall()


def test_contacts_are_stored_apart_and_reloads_add_none(tmp_path, db, load_into):
    def row(ticket: str, phone: str) -> list[str]:
        r = complaint_row(ticket, text="Sampah menumpuk, hubungi saya 0812-0000-0001")
        r[COMPLAINT_HEADER.index("nama_pelapor")], r[COMPLAINT_HEADER.index("telepon_pelapor")] = "Euis", phone
        return r

    first = write_csv(tmp_path / "whatsapp_2026-11-21.csv", COMPLAINT_HEADER,
                      [row("WA1", "0857-0000-1111"), row("WA2", "0857-0000-2222")])
    load_into(first)
    want = [("whatsapp:WA1", "Euis", "0857-0000-1111"), ("whatsapp:WA2", "Euis", "0857-0000-2222")]
    assert _contacts(db) == want
    load_into(first)  # the same file again: skipped
    copy = tmp_path / "lagi" / first.name
    copy.parent.mkdir()
    shutil.copyfile(first, copy)
    load_into(copy)
    assert _contacts(db) == want
    later = write_csv(tmp_path / "whatsapp_2026-11-22.csv", COMPLAINT_HEADER,
                      [row("WA1", "0857-0000-1111"), row("WA2", "0857-0000-3333")])  # a later export of both
    load_into(later)
    assert _contacts(db) == [want[0], ("whatsapp:WA2", "Euis", "0857-0000-3333")]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw_complaint").fetchone()[0] == 4  # two snapshots each
        assert _phones_outside_the_contact_table(con) == []


# ------------------------------------------------------------------ the warehouse file is its owner's only

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_warehouse_is_created_0600_by_etl_load(tmp_path):
    export = write_csv(tmp_path / "whatsapp_2026-11-21.csv", COMPLAINT_HEADER, [complaint_row("WA1")])
    db = tmp_path / "data" / "w.duckdb"
    before = os.umask(0o022)
    try:
        run = subprocess.run([sys.executable, "-m", "etl", "load", str(export), "--db", str(db)], cwd=ROOT,
                             capture_output=True, text=True)
    finally:
        os.umask(before)
    assert run.returncode == 0, run.stderr[-2000:]
    assert _mode(db) == 0o600
    beside = sorted(p.name for p in db.parent.iterdir())
    assert beside == ["w.duckdb", "w.duckdb.lock"]  # no WAL or copy left behind
    assert all(_mode(p) == 0o600 for p in db.parent.iterdir())


def test_an_older_warehouse_is_tightened_on_the_next_load(tmp_path, sample_db):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    os.chmod(db, 0o644)
    log = etl_load.error_log(db)
    log.write_text("lama\n")
    os.chmod(log, 0o644)
    export = write_csv(tmp_path / "whatsapp_2026-11-21.csv", COMPLAINT_HEADER, [complaint_row("WA1")])
    umask = os.umask(0o022)
    os.umask(umask)
    etl_load.load([export], db)
    assert _mode(db) == 0o600 and _mode(log) == 0o600
    os.chmod(db, 0o644)
    etl_load.load([export], db)  # nothing new to load: the file is tightened all the same
    assert _mode(db) == 0o600
    assert os.umask(umask) == umask  # the process's umask is back as it was


def test_the_error_log_is_created_0600(tmp_path):
    db = tmp_path / "w.duckdb"
    etl_load.log_unexpected(db, "x.csv", ValueError("nilai «0812-3456-7890»"))
    assert _mode(etl_load.error_log(db)) == 0o600
