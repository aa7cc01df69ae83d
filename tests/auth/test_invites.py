"""One-time invites for candidates and network members: single use, expiring, not guessable."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from starlette.testclient import TestClient

from app.auth.models import Invite
from app.auth.security import normalise_code
from app.clock import frozen
from app.db import utcnow


def _new_invite(login_as, personas):
    floor = login_as(personas.consultant)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/device-invites")
    assert response.status_code == 201
    return response.json()


def test_invite_link_has_at_least_128_bits_and_a_short_code(login_as, personas):
    invite = _new_invite(login_as, personas)
    token = invite["link"].rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert len(normalise_code(invite["code"])) == 10
    assert invite["qr_svg"].startswith("<svg")


def test_redeeming_by_link_signs_the_candidate_in_once(client, login_as, personas):
    token = _new_invite(login_as, personas)["link"].rsplit("/", 1)[1]
    first = client.post("/api/v1/auth/invites/redeem", json={"token": token})
    assert first.status_code == 200 and first.json()["person_id"] == personas.candidate
    second = client.post("/api/v1/auth/invites/redeem", json={"token": token})
    assert second.status_code == 401
    assert second.json()["code"] == "invite_no_longer_valid"


def test_redeeming_by_code_ignores_case_and_dashes(client, login_as, personas):
    code = _new_invite(login_as, personas)["code"]
    typed = code.lower().replace("-", " ")
    response = client.post("/api/v1/auth/invites/redeem", json={"code": typed})
    assert response.status_code == 200 and response.json()["role"] == "candidate"


def test_expired_invite_is_refused(client, login_as, personas, db):
    invite = _new_invite(login_as, personas)
    stored = db.scalar(select(Invite).order_by(Invite.id.desc()))
    stored.expires_at = utcnow() - timedelta(minutes=1)
    db.commit()
    response = client.post("/api/v1/auth/invites/redeem", json={"code": invite["code"]})
    assert response.status_code == 401 and response.json()["code"] == "invite_no_longer_valid"


def test_a_new_invite_replaces_the_old_one(client, login_as, personas):
    old = _new_invite(login_as, personas)
    _new_invite(login_as, personas)
    response = client.post("/api/v1/auth/invites/redeem", json={"code": old["code"]})
    assert response.status_code == 401


def test_wrong_codes_never_burn_the_code(test_app, client, login_as, personas, settings):
    """Strangers' wrong guesses (even ones sharing the code's first letters) leave the invite
    alone: only the guessing clients are held back."""
    code = normalise_code(_new_invite(login_as, personas)["code"])
    wrong = code[:4] + ("A" if code[4] != "A" else "B") + code[5:]
    for number in range(settings.device_max_failures * 3):
        with TestClient(test_app, client=(f"198.51.100.{number}", 4000)) as stranger:
            response = stranger.post("/api/v1/auth/invites/redeem", json={"code": wrong})
        assert response.status_code == 401 and response.json()["code"] == "invite_invalid"
    response = client.post("/api/v1/auth/invites/redeem", json={"code": code})
    assert response.status_code == 200 and response.json()["person_id"] == personas.candidate


def test_brute_force_from_one_client_is_limited(client, settings):
    with frozen(utcnow()):
        for number in range(settings.client_max_failures):
            response = client.post(
                "/api/v1/auth/invites/redeem", json={"code": f"ZZZZ-ZZZ-{number:03d}"}
            )
            assert response.status_code == 401
        blocked = client.post("/api/v1/auth/invites/redeem", json={"code": "ZZZZ-ZZZ-ZZZ"})
    assert blocked.status_code == 429
    assert blocked.headers["Retry-After"] == str(settings.backoff_first_seconds)


def test_token_and_code_together_or_neither_is_a_clear_error(client):
    neither = client.post("/api/v1/auth/invites/redeem", json={})
    assert neither.status_code == 422
    assert neither.json()["invalid_params"][0]["name"] == "code"


def test_network_invite_signs_in_with_only_the_chosen_areas(client, login_as, personas):
    guy = login_as(personas.candidate)
    created = guy.post(f"/api/v1/candidates/{personas.candidate}/network",
                       json={"display_name": "Papa", "relation": "vader",
                             "areas": ["steps", "guarantee"]})
    assert created.status_code == 201
    assert created.json()["grant"]["consent_method"] == "in_app"
    token = created.json()["invite"]["link"].rsplit("/", 1)[1]
    signed_in = client.post("/api/v1/auth/invites/redeem", json={"token": token})
    assert signed_in.status_code == 200 and signed_in.json()["role"] == "network"
    papa = login_as(None)
    papa.headers["Authorization"] = f"Bearer {signed_in.json()['access_token']}"
    me = papa.get("/api/v1/me").json()
    assert me["looking_along"] == [{"candidate_id": personas.candidate,
                                   "display_name": "Guy Visser",
                                   "areas": ["guarantee", "steps"]}]
    profile = papa.get(f"/api/v1/candidates/{personas.candidate}").json()
    assert profile["phone"] is None  # contact details are not for the network
    assert set(profile["your_areas"]) == {"profile", "steps", "records", "guarantee"}
