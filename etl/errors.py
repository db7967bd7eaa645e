"""Errors that refuse a whole file, with a message in Bahasa Indonesia for the admin."""

from __future__ import annotations


class FileRefused(Exception):
    """The whole file is refused; nothing from it is loaded."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


class RegistryError(Exception):
    """The registry in data/ is inconsistent; no load can proceed until it is fixed."""
