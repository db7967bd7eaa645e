from pathlib import Path

import pytest

from etl import load as etl_load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def account_store():
    """Every test process logs in against its own account store (tests/apptest.py), never data/private."""
    import os

    from streamlit import config

    from tests.apptest import accounts

    os.environ["SOROT_AUTH"] = str(accounts())
    config.set_option("secrets.files", [])  # a developer's .streamlit/secrets.toml (SSO) never changes the tests
    yield


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "w.duckdb"


@pytest.fixture
def load_into(db: Path):
    """Load paths into the test warehouse with the real registry; returns the results."""

    def run(*paths: Path, **kwargs):
        return etl_load.load(list(paths), db, **kwargs)

    return run


SAMPLE_END = "2026-11-20"


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The kabupaten sample, generated once per test worker through the CLI."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("sample") / "S"
    subprocess.run([sys.executable, "-m", "sample", "--out", str(out), "--end", SAMPLE_END],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return out


@pytest.fixture(scope="session")
def sample_db(sample_dir, tmp_path_factory) -> Path:
    """The sample loaded into a warehouse (read-only use: copy it before changing it)."""
    db = tmp_path_factory.mktemp("wh") / "sample.duckdb"
    etl_load.load([sample_dir], db)
    return db


@pytest.fixture(scope="module")
def con(sample_db):
    """A read-only connection to the sample warehouse, for the plain-SQL side of a comparison."""
    import duckdb

    c = duckdb.connect(str(sample_db), read_only=True)
    yield c
    c.close()
