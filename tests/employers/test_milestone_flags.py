"""Caseload flags from a placement's milestones: due within 14 days, and overdue until done;
each says why and what to do in plain words."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.clock import local_today
from app.records.service import add_months
from app.route_templates.models import StepKind
from tests.employers.staff_helpers import guy_step, new_employer
from tests.records.helpers import CONTRACT, records_url


def _guy_flags(floor, personas) -> dict[str, dict]:
    rows = floor.get("/api/v1/caseload", params={"q": "Guy"},
                     headers={"Accept-Language": "nl"}).json()["items"]
    row = next(r for r in rows if r["candidate_id"] == personas.candidate)
    return {f["code"]: f for f in row["flags"]}


@pytest.fixture
def floor(login_as, personas):
    return login_as(personas.consultant)


def _placed_with_trial_started(floor, db, personas, days_ago: int) -> dict:
    trial = guy_step(db, personas.candidate, StepKind.trial)
    trial.actual_start = local_today() - timedelta(days=days_ago)
    db.add(trial)
    db.commit()
    employer = new_employer(floor)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/placements",
                          json={"employer_id": employer["id"], "trial_step_id": trial.id})
    assert response.status_code == 201, response.text
    return response.json()


def test_no_flag_while_the_measurement_is_far_off(floor, db, personas):
    _placed_with_trial_started(floor, db, personas, days_ago=7)  # due in 28 days
    flags = _guy_flags(floor, personas)
    assert not {"milestone_due_soon", "milestone_overdue"} & set(flags)


def test_the_measurement_flags_two_weeks_ahead_and_clears_when_done(floor, db, personas):
    placement = _placed_with_trial_started(floor, db, personas, days_ago=30)  # due in 5 days
    flag = _guy_flags(floor, personas)["milestone_due_soon"]
    assert "Loonwaardemeting" in flag["reason"] and flag["action"]
    assert "milestone_overdue" not in _guy_flags(floor, personas)
    measurement = placement["milestones"][0]
    done = floor.post(f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
                      f"/milestones/{measurement['id']}/complete",
                      json={"wage_value_percent": 50}, headers={"If-Match": 'W/"1"'})
    assert done.status_code == 200
    assert "milestone_due_soon" not in _guy_flags(floor, personas)


def test_a_missed_measurement_is_overdue_until_done(floor, db, personas):
    _placed_with_trial_started(floor, db, personas, days_ago=40)  # due 5 days ago
    flags = _guy_flags(floor, personas)
    assert "milestone_overdue" in flags and "milestone_due_soon" not in flags
    assert flags["milestone_overdue"]["reason"].startswith("Werkplek:")


def test_an_ended_placement_raises_no_flag(floor, db, personas):
    placement = _placed_with_trial_started(floor, db, personas, days_ago=40)
    floor.post(f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}/end",
               json={}, headers={"If-Match": 'W/"1"'})
    assert "milestone_overdue" not in _guy_flags(floor, personas)


def test_the_placements_definitive_wage_value_replaces_the_contract_records_flag(
        floor, db, personas):
    start = add_months(local_today(), -7)
    body = {**CONTRACT, "starts_on": start.isoformat(),
            "ends_on": (add_months(start, 12) - timedelta(days=1)).isoformat()}
    assert floor.post(records_url(personas.candidate), json=body).status_code == 201
    assert "wage_value_due" in _guy_flags(floor, personas)
    contract = guy_step(db, personas.candidate, StepKind.contract)
    contract.actual_start = start
    db.add(contract)
    db.commit()
    employer = new_employer(floor)
    placement = floor.post(f"/api/v1/candidates/{personas.candidate}/placements",
                           json={"employer_id": employer["id"],
                                 "contract_step_id": contract.id}).json()
    flags = _guy_flags(floor, personas)
    # One warning for one task: the milestone's. The oldest open one shows first (the support
    # allowance at the start), then the definitive wage value, now a month late.
    assert "wage_value_due" not in flags
    assert "begeleidingsvergoeding" in flags["milestone_overdue"]["reason"]
    allowance = next(m for m in placement["milestones"] if m["kind"] == "support_allowance")
    floor.post(f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
               f"/milestones/{allowance['id']}/complete", json={},
               headers={"If-Match": 'W/"1"'})
    assert "loonwaardebepaling" in _guy_flags(floor, personas)["milestone_overdue"]["reason"]
