"""Per candidate screen: average sentence length and Flesch-Douma, counted as textstat does
(sentences of one or two words skipped: "before") and with every list item and label counted
as a sentence (what tests/test_plain_language.py checks now: "after").

Run: .venv/bin/python benchmarks/plain_language.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_plain_language import (  # noqa: E402
    CANDIDATE_SCREENS,
    readability,
    screen_prose,
    textstat_readability,
)


def main() -> None:
    print(f"{'screen':42} {'words/sentence':>20} {'Flesch-Douma':>18}")
    print(f"{'':42} {'before':>9} {'after':>10} {'before':>8} {'after':>9}")
    for template in CANDIDATE_SCREENS:
        prose = screen_prose(template)
        before_length, before_score = textstat_readability(prose)
        after_length, after_score = readability(prose)
        print(f"{template:42} {before_length:9.1f} {after_length:10.1f} "
              f"{before_score:8.0f} {after_score:9.0f}")


if __name__ == "__main__":
    main()
