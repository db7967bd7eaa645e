"""``python -m reports send`` (reports/send.py, reports/mail.py) against a real SMTP server on this machine
(aiosmtpd, STARTTLS or TLS from the start, with a throwaway self-signed certificate the client trusts through the
settings' CA file, and AUTH over TLS only): the pack arrives once, with the page's figures in its text and the
files that open; what may pass is retried with a doubling wait and logged, what cannot is not retried; wrong
settings are refused before anything is built or sent."""

from __future__ import annotations

import email
import io
import json
import re
import socket
import ssl
import subprocess
from datetime import date
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from pptx import Presentation
from pypdf import PdfReader

import warehouse_file
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day_range
from analytics.norms import read_norms
from reports import pack
from reports import send as send_module
from reports.__main__ import main
from reports.branding import branding
from reports.digest import digest
from reports.mail import read_settings

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
WEEK = (date(2026, 11, 14), TODAY)
USER, PASSWORD = "sorot@sukamajukab.go.id", "sandi-uji-7Hq2"
TO = ["bupati@sukamajukab.go.id", "sekda@sukamajukab.go.id"]
URL = "https://sorot.sukamajukab.go.id"
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} ", re.M)  # every log line starts with its time
pytestmark = pytest.mark.xdist_group("sample")


@pytest.fixture(autouse=True)
def environment(monkeypatch):
    monkeypatch.setenv("SOROT_TODAY", TODAY.isoformat())
    monkeypatch.setenv("SOROT_SMTP_PASSWORD", PASSWORD)
    monkeypatch.delenv("SOROT_URL", raising=False)
    monkeypatch.delenv("SOROT_MAIL_CONFIG", raising=False)


@pytest.fixture(autouse=True)
def waits(monkeypatch) -> list[float]:
    """The waits between attempts, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(send_module, "sleep", waited.append)
    return waited


@pytest.fixture
def quick_pack(monkeypatch) -> dict[str, bytes]:
    """A stand-in for the pack (``reports.pack.make``) where a test is about delivery, not the pack's contents
    (the first test builds the real one): the module stays fast."""
    files = {"txt": b"*Ringkasan Apel uji*\n- Pengaduan masuk: 12\n", "pptx": b"PK\x03\x04 salindia uji"}
    monkeypatch.setattr(pack, "make", lambda fmt, *args, **kwargs: files[fmt])
    return files


@pytest.fixture(scope="module")
def cert(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (and its key), made for this test module only."""
    folder = tmp_path_factory.mktemp("tls")
    crt, key = folder / "server.pem", folder / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", str(key), "-out", str(crt), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True)
    return crt, key


class Inbox:
    """The server's handler and authenticator: keeps the logins tried and the messages taken; answers 451 to the
    first ``busy`` messages."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.logins: list[tuple[str, str]] = []
        self.busy = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.busy:
            self.busy -= 1
            return "451 4.3.0 Antrean penuh, coba lagi nanti"
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 2.0.0 Ok: queued as UJI123"

    def __call__(self, server, session, envelope, mechanism, login) -> AuthResult:
        self.logins.append((login.login.decode(), login.password.decode()))
        return AuthResult(success=(login.login.decode(), login.password.decode()) == (USER, PASSWORD), handled=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(cert: tuple[Path, Path], implicit_tls: bool = False, tls: bool = True):
    inbox = Inbox()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*cert)
    if not tls:
        options = {}
    elif implicit_tls:  # TLS from the first byte: aiosmtpd cannot tell, so AUTH is allowed without STARTTLS
        options = {"ssl_context": context, "auth_required": True, "auth_require_tls": False, "authenticator": inbox}
    else:
        options = {"tls_context": context, "require_starttls": True, "auth_required": True, "auth_require_tls": True,
                   "authenticator": inbox}
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    return controller, inbox


@pytest.fixture
def server(cert):
    controller, inbox = serve(cert)
    yield controller.port, inbox
    controller.stop()


def settings(folder: Path, port: int, ca: Path | None, **changes: object) -> Path:
    """A settings file for the test server; ``changes`` as ``smtp__port=…`` (None removes the key)."""
    sections: dict[str, dict[str, object]] = {
        "smtp": {"host": "127.0.0.1", "port": port, "keamanan": "starttls", "pengguna": USER, "batas_waktu": 5},
        "pengirim": {"alamat": USER, "nama": "Sorot · Diskominfo Sukamaju"},
        "penerima": {"kepada": TO},
        "ulang": {"percobaan": 3, "jeda_detik": 30},
        "log": {"berkas": "kirim.log"}}
    if ca:
        sections["smtp"]["berkas_ca"] = str(ca)
    for name, value in changes.items():
        section, key = name.split("__")
        if value is None:
            sections.setdefault(section, {}).pop(key, None)
        else:
            sections.setdefault(section, {})[key] = value
    path = folder / "kirim.toml"
    path.write_text("".join(f"[{s}]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in keys.items())
                            for s, keys in sections.items()), encoding="utf-8")
    return path


def send(db: Path, config: Path, *args: str) -> int:
    return main(["send", "--db", str(db), "--period", "last-7-days", "--config", str(config), *args])


def parsed(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=default)  # type: ignore[return-value]


def attachments(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    return {part.get_filename(): (part.get_content_type(), part.get_content() if part.get_content_maintype() != "text"
                                  else part.get_content().encode("utf-8"))
            for part in message.iter_attachments()}


def plain(message: EmailMessage) -> str:
    """The message's text as a mail program shows it (lines end in CRLF on the wire)."""
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]


def the_digest(db: Path, lang: str = "id", url: str | None = None) -> str:
    wh = Warehouse(warehouse_file.read_cursor(warehouse_file.open_read_only(db)))
    return digest(wh, Filters(*WEEK), Scope.everything(), read_norms(), TODAY, lang, url)


# --- delivered --------------------------------------------------------------------------------------


def test_the_pack_arrives_once_with_the_digest_and_the_files(sample_db, server, cert, tmp_path, capsys, waits):
    port, inbox = server
    config = settings(tmp_path, port, cert[0])
    assert send(sample_db, config, "--url", URL) == 0  # the weekly default: the PDF and the deck
    assert inbox.logins == [(USER, PASSWORD)]  # the password came from $SOROT_SMTP_PASSWORD
    assert len(inbox.messages) == 1 and waits == []
    sender, recipients, raw = inbox.messages[0]
    assert (sender, recipients) == (USER, TO)  # one message, every recipient
    message = parsed(raw)
    assert message["Subject"] == f"Paket Briefing Apel {branding().short}, {day_range(*WEEK)}"
    assert [a.addr_spec for a in message["To"].addresses] == TO and message["Bcc"] is None
    assert message["From"].addresses[0].addr_spec == USER and message["Auto-Submitted"] == "auto-generated"
    text = plain(message)
    figures = the_digest(sample_db, url=URL)
    assert text.startswith(figures + "\n\n")  # the page's figures, as the digest writes them
    names = ["paket-briefing-apel_2026-11-14_2026-11-20.pdf", "paket-briefing-apel_2026-11-14_2026-11-20.pptx"]
    assert f"Lampiran: {names[0]}, {names[1]}." in text
    files = attachments(message)
    assert list(files) == names
    assert files[names[0]][0] == "application/pdf"
    first_page = " ".join(PdfReader(io.BytesIO(files[names[0]][1])).pages[0].extract_text().split())
    assert "Paket Briefing Apel" in first_page and day_range(*WEEK) in first_page
    assert files[names[1]][0] == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert len(Presentation(io.BytesIO(files[names[1]][1])).slides) >= 3
    err = capsys.readouterr().err
    assert "Terkirim ke 2 penerima (bupati@sukamajukab.go.id, sekda@sukamajukab.go.id)" in err
    assert "jawaban server: 250 2.0.0 Ok: queued as UJI123" in err and " KB" in err
    logged = (tmp_path / "kirim.log").read_text(encoding="utf-8")
    assert "Percobaan 1 dari 3" in logged and "queued as UJI123" in logged
    assert len(STAMP.findall(logged)) == len(logged.splitlines())
    assert PASSWORD not in err + logged


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_tls_from_the_first_byte(sample_db, quick_pack, cert, tmp_path, capsys):
    controller, inbox = serve(cert, implicit_tls=True)
    try:
        config = settings(tmp_path, controller.port, cert[0], smtp__keamanan="ssl", log__berkas=None)
        assert send(sample_db, config, "--attach", "txt", "--to", "kabag.prokopim@sukamajukab.go.id") == 0
    finally:
        controller.stop()
    assert [(to, parsed(raw)["To"]) for _, to, raw in inbox.messages] == [
        (["kabag.prokopim@sukamajukab.go.id"], "kabag.prokopim@sukamajukab.go.id")]
    assert "(ssl)" in capsys.readouterr().err


def test_plain_smtp_only_to_this_machine_when_the_file_says_so(sample_db, quick_pack, cert, tmp_path):
    controller, inbox = serve(cert, tls=False)
    try:
        config = settings(tmp_path, controller.port, None, smtp__keamanan="tanpa", smtp__pengguna=None,
                          smtp__host="localhost")
        assert send(sample_db, config, "--attach", "txt") == 0
        assert len(inbox.messages) == 1
        config = settings(tmp_path, controller.port, None, smtp__pengguna=None, smtp__host="localhost")
        assert send(sample_db, config, "--attach", "txt") == 3  # starttls asked, not offered: never plain instead
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_a_temporary_refusal_is_retried_and_delivered_once(sample_db, quick_pack, server, cert, tmp_path, capsys,
                                                           waits):
    port, inbox = server
    inbox.busy = 1
    assert send(sample_db, settings(tmp_path, port, cert[0]), "--attach", "txt") == 0
    assert len(inbox.messages) == 1 and waits == [30]
    err = capsys.readouterr().err
    assert "Percobaan 1 dari 3 gagal: server 127.0.0.1:" in err and "451 4.3.0 Antrean penuh" in err
    assert "Dicoba lagi dalam 30 detik." in err and "Percobaan 2 dari 3…" in err and "Terkirim ke 2 penerima" in err


def test_a_wrong_password_is_not_retried(sample_db, quick_pack, server, cert, tmp_path, capsys, waits, monkeypatch):
    port, inbox = server
    monkeypatch.setenv("SOROT_SMTP_PASSWORD", "sandi-salah")
    config = settings(tmp_path, port, cert[0])
    assert send(sample_db, config, "--attach", "txt") == 3
    assert inbox.messages == [] and waits == [] and {p for _, p in inbox.logins} == {"sandi-salah"}
    err = capsys.readouterr().err
    assert f"server menolak login «{USER}» (535" in err and "Percobaan 2" not in err
    assert "TIDAK terkirim (1 percobaan)" in err and "tidak diulang" in err
    assert f"Periksa «smtp.pengguna» di {config} dan sandi di variabel lingkungan SOROT_SMTP_PASSWORD." in err
    assert "sandi-salah" not in err + (tmp_path / "kirim.log").read_text(encoding="utf-8")


def test_an_untrusted_certificate_is_refused_not_retried(sample_db, quick_pack, server, tmp_path, capsys, waits):
    port, inbox = server
    assert send(sample_db, settings(tmp_path, port, None), "--attach", "txt") == 3  # the system CAs only
    assert inbox.messages == [] and inbox.logins == [] and waits == []
    err = capsys.readouterr().err
    assert "tidak bisa diverifikasi" in err and "«smtp.berkas_ca»" in err


def test_a_login_asked_for_and_not_given_is_not_retried(sample_db, quick_pack, server, cert, tmp_path, capsys, waits):
    port, inbox = server
    assert send(sample_db, settings(tmp_path, port, cert[0], smtp__pengguna=None), "--attach", "txt") == 3
    assert inbox.messages == [] and inbox.logins == [] and waits == []
    err = capsys.readouterr().err
    assert "meminta login (530" in err and "Isi «smtp.pengguna»" in err


def test_the_server_down_is_retried_then_exit_3(sample_db, quick_pack, cert, tmp_path, capsys, waits):
    config = settings(tmp_path, free_port(), cert[0], ulang__percobaan=4, ulang__jeda_detik=5)
    assert send(sample_db, config, "--attach", "txt") == 3
    assert waits == [5, 10, 20]  # doubling
    err = capsys.readouterr().err
    logged = (tmp_path / "kirim.log").read_text(encoding="utf-8")
    for text in (err, logged):
        assert [f"Percobaan {n} dari 4 gagal" in text for n in range(1, 5)] == [True] * 4
        assert "tidak bisa dihubungi" in text and "TIDAK terkirim (4 percobaan)" in text
        assert f"Periksa «smtp.host» dan «smtp.port» di {config}" in text
    assert len(STAMP.findall(logged)) == len(logged.splitlines()) >= 9


# --- refused before sending -------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "says"), [
    ({"smtp__host": None}, ["«smtp.host» belum diisi", "mail.pemda.go.id"]),
    ({"smtp__port": 70000}, ["«smtp.port» perlu nomor port 1–65535", "«70000»"]),
    ({"smtp__port": "587"}, ["«smtp.port» perlu nomor port"]),
    ({"smtp__keamanan": "tls"}, ["«smtp.keamanan» perlu salah satu dari: starttls, ssl, tanpa", "«tls»"]),
    ({"smtp__keamanan": "tanpa", "smtp__host": "mail.sukamajukab.go.id"},
     ["«smtp.keamanan» = \"tanpa\"", "«mail.sukamajukab.go.id»", "localhost", "starttls atau ssl"]),
    ({"smtp__prot": 465}, ["kunci «smtp.prot» tidak dikenal", "smtp.port"]),
    ({"smtp__berkas_ca": "tidak-ada.pem"}, ["«smtp.berkas_ca»", "tidak-ada.pem", "PEM"]),
    ({"smtp__variabel_sandi": "SANDI-SMTP"}, ["«smtp.variabel_sandi» perlu nama variabel lingkungan"]),
    ({"pengirim__alamat": "sorot"}, ["«pengirim.alamat» perlu alamat e-mail", "«sorot»"]),
    ({"pengirim__nama": "Sorot\nBcc: semua@contoh.id"}, ["«pengirim.nama» perlu teks"]),
    ({"penerima__kepada": ["bupati@sukamajukab.go.id", "sekda@sukamajukab"]},
     ["«penerima.kepada» perlu daftar alamat e-mail", "«sekda@sukamajukab»"]),
    ({"penerima__kepada": None}, ["Tidak ada penerima", "«penerima.kepada»", "--to"]),
    ({"ulang__percobaan": 0}, ["«ulang.percobaan» perlu jumlah percobaan, bilangan bulat 1–10", "«0»"]),
    ({"ulang__jeda_detik": -1}, ["«ulang.jeda_detik» perlu jumlah detik"]),
    ({"pesan__subjek": "Paket {bulan}"},
     ["«pesan.subjek» perlu teks dengan kolom {pemda}, {pemda_lengkap}, {periode}"]),
    ({"pesan__lampiran": ["docx"]}, ["Lampiran «docx»", "«pesan.lampiran»", "tidak dikenal", "txt, pptx, pdf, xlsx"]),
    ({"log__berkas": "tidak-ada/kirim.log"}, ["«log.berkas» perlu berkas di folder yang ada"]),
])
def test_wrong_settings_exit_2_naming_the_file_and_the_key(sample_db, cert, tmp_path, capsys, changes,
                                                           says):
    config = settings(tmp_path, free_port(), cert[0], **changes)
    assert send(sample_db, config, *([] if "pesan__lampiran" in changes else ["--attach", "txt"])) == 2
    err = capsys.readouterr().err
    assert str(config) in err and all(s in err for s in says), err
    assert not (tmp_path / "kirim.log").exists()


def test_a_missing_password_or_file_exits_2(sample_db, cert, tmp_path, capsys, monkeypatch):
    config = settings(tmp_path, free_port(), cert[0])
    monkeypatch.delenv("SOROT_SMTP_PASSWORD")
    assert send(sample_db, config, "--attach", "txt") == 2
    err = capsys.readouterr().err
    assert "variabel lingkungan SOROT_SMTP_PASSWORD kosong" in err and f"{config}: «smtp.variabel_sandi»" in err
    missing = tmp_path / "tidak-ada.toml"
    assert send(sample_db, missing) == 2
    assert f"«{missing}» tidak ada" in capsys.readouterr().err
    broken = tmp_path / "rusak.toml"
    broken.write_text("[smtp\nhost = 1\n")
    assert send(sample_db, broken) == 2
    assert f"{broken}: bukan TOML yang sah" in capsys.readouterr().err
    monkeypatch.setenv("SOROT_MAIL_CONFIG", str(missing))  # the default file, from the environment
    assert main(["send", "--db", str(sample_db), "--period", "last-7-days"]) == 2
    assert f"«{missing}» tidak ada" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "says"), [
    (["--attach", "docx"], ["Lampiran «docx» (--attach) tidak dikenal", "txt, pptx, pdf, xlsx"]),
    (["--attach", "txt", "--to", "bupati@sukamajukab.go.id,bupati"], ["«bupati» (--to)", "bukan alamat e-mail"]),
    (["--attach", "txt", "--out", "apel.eml"], ["--out hanya dipakai bersama --dry-run"]),
    (["--attach", "txt", "--period", "minggu-lalu"], ["«minggu-lalu»", "tidak dikenal"]),
])
def test_usage_errors_exit_2(sample_db, cert, tmp_path, capsys, args, says):
    assert send(sample_db, settings(tmp_path, free_port(), cert[0]), *args) == 2
    err = capsys.readouterr().err
    assert all(s in err for s in says), err


def test_the_example_settings_are_valid():
    example = read_settings(ROOT / "data" / "kirim.example.toml")
    assert (example.host, example.port, example.security, example.attempts) == ("mail.sukamajukab.go.id", 587,
                                                                                 "starttls", 3)
    assert example.password_variable == "SOROT_SMTP_PASSWORD" and example.attach is None  # pdf, pptx
    assert example.subject is None and example.recipients and example.log_file is None


# --- dry run and English ----------------------------------------------------------------------------


def test_dry_run_writes_the_eml_and_sends_nothing(sample_db, quick_pack, server, cert, tmp_path, capsys, monkeypatch):
    port, inbox = server
    monkeypatch.delenv("SOROT_SMTP_PASSWORD")  # not needed to look at the message
    out = tmp_path / "apel.eml"
    assert send(sample_db, settings(tmp_path, port, cert[0]), "--attach", "txt", "--dry-run", "--out", str(out)) == 0
    assert inbox.messages == [] and inbox.logins == [] and not (tmp_path / "kirim.log").exists()
    message = parsed(out.read_bytes())
    assert message["Subject"] == f"Paket Briefing Apel {branding().short}, {day_range(*WEEK)}"
    assert attachments(message) == {"paket-briefing-apel_2026-11-14_2026-11-20.txt": ("text/plain", quick_pack["txt"])}
    assert plain(message).startswith(quick_pack["txt"].decode())
    err = capsys.readouterr().err
    assert "tidak ada yang dikirim" in err and str(out) in err and "SOROT_SMTP_PASSWORD" in err
    assert send(sample_db, settings(tmp_path, port, cert[0]), "--attach", "txt", "--dry-run", "--opd", "dinkes") == 0
    message = email.message_from_string(capsys.readouterr().out, policy=default)
    assert list(attachments(message)) == ["paket-briefing-apel_2026-11-14_2026-11-20_dinkes.txt"]  # type: ignore[arg-type]
    assert inbox.messages == []


def test_english(sample_db, quick_pack, cert, tmp_path, capsys, waits):
    config = settings(tmp_path, free_port(), cert[0], ulang__percobaan=2, smtp__keamanan="tls")
    assert send(sample_db, config, "--attach", "txt", "--lang", "en") == 2
    assert "«smtp.keamanan» needs one of: starttls, ssl, tanpa, found «tls»" in capsys.readouterr().err
    config = settings(tmp_path, free_port(), cert[0], ulang__percobaan=2)
    assert send(sample_db, config, "--attach", "txt", "--lang", "en") == 3
    err = capsys.readouterr().err
    assert "Attempt 1 of 2 failed: the server 127.0.0.1:" in err and "cannot be reached" in err
    assert "Trying again in 30 seconds." in err and "The briefing pack was NOT sent (2 attempts)" in err
    assert send(sample_db, config, "--attach", "txt", "--lang", "en", "--dry-run") == 0
    message = email.message_from_string(capsys.readouterr().out, policy=default)
    assert message["Subject"] == f"Assembly briefing pack {branding().short}, {day_range(*WEEK, lang='en')}"
    assert "Attached: paket-briefing-apel_2026-11-14_2026-11-20.txt." in plain(message)  # type: ignore[arg-type]
