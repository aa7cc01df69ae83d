"""Extract every message into locales/messages.pot and merge it into each catalogue.

English msgids are the source, so the English catalogue copies msgid to msgstr; Dutch entries
that are new stay empty until translated (tests/test_i18n.py fails while any is empty). A
language added to app/languages.py gets its empty catalogue here.
Run: .venv/bin/python scripts/update_catalogues.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.languages import CODES  # noqa: E402 - after the path that finds the app

KEYWORDS = ["-k", "_l", "-k", "lazy_gettext", "-k", "gettext", "-k", "ngettext:1,2",
            "-k", "pgettext:1c,2"]


def main() -> int:
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run([*pybabel, "extract", "-F", "babel.cfg", *KEYWORDS, "--no-location",
                    "--sort-output", "--project", "Stapwijzer",
                    "--copyright-holder", "Stapwijzer", "-o", "locales/messages.pot", "."],
                   cwd=ROOT, check=True)
    for code in CODES:
        if not (ROOT / "locales" / code / "LC_MESSAGES" / "messages.po").exists():
            subprocess.run([*pybabel, "init", "-i", "locales/messages.pot", "-d", "locales",
                            "-l", code], cwd=ROOT, check=True)
    subprocess.run([*pybabel, "update", "-i", "locales/messages.pot", "-d", "locales",
                    "--no-fuzzy-matching", "--ignore-obsolete"],
                   cwd=ROOT, check=True)
    english = ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po"
    with english.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id)
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with english.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, width=100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
