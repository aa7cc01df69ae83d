"""The network: consent recorded, areas respected, changes versioned, revocation immediate."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.network.models import NetworkGrant
from app.people.models import Person


def _redeem(client, link):
    response = client.post("/api/v1/auth/invites/redeem", json={"token": link.rsplit("/", 1)[1]})
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_candidate_invites_revokes_and_the_member_loses_access_at_once(client, login_as, personas):
    guy = login_as(personas.candidate)
    created = guy.post(f"/api/v1/candidates/{personas.candidate}/network",
                       json={"display_name": "Mama", "relation": "moeder",
                             "areas": ["steps", "guarantee"]}).json()
    headers = _redeem(client, created["invite"]["link"])
    journey = client.get(f"/api/v1/candidates/{personas.candidate}/journey", headers=headers)
    assert journey.status_code == 200
    # Only the consented areas: the access log is not one of them.
    log = client.get(f"/api/v1/candidates/{personas.candidate}/access-log", headers=headers)
    assert log.status_code == 404
    revoked = guy.delete(
        f"/api/v1/candidates/{personas.candidate}/network/{created['grant']['id']}"
    )
    assert revoked.status_code == 204
    assert client.get(f"/api/v1/candidates/{personas.candidate}/journey",
                      headers=headers).status_code == 401
    listed = guy.get(f"/api/v1/candidates/{personas.candidate}/network").json()
    mama = next(g for g in listed if g["id"] == created["grant"]["id"])
    assert mama["revoked_at"] is not None


def test_consultant_must_record_how_the_candidate_agreed(login_as, personas, db):
    floor = login_as(personas.consultant)
    before = db.scalar(select(func.count()).select_from(NetworkGrant))
    people_before = db.scalar(select(func.count()).select_from(Person))
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/network",
                          json={"display_name": "Oom Piet", "areas": ["money"]})
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "consent_method"
    assert db.scalar(select(func.count()).select_from(NetworkGrant)) == before
    assert db.scalar(select(func.count()).select_from(Person)) == people_before
    ok = floor.post(f"/api/v1/candidates/{personas.candidate}/network",
                    json={"display_name": "Oom Piet", "areas": ["money"],
                          "consent_method": "in_writing"})
    assert ok.status_code == 201
    grant = ok.json()["grant"]
    assert grant["consent_method"] == "in_writing"
    assert grant["consent_by_id"] == personas.candidate


def test_changing_areas_needs_the_current_version(login_as, personas, db):
    guy = login_as(personas.candidate)
    grant_id = db.scalar(select(NetworkGrant.id).where(NetworkGrant.member_id == personas.parent))
    url = f"/api/v1/candidates/{personas.candidate}/network/{grant_id}"
    missing = guy.patch(url, json={"areas": ["steps"]})
    assert missing.status_code == 428
    first = guy.patch(url, json={"areas": ["steps", "money"]}, headers={"If-Match": 'W/"1"'})
    assert first.status_code == 200 and first.headers["ETag"] == 'W/"2"'
    assert first.json()["areas"] == ["steps", "money"]
    stale = guy.patch(url, json={"areas": ["steps"]}, headers={"If-Match": 'W/"1"'})
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale_version" and stale.json()["current_version"] == 2
    marja = login_as(personas.parent)
    assert marja.get(f"/api/v1/candidates/{personas.candidate}/journey").status_code == 200


@pytest.mark.parametrize("body", [
    {"display_name": "", "areas": ["steps"]},
    {"display_name": "X", "areas": []},
    {"display_name": "X", "areas": ["health"]},
    {"display_name": "X" * 121, "areas": ["steps"]},
    {"display_name": "X", "areas": ["steps"], "role": "admin"},
])
def test_bad_invites_store_nothing(body, login_as, personas, db):
    before = db.scalar(select(func.count()).select_from(Person))
    response = login_as(personas.candidate).post(
        f"/api/v1/candidates/{personas.candidate}/network", json=body)
    assert response.status_code == 422
    assert response.json()["invalid_params"]
    assert db.scalar(select(func.count()).select_from(Person)) == before
