"""The parameter files: complete, sourced, resolved by date, and overridable without code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from app.money.engine import (
    InvalidOverride,
    NoParametersForDate,
    ParameterFileError,
    Situation,
    UnknownParameter,
    Work,
    calculate,
    load_parameters,
)
from app.money.engine.parameters import PARAMETERS_DIR, load_all, read_parameter_file
from app.money.engine.rates import USED_PATHS, rates_for

FILES = sorted(PARAMETERS_DIR.glob("*.yaml"))


def _leaves(node: dict, prefix: str = ""):
    for key, child in node.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(child, dict) and "value" in child:
            yield path, child
        else:
            yield from _leaves(child, path)


def test_the_required_periods_exist() -> None:
    names = {file.name for file in FILES}
    assert {"2025-07-01.yaml", "2026-01-01.yaml", "2026-07-01.yaml"} <= names


@pytest.mark.parametrize("file", FILES, ids=[file.name for file in FILES])
def test_every_parameter_has_value_source_and_status(file: Path) -> None:
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    leaves = list(_leaves(document["parameters"]))
    assert leaves
    for path, leaf in leaves:
        assert isinstance(leaf["value"], str), f"{path}: amounts are strings"
        Decimal(leaf["value"])
        assert leaf.get("source", "").strip(), f"{path} has no source"
        assert leaf.get("status") in {"O", "S", "C", "?"}, f"{path} has no valid status"
        if leaf["status"] == "?":
            assert leaf.get("provisional") is True, f"{path}: status ? must be provisional"


@pytest.mark.parametrize("file", FILES, ids=[file.name for file in FILES])
def test_every_file_defines_every_parameter_the_rules_use(file: Path) -> None:
    parameters = read_parameter_file(file)
    assert USED_PATHS <= set(parameters.values), USED_PATHS - set(parameters.values)
    rates_for(parameters)  # builds without a gap


def test_all_periods_have_the_same_parameters() -> None:
    sets = [set(parameter_set.values) for parameter_set in load_all()]
    assert all(paths == sets[0] for paths in sets)


def test_2026_bijstand_norms_are_the_2025_values_marked_provisional() -> None:
    h2_2025 = load_parameters(date(2025, 7, 1))
    y2026 = load_parameters(date(2026, 1, 1))
    for path in ("bijstand.norm_single", "bijstand.norm_couple"):
        assert y2026[path] == h2_2025[path]
        assert y2026.values[path].provisional
        assert not h2_2025.values[path].provisional
    assert y2026.provisional


@pytest.mark.parametrize(
    ("as_of", "valid_from", "wml"),
    [
        (date(2025, 7, 1), date(2025, 7, 1), "14.40"),
        (date(2025, 12, 31), date(2025, 7, 1), "14.40"),
        (date(2026, 1, 1), date(2026, 1, 1), "14.71"),
        (date(2026, 6, 30), date(2026, 1, 1), "14.71"),
        (date(2026, 7, 1), date(2026, 7, 1), "14.99"),
        (date(2026, 12, 31), date(2026, 7, 1), "14.99"),
        (date(2027, 1, 1), date(2027, 1, 1), "14.99"),  # carried over, provisional
        (date(2031, 1, 1), date(2027, 1, 1), "14.99"),
    ],
)
def test_the_latest_period_on_or_before_as_of_applies(as_of, valid_from, wml) -> None:
    parameters = load_parameters(as_of)
    assert parameters.valid_from == valid_from
    assert parameters["wml.hourly_21_plus"] == Decimal(wml)


def test_no_parameters_before_the_first_period() -> None:
    with pytest.raises(NoParametersForDate):
        load_parameters(date(2025, 6, 30))


def _single_on_bijstand(as_of: date = date(2026, 3, 1)) -> Situation:
    return Situation(
        as_of=as_of, age=30, household="single", benefit="bijstand", volunteer_allowance=Decimal(50)
    )


def test_the_outcome_reports_the_period_and_its_sources() -> None:
    outcome = calculate(_single_on_bijstand(date(2026, 8, 1)), Work(hours_per_week=Decimal(0)))
    assert outcome.parameters.valid_from == date(2026, 7, 1)
    assert outcome.parameters.provisional
    paths = {source.path for source in outcome.parameters.sources}
    assert "wml.hourly_21_plus" in paths
    assert all(source.source and source.status for source in outcome.parameters.sources)
    assert not any(source.overridden for source in outcome.parameters.sources)


def test_an_override_changes_the_result_and_is_marked() -> None:
    overrides = {"bijstand.norm_single": "1400.00", "municipal_scheme.monthly_amount": 25}
    outcome = calculate(_single_on_bijstand(), Work(hours_per_week=Decimal(0)), overrides)
    assert outcome.now.parts.benefit == Decimal("1400.00")
    assert outcome.now.parts.municipal_scheme == Decimal("25.00")
    marked = {source.path: source for source in outcome.parameters.sources if source.overridden}
    assert set(marked) == set(overrides)
    assert marked["bijstand.norm_single"].value == Decimal("1400.00")
    assert "organisation override" in marked["bijstand.norm_single"].source
    assert "1303.87" in marked["bijstand.norm_single"].source  # the file value stays visible


def test_an_override_can_carry_its_own_source_and_status() -> None:
    overrides = {
        "bijstand.norm_single": {"value": "1320.00", "source": "Staatscourant 2026", "status": "O"}
    }
    parameters = load_parameters(date(2026, 3, 1), overrides)
    parameter = parameters.values["bijstand.norm_single"]
    assert parameter.value == Decimal("1320.00")
    assert parameter.status == "O"
    assert not parameter.provisional
    assert parameter.source.startswith("Staatscourant 2026")


def test_overrides_do_not_leak_into_other_calculations() -> None:
    calculate(_single_on_bijstand(), Work(hours_per_week=Decimal(0)), {"bijstand.norm_single": 1})
    outcome = calculate(_single_on_bijstand(), Work(hours_per_week=Decimal(0)))
    assert outcome.now.parts.benefit == Decimal("1303.87")


def test_an_unknown_override_is_refused() -> None:
    with pytest.raises(UnknownParameter):
        load_parameters(date(2026, 3, 1), {"bijstand.norm_singel": "1"})


@pytest.mark.parametrize("value", ["abc", None, True, "NaN", [1]])
def test_an_override_that_is_not_a_number_is_refused(value) -> None:
    with pytest.raises(InvalidOverride):
        load_parameters(date(2026, 3, 1), {"bijstand.norm_single": value})


def _write(tmp_path: Path, name: str, body: str) -> Path:
    file = tmp_path / name
    file.write_text(body, encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('valid_from: 2026-01-01\nparameters:\n  a: {value: "1", status: O}\n', "no source"),
        ('valid_from: 2026-01-01\nparameters:\n  a: {value: "1", source: x}\n', "status"),
        (
            'valid_from: 2026-01-01\nparameters:\n  a: {value: "1", source: x, status: "?"}\n',
            "provisional",
        ),
        (
            "valid_from: 2026-01-01\nparameters:\n  a: {value: 1.5, source: x, status: O}\n",
            "string",
        ),
        (
            'valid_from: 2026-02-01\nparameters:\n  a: {value: "1", source: x, status: O}\n',
            "file name",
        ),
    ],
)
def test_a_malformed_file_is_refused(tmp_path: Path, body: str, message: str) -> None:
    file = _write(tmp_path, "2026-01-01.yaml", body)
    with pytest.raises(ParameterFileError, match=message):
        read_parameter_file(file)


def test_2027_carries_2026_over_as_provisional_with_a_source_inside_the_repository() -> None:
    """No official 2027 figure was found: every value is the 2026-07-01 one, flagged provisional
    (the AOW age excepted, its source covers 2027), and every source points inside the repo."""
    y2026, y2027 = load_parameters(date(2026, 7, 1)), load_parameters(date(2027, 1, 1))
    assert y2027.valid_from == date(2027, 1, 1)
    assert set(y2027.values) == set(y2026.values)
    for path, parameter in y2027.values.items():
        assert parameter.value == y2026.values[path].value, path
        assert parameter.provisional or "aow" in path, path
    folder = Path(__file__).resolve().parents[2] / "app" / "money" / "parameters"
    assert (folder / "SOURCES.md").is_file()
    for file in folder.glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        assert "/work/" not in text and "../" not in text, file.name
