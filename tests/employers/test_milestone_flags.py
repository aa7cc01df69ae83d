"""Caseload flags from a placement's milestones: due within 14 days, and overdue until done;
each says why and what to do in plain words. One task warns once: with a contract on file the
definitive wage value keeps its own flag, which the placement's milestone can also clear."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.clock import local_today
from app.people.models import Person
from app.records.service import add_months
from app.route_templates.models import StepKind
from tests.employers.staff_helpers import guy_step, new_candidate, new_employer
from tests.records.helpers import CONTRACT, records_url

NAME = "Wim Werkplek"


@pytest.fixture
def floor(login_as, personas):
    return login_as(personas.consultant)


@pytest.fixture
def wim(floor, db, personas):
    return new_candidate(floor, db, db.get(Person, personas.consultant).organisation_id, NAME)


def _flags(floor, candidate: int) -> dict[str, dict]:
    rows = floor.get("/api/v1/caseload", params={"q": NAME},
                     headers={"Accept-Language": "nl"}).json()["items"]
    row = next(r for r in rows if r["candidate_id"] == candidate)
    return {f["code"]: f for f in row["flags"]}


def _placed(floor, db, candidate: int, *, trial_days_ago: int | None = None,
            contract_start=None) -> dict:
    body = {"employer_id": new_employer(floor)["id"]}
    if trial_days_ago is not None:
        trial = guy_step(db, candidate, StepKind.trial)
        trial.actual_start = local_today() - timedelta(days=trial_days_ago)
        db.add(trial)
        body["trial_step_id"] = trial.id
    if contract_start is not None:
        contract = guy_step(db, candidate, StepKind.contract)
        contract.actual_start = contract_start
        db.add(contract)
        body["contract_step_id"] = contract.id
    db.commit()
    response = floor.post(f"/api/v1/candidates/{candidate}/placements", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _complete(floor, candidate, placement, kind, **body):
    milestone = next(m for m in placement["milestones"] if m["kind"] == kind)
    response = floor.post(f"/api/v1/candidates/{candidate}/placements/{placement['id']}"
                          f"/milestones/{milestone['id']}/complete", json=body,
                          headers={"If-Match": f'W/"{milestone["version"]}"'})
    assert response.status_code == 200, response.text


def test_no_flag_while_the_measurement_is_far_off(floor, db, wim):
    _placed(floor, db, wim, trial_days_ago=7)  # due in 28 days
    assert not {"milestone_due_soon", "milestone_overdue"} & set(_flags(floor, wim))


def test_the_measurement_flags_two_weeks_ahead_and_clears_when_done(floor, db, wim):
    placement = _placed(floor, db, wim, trial_days_ago=30)  # due in 5 days
    flags = _flags(floor, wim)
    assert "Loonwaardemeting" in flags["milestone_due_soon"]["reason"]
    assert flags["milestone_due_soon"]["action"] and "milestone_overdue" not in flags
    _complete(floor, wim, placement, "wage_value_trial", wage_value_percent=50)
    assert "milestone_due_soon" not in _flags(floor, wim)


def test_a_missed_measurement_is_overdue_until_done(floor, db, wim):
    placement = _placed(floor, db, wim, trial_days_ago=40)  # due 5 days ago
    flags = _flags(floor, wim)
    assert "milestone_overdue" in flags and "milestone_due_soon" not in flags
    assert flags["milestone_overdue"]["reason"].startswith("Werkplek:")
    _complete(floor, wim, placement, "wage_value_trial", wage_value_percent=50)
    assert "milestone_overdue" not in _flags(floor, wim)


def test_an_ended_placement_raises_no_flag(floor, db, wim):
    placement = _placed(floor, db, wim, trial_days_ago=40)
    floor.post(f"/api/v1/candidates/{wim}/placements/{placement['id']}/end",
               json={}, headers={"If-Match": 'W/"1"'})
    assert "milestone_overdue" not in _flags(floor, wim)


def test_without_a_contract_record_the_milestone_flags_the_definitive_wage_value(floor, db,
                                                                               wim):
    start = add_months(local_today(), -7)
    placement = _placed(floor, db, wim, contract_start=start)
    _complete(floor, wim, placement, "support_allowance")
    flags = _flags(floor, wim)
    assert "loonwaardebepaling" in flags["milestone_overdue"]["reason"]
    assert "wage_value_due" not in flags


def test_with_a_contract_record_one_flag_warns_and_the_milestone_clears_it(floor, db, wim):
    start = add_months(local_today(), -7)
    body = {**CONTRACT, "starts_on": start.isoformat(),
            "ends_on": (add_months(start, 12) - timedelta(days=1)).isoformat()}
    assert floor.post(records_url(wim), json=body).status_code == 201
    placement = _placed(floor, db, wim, contract_start=start)
    _complete(floor, wim, placement, "support_allowance")
    _complete(floor, wim, placement, "flat_rate_subsidy_end")
    flags = _flags(floor, wim)
    assert "wage_value_due" in flags and "milestone_overdue" not in flags
    _complete(floor, wim, placement, "wage_value_final", wage_value_percent=55)
    assert "wage_value_due" not in _flags(floor, wim)
