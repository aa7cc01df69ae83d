"""Helpers for journey tests on any shipped route: a consultant of the route's organisation
(the demo seed creates every shipped organisation) and a candidate taken on through the API."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import local_today
from app.organisations.models import Organisation
from app.people.service import create_staff_member
from app.route_templates.models import RouteTemplate


def consultant_of(db, key: str) -> tuple[int, int]:
    """(consultant id, route template id) of the shipped route `key`'s organisation."""
    organisation = db.scalar(select(Organisation).where(Organisation.slug == key))
    route = db.scalar(select(RouteTemplate.id).where(
        RouteTemplate.organisation_id == organisation.id, RouteTemplate.key == key))
    consultant = create_staff_member(
        db, organisation_id=organisation.id, display_name=f"Consulent {key}",
        email=f"consulent@{key}.test", password="x" * 16)
    db.commit()
    return consultant.id, route


def take_on(client, route_id: int, name: str = "Tim Test") -> int:
    """A new candidate on the route (the journey starts at its first step); returns the id."""
    response = client.post("/api/v1/candidates", json={
        "display_name": name, "route_template_id": route_id})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def write_guarantee(client, candidate_id: int) -> None:
    response = client.post(f"/api/v1/candidates/{candidate_id}/guarantee", json={
        "provider_name": "De Werkplaats", "indication_valid_until": str(
            local_today() + timedelta(days=5 * 365)),
        "income_consequences": "Je krijgt weer een uitkering.", "arranged_by": "Consulent"})
    assert response.status_code == 201, response.text


def journey(client, candidate_id: int) -> dict:
    response = client.get(f"/api/v1/candidates/{candidate_id}/journey")
    assert response.status_code == 200, response.text
    return response.json()


def step(journey_data: dict, key: str) -> dict:
    return next(s for s in journey_data["steps"] if s["key"] == key)


def make_current(client, candidate_id: int, key: str, **extra) -> dict:
    """Make the step with `key` current (the journey read fresh for its version)."""
    target = step(journey(client, candidate_id), key)
    response = client.patch(
        f"/api/v1/candidates/{candidate_id}/journey/steps/{target['id']}",
        json={"state": "current", **extra}, headers={"If-Match": f'W/"{target["version"]}"'})
    assert response.status_code == 200, response.text
    return journey(client, candidate_id)


def states(journey_data: dict) -> dict[str, str]:
    return {s["key"]: s["state"] for s in journey_data["steps"]}
