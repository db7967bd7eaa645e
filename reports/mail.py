"""The e-mail settings of ``python -m reports send``: the pemda's own SMTP server, the sender, the recipients,
the subject, the retries and the log file — from ``data/kirim.toml`` (``$SOROT_MAIL_CONFIG`` or ``--config``
point elsewhere; ``data/kirim.example.toml`` is the documented example).

The keys are in Bahasa Indonesia as in the repo's other settings files. A wrong value is refused with a message
naming the file, the key and what was expected: a scheduled send should fail loudly on the first run, not mail
the wrong people or fall back to something weaker. In particular TLS is required (``starttls`` or ``ssl``, the
server's certificate verified); unencrypted SMTP only to this machine itself, and only when the file says so.

The password is never in the file: the file names the environment variable that holds it (a systemd
``EnvironmentFile=`` readable by the service alone), read at sending time and never logged.
"""

from __future__ import annotations

import os
import re
import ssl
import string
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analytics.i18n import translate

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "data" / "kirim.toml"
EXAMPLE = "data/kirim.example.toml"
SECURITY = ("starttls", "ssl", "tanpa")
PORTS = {"starttls": 587, "ssl": 465, "tanpa": 25}
LOCAL = ("localhost", "127.0.0.1", "::1")  # the only hosts plain SMTP may go to
PASSWORD_VARIABLE = "SOROT_SMTP_PASSWORD"
SUBJECT = "Paket Briefing Apel {pemda}, {periode}"
SUBJECT_FIELDS = ("pemda", "pemda_lengkap", "periode")
KEYS = {"smtp": ("host", "port", "keamanan", "pengguna", "variabel_sandi", "berkas_ca", "batas_waktu"),
        "pengirim": ("alamat", "nama"),
        "penerima": ("kepada",),
        "pesan": ("subjek", "lampiran"),
        "ulang": ("percobaan", "jeda_detik"),
        "log": ("berkas",)}
MAX_ATTEMPTS = 10
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
_HOST = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*|[0-9A-Fa-f:.]+")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ConfigError(ValueError):
    """A send the settings or the command line make impossible; the message says where and what was expected."""


@dataclass(frozen=True)
class Settings:
    """The checked settings of one send (``path``: the file they came from, named in messages)."""

    path: Path
    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password_variable: str = PASSWORD_VARIABLE
    ca_file: Path | None = None
    timeout: float = 60.0
    sender_name: str = "Sorot"
    recipients: tuple[str, ...] = ()
    subject: str | None = None  # None: the default subject, in the --lang language
    attach: tuple[str, ...] | None = None  # None: the command's default
    attempts: int = 3
    wait: float = 30.0  # seconds before the 2nd attempt, doubled before each next one
    log_file: Path | None = None

    def password(self) -> str | None:
        """The password, from the environment (never stored in the settings, never logged)."""
        return os.environ.get(self.password_variable) or None

    def check_password(self, lang: str = "id") -> None:
        """Refuses a send that would log in without a password (before the warehouse is even opened)."""
        if self.user and not self.password():
            raise ConfigError(translate(
                "Sandi SMTP tidak ada: variabel lingkungan {var} kosong atau tidak ada ({file}: "
                "«smtp.variabel_sandi»). Isi di berkas EnvironmentFile layanan, atau `export {var}=…` untuk mencoba.",
                lang, var=self.password_variable, file=self.path))


def config_file() -> Path:
    """The settings file: ``$SOROT_MAIL_CONFIG``, else data/kirim.toml."""
    return Path(os.environ.get("SOROT_MAIL_CONFIG") or CONFIG_FILE)


def is_address(text: str) -> bool:
    """A plain ASCII address (local@domain.tld): what every pemda server takes without SMTPUTF8."""
    return bool(_ADDRESS.fullmatch(text))


def read_settings(path: Path | None = None, lang: str = "id") -> Settings:
    """The settings in ``path`` (default ``config_file()``), checked; ``ConfigError`` says what is wrong."""
    path = Path(path) if path else config_file()
    if not path.is_file():
        raise ConfigError(translate(
            "Berkas pengaturan pengiriman «{file}» tidak ada. Salin {example} ke data/kirim.toml dan isi server SMTP "
            "pemda, atau pilih berkasnya dengan --config atau $SOROT_MAIL_CONFIG.", lang, file=path, example=EXAMPLE))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as err:
        raise ConfigError(translate("{file}: bukan TOML yang sah ({error}).", lang, file=path, error=err)) from err
    return _Reader(data, path, lang).settings()


class _Reader:
    """Reads one settings file, each value checked against what its key expects."""

    def __init__(self, data: dict, path: Path, lang: str) -> None:
        self.data, self.path, self.lang = data, path, lang

    def t(self, text: str, /, **fields: object) -> str:
        return translate(text, self.lang, **fields)

    def settings(self) -> Settings:
        self.known_keys()
        t = self.t
        host = self.text("smtp", "host", t("nama server SMTP, mis. mail.pemda.go.id"), required=True)
        if not _HOST.fullmatch(host):
            self.wrong("smtp.host", t("nama server SMTP, mis. mail.pemda.go.id"), host)
        security = self.text("smtp", "keamanan", t("salah satu dari: starttls, ssl, tanpa"), "starttls").lower()
        if security not in SECURITY:
            self.wrong("smtp.keamanan", t("salah satu dari: starttls, ssl, tanpa"), security)
        if security == "tanpa" and host.lower().strip("[]") not in LOCAL:
            raise ConfigError(t("{file}: «smtp.keamanan» = \"tanpa\" (SMTP tanpa enkripsi) hanya diizinkan ke "
                                "localhost/127.0.0.1, bukan ke «{host}»: sandi dan isi paket akan terbaca di jaringan. "
                                "Pakai starttls atau ssl.", file=self.path, host=host))
        variable = self.text("smtp", "variabel_sandi", t("nama variabel lingkungan, mis. SOROT_SMTP_PASSWORD"),
                             PASSWORD_VARIABLE)
        if not _VARIABLE.fullmatch(variable):
            self.wrong("smtp.variabel_sandi", t("nama variabel lingkungan, mis. SOROT_SMTP_PASSWORD"), variable)
        return Settings(
            path=self.path, host=host, security=security,
            port=self.integer("smtp", "port", 1, 65535, PORTS[security],
                              t("nomor port 1–65535 (biasanya 587 untuk starttls, 465 untuk ssl)")),
            user=self.text("smtp", "pengguna", t("nama pengguna akun SMTP")) or None, password_variable=variable,
            ca_file=self.ca_file(), timeout=self.seconds("smtp", "batas_waktu", 60.0, minimum=1.0),
            sender=self.address("pengirim", "alamat"),
            sender_name=self.text("pengirim", "nama", t("teks"), "Sorot"),
            recipients=self.addresses("penerima", "kepada"), subject=self.subject(), attach=self.attach(),
            attempts=self.integer("ulang", "percobaan", 1, MAX_ATTEMPTS, 3,
                                  t("jumlah percobaan, bilangan bulat 1–{n}", n=MAX_ATTEMPTS)),
            wait=self.seconds("ulang", "jeda_detik", 30.0, minimum=0.0), log_file=self.log_file())

    # --- one value --------------------------------------------------------------------------------------

    def wrong(self, key: str, expected: str, value: object) -> None:
        raise ConfigError(self.t("{file}: «{key}» perlu {expected}, tertulis «{value}».", file=self.path, key=key,
                                 expected=expected, value=value))

    def value(self, section: str, key: str) -> object:
        part = self.data.get(section, {})
        return part.get(key) if isinstance(part, dict) else None

    def text(self, section: str, key: str, expected: str, default: str = "", required: bool = False) -> str:
        value = self.value(section, key)
        if value is None and required:
            raise ConfigError(self.t("{file}: «{key}» belum diisi; perlu {expected}.", file=self.path,
                                     key=f"{section}.{key}", expected=expected))
        if value is None:
            return default
        if not isinstance(value, str) or (required and not value.strip()) or any(ord(c) < 32 for c in value):
            self.wrong(f"{section}.{key}", expected, value)  # a line break would end a mail header
        return str(value).strip()

    def integer(self, section: str, key: str, low: int, high: int, default: int, expected: str) -> int:
        value = self.value(section, key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.wrong(f"{section}.{key}", expected, value)
        return int(value)  # type: ignore[arg-type]

    def seconds(self, section: str, key: str, default: float, minimum: float) -> float:
        value = self.value(section, key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            self.wrong(f"{section}.{key}", self.t("jumlah detik, angka ≥ {minimum}", minimum=f"{minimum:g}"), value)
        return float(value)  # type: ignore[arg-type]

    def address(self, section: str, key: str) -> str:
        expected = self.t("alamat e-mail, mis. sorot@pemda.go.id")
        value = self.text(section, key, expected, required=True)
        if not is_address(value):
            self.wrong(f"{section}.{key}", expected, value)
        return value

    def addresses(self, section: str, key: str) -> tuple[str, ...]:
        """A list of addresses (a comma-separated text is taken too)."""
        expected = self.t("daftar alamat e-mail, mis. [\"bupati@pemda.go.id\", \"sekda@pemda.go.id\"]")
        value = self.value(section, key)
        if value is None:
            return ()
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            self.wrong(f"{section}.{key}", expected, value)
        for item in items:
            if not is_address(item.strip()):
                self.wrong(f"{section}.{key}", expected, item)
        return unique(i.strip() for i in items)

    # --- the keys with their own rules --------------------------------------------------------------------

    def known_keys(self) -> None:
        """A misspelt key would silently keep a default (port 587 for ``prot = 465``): refused instead."""
        known = [f"{s}.{k}" for s, keys in KEYS.items() for k in keys]
        for section, part in self.data.items():
            keys = [f"{section}.{k}" for k in part] if isinstance(part, dict) and section in KEYS else [section]
            for key in keys:
                if key not in known:
                    raise ConfigError(self.t("{file}: kunci «{key}» tidak dikenal. Kunci yang ada: {known}.",
                                             file=self.path, key=key, known=", ".join(known)))

    def ca_file(self) -> Path | None:
        """The pemda's own CA certificate (PEM), relative to the settings file; it must load."""
        name = self.text("smtp", "berkas_ca", self.t("berkas sertifikat CA (PEM)"))
        if not name:
            return None
        path = (self.path.parent / name).resolve()
        try:
            ssl.create_default_context(cafile=str(path))
        except (OSError, ssl.SSLError) as err:
            raise ConfigError(self.t("{file}: «smtp.berkas_ca» «{path}» tidak bisa dibaca sebagai sertifikat CA "
                                     "(PEM): {error}", file=self.path, path=path,
                                     error=getattr(err, "strerror", None) or err)) from err
        return path

    def subject(self) -> str | None:
        value = self.text("pesan", "subjek", self.t("teks"))
        if not value:
            return None
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        except ValueError:
            fields = {"{"}
        if not fields <= set(SUBJECT_FIELDS):
            self.wrong("pesan.subjek", self.t("teks dengan kolom {fields} saja",
                                             fields=", ".join(f"{{{f}}}" for f in SUBJECT_FIELDS)), value)
        return value

    def attach(self) -> tuple[str, ...] | None:
        value = self.value("pesan", "lampiran")
        if value is None:
            return None
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.wrong("pesan.lampiran", self.t("daftar format, mis. [\"pdf\", \"pptx\"]"), value)
        return tuple(v.strip().lower() for v in value)  # type: ignore[union-attr]

    def log_file(self) -> Path | None:
        name = self.text("log", "berkas", self.t("jalur berkas log"))
        if not name:
            return None
        path = (self.path.parent / name).resolve()
        if not path.parent.is_dir():
            self.wrong("log.berkas", self.t("berkas di folder yang ada"), name)
        return path


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """The addresses once each (case-insensitively), in their order."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return tuple(seen.values())
