"""Fill Dutch translations into locales/nl from a YAML or JSON file of {English msgid: Dutch}.

Helps merge work: texts translated on a branch are carried over by id, not by line.
Run: .venv/bin/python scripts/translate.py FILE [FILE ...]   (a .po file works too)
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DUTCH = ROOT / "locales" / "nl" / "LC_MESSAGES" / "messages.po"


def _translations(path: Path) -> dict:
    if path.suffix == ".po":
        with path.open("rb") as handle:
            return {m.id: m.string for m in read_po(handle, locale="nl")
                    if m.id and m.string and (not isinstance(m.string, tuple) or all(m.string))}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def main(paths: list[str]) -> int:
    with DUTCH.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    known: dict = {}
    for path in paths:
        known.update(_translations(Path(path)))
    filled = 0
    for message in catalog:
        if not message.id or message.id not in known:
            continue
        empty = not message.string or (isinstance(message.string, tuple)
                                       and not all(message.string))
        if empty or "fuzzy" in message.flags:
            message.string = known[message.id]
            message.flags.discard("fuzzy")
            filled += 1
    with DUTCH.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, width=100)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"filled {filled}; still untranslated: {len(missing)}")
    for text in missing:
        print("  ", text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
