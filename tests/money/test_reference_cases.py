"""The acceptance cases of the money calculator: every listed number within its tolerance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from app.money.engine import Situation, Work, calculate

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "money-2026.yaml"
SHARED_CASES_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "reference-cases"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _actual(outcome, section: str, field: str):
    """The outcome's figure for `section.field`: a snapshot's total or part, or another field."""
    value = getattr(outcome, section)
    if hasattr(value, field):
        return getattr(value, field)
    return getattr(value.parts, field)


def _checks(case: dict):
    for section, expected in case["expect"].items():
        if isinstance(expected, dict):
            for field, value in expected.items():
                yield section, field, value
        else:
            # A top-level figure such as leaves_benefit_at_hours or work_pays_from_hours.
            yield section, None, expected


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_reference_case(case: dict) -> None:
    outcome = calculate(Situation(**case["situation"]), Work(**case["work"]))
    tolerance = Decimal(str(case["tolerance"]))
    failures = []
    for section, field, value in _checks(case):
        actual = getattr(outcome, section) if field is None else _actual(outcome, section, field)
        expected = _number(value)
        label = section if field is None else f"{section}.{field}"
        if expected is None or actual is None:
            if expected != actual:
                failures.append(f"{label}: expected {expected}, got {actual}")
        elif abs(Decimal(actual) - expected) > tolerance:
            failures.append(f"{label}: expected {expected} ± {tolerance}, got {actual}")
    assert not failures, f"{case['id']} ({case['source']}): " + "; ".join(failures)


def test_cases_are_present() -> None:
    assert len(CASES) >= 7
    assert len({case["id"] for case in CASES}) == len(CASES)


def test_copy_matches_shared_reference_cases() -> None:
    """The copy here must stay byte-identical to the shared acceptance cases."""
    if not SHARED_CASES_DIR.is_dir():
        pytest.skip(f"{SHARED_CASES_DIR} is not available here")
    shared = SHARED_CASES_DIR / "money-2026.yaml"
    assert shared.is_file(), f"{shared} is missing"
    assert CASES_FILE.read_bytes() == shared.read_bytes(), (
        f"{CASES_FILE} differs from {shared}: copy the shared file again"
    )
