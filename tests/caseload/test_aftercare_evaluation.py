"""Aftercare and evaluations tracked for real: the flags count held talks with the right
purpose (appointments that took place, or contact moments of the case file), never a "Koffie",
a cancelled or a planned one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.clock import local_today
from app.journeys.models import JourneyStatus, StepState
from app.organisations.models import Organisation
from app.people.models import Person
from app.route_templates.models import StepKind
from tests.caseload.test_flags import _flags, _journey_steps, _new_candidate


def _rules(db, personas, **rules) -> None:
    organisation = db.get(Organisation, db.get(Person, personas.consultant).organisation_id)
    for rule, value in rules.items():
        setattr(organisation, rule, value)
    db.commit()


def _contract_done(db, candidate: int, days_ago: int) -> None:
    _journey, steps = _journey_steps(db, candidate)
    contract = next(s for s in steps if s.kind is StepKind.contract)
    contract.state = StepState.done
    contract.actual_end = local_today() - timedelta(days=days_ago)
    db.commit()


def _talk(floor, candidate: int, days_ago: float, purpose: str = "other",
          title: str = "Gesprek") -> int:
    start = datetime.now(UTC) - timedelta(days=days_ago)
    response = floor.post(f"/api/v1/candidates/{candidate}/appointments", json={
        "title": title, "purpose_code": purpose, "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat()})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _moment(floor, candidate: int, days_ago: float, kind: str, purpose: str) -> None:
    response = floor.post(f"/api/v1/candidates/{candidate}/case-notes", json={
        "kind": kind, "purpose_code": purpose, "body": "Gesproken.",
        "happened_at": (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()})
    assert response.status_code == 201, response.text


def test_aftercare_visits_behind_counts_only_held_aftercare_visits(login_as, db, personas):
    _rules(db, personas, aftercare_visits_per_year=2)
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Nora Nazorg")
    _contract_done(db, candidate, days_ago=60)
    # Two months into aftercare nothing is due yet (pro rata: the first visit after ½ year).
    assert "aftercare_visits_behind" not in _flags(floor, "Nora Nazorg")
    _contract_done(db, candidate, days_ago=200)
    flag = _flags(floor, "Nora Nazorg")["aftercare_visits_behind"]
    assert "0" in flag["reason"] and "2" in flag["reason"]

    _talk(floor, candidate, 3, title="Koffie")  # a coffee is not an aftercare visit
    cancelled = _talk(floor, candidate, 2, "aftercare_visit")
    assert floor.post(f"/api/v1/candidates/{candidate}/appointments/{cancelled}/cancel"
                      ).status_code == 200
    _talk(floor, candidate, -5, "aftercare_visit")  # planned, not held yet
    _moment(floor, candidate, 1, "phone", "aftercare_visit")  # a call is not a visit
    assert "aftercare_visits_behind" in _flags(floor, "Nora Nazorg")

    _talk(floor, candidate, 1, "aftercare_visit")
    assert "aftercare_visits_behind" not in _flags(floor, "Nora Nazorg")


def test_a_visit_logged_as_a_contact_moment_counts(login_as, db, personas):
    _rules(db, personas, aftercare_visits_per_year=2)
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Vera Visite")
    _contract_done(db, candidate, days_ago=400)  # a full year: two visits due
    _moment(floor, candidate, 390, "visit", "aftercare_visit")  # older than 12 months
    _moment(floor, candidate, 100, "visit", "aftercare_visit")
    flag = _flags(floor, "Vera Visite")["aftercare_visits_behind"]
    assert "1" in flag["reason"]
    _moment(floor, candidate, 10, "visit", "aftercare_visit")
    assert "aftercare_visits_behind" not in _flags(floor, "Vera Visite")


def test_without_an_aftercare_rule_there_is_no_aftercare_flag(login_as, db, personas):
    _rules(db, personas, aftercare_visits_per_year=None)
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Rik Regelloos")
    _contract_done(db, candidate, days_ago=300)
    assert "aftercare_visits_behind" not in _flags(floor, "Rik Regelloos")


def test_evaluation_cadence_from_the_start_of_the_journey(login_as, db, personas):
    """With a cadence (Apeldoorn: every half year) the count starts with the journey; a
    progress talk held as a contact moment clears it, a plain note does not."""
    _rules(db, personas, evaluation_every_months=6)
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Eva Evaluatie")
    journey, _steps = _journey_steps(db, candidate)
    journey.started_on = local_today() - timedelta(days=150)
    db.commit()
    assert "evaluation_due" not in _flags(floor, "Eva Evaluatie")
    journey.started_on = local_today() - timedelta(days=200)
    db.commit()
    flag = _flags(floor, "Eva Evaluatie")["evaluation_due"]
    assert "6" in flag["reason"]
    _moment(floor, candidate, 1, "note", "progress_talk")  # a note is not a talk
    assert "evaluation_due" in _flags(floor, "Eva Evaluatie")
    _moment(floor, candidate, 1, "phone", "progress_talk")
    assert "evaluation_due" not in _flags(floor, "Eva Evaluatie")


def test_a_cancelled_or_planned_progress_talk_does_not_clear_it(login_as, db, personas):
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Pim Plan")
    _contract_done(db, candidate, days_ago=200)
    planned = _talk(floor, candidate, -3, "progress_talk")
    assert "evaluation_due" in _flags(floor, "Pim Plan")
    held = _talk(floor, candidate, 1, "progress_talk")
    assert floor.post(f"/api/v1/candidates/{candidate}/appointments/{held}/cancel"
                      ).status_code == 200
    assert "evaluation_due" in _flags(floor, "Pim Plan")
    assert planned


def test_the_cadence_goes_on_after_the_contract(login_as, db, personas):
    """The consultant keeps following: two years after the contract, due again half a year
    after the last talk."""
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Ali Altijd")
    _contract_done(db, candidate, days_ago=730)
    _talk(floor, candidate, 200, "progress_talk")
    assert "evaluation_due" in _flags(floor, "Ali Altijd")
    _talk(floor, candidate, 30, "progress_talk")
    assert "evaluation_due" not in _flags(floor, "Ali Altijd")


def test_a_journey_that_ended_in_a_return_has_no_cadence(login_as, db, personas):
    _rules(db, personas, aftercare_visits_per_year=2, evaluation_every_months=6)
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Tom Terug")
    _contract_done(db, candidate, days_ago=300)
    journey, _steps = _journey_steps(db, candidate)
    journey.status = JourneyStatus.returned
    db.commit()
    assert not {"evaluation_due", "aftercare_visits_behind"} & set(_flags(floor, "Tom Terug"))
