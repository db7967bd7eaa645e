"""Every text the app shows through ``t()``/``translate()`` has an English translation with the same fields."""

import ast
import string
from pathlib import Path

import pytest

from analytics import i18n, labels

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py")),
           *sorted((ROOT / "analytics").glob("*.py")), *sorted((ROOT / "admin").glob("*.py")),
           *sorted((ROOT / "reports").glob("*.py")), *sorted((ROOT / "auth").glob("*.py"))]


def literals() -> list[tuple[str, int, str]]:
    """(file, line, text) of every string literal given as the first argument of t() or translate()."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("t", "translate")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.append((path.name, node.lineno, node.args[0].value))
    return found


def fields(text: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)


def test_every_literal_text_is_translated():
    english = i18n.catalog("en")
    missing = [f"{f}:{line}: {text!r}" for f, line, text in literals() if text not in english]
    assert not missing, "no English for:\n" + "\n".join(missing)


def test_every_label_is_translated():
    english = i18n.catalog("en")
    names = [labels.TOPICS, labels.CHANNELS, labels.CONTENT, labels.SENTIMENTS, labels.COMPONENT_NAMES]
    assert [v for d in names for v in d.values() if v not in english] == []


def test_translations_keep_the_fields():
    wrong = {k: v for k, v in i18n.catalog("en").items() if fields(k) != fields(v)}
    assert wrong == {}


def test_a_text_translated_two_ways_is_refused(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.toml").write_text('"Unggahan" = "Posts"\n')
    (tmp_path / "en" / "b.toml").write_text('"Unggahan" = "Uploads"\n')
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.catalog.cache_clear()
    try:
        with pytest.raises(i18n.CatalogError, match="Unggahan"):
            i18n.catalog("en")
    finally:
        i18n.catalog.cache_clear()


def test_translate_formats_and_falls_back_to_indonesian():
    assert i18n.translate("Unggahan", "en") == "Posts"
    assert i18n.translate("{} – {} · pembanding {} – {}", "en", 1, 2, 3, 4) == "1 – 2 · compared with 3 – 4"
    assert i18n.translate("Teks tanpa terjemahan", "en") == "Teks tanpa terjemahan"
    assert i18n.translate("Unggahan", "id") == "Unggahan"
