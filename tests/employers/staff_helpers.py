"""Arranging employers, contact people and Guy's steps for the staff-side employer tests."""

from __future__ import annotations

from sqlalchemy import select

from app.journeys.models import Journey, JourneyStep
from app.route_templates.models import StepKind

EMPLOYER = {"name": "De Maaltijdfabriek", "kind": "social_firm",
            "street_address": "Havenweg 4", "postcode": "1311 AB", "city": "Almere"}
TIM = {"display_name": "Tim de Wit", "job_title": "bedrijfsleider",
       "email": "tim@maaltijdfabriek.test", "phone": "036 123 45 67"}


def guy_step(db, candidate_id: int, kind: StepKind) -> JourneyStep:
    return db.scalar(select(JourneyStep).join(Journey, Journey.id == JourneyStep.journey_id)
                     .where(Journey.candidate_id == candidate_id, JourneyStep.kind == kind))


def new_employer(client, **fields) -> dict:
    response = client.post("/api/v1/employers", json={**EMPLOYER, **fields})
    assert response.status_code == 201, response.text
    return response.json()


def new_contact(client, employer_id: int, **fields) -> dict:
    response = client.post(f"/api/v1/employers/{employer_id}/contacts", json={**TIM, **fields})
    assert response.status_code == 201, response.text
    return response.json()


def new_candidate(floor, db, organisation_id: int, name: str) -> int:
    """A candidate of Floor's on Almere's route (tests that must not meet the demo's own
    placement of Guy use one)."""
    from app.route_templates.models import RouteTemplate

    route = db.scalar(select(RouteTemplate.id).where(
        RouteTemplate.key == "almere", RouteTemplate.organisation_id == organisation_id))
    response = floor.post("/api/v1/candidates",
                          json={"display_name": name, "route_template_id": route})
    assert response.status_code == 201, response.text
    return response.json()["id"]
