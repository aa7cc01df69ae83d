"""GET /api/v1/team: refusals first, then each caller gets their own organisation's numbers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.people.models import Person
from tests.access import NOT_STAFF, STAFF
from tests.team.test_service import QueryCounter, _seed_many


def test_anonymous_must_sign_in(login_as):
    response = login_as(None).get("/api/v1/team")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("caller", NOT_STAFF)
def test_candidates_and_their_network_may_not(caller, callers, login_as):
    response = login_as(callers[caller]).get("/api/v1/team")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


ORGANISATION = {"consultant": "almere", "backup_consultant": "almere", "colleague": "almere",
                "admin": "almere", "other_consultant": "amsterdam", "other_admin": "amsterdam"}


@pytest.mark.parametrize("caller", STAFF)
def test_staff_get_their_own_organisations_numbers(caller, callers, login_as, team_data, db,
                                                   personas):
    organisation = team_data.organisation(ORGANISATION[caller])
    route = team_data.route(organisation.id, key="api-test")
    team_data.candidate(route, at="try-out", days_in_step=60, name="Stil Staand")
    body = login_as(callers[caller]).get("/api/v1/team").json()
    assert body["organisation_id"] == organisation.id
    assert body["organisation_name"] == organisation.name
    test_route = next(r for r in body["routes"] if r["key"] == "api-test")
    assert test_route["candidates_now"] == 1
    assert body["stalled_in_organisation"] == 1
    # Nobody's caseload: only the admin sees the name.
    assert [s["candidate_name"] for s in body["stalled"]] == (
        ["Stil Staand"] if caller.endswith("admin") else [])
    own_ids = set(db.scalars(select(Person.id).where(Person.organisation_id == organisation.id)))
    assert {row["consultant_id"] for row in body["caseloads"]} <= own_ids
    assert set(body["this_year"]) == {"year", "switches_completed", "returns_to_day_activities"}


def test_almere_numbers_never_include_amsterdams_candidates(login_as, personas, team_data, db):
    amsterdam = team_data.organisation("amsterdam")
    almere_before = login_as(personas.admin).get("/api/v1/team").json()
    route = team_data.route(amsterdam.id, key="amsterdam-only")
    for _ in range(4):
        team_data.candidate(route, at="try-out", days_in_step=60,
                            primary_id=personas.other_consultant)
    almere_after = login_as(personas.admin).get("/api/v1/team").json()
    assert almere_after == almere_before
    amsterdam_body = login_as(personas.other_consultant).get("/api/v1/team").json()
    assert next(r for r in amsterdam_body["routes"]
                if r["key"] == "amsterdam-only")["candidates_now"] == 4
    assert len(amsterdam_body["stalled"]) == 4
    names = {s["candidate_name"] for s in amsterdam_body["stalled"]}
    assert "Guy Visser" not in names
    assert all(r["key"] != "almere" for r in amsterdam_body["routes"])


def test_a_stalled_step_in_english(login_as, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id, key="english")
    team_data.candidate(route, at="intake", days_in_step=25, name="Eva English",
                        primary_id=personas.consultant)
    body = login_as(personas.consultant, **{"Accept-Language": "en-GB"}).get("/api/v1/team").json()
    eva = next(s for s in body["stalled"] if s["candidate_name"] == "Eva English")
    assert eva["step_title"] == "Getting to know you"
    assert eva["route_name"] == "Test route english"
    assert eva["contact_name"] == "Floor de Vries"
    assert eva["expected_days"] == 10 and eva["days_in_step"] >= 24
    assert body["caseload_limit"] == 50


def test_the_endpoint_uses_a_fixed_number_of_queries(login_as, personas, team_data, connection):
    route = team_data.route(team_data.organisation("almere").id)
    client = login_as(personas.admin)
    counts = []
    for extra in (5, 50):
        _seed_many(team_data, route, extra, personas)
        with QueryCounter(connection) as counter:
            response = client.get("/api/v1/team")
        assert response.status_code == 200 and response.json()["stalled"]
        counts.append(counter.count)
    assert counts[0] == counts[1]
