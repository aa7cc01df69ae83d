"""The API contract models: strict request validation and amounts as two-decimal strings."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from app.money.engine import calculate
from app.money.schemas import CalculationRequest, CalculationResult, to_result

CASES = yaml.safe_load((Path(__file__).resolve().parent / "money-2026.yaml").read_text("utf-8"))
MONEY_FIELDS = (
    "net_wage",
    "benefit",
    "zorgtoeslag",
    "kindgebonden_budget",
    "volunteer_allowance",
    "partner_income",
    "municipal_scheme",
)


def body(case: dict) -> dict:
    """The request body of a reference case as JSON would carry it."""
    return json.loads(
        json.dumps({"situation": case["situation"], "work": case["work"]}, default=str)
    )


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_every_reference_case_is_a_valid_request(case: dict) -> None:
    request = CalculationRequest.model_validate_json(json.dumps(body(case)))
    situation, work = request.to_engine()
    assert situation.age == case["situation"]["age"]
    assert work.hours_per_week == case["work"]["hours_per_week"]


def _with(path: str, value) -> dict:
    data = copy.deepcopy(body(CASES[1]))
    section, field = path.split(".")
    data[section][field] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("situation.age", 14),
        ("situation.age", 71),
        ("situation.age", "30"),
        ("situation.age", 30.5),
        ("situation.household", "student"),
        ("situation.adults_in_home", 0),
        ("situation.adults_in_home", 11),
        ("situation.children_ages", [26]),
        ("situation.children_ages", [-1]),
        ("situation.benefit", "ww"),
        ("situation.partner_net_income", -1),
        ("situation.volunteer_allowance", -0.01),
        ("situation.volunteer_allowance", "12.345"),
        ("situation.rent", -5),
        ("situation.medical_hours_limit", "yes"),
        ("situation.as_of", "2025-06-30"),
        ("situation.as_of", "not a date"),
        ("situation.offset_practice", "sometimes"),
        ("situation.unknown", 1),
        ("work.hours_per_week", 0.3),
        ("work.hours_per_week", 40.5),
        ("work.hours_per_week", -0.5),
        ("work.hourly_wage", 0),
        ("work.hourly_wage", "NaN"),
        ("work.months_in_work", 0),
        ("work.volunteer_allowance", -1),
        ("work.start_date", "2030-01-01"),
        ("work.extra", True),
    ],
)
def test_invalid_requests_are_refused(path: str, value) -> None:
    with pytest.raises(ValidationError):
        CalculationRequest.model_validate_json(json.dumps(_with(path, value)))


def test_optional_fields_have_the_contract_defaults() -> None:
    minimal = {
        "situation": {
            "as_of": "2026-03-01",
            "age": 30,
            "household": "single",
            "adults_in_home": 1,
            "benefit": "bijstand",
        },
        "work": {"hours_per_week": 12},
    }
    request = CalculationRequest.model_validate(minimal)
    assert request.situation.partner_net_income == 0
    assert request.situation.rent is None
    assert request.work.hourly_wage is None
    assert request.work.volunteer_allowance == 0
    assert request.work.months_in_work == 1
    assert request.work.start_date is None
    assert request.situation.offset_practice is None


def test_the_result_serialises_amounts_as_two_decimal_strings() -> None:
    request = CalculationRequest.model_validate(body(CASES[0]))
    result = to_result(calculate(*request.to_engine()))
    data = json.loads(result.model_dump_json())
    assert data["now"]["total"] == "1482.87"
    assert data["now"]["parts"]["benefit"] == "1303.87"
    assert data["now"]["parts"]["zorgtoeslag"] == "129.00"
    assert data["now"]["parts"]["huurtoeslag"] is None
    for field in MONEY_FIELDS:
        assert isinstance(data["with_work"]["parts"][field], str)
        assert data["with_work"]["parts"][field].count(".") == 1
        assert len(data["with_work"]["parts"][field].split(".")[1]) == 2
    assert len(data["sweep"]) == 81
    assert data["sweep"][1]["hours"] == 0.5
    assert isinstance(data["sweep"][40]["total"], str)
    assert data["leaves_benefit_at_hours"] == 26.0
    assert data["parameters"]["valid_from"] == "2026-01-01"
    assert data["parameters"]["provisional"] is True
    assert all(
        {"path", "value", "source", "status"} <= set(s) for s in data["parameters"]["sources"]
    )
    assert data["cashflow"][0]["month"] == "2026-03"
    assert data["difference"]["percent"] is not None


def test_action_parameters_are_plain_json_values() -> None:
    request = CalculationRequest.model_validate(
        {
            "situation": {
                "as_of": "2026-03-01",
                "age": 30,
                "household": "single",
                "adults_in_home": 1,
                "benefit": "bijstand",
            },
            "work": {"hours_per_week": 24, "start_date": "2026-03-10"},
        }
    )
    data = json.loads(to_result(calculate(*request.to_engine())).model_dump_json())
    tell = next(action for action in data["actions"] if action["code"] == "tell_benefits_office")
    assert tell["params"]["start_date"] == "2026-03-10"
    assert tell["text_key"] == "money.action.tell_benefits_office"
    assert tell["text"]
    set_aside = next(action for action in data["actions"] if action["code"] == "set_aside_money")
    assert set_aside["params"]["amount"].count(".") == 1


def test_the_schemas_are_documented_for_openapi() -> None:
    request_schema = CalculationRequest.model_json_schema()
    for name in ("SituationIn", "WorkIn"):
        for field, spec in request_schema["$defs"][name]["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no description"
    response_schema = CalculationResult.model_json_schema(mode="serialization")
    net_wage = response_schema["$defs"]["PartsOut"]["properties"]["net_wage"]
    assert net_wage["type"] == "string"
    assert net_wage["description"]
