"""docs/warehouse.md is generated from etl/schema.py and must stay in step with it."""

from pathlib import Path

import duckdb

from etl.schema import TABLES, markdown
from etl.warehouse import ensure_schema

DOC = Path(__file__).resolve().parent.parent / "docs" / "warehouse.md"


def test_doc_is_current():
    assert DOC.read_text(encoding="utf-8") == markdown(), "run: python -m etl schema-doc > docs/warehouse.md"


def test_every_documented_column_exists():
    con = duckdb.connect()
    ensure_schema(con)
    for table in TABLES:
        actual = [r[0] for r in con.execute(f"DESCRIBE {table.name}").fetchall()]
        assert actual == [c[0] for c in table.columns]
