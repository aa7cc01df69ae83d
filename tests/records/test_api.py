"""The records API: every kind validated (422, nothing stored), versions kept, If-Match."""

from __future__ import annotations

from datetime import date

import pytest

from tests.records.helpers import CONTRACT, problem_names, records_url, stored

BAD = [
    # (why, body, field named in the problem)
    ("end before start", {**CONTRACT, "ends_on": "2026-12-01"}, "ends_on"),
    ("45 hours", {**CONTRACT, "hours_per_week": "45"}, "hours_per_week"),
    ("wage under the minimum", {**CONTRACT, "wage_cents": 1000}, "wage_cents"),
    ("monthly wage under the minimum",
     {**CONTRACT, "wage_basis": "monthly", "wage_cents": 100_000}, "wage_cents"),
    ("shorter than Almere's year", {**CONTRACT, "ends_on": "2027-06-30"}, "ends_on"),
    ("advice interview before the request",
     {"kind": "uwv_advice", "requested_on": "2027-02-01", "requested_with_candidate": True,
      "interview_on": "2027-01-01"}, "interview_on"),
    ("someone unknown goes along",
     {"kind": "uwv_advice", "requested_on": "2027-02-01", "requested_with_candidate": True,
      "accompanied_by": ["uncle"]}, "accompanied_by.0"),
    ("decision without the candidate",
     {"kind": "decision", "decided_on": "2027-02-01", "outcome": "positive",
      "decided_with": ["consultant", "care_provider"]}, "decided_with"),
    ("wage value over 100", {"kind": "wage_value", "measured_on": "2027-02-01",
                             "percentage": 120, "measurement": "trial_measurement"},
     "percentage"),
    ("screening without an outcome", {"kind": "screening", "screened_on": "2027-02-01",
                                      "screened_by": "Wmo-consulent"}, "work_capacity"),
    ("goal evaluated before the plan",
     {"kind": "plan_goals", "plan": "personal_plan", "made_on": "2027-02-01",
      "goals": [{"text": "Op tijd komen", "evaluate_on": "2027-01-01"}]},
     "goals.0.evaluate_on"),
    ("a plan without goals", {"kind": "plan_goals", "plan": "plan_of_approach",
                              "made_on": "2027-02-01", "goals": []}, "goals"),
    ("rung 7", {"kind": "ladder_rung", "on": "2027-02-01", "rung": 7}, "rung"),
    ("next talk before this one",
     {"kind": "evaluation", "held_on": "2027-02-01", "evaluation": "progress_talk",
      "summary": "Gaat goed", "next_on": "2027-01-01"}, "next_on"),
    ("trial of no weeks", {"kind": "trial", "starts_on": "2027-02-01", "weeks": 0,
                           "paid_by": "provider_lump_sum"}, "weeks"),
    ("more than 40 hours together",
     {"kind": "hours_plan", "periods": [{"starts_on": "2027-01-01", "work_hours": "30",
                                         "day_activity_hours": "16"}]}, "periods.0.work_hours"),
    ("periods out of order",
     {"kind": "hours_plan", "periods": [
         {"starts_on": "2027-03-01", "work_hours": "8", "day_activity_hours": "24"},
         {"starts_on": "2027-01-01", "work_hours": "16", "day_activity_hours": "16"}]},
     "periods.1.starts_on"),
    ("six days", {"kind": "hours_plan", "periods": [
        {"starts_on": "2027-01-01", "work_hours": "24", "day_activity_hours": "16",
         "work_days": 3, "day_activity_days": 3}]}, "periods.0.work_days"),
    ("agreement without a date",
     {"kind": "first_salary", "overpayment_agreement": "50 euro per maand"},
     "overpayment_agreed_on"),
]


@pytest.mark.parametrize(("why", "body", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(why, body, field, login_as,
                                                                     personas, db):
    before = stored(db, personas.candidate)
    floor = login_as(personas.consultant, **{"Accept-Language": "nl"})
    response = floor.post(records_url(personas.candidate), json=body)
    assert field in problem_names(response), (why, response.json())
    assert stored(db, personas.candidate) == before


def test_a_contract_with_two_mistakes_is_told_both_at_once(login_as, personas, db):
    """45 hours and an end before the start: one answer names both fields."""
    before = stored(db, personas.candidate)
    floor = login_as(personas.consultant)
    response = floor.post(records_url(personas.candidate), json={
        **CONTRACT, "hours_per_week": "45", "ends_on": "2026-12-01"})
    assert problem_names(response) == {"hours_per_week", "ends_on"}
    assert stored(db, personas.candidate) == before


def test_errors_are_in_the_users_language(login_as, personas):
    floor = login_as(personas.consultant, **{"Accept-Language": "nl"})
    response = floor.post(records_url(personas.candidate), json={**CONTRACT, "wage_cents": 1000})
    reason = next(p["reason"] for p in response.json()["invalid_params"]
                  if p["name"] == "wage_cents")
    assert "minimumloon" in reason and "€" in reason


def test_open_ended_contract_is_allowed(login_as, personas):
    body = {k: v for k, v in CONTRACT.items() if k != "ends_on"}
    response = login_as(personas.consultant).post(records_url(personas.candidate), json=body)
    assert response.status_code == 201, response.text
    assert response.json()["data"]["ends_on"] is None


def test_a_new_version_keeps_the_old_one_and_needs_if_match(login_as, personas, db):
    floor = login_as(personas.consultant)
    created = floor.post(records_url(personas.candidate), json=CONTRACT)
    assert created.status_code == 201 and created.headers["ETag"] == 'W/"1"'
    record_id = created.json()["id"]
    url = records_url(personas.candidate, f"/{record_id}")
    assert floor.put(url, json={**CONTRACT, "hours_per_week": "32"}).status_code == 428
    changed = floor.put(url, json={**CONTRACT, "hours_per_week": "32"},
                        headers={"If-Match": 'W/"1"'})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = floor.put(url, json={**CONTRACT, "hours_per_week": "36"},
                      headers={"If-Match": 'W/"1"'})
    assert stale.status_code == 412
    read = floor.get(url)
    assert read.headers["ETag"] == 'W/"2"'
    history = read.json()["history"]
    assert [v["number"] for v in history] == [2, 1]
    assert [v["data"]["hours_per_week"] for v in history] == ["32", "28"]


def test_a_record_keeps_its_kind(login_as, personas):
    floor = login_as(personas.consultant)
    record_id = floor.post(records_url(personas.candidate), json=CONTRACT).json()["id"]
    response = floor.put(records_url(personas.candidate, f"/{record_id}"),
                         json={"kind": "ladder_rung", "on": "2027-01-01", "rung": 3},
                         headers={"If-Match": 'W/"1"'})
    assert response.status_code == 409


def test_list_by_kind(login_as, personas):
    floor = login_as(personas.consultant)
    floor.post(records_url(personas.candidate), json=CONTRACT)
    floor.post(records_url(personas.candidate),
               json={"kind": "ladder_rung", "on": "2027-01-01", "rung": 5})
    kinds = {r["kind"] for r in floor.get(records_url(personas.candidate)).json()}
    assert {"contract", "ladder_rung"} <= kinds
    only = floor.get(records_url(personas.candidate), params={"kind": "ladder_rung"}).json()
    assert {r["kind"] for r in only} == {"ladder_rung"}


def test_a_contract_record_links_only_to_a_contract_step(login_as, personas, db):
    from sqlalchemy import select

    from app.journeys.models import Journey, JourneyStep
    from app.route_templates.models import StepKind

    steps = {s.kind: s.id for s in db.scalars(select(JourneyStep).join(Journey).where(
        Journey.candidate_id == personas.candidate))}
    floor = login_as(personas.consultant)
    wrong = floor.post(records_url(personas.candidate),
                       json={**CONTRACT, "step_id": steps[StepKind.trial]})
    assert "step_id" in problem_names(wrong)
    right = floor.post(records_url(personas.candidate),
                       json={**CONTRACT, "step_id": steps[StepKind.contract]})
    assert right.status_code == 201
    assert right.json()["step_kind"] == "contract"


def test_network_without_money_never_sees_the_wage(login_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json=CONTRACT)
    jan = login_as(personas.steps_only_member).get(
        records_url(personas.candidate), params={"kind": "contract"}).json()
    assert jan and jan[0]["data"]["wage_cents"] is None
    assert jan[0]["data"]["hours_per_week"] == "28"
    marja = login_as(personas.parent).get(
        records_url(personas.candidate), params={"kind": "contract"}).json()
    assert marja[0]["data"]["wage_cents"] == 1600


def test_network_without_money_does_not_see_the_first_salary_checklist(login_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json={
        "kind": "first_salary", "benefits_office_informed_on": "2026-12-01"})
    jan = login_as(personas.steps_only_member).get(records_url(personas.candidate)).json()
    assert "first_salary" not in {r["kind"] for r in jan}


def test_admin_sees_no_records(login_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json=CONTRACT)
    assert login_as(personas.admin).get(records_url(personas.candidate)).status_code == 404


def test_the_minimum_wage_follows_the_age_on_the_start_date(login_as, personas):
    """A 19-year-old's minimum is the youth share (60%) of the adult minimum wage in the money
    parameters valid on the start date; an adult's is the full one."""
    from app.money.engine import load_parameters
    from app.money.engine.rates import rates_for

    floor = login_as(personas.consultant)
    young = floor.post("/api/v1/candidates", json={"display_name": "Yara Jong",
                                                  "date_of_birth": "2007-06-01"}).json()["id"]
    rates = rates_for(load_parameters(date(2027, 1, 1)))
    youth_minimum = int((rates.wml_hourly * rates.youth_rate(19) * 100).to_integral_value(
        rounding="ROUND_CEILING"))
    adult_minimum = int((rates.wml_hourly * 100).to_integral_value(rounding="ROUND_CEILING"))
    below = floor.post(records_url(young), json={**CONTRACT, "wage_cents": youth_minimum - 1})
    assert "wage_cents" in problem_names(below)
    at = floor.post(records_url(young), json={**CONTRACT, "wage_cents": youth_minimum})
    assert at.status_code == 201, at.text
    # The same wage is below the adult minimum for Guy (32).
    adult = floor.post(records_url(personas.candidate),
                       json={**CONTRACT, "wage_cents": youth_minimum})
    assert "wage_cents" in problem_names(adult)
    assert youth_minimum < adult_minimum


def test_a_monthly_wage_is_checked_for_the_contracted_hours(login_as, personas):
    floor = login_as(personas.consultant)
    # 28 hours at the adult minimum: about 28/36 of the 36-hour reference month.
    ok = floor.post(records_url(personas.candidate),
                    json={**CONTRACT, "wage_basis": "monthly", "wage_cents": 190_000})
    assert ok.status_code == 201, ok.text
    low = floor.post(records_url(personas.candidate),
                     json={**CONTRACT, "wage_basis": "monthly", "wage_cents": 170_000})
    assert "wage_cents" in problem_names(low)
