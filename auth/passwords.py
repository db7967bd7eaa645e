"""Password rules and hashing: Argon2id through argon2-cffi, with its default (RFC 9106 low-memory) cost.

The clear password is only ever passed to ``check`` and to the hasher: it is never logged, stored or put in an
error message. ``hasher()`` is the production hasher; tests may hand the store a cheaper ``PasswordHasher``
(a login with the real one then rehashes, as it would after raising the cost).
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type

from analytics.i18n import translate
from auth.errors import AuthError

MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # Argon2 takes any length; this only keeps a pasted file out of the hasher

# The most common long-enough passwords (breach lists, and local favourites). Compared case-insensitively.
COMMON = frozenset({
    "password123", "password1234", "password12345", "passw0rd123", "p@ssw0rd123", "1234567890", "0123456789",
    "12345678910", "9876543210", "1111111111", "0000000000", "1234512345", "qwertyuiop", "qwerty1234",
    "qwerty12345", "qwerty123456", "1q2w3e4r5t", "1qaz2wsx3edc", "asdfghjkl1", "abcdefghij", "abcd123456",
    "iloveyou123", "admin12345", "admin123456", "administrator", "administrator1", "welcome123", "letmein123",
    "sukamaju123", "sukamaju2026", "indonesia123", "indonesia1945", "merdeka1945", "bismillah", "bismillah123",
    "alhamdulillah", "sayang12345", "katasandi123", "katasandi", "rahasia123", "rahasia1234", "jakarta123",
    "pemkab12345", "pemda12345", "diskominfo", "diskominfo123", "kominfo123", "sorot12345", "sorot123456",
})


def hasher() -> PasswordHasher:
    """Argon2id with argon2-cffi's defaults (64 MiB, 3 passes, 4 lanes)."""
    return PasswordHasher(type=Type.ID)


def check(password: str, username: str, lang: str = "id") -> None:
    """Raise ``AuthError`` when ``password`` may not be used for ``username``."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise AuthError(translate("Kata sandi minimal {n} karakter.", lang, n=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise AuthError(translate("Kata sandi maksimal {n} karakter.", lang, n=MAX_PASSWORD))
    folded = password.strip().casefold()
    if folded == username.strip().casefold():
        raise AuthError(translate("Kata sandi tidak boleh sama dengan nama pengguna.", lang))
    if folded in COMMON or len(set(folded)) <= 2:
        raise AuthError(translate("Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain.", lang))
