"""``python -m ui.serve [streamlit options]``: ``streamlit run dashboard.py``, with Sorot's own navigation from the
very first request.

A ``pages/`` folder beside ``dashboard.py`` makes Streamlit start in its old multipage mode (pages found by
file name) until ``st.navigation`` first runs: on a fresh server the first deep link (``/pengaduan``) would run
that page alone, with file names for a menu. Sorot's ``pages/`` holds ``st.navigation``'s pages, so the old
mode is switched off before the server starts.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "dashboard.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
