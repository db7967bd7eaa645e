"""Text from a file is data, never markup or SQL: markdown, HTML, SQL-like and spreadsheet-formula payloads as file
names, header cells, cell values and account names of a real-format export are stored exactly as given (the
warehouse keeps every table) and the Data page shows them literally — no link, image, heading, HTML, math, colour,
icon or code made of them (ui.admin.plain, read with a CommonMark renderer and Streamlit's own syntax)."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from markdown_it import MarkdownIt

from etl import load as etl_load
from tests.exports import csv_text, fb_row, write_fb
from tests.test_page_data import admin_files, open_page, table, upload  # noqa: F401 (fixtures)
from ui.admin import JOINER, csv_bytes, plain

MARKDOWN = ["**tebal**", "[tautan](http://evil.example)", "![gambar](http://evil.example/x.png)", "# judul-palsu",
            "`kode-palsu`", "$x^2$", ":red[merah]", ":material/warning:", "__garis__", "~~coret~~", "- daftar-palsu",
            "1. nomor-palsu", "www.evil.example", "| a | b |"]
HTML = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
SQL = ["'; DROP TABLE stg_post; --", "' OR '1'='1"]
FORMULA = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1)"]
PAYLOADS = MARKDOWN + HTML + SQL + FORMULA
# distinctive pieces of the payloads: an element holding one of them shows text from a file
MARKERS = ("tebal", "evil.example", "gambar", "judul-palsu", "kode-palsu", "x^2", "merah", "material/warning",
           "garis", "coret", "daftar-palsu", "nomor-palsu", "| a |", "alert(1)", "DROP TABLE", "'1'='1", "HYPERLINK",
           "calc'", "SUM(1)")
# payloads a file name can carry (no "/"), each made a file name with the export date
NAMEABLE = [p for p in PAYLOADS if "/" not in p]
HEADERS = [PAYLOADS[i::5] for i in range(5)]  # the payloads as the header cells of five files


def name_of(payload: str, suffix: str = ".csv") -> str:
    return f"{payload}_2026-11-03{suffix}"


def export(folder: Path, name: str, first_id: int) -> Path:
    """A Facebook export of the registered page: every payload as a caption (loaded), as a publish time and as
    views (rejected, the value quoted), and as the page name (an unregistered account)."""
    rows = [fb_row(f"{first_id}_{i}", caption=p) for i, p in enumerate(PAYLOADS)]
    rows += [fb_row(f"{first_id + 1}_{i}", when=p) for i, p in enumerate(PAYLOADS)]
    rows += [fb_row(f"{first_id + 2}_{i}", views=p) for i, p in enumerate(PAYLOADS)]
    rows += [fb_row(f"{first_id + 3}_{i}", page=("999", p)) for i, p in enumerate(PAYLOADS)]
    return write_fb(folder / name, rows)


def unknown_layouts(folder: Path, value: str = "1") -> list[Path]:
    """Files of no known layout whose header cells are the payloads (a few a file: the refusal quotes 300 characters
    of them)."""
    files = []
    for i, header in enumerate(HEADERS):
        files.append(folder / f"kolom_{i}_2026-11-03.csv")
        files[-1].write_bytes(csv_text(header, [[value] * len(header)]).encode())
    return files


def named(folder: Path, first_id: int) -> list[Path]:
    """A small good export under each payload as a file name."""
    return [write_fb(folder / name_of(p), [fb_row(f"{first_id}{i:02d}_1", caption="aman")])
            for i, p in enumerate(NAMEABLE)]


def as_stored(column: str) -> list[str]:
    """The payloads as etl_reject keeps them: as written, but an account without the "@" a handle may carry."""
    return [p.removeprefix("@") for p in PAYLOADS] if column == "Page name" else PAYLOADS


def q(db: Path, sql: str, params: dict | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def tables(db: Path) -> set[str]:
    return {r[0] for r in q(db, "SELECT table_name FROM information_schema.tables")}


# --- reading what the page shows as markdown ----------------------------------------------------------------

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
OWN_TAGS = {"p", "strong", "em", "ul", "li", "br"}  # what the page's own texts make (bold labels, note lists)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def rendered(source: str) -> tuple[set[str], str]:
    """The tags a CommonMark renderer makes of ``source``, and the text it shows (lines joined by spaces; the
    invisible word joiners ``plain`` puts in kept)."""
    html = _Html()
    html.feed(MD.render(source))
    return html.tags, " ".join(" ".join(html.text).split())


def seen(text: str) -> str:
    """What a reader sees of a rendered text: the word joiners are invisible."""
    return text.replace(JOINER, "")


def live(source: str) -> str:
    """``source`` without its backslash-escaped characters: what the parser may still read as markup."""
    return re.sub(r"\\[!-/:-@\[-`{-~]", "", source)


# Streamlit's markdown beyond CommonMark. Parsed: math, :color[…] directives, ~strike~; replaced in the source
# before parsing: :material/…:; rewritten in the parsed text: bare links (www., scheme://, e-mail) and emoji
# shortcodes (:smile:, :100:, :8ball: — not a time like 08:00:00).
PARSED = re.compile(r"\$|:[a-z-]+\[|~")
SOURCE = re.compile(r":material/")
TEXT = re.compile(r"\bwww\.|[a-z][a-z0-9+.-]*://|mailto:|[\w.+-]@[\w-]|:(?:[a-z_+-][\w+-]*|\d+[a-z_][\w+-]*|100|1234):",
                  re.IGNORECASE)


def markup_problems(source: str) -> list[str]:
    tags, text = rendered(source)
    found = [f"<{t}>" for t in sorted(tags - OWN_TAGS)]
    found += [m.group() for m in PARSED.finditer(live(source))]
    found += [m.group() for m in SOURCE.finditer(source)]
    found += [m.group() for m in TEXT.finditer(text)]
    return found


def shown_texts(at) -> list[tuple[str, str]]:
    """(kind, markdown source) of every element whose text Streamlit renders as markdown."""
    out = [(kind, e.value) for kind in ("markdown", "error", "warning", "info", "success", "caption", "subheader")
           for e in getattr(at, kind)]
    out += [("expander", e.label) for e in at.expander] + [("tab", e.label) for e in at.tabs]
    return out


def carries_data(source: str) -> bool:
    text = seen(rendered(source)[1])
    return any(m in source or m in text for m in MARKERS)


# --- the tests ---------------------------------------------------------------------------------------------------

def test_plain_escapes_every_payload_and_shows_it_as_written():
    for payload in [*PAYLOADS, "a_b_c __init__ x@y.co 08:00:00 :100: :smile: &amp; \\ 3) tiga\n=== \n    kode"]:
        source = plain(payload)
        assert markup_problems(source) == [], (payload, source)
        assert seen(rendered(source)[1]) == " ".join(payload.split()), (payload, source)
        assert markup_problems(plain(payload, label=True)) == []
    # texts without markup stay as they are (the ETL's messages read the same in the page's source)
    for text in ("rusak.csv: bukan berkas teks (CSV) atau XLSX yang sah.", "kolom «kode_opd»: nilai «TIDAK-ADA»",
                 "waktu berkas di dalam arsip (2026-11-19 08:00)", "facebook_posts_2026-11-01_2026-11-20.csv"):
        assert plain(text) == text


def test_the_warehouse_stores_every_payload_as_text_and_keeps_its_tables(tmp_path):
    benign = tmp_path / "benign.duckdb"
    etl_load.load([write_fb(tmp_path / "awal_2026-11-02.csv", [fb_row("1_1")])], benign)
    db = tmp_path / "w.duckdb"
    results = etl_load.load([export(tmp_path, "injeksi_2026-11-03.csv", 30), *unknown_layouts(tmp_path),
                             *named(tmp_path, 70)], db)
    outcomes = {r.name: r.outcome for r in results}
    assert outcomes["injeksi_2026-11-03.csv"] == "sebagian"
    assert all(outcomes[name_of(p)] == "berhasil" for p in NAMEABLE)
    assert tables(db) == tables(benign)  # nothing dropped, nothing made
    assert q(db, "SELECT count(*) FROM stg_post") == [(len(PAYLOADS) + len(NAMEABLE),)]
    captions = q(db, "SELECT post_id, caption FROM raw_post_snapshot WHERE post_id LIKE '30\\_%' ESCAPE '\\' "
                     "ORDER BY CAST(split_part(post_id, '_', 2) AS INT)")
    assert [c for _, c in captions] == PAYLOADS
    assert [c for (c,) in q(db, "SELECT caption FROM stg_post WHERE post_id LIKE '30\\_%' ESCAPE '\\' "
                                "ORDER BY CAST(split_part(post_id, '_', 2) AS INT)")] == PAYLOADS
    for column in ("Publish time", "Views", "Page name"):
        values = q(db, "SELECT value FROM etl_reject WHERE column_name = $c ORDER BY row_number", {"c": column})
        assert [v for (v,) in values] == as_stored(column), column
    logged = {n for (n,) in q(db, "SELECT file_name FROM etl_load")}
    assert {name_of(p) for p in NAMEABLE} <= logged
    refused = dict(q(db, "SELECT file_name, message FROM etl_load WHERE file_name LIKE 'kolom\\_%' ESCAPE '\\'"))
    for i, header in enumerate(HEADERS):
        assert ", ".join(header) in refused[f"kolom_{i}_2026-11-03.csv"]  # the header cells quoted as they are


@pytest.fixture
def injected_db(tmp_path, monkeypatch, admin_files):  # noqa: F811 (the fixture imported above)
    """A warehouse holding the payloads (loaded by the ETL), the page pointed at it."""
    db = tmp_path / "w.duckdb"
    etl_load.load([export(tmp_path, "injeksi_2026-11-03.csv", 30), *unknown_layouts(tmp_path)], db,
                  admin_files["registry"], admin_files["holidays"])
    monkeypatch.setenv("SOROT_DB", str(db))
    return db


def uploads(folder: Path) -> list[tuple[str, bytes, str]]:
    """What the admin picks on the page: an export full of payloads, files named with them, files whose header
    cells are payloads, and a file named with each payload that is not an export (its refusal names it)."""
    folder.mkdir()
    files = [export(folder, "injeksi_lagi_2026-11-03.csv", 50), *named(folder, 90)]
    headers = folder / "h"
    headers.mkdir()
    files += unknown_layouts(headers, "2")  # not the files loaded before: read again
    picked = [(f.name, f.read_bytes(), "text/csv") for f in files]
    picked += [(name_of(p, "_rusak.csv"), b"\x00\x01" * 20 + bytes([i]), "text/csv") for i, p in enumerate(NAMEABLE)]
    return picked


def test_the_data_page_shows_every_payload_literally(injected_db, tmp_path):
    at = open_page()
    picked = uploads(tmp_path / "unggah")
    upload(at, picked)
    assert tables(injected_db) >= {"stg_post", "raw_post_snapshot", "etl_load", "etl_reject"}
    texts = shown_texts(at)
    data = [(kind, s) for kind, s in texts if carries_data(s)]
    problems = [(kind, s, markup_problems(s)) for kind, s in data if markup_problems(s)]
    assert problems == []
    shown = {kind: [seen(rendered(s)[1]) for k, s in texts if k == kind] for kind in ("error", "expander", "markdown")}
    # file names: each good file's details under its name, each refused file's message naming it
    for p in NAMEABLE:
        assert any(label.startswith(f"{name_of(p)} — ") for label in shown["expander"]), p
        assert f"{name_of(p, '_rusak.csv')}: bukan berkas teks (CSV) atau XLSX yang sah." in shown["error"], p
    # header cells: quoted in the refusal of their file
    for i, header in enumerate(HEADERS):
        [error] = [e for e in shown["error"] if e.startswith(f"kolom_{i}_2026-11-03.csv: ")]
        assert "Kolom yang ditemukan: " + ", ".join(header) + "." in error
    # cell values: in the rejects table exactly as in the file, and the reasons quoting them as text
    rejects = next(f.value for f in at.dataframe if "alasan" in f.value.columns and "nilai" in f.value.columns)
    for column in ("Publish time", "Views", "Page name"):
        assert rejects.loc[rejects["kolom"] == column, "nilai"].tolist() == as_stored(column), column
    quoted = [p for p in as_stored("Page name") for m in shown["markdown"]
              if f"akun tidak terdaftar: @{p} (facebook); daftarkan" in m]  # one reason per group is shown
    assert quoted == ["![gambar](http://evil.example/x.png)"]
    report = table(at, "berkas", "hasil")
    assert {name_of(p) for p in NAMEABLE} | {name_of(p, "_rusak.csv") for p in NAMEABLE} <= set(report["berkas"])
    # the history and the accounts to register: values in tables and a code block, never markdown
    history = table(at, "no. muat", "berkas")
    assert {name_of(p) for p in NAMEABLE} <= set(history["berkas"])
    unknown = table(at, "platform", "akun")
    assert set(as_stored("Page name")) <= set(unknown["akun"])
    lines = at.code[0].value.splitlines()  # a code block: shown as written; each line CSV for akun.csv
    assert lines == list(unknown["baris untuk akun.csv"])
    assert set(as_stored("Page name")) <= {row[2] for row in csv.reader(lines)}


def test_a_downloaded_reject_list_has_no_live_formula():
    import pandas as pd

    frame = pd.DataFrame({"nilai": [*FORMULA, "biasa", "-5"], "baris": range(5)})
    text = csv_bytes(frame).decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(text.splitlines()[1:])]
    assert cells == ["'" + f for f in FORMULA] + ["biasa", "'-5"]  # a leading ' as in every table export
