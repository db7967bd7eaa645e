"""The WhatsApp digest (reports/digest.py), its periods (reports/periods.py) and ``python -m reports brief``:
the digest fits its limit, says only what the data supports, and writes the very figures the Ringkasan page
shows for the same view — the page's own expander holds the same text."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import warehouse_file
from analytics.briefing import briefing
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import number
from analytics.metrics import metric
from analytics.norms import read_norms
from reports import digest as digest_module
from reports.__main__ import main
from reports.digest import LIMIT, Line, compose, digest, fit
from reports.periods import PeriodError, parse_period
from tests import test_browser as browser
from tests.apptest import logged_in

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
URL = "https://sorot.sukamajukab.go.id"
pytestmark = pytest.mark.xdist_group("sample")


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setenv("SOROT_TODAY", TODAY.isoformat())
    monkeypatch.delenv("SOROT_URL", raising=False)


@pytest.fixture
def wh(sample_db):
    return Warehouse(warehouse_file.read_cursor(warehouse_file.open_read_only(sample_db)))


def text_of(wh: Warehouse, period: str, lang: str = "id", url: str | None = None, **filters) -> str:
    start, end = parse_period(period, TODAY)
    return digest(wh, Filters(start, end, **filters), Scope.everything(), read_norms(), TODAY, lang, url)


# --- periods -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("last-7-days", (date(2026, 11, 14), TODAY)),
    ("last-30-days", (date(2026, 10, 22), TODAY)),
    ("last-month", (date(2026, 10, 1), date(2026, 10, 31))),
    ("2026-02", (date(2026, 2, 1), date(2026, 2, 28))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2025-12", (date(2025, 12, 1), date(2025, 12, 31))),
    ("2026-11", (date(2026, 11, 1), TODAY)),  # the current month: to date, as the app's "Bulan ini"
    ("2026-10-05:2026-10-18", (date(2026, 10, 5), date(2026, 10, 18))),
    ("2026-11-10:2026-12-31", (date(2026, 11, 10), TODAY)),
    (" last-7-days ", (date(2026, 11, 14), TODAY)),
])
def test_periods(text, expected):
    assert parse_period(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "7h", "last-week", "LAST-7-DAYS", "2026-13", "2026-1", "202610", "2026-10-01",
                                  "2026-10-01:", "2026-02-30:2026-03-01", "2026-10-01..2026-10-31", "2026-10:2026-11"])
def test_unknown_period_names_the_value_and_the_forms(text):
    with pytest.raises(PeriodError) as err:
        parse_period(text, TODAY)
    message = str(err.value)
    assert f"«{text}»" in message and "tidak dikenal" in message
    assert all(form in message for form in ("last-7-days", "last-30-days", "last-month", "YYYY-MM",
                                            "YYYY-MM-DD:YYYY-MM-DD"))


@pytest.mark.parametrize(("text", "says"), [("2026-10-31:2026-10-01", "berakhir sebelum dimulai"),
                                            ("2027-01", "belum dimulai"), ("2026-11-21:2026-11-30", "belum dimulai"),
                                            ("2009-12", "sebelum 2010-01-01")])
def test_impossible_periods_are_refused(text, says):
    with pytest.raises(PeriodError, match=says):
        parse_period(text, TODAY)


def test_period_error_in_english():
    with pytest.raises(PeriodError) as err:
        parse_period("minggu-lalu", TODAY, "en")
    assert str(err.value).startswith("Unknown period «minggu-lalu». Accepted forms: last-7-days")
    assert "(e.g. 2026-10)" in str(err.value)


# --- the digest against the page ---------------------------------------------------------------------


def open_briefing(sample_db, monkeypatch, **params: str) -> AppTest:
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90))
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def plain(text: str) -> None:
    assert len(text) <= LIMIT
    assert not re.search(r"\b(None|nan|NaN|NaT|<NA>)\b", text), text
    assert not any(line != line.strip() for line in text.splitlines()), "a line with stray spaces"


@pytest.mark.parametrize(("period", "preset"), [("last-7-days", "7h"), ("last-month", "bulan_lalu")])
def test_digest_writes_the_figures_the_page_shows(wh, sample_db, monkeypatch, period, preset):
    text = text_of(wh, period)
    plain(text)
    at = open_briefing(sample_db, monkeypatch, periode=preset)
    assert [e.label for e in at.expander] == ["Ringkasan untuk WhatsApp"]
    assert at.expander[0].code[0].value == text  # the page offers the same digest
    assert at.expander[0].caption[0].value.startswith(f"{number(len(text))} karakter (batas 1.500)")

    lines = text.splitlines()
    assert lines[0].startswith("*Ringkasan Apel Kabupaten Sukamaju, ") and lines[0].endswith("*")
    shown = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert len(shown) == 6
    for label, (value, delta) in shown.items():
        assert f"{label}: {value}" in text, label
        if not delta.startswith("—"):  # a change against a baseline, written the same way
            assert f"{label}: {value} ({delta}" in text, label
    passive = next(m.value for m in at.markdown if m.value.startswith("**OPD pasif ("))
    count = re.search(r"\((\d+)\)", passive).group(1)
    assert f"- OPD pasif: {count} (" in text
    top, bottom = at.table[0].value, at.table[1].value
    score = metric("score").format  # the page's tables write the score with no decimals, as the catalog
    assert f"tertinggi: {top['OPD'].iloc[0]} ({score(top['Skor'].iloc[0])})" in text
    assert f"terendah: {bottom['OPD'].iloc[-1]} ({score(bottom['Skor'].iloc[-1])})" in text
    rising = next(m.value for m in at.markdown if m.value.startswith("- **"))
    topic, counts = re.match(r"- \*\*(.+?)\*\*: (\d+ → \d+)", rising).groups()
    assert f"Topik pengaduan paling naik: {topic}, {counts} (+" in text or "Topik pengaduan baru" in text
    assert 6 <= sum(line.startswith("- ") for line in lines) <= 7


def test_digest_in_english_is_the_english_page(wh, sample_db, monkeypatch):
    text = text_of(wh, "last-7-days", "en")
    plain(text)
    at = open_briefing(sample_db, monkeypatch, periode="7h", bahasa="en")
    assert [e.label for e in at.expander] == ["Summary for WhatsApp"]
    assert at.expander[0].code[0].value == text
    assert text.startswith("*Briefing: Kabupaten Sukamaju, 14 Nov 2026 – 20 Nov 2026*\nChanges against 7 Nov 2026")
    for m in at.metric:
        assert f"{m.label}: {m.value}" in text
    for indonesian in ("Pengaduan", "Unggahan", "Skor", "Perubahan", "terbanyak di", "dibanding", "lainnya", "hari"):
        assert indonesian not in text, indonesian
    assert "Highest agency score: " in text and "Passive agencies: " in text


def test_a_period_without_data_says_so_and_ranks_nobody(wh):
    text = text_of(wh, "2011-01", url=URL)
    plain(text)
    assert text.splitlines()[:2] == ["*Ringkasan Apel Kabupaten Sukamaju, 1 Jan 2011 – 31 Jan 2011*",
                                     "Belum ada data untuk periode ini."]
    for claim in ("Skor", "tertinggi", "OPD pasif", "Topik", "Pengaduan masuk", "Unggahan", "Komentar negatif",
                  "Perubahan dibanding"):
        assert claim not in text, claim
    assert "- Lewat batas kini (semua periode): " in text  # open complaints today: not a figure of the period
    assert text.endswith(f"\n\nDasbor: {URL}") and len(text) < 400


def test_one_opd_says_so_and_ranks_nobody(wh):
    text = text_of(wh, "last-month", opd=("DINKES",))
    plain(text)
    assert text.splitlines()[1] == "Saringan: Dinkes"
    assert "Skor OPD" not in text  # one OPD has no top and bottom
    assert "Pengaduan masuk: " in text and "OPD pasif: " in text


def test_the_link_comes_from_the_argument_else_the_environment(wh, monkeypatch):
    briefed = briefing(wh, Filters(date(2026, 11, 14), TODAY), Scope.everything(), read_norms(), TODAY)
    f = Filters(date(2026, 11, 14), TODAY)
    assert "Dasbor" not in compose(briefed, "Kabupaten Sukamaju", f)
    monkeypatch.setenv("SOROT_URL", URL)
    assert compose(briefed, "Kabupaten Sukamaju", f).endswith(f"\n\nDasbor: {URL}")
    assert compose(briefed, "Kabupaten Sukamaju", f, url="https://x.example").endswith("Dasbor: https://x.example")


def test_long_names_drop_whole_lines_never_cut_one(wh, monkeypatch):
    f = Filters(date(2026, 10, 22), TODAY)
    real = briefing(wh, f, Scope.everything(), read_norms(), TODAY)
    names = {code: f"Dinas {code} " + "dan Urusan Pemerintahan Daerah yang Sangat Panjang Sekali " * 4
             for code in real.league["opd_code"]}
    long = replace(real, league=real.league.assign(short_name=real.league["opd_code"].map(names)),
                   passive=real.passive.assign(short_name=real.passive["opd_code"].map(names)),
                   rising=real.rising.assign(top_area="Kecamatan " + "Sukamaju Raya Selatan " * 12))
    monkeypatch.setattr(digest_module, "briefing", lambda *a, **k: long)
    monkeypatch.setattr(digest_module, "region_name", lambda wh: "Kabupaten " + "Sukamaju " * 30)

    full = compose(long, "Kabupaten " + "Sukamaju " * 30, f, url=URL, limit=10**6)
    assert len(full) > LIMIT  # the case is long indeed
    text = digest(wh, f, Scope.everything(), read_norms(), TODAY, url=URL)
    plain(text)
    lines = text.splitlines()
    assert lines[0] == full.splitlines()[0] and "…, 22 Okt 2026 – 20 Nov 2026*" in lines[0]  # region shortened
    assert lines[-1] == f"Dasbor: {URL}"
    assert "- Pengaduan masuk: " in text and "- Lewat batas kini (semua periode): " in text  # the first facts stay
    for name in names.values():  # a name is written whole or not at all
        assert text.count(name[:30]) == text.count(name)
    labels = {line.split(":")[0] for line in full.splitlines()}
    assert {line.split(":")[0] for line in lines} <= labels


def test_fit_shortens_then_drops_the_least_important_lines():
    header = [Line(("Title",), 0)]
    facts = [Line(("- one " + "a" * 40,), 1), Line(("- two " + "b" * 40, "- two"), 2),
             Line(("- three " + "c" * 40,), 3)]
    link = [Line(("Link",), 0)]
    everything = fit([header, facts, link], 1000)
    assert everything.splitlines() == ["Title", "", facts[0].text, facts[1].text, facts[2].text, "", "Link"]
    assert fit([header, facts, link], len(everything) - 1).splitlines() == [  # shorter wording first
        "Title", "", facts[0].text, "- two", facts[2].text, "", "Link"]
    assert fit([header, facts, link], 70).splitlines() == ["Title", "", facts[0].text, "- two", "", "Link"]
    assert fit([header, facts, link], 20) == "Title\n\nLink"
    assert fit([header, facts, link], 5) == "Title"  # at worst, the title alone


# --- the command line --------------------------------------------------------------------------------


def test_cli_writes_the_digest(wh, sample_db, tmp_path, capsys):
    out = tmp_path / "apel.txt"
    assert main(["brief", "--db", str(sample_db), "--period", "last-7-days", "--out", str(out), "--url", URL]) == 0
    assert out.read_text(encoding="utf-8") == text_of(wh, "last-7-days", url=URL) + "\n"
    assert f"ditulis ke {out}" in capsys.readouterr().err
    assert main(["brief", "--db", str(sample_db), "--period", "2026-10", "--out", "-", "--opd", "dinkes",
                 "--lang", "en"]) == 0
    assert capsys.readouterr().out == text_of(wh, "2026-10", "en", opd=("DINKES",)) + "\n"


@pytest.mark.parametrize(("args", "says"), [
    (["--period", "minggu-lalu"], ["«minggu-lalu»", "tidak dikenal", "last-7-days", "YYYY-MM-DD:YYYY-MM-DD"]),
    (["--period", "last-month", "--opd", "DINKESS"], ["«DINKESS»", "tidak dikenal", "Mungkin maksud Anda: DINKES",
                                                      "BAG-EKON", "65 OPD aktif"]),
    (["--period", "2026-13", "--lang", "en"], ["«2026-13»", "YYYY-MM"]),
])
def test_cli_usage_errors_exit_2_with_a_clear_message(sample_db, tmp_path, capsys, args, says):
    out = tmp_path / "apel.txt"
    assert main(["brief", "--db", str(sample_db), "--out", str(out), *args]) == 2
    message = capsys.readouterr().err
    assert all(s in message for s in says), message
    assert list(tmp_path.iterdir()) == []  # no stub file


def test_cli_format_follows_the_file_name_and_argparse_speaks_indonesian(sample_db, tmp_path, capsys):
    for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF"), ("pptx", b"PK")):
        out = tmp_path / f"apel.{fmt}"
        assert main(["brief", "--db", str(sample_db), "--period", "last-7-days", "--out", str(out)]) == 0
        assert out.read_bytes().startswith(magic)
        assert f"Paket Briefing Apel ({fmt.upper()}) ditulis ke {out}" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["brief", "--period", "last-month"])
    assert stop.value.code == 2 and "argumen wajib belum diberikan: --out" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["brief", "--period", "last-month", "--out", "-", "--format", "docx"])
    assert stop.value.code == 2 and "argumen --format: pilihan 'docx' tidak ada" in capsys.readouterr().err


def test_cli_missing_or_unreadable_warehouse_exits_1(tmp_path, capsys):
    missing = tmp_path / "tidak-ada.duckdb"
    assert main(["brief", "--db", str(missing), "--period", "last-month", "--out", "-"]) == 1
    assert f"Gudang data «{missing}» tidak ada" in capsys.readouterr().err
    broken = tmp_path / "rusak.duckdb"
    broken.write_text("bukan duckdb")
    assert main(["brief", "--db", str(broken), "--period", "last-month", "--out", "-"]) == 1
    assert f"Gudang data «{broken}» tidak bisa dibaca" in capsys.readouterr().err


def test_python_dash_m_reports(tmp_path):
    run = subprocess.run([sys.executable, "-m", "reports", "brief", "--db", str(tmp_path / "w.duckdb"), "--period",
                          "last-7-days", "--out", str(tmp_path / "apel.txt"), "--format", "docx"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2 and "'docx' tidak ada" in run.stderr and not (tmp_path / "apel.txt").exists()
    run = subprocess.run([sys.executable, "-m", "reports", "brief", "--db", str(tmp_path / "w.duckdb"), "--period",
                          "last-7-days", "--out", "-"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1 and "tidak ada" in run.stderr and run.stdout == ""


# --- in the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(sample_db):
    yield from browser._serve(sample_db)


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.LAUNCH_ARGS)
        context = chromium.new_context(viewport={"width": 1366, "height": 768})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        yield context.new_page()
        chromium.close()


@pytest.mark.browser
@pytest.mark.skipif(not Path(browser.CHROMIUM).exists(), reason="Debian chromium not installed (make browser)")
def test_the_page_copies_the_digest(server, page, wh):
    """A person opens the expander on the briefing and copies the digest with Streamlit's copy button; on a
    phone the text wraps (nothing scrolls sideways)."""
    browser.visit(page, f"{server}/?periode=7h")
    page.get_by_role("heading", name="Ringkasan Apel", exact=True).wait_for(timeout=60_000)
    browser.settle(page)
    page.get_by_text("Ringkasan untuk WhatsApp").click()
    box = page.locator('[data-testid="stExpander"] [data-testid="stCode"]')
    box.wait_for(timeout=10_000)
    box.hover()
    box.get_by_role("button").first.click()
    expected = text_of(wh, "last-7-days")
    copied = ""
    for _ in range(20):  # the button writes the clipboard asynchronously
        copied = page.evaluate("() => navigator.clipboard.readText()")
        if copied:
            break
        page.wait_for_timeout(250)
    assert copied == expected
    page.set_viewport_size({"width": 390, "height": 844})
    assert browser.settled(page, browser.SIDEWAYS) == []
    browser.no_error(page)
