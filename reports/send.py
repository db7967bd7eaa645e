"""``python -m reports send``: the Paket Briefing Apel e-mailed through the pemda's own SMTP server, for a weekly
schedule (docs/schedule.md).

One message for all recipients: the WhatsApp digest as its text (the page's figures), the pack attached in each
asked format, built once. Delivery is over TLS with the server's certificate verified (``reports.mail``). A failure
that may pass — the server unreachable or slow, a TLS handshake cut, a 4xx answer — is retried with a doubling
wait; a permanent one (5xx, a refused login, a certificate that does not verify) is reported at once, since
retrying cannot change it. Every attempt is logged with a timestamp to stderr (the journal, under systemd) and to
the settings' log file, never with the password; a send that fails ends with exit code 3 and a message saying
what failed and what to check.
"""

from __future__ import annotations

import argparse
import logging
import smtplib
import ssl
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

from analytics.context import Filters
from analytics.fmt import day_range, number
from analytics.i18n import translate
from reports import pack
from reports.branding import Branding, BrandingError, branding
from reports.mail import SUBJECT, ConfigError, Settings, is_address, read_settings, unique

DELIVERY_FAILED = 3
ATTACH = ("pdf", "pptx")  # the default attachments
NAME = "paket-briefing-apel"
log = logging.getLogger(__name__)
sleep = time.sleep  # the wait between attempts (the tests replace it)


@dataclass(frozen=True)
class Plan:
    """A send, checked before the warehouse is opened: settings, recipients, attachment formats, branding."""

    settings: Settings
    recipients: tuple[str, ...]
    formats: tuple[str, ...]
    brand: Branding


def plan(args: argparse.Namespace) -> Plan:
    """The send ``args`` ask for; ``ConfigError`` (exit code 2) when the settings or options make it impossible."""
    lang = args.lang
    settings = read_settings(args.config, lang)
    if args.out and not args.dry_run:
        raise ConfigError(translate("--out hanya dipakai bersama --dry-run (pesan ditulis ke berkas, tidak dikirim).",
                                    lang))
    if not args.dry_run:
        settings.check_password(lang)
    try:
        brand = branding()
    except BrandingError as err:
        raise ConfigError(str(err)) from err
    return Plan(settings, recipients(args.to, settings, lang), formats(args.attach, settings, lang), brand)


def recipients(given: list[str] | None, settings: Settings, lang: str) -> tuple[str, ...]:
    """``--to`` (repeatable, comma-separated) when given, else the settings' ``penerima.kepada``."""
    if not given:
        if not settings.recipients:
            raise ConfigError(translate("Tidak ada penerima: isi «penerima.kepada» di {file} atau beri --to.", lang,
                                        file=settings.path))
        return settings.recipients
    found = [a.strip() for text in given for a in text.split(",") if a.strip()]
    for address in found:
        if not is_address(address):
            raise ConfigError(translate("Alamat penerima «{value}» (--to) bukan alamat e-mail yang sah, mis. "
                                        "bupati@pemda.go.id.", lang, value=address))
    if not found:
        raise ConfigError(translate("--to kosong: beri sedikitnya satu alamat e-mail.", lang))
    return unique(found)


def formats(given: str | None, settings: Settings, lang: str) -> tuple[str, ...]:
    """``--attach`` when given, else the settings' ``pesan.lampiran``, else pdf and pptx; each one the pack can
    be written in by this version."""
    if given is not None:
        asked, where = tuple(f.strip().lower() for f in given.split(",") if f.strip()), "--attach"
    else:
        asked, where = settings.attach or ATTACH, f"{settings.path}: «pesan.lampiran»"
    if not asked:
        raise ConfigError(translate("--attach kosong: beri format, mis. --attach pptx.", lang))
    for fmt in asked:
        if fmt not in pack.FORMATS:
            raise ConfigError(translate("Lampiran «{format}» ({where}) tidak dikenal; format paket: {formats}.", lang,
                                        format=fmt, where=where, formats=", ".join(pack.FORMATS)))
    return tuple(dict.fromkeys(asked))


# --- the message ----------------------------------------------------------------------------------------


def file_name(fmt: str, filters: Filters) -> str:
    """"paket-briefing-apel_2026-11-14_2026-11-20.pptx" (and the OPD's code when the pack is of one OPD)."""
    opd = "".join(f"_{code.lower()}" for code in filters.opd)
    return f"{NAME}_{filters.start.isoformat()}_{filters.end.isoformat()}{opd}.{fmt}"


def subject(p: Plan, filters: Filters, lang: str) -> str:
    """The settings' ``pesan.subjek`` as written, else "Paket Briefing Apel Pemkab X, 14 Nov 2026 – …" in ``lang``."""
    template = p.settings.subject or translate(SUBJECT, lang)
    return template.format(pemda=p.brand.short, pemda_lengkap=p.brand.name,
                           periode=day_range(filters.start, filters.end, lang=lang))


def compose(p: Plan, filters: Filters, files: dict[str, bytes], lang: str) -> EmailMessage:
    """The message: ``files["txt"]`` (the digest) as its text, ``files`` of ``p.formats`` attached.

    The recipients are in To, openly: the pack is an internal briefing for a known circle of officials, who should
    see who else holds the same figures before the apel (and can answer all); a message with no visible recipient
    is also what government mail gateways score as spam. Its Message-ID is fixed here, so a retry after an answer
    lost on the way is recognisably the same message."""
    names = {fmt: file_name(fmt, filters) for fmt in p.formats}
    message = EmailMessage()
    message["Subject"] = subject(p, filters, lang)
    message["From"] = Address(p.settings.sender_name, addr_spec=p.settings.sender)
    message["To"] = [Address(addr_spec=a) for a in p.recipients]
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid("sorot", domain=p.settings.sender.rsplit("@", 1)[1])
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to a schedule
    message.set_content(body(files["txt"].decode("utf-8"), list(names.values()), p.brand, lang))
    for fmt, name in names.items():
        kind, *params = (part.strip() for part in pack.MEDIA[fmt].split(";"))
        maintype, subtype = kind.split("/")
        message.add_attachment(files[fmt], maintype=maintype, subtype=subtype, filename=name,
                               params=dict(param.split("=", 1) for param in params))
    return message


def body(digest: str, names: list[str], brand: Branding, lang: str) -> str:
    """The digest, a line naming the attachments, and the pemda's footer as the signature."""
    attached = translate("Lampiran: {files}.", lang, files=", ".join(names))
    return f"{digest.rstrip()}\n\n{attached}\n\n-- \n{brand.footer}\n"


def write_eml(p: Plan, message: EmailMessage, out: str | None, lang: str) -> int:
    """``--dry-run``: the message as an .eml file (``out``; none or ``-`` = stdout), nothing sent. 0, or 1 when
    the file cannot be written."""
    raw = message.as_bytes(policy=SMTP)
    try:
        if out in (None, "-"):
            sys.stdout.buffer.write(raw)
            sys.stdout.flush()
        else:
            Path(out).write_bytes(raw)
    except OSError as err:
        _say(translate("Berkas «{path}» tidak bisa ditulis: {error}", lang, path=out, error=err.strerror or err))
        return 1
    _say(translate("Uji coba (--dry-run): tidak ada yang dikirim. Pesan untuk {n} penerima ({to}), {size} KB, "
                   "ditulis ke {path}.", lang, n=len(p.recipients), to=", ".join(p.recipients),
                   size=_kb(raw, lang), path=out if out not in (None, "-") else "stdout"))
    if p.settings.user and not p.settings.password():
        _say(translate("Catatan: variabel lingkungan {var} (sandi SMTP) belum ada; pengiriman sungguhan akan "
                       "menolak berjalan tanpa itu.", lang, var=p.settings.password_variable))
    return 0


# --- delivery -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """What went wrong in one attempt, what to check, and whether another attempt may succeed."""

    reason: str
    hint: str
    temporary: bool


def deliver(p: Plan, message: EmailMessage, lang: str) -> int:
    """Sends the message, retrying what may pass; 0 delivered to every recipient, else ``DELIVERY_FAILED`` after
    logging why. 2 when the log file of the settings cannot be opened."""
    try:
        handlers = log_handlers(p.settings.log_file)
    except OSError as err:
        _say(translate("{file}: «log.berkas» «{path}» tidak bisa dibuka: {error}", lang, file=p.settings.path,
                       path=p.settings.log_file, error=err.strerror or err))
        return 2
    with logged(handlers):
        return _attempts(p, message.as_bytes(policy=SMTP), lang)


def _attempts(p: Plan, raw: bytes, lang: str) -> int:
    def t(text: str, /, **fields: object) -> str:
        return translate(text, lang, **fields)

    s, total = p.settings, p.settings.attempts
    log.info(t("Mengirim Paket Briefing Apel ({size} KB) ke {n} penerima lewat {host}:{port} ({security}).",
               size=_kb(raw, lang), n=len(p.recipients), host=s.host, port=s.port, security=s.security))
    for attempt in range(1, total + 1):
        log.info(t("Percobaan {n} dari {total}…", n=attempt, total=total))
        try:
            reply, refused = _send_once(s, p.recipients, raw)
        except (smtplib.SMTPException, OSError) as err:
            failure = _failure(err, s, lang)
            log.warning(t("Percobaan {n} dari {total} gagal: {reason}.", n=attempt, total=total, reason=failure.reason))
            if not failure.temporary or attempt == total:
                final = t("Kesalahan ini tidak hilang dengan mencoba lagi, jadi tidak diulang. ") if (
                    not failure.temporary and attempt < total) else ""
                log.error(t("Paket Briefing Apel TIDAK terkirim ({n} percobaan): {reason}. {final}{hint}", n=attempt,
                            reason=failure.reason, final=final, hint=failure.hint))
                return DELIVERY_FAILED
            wait = s.wait * 2 ** (attempt - 1)
            log.info(t("Dicoba lagi dalam {seconds} detik.", seconds=f"{wait:g}"))
            sleep(wait)
            continue
        accepted = [a for a in p.recipients if a not in refused]
        log.info(t("Terkirim ke {n} penerima ({to}), {size} KB; jawaban server: {reply}", n=len(accepted),
                   to=", ".join(accepted), size=_kb(raw, lang), reply=reply))
        if refused:
            log.error(t("Server menolak sebagian penerima: {refused}. Periksa alamatnya (--to atau «penerima.kepada» "
                        "di {file}).", refused=_refused(refused), file=s.path))
            return DELIVERY_FAILED
        return 0
    return DELIVERY_FAILED  # not reached: the last attempt returns


class _Replies:
    """Keeps the server's answer to the message, e.g. "250 2.0.0 Ok: queued as 4Xk…", to log (smtplib drops it):
    the pemda's mail admin finds the message by it."""

    reply = ""

    def data(self, msg: bytes) -> tuple[int, bytes]:
        code, text = super().data(msg)  # type: ignore[misc]
        self.reply = f"{code} {_text(text)}"
        return code, text


class _Client(_Replies, smtplib.SMTP):
    pass


class _ClientSSL(_Replies, smtplib.SMTP_SSL):
    pass


def _send_once(s: Settings, to: tuple[str, ...], raw: bytes) -> tuple[str, dict]:
    """One attempt: connect, TLS (certificate and host name verified), log in, send. (reply, refused recipients)."""
    context = ssl.create_default_context(cafile=str(s.ca_file) if s.ca_file else None)
    if s.security == "ssl":
        client: _Client | _ClientSSL = _ClientSSL(s.host, s.port, timeout=s.timeout, context=context)
    else:
        client = _Client(s.host, s.port, timeout=s.timeout)
    with client:
        if s.security == "starttls":
            client.starttls(context=context)  # no STARTTLS offered → SMTPNotSupportedError, never plain text
        if s.user:
            client.login(s.user, s.password() or "")
        refused = client.sendmail(s.sender, list(to), raw)
        return client.reply, refused


def _failure(err: Exception, s: Settings, lang: str) -> Failure:
    """The attempt's failure in words, with what to check; temporary when another attempt may succeed."""
    def t(text: str, /, **fields: object) -> str:
        return translate(text, lang, **fields)

    where, file = f"{s.host}:{s.port}", s.path
    if isinstance(err, smtplib.SMTPResponseException) and err.smtp_code == 530:  # "authentication required"
        return Failure(t("server {where} meminta login ({reply})", where=where, reply=_reply(err)),
                       t("Isi «smtp.pengguna» di {file} dan sandinya di variabel lingkungan {var}.", file=file,
                         var=s.password_variable), False)
    if isinstance(err, smtplib.SMTPAuthenticationError):
        return Failure(t("server menolak login «{user}» ({reply})", user=s.user, reply=_reply(err)),
                       t("Periksa «smtp.pengguna» di {file} dan sandi di variabel lingkungan {var}.", file=file,
                         var=s.password_variable), _temporary(err.smtp_code))
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return Failure(t("server menolak semua penerima: {refused}", refused=_refused(err.recipients)),
                       t("Periksa alamat penerima (--to atau «penerima.kepada» di {file}).", file=file),
                       all(_temporary(code) for code, _ in err.recipients.values()))
    if isinstance(err, smtplib.SMTPSenderRefused):
        return Failure(t("server menolak pengirim «{sender}» ({reply})", sender=s.sender, reply=_reply(err)),
                       t("Periksa «pengirim.alamat» di {file}: server biasanya hanya menerima alamat milik akun "
                         "«smtp.pengguna».", file=file), _temporary(err.smtp_code))
    if isinstance(err, smtplib.SMTPNotSupportedError):
        return Failure(t("server {where} tidak mendukung: {error}", where=where, error=err),
                       t("Periksa «smtp.keamanan» dan «smtp.port» di {file}: starttls biasanya port 587, ssl port "
                         "465.", file=file), False)
    if isinstance(err, smtplib.SMTPResponseException):
        temporary = _temporary(err.smtp_code)
        return Failure(t("server {where} menjawab {reply}", where=where, reply=_reply(err)),
                       t("Kesalahan sementara di server; bila berulang, hubungi admin surel pemda.") if temporary else
                       t("Kesalahan tetap: periksa ukuran lampiran dan aturan server bersama admin surel pemda."),
                       temporary)
    if isinstance(err, smtplib.SMTPServerDisconnected):
        return Failure(t("server {where} memutus sambungan ({error})", where=where, error=err),
                       t("Periksa «smtp.keamanan» dan «smtp.port» di {file}: starttls biasanya port 587, ssl port "
                         "465.", file=file), True)
    if isinstance(err, smtplib.SMTPException):
        return Failure(t("kesalahan SMTP: {error}", error=err),
                       t("Periksa «smtp.keamanan» dan «smtp.port» di {file}: starttls biasanya port 587, ssl port "
                         "465.", file=file), False)
    if isinstance(err, ssl.SSLCertVerificationError):
        return Failure(t("sertifikat server {where} tidak bisa diverifikasi ({error})", where=where,
                         error=err.verify_message or err),
                       t("Bila server memakai CA pemda sendiri, isi «smtp.berkas_ca» di {file} dengan sertifikat CA "
                         "(PEM); nama di sertifikat harus sama dengan «smtp.host».", file=file), False)
    if isinstance(err, ssl.SSLError):
        return Failure(t("jabat tangan TLS dengan {where} gagal ({error})", where=where, error=err.reason or err),
                       t("Periksa «smtp.keamanan» dan «smtp.port» di {file}: starttls biasanya port 587, ssl port "
                         "465.", file=file), True)
    if isinstance(err, TimeoutError):
        return Failure(t("server {where} tidak menjawab dalam {seconds} detik", where=where,
                         seconds=f"{s.timeout:g}"),
                       t("Periksa jaringan dan firewall ke server SMTP, atau perbesar «smtp.batas_waktu» di {file}.",
                         file=file), True)
    return Failure(t("server {where} tidak bisa dihubungi ({error})", where=where, error=err.strerror or err),
                   t("Periksa «smtp.host» dan «smtp.port» di {file}, jaringan dan firewall.", file=file), True)


def _temporary(code: int) -> bool:
    return 400 <= code < 500


def _text(value: bytes | str) -> str:
    return (value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)).strip()


def _reply(err: smtplib.SMTPResponseException) -> str:
    return f"{err.smtp_code} {_text(err.smtp_error)}"


def _refused(refused: dict) -> str:
    return "; ".join(f"{address} ({code} {_text(text)})" for address, (code, text) in refused.items())


def _kb(raw: bytes, lang: str) -> str:
    return number(len(raw) / 1024, 0 if len(raw) >= 10 * 1024 else 1, lang=lang)


def _say(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def log_handlers(path: Path | None) -> list[logging.Handler]:
    """stderr (the journal, under systemd) and the log file if any (appended; OSError when it cannot be opened),
    each record with its time and zone (a server on UTC, readers on WIB)."""
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if path:
        handlers.append(logging.FileHandler(path, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S %z"))
    return handlers


@contextmanager
def logged(handlers: list[logging.Handler]) -> Iterator[None]:
    """The send's log records go to ``handlers`` while inside; they are closed after."""
    level = log.level
    log.setLevel(logging.INFO)
    for handler in handlers:
        log.addHandler(handler)
    try:
        yield
    finally:
        log.setLevel(level)
        for handler in handlers:
            log.removeHandler(handler)
            handler.close()
