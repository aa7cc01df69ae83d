"""The seed rules of the case file, cover, aftercare and evaluations (seed-rules.md), one test
per rule row, each shown working through the API (and the pages where the candidate reads it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.clock import local_today
from app.contacts.models import Absence, ContactAssignment
from app.guarantees.service import add_months
from app.journeys.models import Journey, JourneyStep, StepState
from app.organisations.models import Organisation
from app.people.models import Person
from app.people.service import create_staff_member
from app.route_templates.models import RouteTemplate, StepKind
from tests.conftest import PASSWORD


def _consultant_in(db, slug: str) -> int:
    organisation = db.scalar(select(Organisation).where(Organisation.slug == slug))
    person = create_staff_member(db, organisation_id=organisation.id,
                                 display_name=f"Consulent {slug}", email=f"consulent@{slug}.test",
                                 password=PASSWORD)
    db.commit()
    return person.id


def _candidate(client, db, organisation_slug: str, name: str) -> int:
    route = db.scalar(select(RouteTemplate.id).join(
        Organisation, Organisation.id == RouteTemplate.organisation_id).where(
        Organisation.slug == organisation_slug, RouteTemplate.key == organisation_slug))
    response = client.post("/api/v1/candidates",
                           json={"display_name": name, "route_template_id": route})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _steps(db, candidate: int) -> tuple[Journey, list[JourneyStep]]:
    db.expire_all()
    journey = db.scalar(select(Journey).where(Journey.candidate_id == candidate))
    return journey, list(db.scalars(select(JourneyStep).where(
        JourneyStep.journey_id == journey.id).order_by(JourneyStep.position)))


def _contract_done(db, candidate: int, days_ago: int) -> None:
    _journey, steps = _steps(db, candidate)
    contract = next(s for s in steps if s.kind is StepKind.contract)
    contract.state, contract.actual_end = StepState.done, local_today() - timedelta(days=days_ago)
    db.commit()


def _flags(client, name: str) -> set[str]:
    items = client.get("/api/v1/caseload", params={"q": name}).json()["items"]
    assert len(items) == 1
    return {flag["code"] for flag in items[0]["flags"]}


def _talk(client, candidate: int, days_ago: float, purpose: str, title: str) -> dict:
    start = datetime.now(UTC) - timedelta(days=days_ago)
    response = client.post(f"/api/v1/candidates/{candidate}/appointments", json={
        "title": title, "purpose_code": purpose, "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat()})
    assert response.status_code == 201, response.text
    return response.json()


def test_desired_journey_the_consultant_goes_along_to_the_uwv_interview(
        personas, login_as, browser_as):
    """"de consulent gaat mee naar het gesprek": the UWV interview is planned with that purpose,
    and Guy reads in plain words that his consultant goes with him."""
    floor = login_as(personas.consultant)
    planned = _talk(floor, personas.candidate, -7, "uwv_interview", "Gesprek bij UWV")
    guy = login_as(personas.candidate, **{"Accept-Language": "nl"})
    seen = guy.get(f"/api/v1/candidates/{personas.candidate}/appointments/{planned['id']}").json()
    assert seen["purpose_code"] == "uwv_interview"
    assert seen["purpose_text"] == "Je consulent gaat mee naar het gesprek."
    page = browser_as(personas.candidate).get(
        f"/c/{personas.candidate}/appointments/{planned['id']}")
    assert "Je consulent gaat mee naar het gesprek." in page.text
    # Planned as his next appointment, his home page says it on the appointment card too.
    _talk(floor, personas.candidate, -0.1, "uwv_interview", "Gesprek bij UWV morgen")
    home = browser_as(personas.candidate).get(f"/c/{personas.candidate}").text
    card = home.split('id="appointment-title"')[1].split("</section>")[0]
    assert "Gesprek bij UWV morgen" in card
    assert "Je consulent gaat mee naar het gesprek." in card


def test_desired_journey_progress_talk_after_half_a_year(personas, login_as, db):
    """"na ½ jaar": half a year after the contract a progress talk is due; a coffee does not
    clear it, a progress talk held does."""
    floor = login_as(personas.consultant)
    candidate = _candidate(floor, db, "almere", "Hanna Halfjaar")
    _contract_done(db, candidate, days_ago=150)
    assert "evaluation_due" not in _flags(floor, "Hanna Halfjaar")
    _contract_done(db, candidate, days_ago=190)
    assert "evaluation_due" in _flags(floor, "Hanna Halfjaar")
    _talk(floor, candidate, 1, "other", "Koffie")
    assert "evaluation_due" in _flags(floor, "Hanna Halfjaar")
    _talk(floor, candidate, 1, "progress_talk", "Voortgangsgesprek")
    assert "evaluation_due" not in _flags(floor, "Hanna Halfjaar")


def test_desired_journey_one_fixed_contact_with_a_backup(personas, login_as, db):
    """"vast contactpersoon", "achtervang": every new candidate gets one contact person and her
    usual backup; when she is away the backup's caseload says whom she covers, and the
    candidate reaches the backup."""
    floor = login_as(personas.consultant)
    assert floor.put(f"/api/v1/consultants/{personas.consultant}/default-backup",
                     json={"backup_id": personas.backup_consultant}).status_code == 200
    candidate = _candidate(floor, db, "almere", "Vince Vast")
    db.expire_all()
    assignment = db.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate))
    assert (assignment.primary_id, assignment.backup_id) == (personas.consultant,
                                                             personas.backup_consultant)
    until = local_today() + timedelta(days=4)
    assert login_as(personas.admin).post(
        f"/api/v1/consultants/{personas.consultant}/absences",
        json={"starts_on": local_today().isoformat(), "ends_on": until.isoformat()},
    ).status_code == 201
    row = login_as(personas.backup_consultant).get(
        "/api/v1/caseload", params={"q": "Vince"}).json()["items"][0]
    assert (row["covering_for"], row["covering_until"]) == ("Floor de Vries", until.isoformat())
    assert db.scalar(select(Absence.id).where(Absence.consultant_id == personas.consultant))


def test_almere_at_least_two_aftercare_visits_a_year(personas, login_as, db):
    """"minimaal twee keer per jaar": a year into aftercare with one visit, Almere's flag says
    a visit is missing; a second visit held clears it."""
    floor = login_as(personas.consultant)
    candidate = _candidate(floor, db, "almere", "Aart Nazorg")
    _contract_done(db, candidate, days_ago=380)
    _talk(floor, candidate, 200, "aftercare_visit", "Bezoek op het werk")
    _talk(floor, candidate, 20, "other", "Koffie")
    assert "aftercare_visits_behind" in _flags(floor, "Aart Nazorg")
    _talk(floor, candidate, 10, "aftercare_visit", "Bezoek op het werk")
    assert "aftercare_visits_behind" not in _flags(floor, "Aart Nazorg")


def test_amsterdam_the_consultant_keeps_following_for_two_or_three_years(personas, login_as, db):
    """"twee of drie jaar": long after the contract the evaluations go on; each one held starts
    the next half year."""
    ravi = login_as(personas.other_consultant)
    candidate = _candidate(ravi, db, "amsterdam", "Amir Lang")
    _contract_done(db, candidate, days_ago=700)
    _talk(ravi, candidate, 400, "progress_talk", "Evaluatie")
    assert "evaluation_due" in _flags(ravi, "Amir Lang")
    _talk(ravi, candidate, 10, "progress_talk", "Evaluatie")
    assert "evaluation_due" not in _flags(ravi, "Amir Lang")


def test_apeldoorn_a_progress_talk_every_half_year(personas, login_as, db):
    """"halfjaar", "voortgangsgesprek": in Apeldoorn's trajectories a progress talk is due half
    a year after the start (no contract needed), and every half year after the last one."""
    client = login_as(_consultant_in(db, "apeldoorn"))
    candidate = _candidate(client, db, "apeldoorn", "Bram Trede")
    journey, _steps_ = _steps(db, candidate)
    journey.started_on = add_months(local_today(), -6)
    db.commit()
    assert "evaluation_due" in _flags(client, "Bram Trede")
    response = client.post(f"/api/v1/candidates/{candidate}/case-notes", json={
        "kind": "visit", "purpose_code": "progress_talk", "with_role": "care_provider",
        "with_whom": "Werkt mee", "body": "Voortgangsgesprek: doelen gehaald.",
        "happened_at": (datetime.now(UTC) - timedelta(days=1)).isoformat()})
    assert response.status_code == 201
    assert "evaluation_due" not in _flags(client, "Bram Trede")


def test_oss_no_long_indications_up_to_27(personas, login_as, db):
    """"tot en met 27 jaar": a 27-year-old in Oss gets no indication longer than 12 months; a
    longer one is refused (422) and nothing is stored."""
    client = login_as(_consultant_in(db, "oss"), **{"Accept-Language": "nl"})
    candidate = _candidate(client, db, "oss", "Jesse Oss")
    person = db.get(Person, candidate)
    person.date_of_birth = add_months(local_today(), -12 * 27) - timedelta(days=30)
    db.commit()
    body = {"provider_name": "De Kans", "income_consequences": "Je krijgt weer je uitkering.",
            "arranged_by": "Consulent"}
    refused = client.post(f"/api/v1/candidates/{candidate}/guarantee", json={
        **body, "indication_valid_until": add_months(local_today(), 36).isoformat()})
    assert refused.status_code == 422
    assert refused.json()["invalid_params"][0]["code"] == "youth_indication_too_long"
    accepted = client.post(f"/api/v1/candidates/{candidate}/guarantee", json={
        **body, "indication_valid_until": add_months(local_today(), 12).isoformat()})
    assert accepted.status_code == 201
    assert accepted.json()["number"] == 1  # the refused one was never stored
