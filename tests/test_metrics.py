"""The metric catalog: every figure defined once, documented, and computed by the function it names."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from analytics.i18n import catalog
from analytics.metrics import DOC, METRICS, UNITS, markdown, metric

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("analytics/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"),
                  ROOT / "dashboard.py"])
FORMULA_CALLS = {"median", "mean", "quantile", "std"}


def test_doc_is_current():
    assert DOC.read_text(encoding="utf-8") == markdown(), "run: python -m analytics.metrics"


def test_catalog_entries_are_complete_and_unique():
    assert len({m.id for m in METRICS}) == len(METRICS)
    for lang in ("id", "en"):
        labels = [m.label_in(lang) for m in METRICS]
        assert len(set(labels)) == len(labels), f"two metrics share a label in {lang}"
    for m in METRICS:
        assert m.unit in UNITS and m.polarity in ("up", "down", "neutral")
        assert m.definition.endswith(".") and m.definition_en.endswith("."), m.id
        assert bool(m.caveat) == bool(m.caveat_en), m.id


def test_english_labels_agree_with_the_translation_catalog():
    """A text has one English translation: the catalog's label_en, or the locale file's, never both differing."""
    english = catalog("en")
    for m in METRICS:
        for text, en in ((m.label, m.label_en), (m.short, m.short_en)):
            if text in english:
                assert english[text] == en, f"{m.id}: {text!r} is {english[text]!r} in locale/en, {en!r} here"


@pytest.mark.parametrize("m", METRICS, ids=lambda m: m.id)
def test_the_named_function_exists_and_produces_the_column(m):
    module, _, name = m.compute.rpartition(".")
    function = getattr(importlib.import_module(module), name)
    source = inspect.getsource(function)
    assert m.column in source or m.column.removesuffix("_share") in source, \
        f"{m.compute} does not mention {m.column!r}"


def _formula(node: ast.AST) -> bool:
    """Whether an expression computes (arithmetic, comparison, boolean logic, a median…), not just passes on."""
    for n in ast.walk(node):
        if isinstance(n, ast.BinOp | ast.BoolOp | ast.Compare) or (
                isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Invert | ast.Not)):
            return True
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in FORMULA_CALLS:
            return True
    return False


def _assignments(tree: ast.AST):
    """(column name, value expression, enclosing function) for every column a module assigns: ``df["c"] = …``,
    ``.assign(c=…)``/``.mutate(c=…)``/``.aggregate(c=…)`` and dict entries ``{"c": …}``."""
    def walk(node: ast.AST, where: str):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else where
            if isinstance(child, ast.Assign):
                for target in child.targets:
                    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
                        yield target.slice.value, child.value, inner
            elif isinstance(child, ast.Call):
                for kw in child.keywords:
                    if kw.arg:
                        yield kw.arg, kw.value, inner
            elif isinstance(child, ast.Dict):
                for key, value in zip(child.keys, child.values, strict=True):
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        yield key.value, value, inner
            yield from walk(child, inner)
    yield from walk(tree, "<module>")


def test_no_second_function_computes_a_metric():
    """A metric's column is computed (by a formula) only in the function the catalog names; elsewhere it is
    only read or passed on. Counts (``count()``, ``sum()``) of an already defined flag are not formulas."""
    owner = {m.column: m.compute.rpartition(".")[2] for m in METRICS}
    found = []
    for path in SOURCES:
        for column, value, where in _assignments(ast.parse(path.read_text(encoding="utf-8"))):
            if column in owner and where != owner[column] and _formula(value):
                found.append(f"{path.relative_to(ROOT)}:{value.lineno} {where}() computes {column!r} "
                             f"(defined by {owner[column]})")
    assert found == []


def test_formats_follow_the_declared_unit_and_decimals():
    assert metric("complaints_in_sla_share").format(0.25862) == "25,9%"
    assert metric("complaints_in_sla_share").format(0.25862, "en") == "25.9%"
    assert metric("complaints_received").format(1234) == "1.234"
    assert metric("complaints_received").format(None) == "—"
    assert metric("net_sentiment_7d").format(-0.6123) == "-0,61"
    assert metric("complaints_in_sla_share").change(0.30, 0.25) == "+5,0 poin"
    assert metric("complaints_received").change(10, 12) == "-2"
    assert metric("complaints_received").change(10, None) is None
