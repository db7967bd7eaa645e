"""A real browser (Playwright driving Debian's Chromium) opens the app; screenshots go to docs/."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.apptest import PASSWORD, USERS

ROOT = Path(__file__).resolve().parent.parent
# `make screenshots` writes them into docs/screenshots; `make test` leaves the working tree alone
SHOTS = Path(os.environ.get("SOROT_SHOTS") or Path(tempfile.gettempdir()) / "sorot-screenshots")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("sample"),  # shares the worker that built the sample warehouse
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make browser)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path):
    """A Streamlit server on ``db``, until the generator is closed."""
    port = _free_port()
    env = {**os.environ, "SOROT_DB": str(db), "SOROT_TODAY": "2026-11-20"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.serve", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:  # also when the run is interrupted: no server outlives the tests
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def app_url(sample_db):
    yield from _serve(sample_db)


@pytest.fixture(scope="module")
def upload_url(sample_db, tmp_path_factory):
    """A server on a copy of the sample warehouse, for flows that load files into it."""
    db = tmp_path_factory.mktemp("upload") / "w.duckdb"
    shutil.copy(sample_db, db)
    yield from _serve(db)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        yield page
        browser.close()


def settle(page) -> None:
    """Wait until Streamlit has drawn the page's figures and finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.locator('[data-testid="stMain"] :is([data-testid="stMetric"], [data-testid="stDataFrame"], '
                 '[data-testid="stFileUploader"]):visible').first.wait_for(timeout=90_000)
    for _ in range(2):  # the running indicator can appear a moment after the first elements
        page.wait_for_timeout(400)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)


def visit(page, url: str, role: str = "admin") -> None:
    """Open ``url`` as a person does: every new visit starts a new session, which asks for the login first;
    the page asked for is the one shown after it."""
    page.goto(url)
    log_in(page, USERS[role][0], PASSWORD)


def log_in(page, username: str, password: str) -> None:
    name = page.get_by_label("Nama pengguna")
    name.wait_for(timeout=60_000)
    name.fill(username)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk ke Sorot").click()
    name.wait_for(state="detached", timeout=60_000)


def no_error(page) -> None:
    assert page.get_by_text("Traceback").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


PAGES = {"": ("ringkasan", "Ringkasan Apel"), "peringkat": ("peringkat", "Peringkat OPD"),
         "opd-pasif": ("opd-pasif", "OPD Pasif"), "sentimen": ("sentimen", "Tren Sentimen"),
         "pengaduan": ("pengaduan", "Pengaduan"), "profil-opd": ("profil-opd", "Profil OPD"),
         "data": ("data", "Data")}


# The screens the app is read on: a district office laptop, an older laptop or tablet, a phone.
SCREENS = [(1366, 768), (1024, 768), (390, 844)]
# Boxes that scroll sideways: the document and Streamlit's main area (its own scroll container).
SIDEWAYS = """() => [document.documentElement, ...document.querySelectorAll(
    '[data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"]')]
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => `${e.dataset.testid || e.tagName} ${e.scrollWidth} > ${e.clientWidth}`)"""
# Text cut short in a figure or table: any box in it that clips or scrolls (label ellipsis, a table scrolling
# inside its frame, st.dataframe's canvas grid with columns wider than the frame) and holds more than it shows.
CLIPPED = """() => [...document.querySelectorAll('[data-testid="stMain"] :is([data-testid="stMetric"], '
    + '[data-testid="stTable"], [data-testid="stDataFrame"])')]
  .flatMap(box => [box, ...box.querySelectorAll('*')].map(e => [box, e]))
  .filter(([box, e]) => getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)
  .map(([box, e]) => `${box.dataset.testid} «${(e.textContent || '').trim().slice(0, 40)}» `
                     + `${e.scrollWidth} > ${e.clientWidth}`)"""


def settled(page, check: str) -> list[str]:
    """What ``check`` finds once charts and tables have followed a new screen size (at most 3 s later)."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({check})().length === 0", timeout=3000)
    return page.evaluate(check)


@pytest.mark.parametrize("path", list(PAGES), ids=[shot for shot, _ in PAGES.values()])
def test_every_page_opens_and_fits_each_screen(app_url, page, path):
    """Each page at each screen size: no error, nothing scrolls sideways, a screenshot per size; on the
    briefing, no figure label or table cell is cut short."""
    shot, title = PAGES[path]
    page.set_viewport_size({"width": SCREENS[0][0], "height": SCREENS[0][1]})
    visit(page, f"{app_url}/{path}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=60_000)
    settle(page)
    no_error(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for i, (width, height) in enumerate(SCREENS):
        page.set_viewport_size({"width": width, "height": height})  # the same run, laid out again
        page.wait_for_timeout(300)  # the sidebar folds away on a phone
        name = f"{shot}.png" if i == 0 else f"{shot}-{width}x{height}.png"
        sideways = settled(page, SIDEWAYS)
        page.screenshot(path=str(SHOTS / name), full_page=True)
        assert not sideways, f"{title} scrolls sideways at {width}×{height} (see {name}): {sideways}"
        cut = settled(page, CLIPPED) if path == "" else []
        assert not cut, f"{title}: text cut short at {width}×{height} (see {name}):\n" + "\n".join(cut)
    page.set_viewport_size({"width": SCREENS[0][0], "height": SCREENS[0][1]})


def test_a_person_filters_and_the_link_reproduces_it(app_url, page):
    visit(page, f"{app_url}/peringkat")
    page.get_by_role("heading", name="Peringkat OPD", exact=True).wait_for(timeout=60_000)
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("Kecamatan & kelurahan").click()
    settle(page)
    page.wait_for_url("**jenis=kewilayahan**", timeout=30_000)
    link = page.url
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Ringkasan Apel").click()  # follows to another page…
    page.get_by_role("heading", name="Ringkasan Apel", exact=True).wait_for(timeout=60_000)
    settle(page)
    page.wait_for_url("**jenis=kewilayahan**", timeout=30_000)
    visit(page, link)  # …and the link opens the same view
    settle(page)
    assert page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="Kecamatan & kelurahan").is_checked()
    no_error(page)


def test_typing_part_of_an_opd_name_and_enter_picks_that_opd(app_url, page):
    """Enter picks the best match of what was typed — a distinctive part ("kesra": Bag. Kesra, though
    two kecamatan match it loosely too), an exact name ("dinkes": Dinkes, not also Disnakkeswan) — not
    Streamlit's "Select 3 matches" row, which used to come first. Keyboard only."""
    visit(page, f"{app_url}/peringkat")
    settle(page)
    picked = []
    for typed, code in (("kesra", "BAG-KESRA"), ("dinkes", "DINKES")):
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.locator("input").focus()
        page.keyboard.type(typed)
        page.get_by_role("option").first.wait_for(timeout=10_000)
        page.keyboard.press("Enter")
        picked.append(code)
        page.wait_for_url(f"**opd={'%2C'.join(picked)}**", timeout=30_000)
        assert parse_qs(urlparse(page.url).query)["opd"] == [",".join(picked)]
    settle(page)
    no_error(page)


def test_clicking_a_chart_opens_the_rows_behind_it(app_url, page):
    visit(page, f"{app_url}/profil-opd?kode=DINKES&periode=kustom&dari=2026-10-22&sampai=2026-11-20")
    page.get_by_role("heading", name="Profil OPD", exact=True).wait_for(timeout=60_000)
    settle(page)
    week = page.locator('[data-testid="stSelectbox"]').filter(has_text="Pekan").first
    assert week.locator("input").input_value() == "Seluruh periode"
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator(".bars path")
    bars.first.wait_for(timeout=30_000)
    heights = [bars.nth(i).bounding_box()["height"] for i in range(bars.count())]
    tallest = bars.nth(heights.index(max(heights)))  # one week, one content type
    picked = week.locator("input")
    for _ in range(10):  # a chart takes clicks a few seconds after it is drawn
        box = tallest.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(2000)
        if picked.input_value() != "Seluruh periode":
            break
    settle(page)
    assert " – " in picked.input_value()
    table = page.locator('[data-testid="stDataFrame"]').filter(has_text="Keterangan")
    expect(table).to_be_visible()
    no_error(page)
    page.wait_for_url("**pekan=2026-**", timeout=30_000)  # the clicked week is in the link…
    shown, link = picked.input_value(), page.url
    visit(page, link)  # …and the link opens it again
    settle(page)
    assert page.locator('[data-testid="stSelectbox"]').filter(has_text="Pekan").first.locator(
        "input").input_value() == shown
    no_error(page)


def download(page, button) -> bytes:
    """Click a download button as a person does; the bytes the browser saved."""
    for attempt in (1, 2):  # a click that lands while the page is still rerunning is lost: once more, then fail
        button.scroll_into_view_if_needed()
        try:
            with page.expect_download(timeout=60_000) as info:
                button.click()
            return Path(info.value.path()).read_bytes()
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            settle(page)
    raise AssertionError("unreachable")


def test_a_person_downloads_a_chart_a_table_the_page_deck_and_the_pack(app_url, page):
    import io
    import struct

    from openpyxl import load_workbook
    from pptx import Presentation
    from pypdf import PdfReader

    visit(page, f"{app_url}/pengaduan?periode=30h")
    page.get_by_role("heading", name="Pengaduan", exact=True).wait_for(timeout=60_000)
    settle(page)
    png = download(page, page.get_by_role("button", name="Unduh PNG").first)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", png[16:20])[0] == 1600  # 2× of 800 px
    book = load_workbook(io.BytesIO(download(page, page.get_by_role("button", name="Unduh XLSX").first)))
    sheet = book.active
    assert sheet["A1"].value == "Laporan" and sheet["B1"].value == "Pengaduan lewat batas"
    deck = Presentation(io.BytesIO(download(page, page.locator('[data-testid="stSidebar"]').get_by_role(
        "button", name="Unduh salindia halaman (PPTX)"))))
    assert deck.slides[0].shapes.title.text == "Pengaduan" and len(deck.slides) > 3
    visit(page, f"{app_url}/?periode=7h")
    page.get_by_role("heading", name="Ringkasan Apel", exact=True).wait_for(timeout=60_000)
    settle(page)
    pack = Presentation(io.BytesIO(download(page, page.get_by_role("button", name="Unduh paket briefing (PPTX)"))))
    assert [s.shapes.title.text for s in pack.slides][:2] == ["Paket Briefing Apel", "Angka utama"]
    workbook = load_workbook(io.BytesIO(download(page, page.get_by_role("button",
                                                                         name="Unduh paket briefing (XLSX)"))))
    assert workbook.sheetnames[0] == "Ringkasan"
    pdf = download(page, page.get_by_role("button", name="Unduh paket briefing (PDF)"))
    assert pdf.startswith(b"%PDF") and "Paket Briefing Apel" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    no_error(page)


def test_a_person_logs_in_and_out(app_url, page):
    """Nothing shows before the login; after it, the page the link asked for, a menu of what the role may open
    (a sekda: no Data, no Pengguna) and who is logged in; logging out ends it."""
    page.goto(f"{app_url}/pengaduan?periode=7h")
    page.get_by_label("Nama pengguna").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stMetric"], [data-testid="stDataFrame"]').count() == 0
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    log_in(page, USERS["sekda"][0], PASSWORD)
    page.get_by_role("heading", name="Pengaduan", exact=True).wait_for(timeout=60_000)
    settle(page)
    assert "periode=7h" in page.url
    menu = page.locator("[data-testid='stSidebarNav']")
    expect(menu).to_contain_text("Ringkasan Apel")
    expect(menu).not_to_contain_text("Data")
    expect(menu).not_to_contain_text("Pengguna")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Masuk sebagai sekda")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Keluar", exact=True).click()
    page.get_by_label("Nama pengguna").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stMetric"]').count() == 0
    no_error(page)


def test_the_language_switch_turns_the_page_to_english(app_url, page):
    visit(page, f"{app_url}/opd-pasif")
    page.get_by_role("heading", name="OPD Pasif", exact=True).wait_for(timeout=60_000)
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    page.get_by_role("heading", name="Passive OPD", exact=True).wait_for(timeout=60_000)
    settle(page)
    page.wait_for_url("**bahasa=en**", timeout=30_000)
    page.get_by_text("Passive agencies").first.wait_for(timeout=30_000)  # drawn after the heading, on a busy machine
    no_error(page)


def test_an_admin_uploads_a_zip_and_reads_the_report(upload_url, page):
    visit(page, upload_url)  # a fresh server's very first request may still list pages/ by file name
    settle(page)
    visit(page, f"{upload_url}/data")
    settle(page)
    zipped = ROOT / "tests" / "fixtures" / "exports" / "Content_setda.sukamaju.official.zip"
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(zipped))
    page.get_by_role("button", name="Muat ke gudang data").click()
    page.get_by_text("Laporan pemuatan terakhir").wait_for(timeout=90_000)
    settle(page)
    no_error(page)
    expect(page.get_by_text("1 berkas: 1 berhasil", exact=False)).to_be_visible()
    details = page.locator('[data-testid="stExpander"] summary').filter(
        has_text="Content_setda.sukamaju.official.zip › Content.csv")
    details.first.click()  # the member's details: where its date came from, and the year it was given
    expect(page.get_by_text("tanpa tahun", exact=False).first).to_be_visible()
    expect(page.get_by_text("waktu berkas di dalam arsip", exact=False).first).to_be_visible()
    page.wait_for_timeout(800)  # the expander's opening animation
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "data-laporan-zip.png"), full_page=True)


def test_a_fresh_server_opens_a_deep_link_with_the_apps_own_menu(sample_db, page):
    """The first request a new server gets is a shared link to a page: it shows that page with Sorot's menu,
    not Streamlit's file-name pages (``pages/`` beside dashboard.py; ui/serve.py)."""
    server = _serve(sample_db)
    url = next(server)
    try:
        visit(page, f"{url}/pengaduan")
        expect(page.locator("h1").first).to_have_text("Pengaduan", timeout=60_000)
        menu = page.locator("[data-testid='stSidebarNav']")
        expect(menu).to_contain_text("Ringkasan Apel")
        expect(menu).not_to_contain_text("dashboard")
    finally:
        server.close()
