from pathlib import Path

import pytest

from etl import load as etl_load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "w.duckdb"


@pytest.fixture
def load_into(db: Path):
    """Load paths into the test warehouse with the real registry; returns the results."""

    def run(*paths: Path, **kwargs):
        return etl_load.load(list(paths), db, **kwargs)

    return run
