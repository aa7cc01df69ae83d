"""Every caseload warning: it appears when its situation arises, with a reason and an action,
and it goes away when the consultant has done what it asks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from app.clock import local_today
from app.journeys.models import Journey, JourneyStep, StepState
from app.people.models import Person
from app.route_templates.models import RouteTemplate, StepKind


def _new_candidate(floor, db, personas, name: str) -> int:
    organisation = db.get(Person, personas.consultant).organisation_id
    route = db.scalar(select(RouteTemplate.id).where(
        RouteTemplate.key == "almere", RouteTemplate.organisation_id == organisation))
    response = floor.post("/api/v1/candidates",
                          json={"display_name": name, "route_template_id": route})
    assert response.status_code == 201
    return response.json()["id"]


def _flags(floor, name: str) -> dict[str, dict]:
    items = floor.get("/api/v1/caseload", params={"q": name}).json()["items"]
    assert len(items) == 1
    for flag in items[0]["flags"]:
        assert flag["reason"] and flag["action"], flag  # every warning says why and what to do
    return {flag["code"]: flag for flag in items[0]["flags"]}


def _journey_steps(db, candidate: int) -> tuple[Journey, list[JourneyStep]]:
    journey = db.scalar(select(Journey).where(Journey.candidate_id == candidate))
    steps = list(db.scalars(select(JourneyStep).where(JourneyStep.journey_id == journey.id)
                            .order_by(JourneyStep.position)))
    return journey, steps


def _guarantee(floor, candidate: int, valid_until: date):
    response = floor.post(f"/api/v1/candidates/{candidate}/guarantee", json={
        "provider_name": "De Schakel", "indication_valid_until": valid_until.isoformat(),
        "income_consequences": "Je krijgt weer je uitkering.", "arranged_by": "Floor"})
    assert response.status_code == 201, response.text


def test_a_new_candidate_lacks_a_guarantee_and_a_network(login_as, db, personas):
    floor = login_as(personas.consultant)
    _new_candidate(floor, db, personas, "Nina Nieuw")
    flags = _flags(floor, "Nina Nieuw")
    assert {"guarantee_missing", "network_never_invited"} <= set(flags)
    assert not {"step_overdue", "no_contact", "appointment_soon"} & set(flags)


def test_step_overdue_and_no_contact_then_cleared(login_as, db, personas):
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Otto Over")
    journey, steps = _journey_steps(db, candidate)
    current = next(s for s in steps if s.state is StepState.current)
    late = max((current.expected_duration_days or 10) + 3, 30)  # no contact counts from 28
    current.actual_start = local_today() - timedelta(days=late)
    journey.started_on = local_today() - timedelta(days=late)
    db.commit()
    flags = _flags(floor, "Otto Over")
    # The reasons give the numbers.
    assert str(late) in flags["step_overdue"]["reason"]
    assert str(late) in flags["no_contact"]["reason"]

    # An update is contact: that warning goes; the step is still late.
    assert floor.post(f"/api/v1/candidates/{candidate}/updates",
                      json={"body": "Hoe gaat het, Otto?"}).status_code == 201
    flags = _flags(floor, "Otto Over")
    assert "no_contact" not in flags and "step_overdue" in flags


def test_appointment_within_three_days(login_as, db, personas):
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Anna Afspraak")

    def plan(days: int) -> None:
        start = datetime.now(UTC) + timedelta(days=days)
        assert floor.post(f"/api/v1/candidates/{candidate}/appointments", json={
            "title": "Gesprek", "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat()}).status_code == 201

    plan(5)
    assert "appointment_soon" not in _flags(floor, "Anna Afspraak")
    plan(2)
    assert "appointment_soon" in _flags(floor, "Anna Afspraak")


def test_guarantee_expiring_within_eight_weeks_then_renewed(login_as, db, personas):
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Gert Garantie")
    _guarantee(floor, candidate, local_today() + timedelta(weeks=7))
    flags = _flags(floor, "Gert Garantie")
    assert "guarantee_expiring" in flags and "guarantee_missing" not in flags
    _guarantee(floor, candidate, local_today() + timedelta(weeks=52))
    assert not {"guarantee_expiring", "guarantee_missing"} & set(_flags(floor, "Gert Garantie"))


def test_evaluation_due_half_a_year_after_the_contract(login_as, db, personas):
    floor = login_as(personas.consultant)
    candidate = _new_candidate(floor, db, personas, "Piet Praat")
    _journey, steps = _journey_steps(db, candidate)
    contract = next(s for s in steps if s.kind is StepKind.contract)
    contract.state = StepState.done
    contract.actual_end = local_today() - timedelta(days=60)
    db.commit()
    assert "evaluation_due" not in _flags(floor, "Piet Praat")
    contract.actual_end = local_today() - timedelta(days=200)
    db.commit()
    assert "evaluation_due" in _flags(floor, "Piet Praat")

    # A coffee is not a progress talk: the flag stays.
    talk = datetime.now(UTC) - timedelta(days=1)
    assert floor.post(f"/api/v1/candidates/{candidate}/appointments", json={
        "title": "Koffie", "starts_at": talk.isoformat(),
        "ends_at": (talk + timedelta(hours=1)).isoformat()}).status_code == 201
    assert "evaluation_due" in _flags(floor, "Piet Praat")

    # A progress talk held clears it.
    assert floor.post(f"/api/v1/candidates/{candidate}/appointments", json={
        "title": "Voortgangsgesprek", "purpose_code": "progress_talk",
        "starts_at": talk.isoformat(),
        "ends_at": (talk + timedelta(hours=1)).isoformat()}).status_code == 201
    assert "evaluation_due" not in _flags(floor, "Piet Praat")


def test_a_candidate_with_a_network_is_not_flagged_for_it(login_as, personas):
    rows = login_as(personas.consultant).get("/api/v1/caseload", params={"q": "Guy"}).json()
    assert "network_never_invited" not in {f["code"] for f in rows["items"][0]["flags"]}
