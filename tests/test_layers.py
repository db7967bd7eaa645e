"""The layers import only downwards, read from the source (ast), type-checking imports included:

- analytics/, ui/, pages/ and dashboard.py never import etl/ (the loader, registry, warehouse writer, errors);
  the Data page reaches the ETL only through admin/;
- analytics/ imports neither Streamlit nor ui/ nor admin/;
- reports/ (exports, also run from the command line and a schedule) imports neither Streamlit nor ui/, admin/,
  pages/ or etl/: it takes its figures from analytics/ as the pages do;
- etl/ imports none of analytics/, ui/, admin/, sample/ — it loads real data and nothing else;
- sample/ (the fictional regency's export files) and warehouse_file.py stand alone;
- auth/ (accounts, passwords, the audit log) imports neither Streamlit nor ui/, pages/, etl/, reports/, admin/ or
  sample/: the app, the command line (admin/users.py) and tests share it, and its only texts come from analytics/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules(*places: str, root: Path = ROOT) -> list[Path]:
    found = []
    for place in places:
        path = root / place
        found += [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
    return found


def imported(path: Path, root: Path = ROOT) -> set[str]:
    """Every module ``path`` imports, absolute (``from etl import load`` → etl, etl.load)."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module
            if node.level:  # relative: from the package, up level - 1
                base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])])
            names |= {base, *(f"{base}.{a.name}" for a in node.names)}
    return names


def offending(places: tuple[str, ...], forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    return [f"{p.relative_to(root)}: {name}" for p in modules(*places, root=root) for name in sorted(imported(p, root))
            if name.split(".")[0] in forbidden]


@pytest.mark.parametrize(("places", "forbidden"), [
    (("analytics", "ui", "pages", "dashboard.py"), ("etl",)),
    (("analytics",), ("streamlit", "ui", "admin", "sample")),
    (("reports",), ("streamlit", "ui", "admin", "pages", "dashboard", "etl")),
    (("etl",), ("analytics", "ui", "admin", "pages", "dashboard", "sample")),
    (("sample",), ("etl", "analytics", "ui", "admin", "pages", "dashboard")),
    (("warehouse_file.py",), ("etl", "analytics", "ui", "admin", "pages", "dashboard", "sample")),
    (("auth",), ("streamlit", "ui", "pages", "dashboard", "etl", "reports", "admin", "sample")),
])
def test_layers_import_only_downwards(places, forbidden):
    assert modules(*places), places
    assert offending(places, forbidden) == []


def test_the_check_sees_every_kind_of_import(tmp_path):
    (tmp_path / "analytics" / "sub").mkdir(parents=True)
    (tmp_path / "analytics" / "sub" / "probe.py").write_text(
        "import etl.load\nfrom etl import warehouse\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from etl.batch import FileResult\n"
        "def f():\n    from etl.errors import E\n"
        "from . import db\nfrom .. import labels\n", encoding="utf-8")
    found = offending(("analytics",), ("etl",), tmp_path)
    assert [f.split(": ")[1] for f in found] == [
        "etl", "etl.batch", "etl.batch.FileResult", "etl.errors", "etl.errors.E", "etl.load", "etl.warehouse"]
    names = imported(tmp_path / "analytics" / "sub" / "probe.py", tmp_path)
    assert {"analytics.sub.db", "analytics.labels"} <= names
