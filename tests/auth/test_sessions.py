"""Devices: a person sees and signs out their own devices; cookies are safe by default."""

from __future__ import annotations

from app.deps import SESSION_COOKIE


def test_list_and_sign_out_one_of_my_devices(login_as, personas):
    phone = login_as(personas.candidate)
    tablet = login_as(personas.candidate)
    sessions = phone.get("/api/v1/me/sessions").json()
    assert len(sessions) >= 2
    assert sum(1 for s in sessions if s["current"]) == 1
    tablet_id = next(s["id"] for s in tablet.get("/api/v1/me/sessions").json() if s["current"])
    assert phone.delete(f"/api/v1/me/sessions/{tablet_id}").status_code == 204
    assert tablet.get("/api/v1/me").status_code == 401
    assert phone.get("/api/v1/me").status_code == 200


def test_sign_out_everywhere(login_as, personas):
    phone = login_as(personas.candidate)
    tablet = login_as(personas.candidate)
    assert phone.post("/api/v1/me/sessions/revoke-all").status_code == 204
    assert phone.get("/api/v1/me").status_code == 401
    assert tablet.get("/api/v1/me").status_code == 401


def _enrol_browser(client, login_as, personas):
    floor = login_as(personas.consultant)
    token = floor.post(f"/api/v1/candidates/{personas.candidate}/device-invites").json()["link"]
    token = token.rsplit("/", 1)[1]
    page = client.get(f"/i/{token}")
    assert page.status_code == 200 and "Guy Visser" in page.text
    response = client.post(f"/i/{token}", follow_redirects=False)
    assert response.status_code == 303
    return response


def test_opening_the_link_alone_does_not_use_it(client, login_as, personas):
    floor = login_as(personas.consultant)
    link = floor.post(f"/api/v1/candidates/{personas.candidate}/device-invites").json()["link"]
    token = link.rsplit("/", 1)[1]
    for _ in range(3):  # link previews, virus scanners, the person opening it twice
        assert client.get(f"/i/{token}").status_code == 200
    assert client.post(f"/i/{token}", follow_redirects=False).status_code == 303


def test_browser_session_cookie_is_httponly_samesite_and_long_lived(client, login_as, personas):
    response = _enrol_browser(client, login_as, personas)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Max-Age=15552000" in cookie  # 180 days: no password to remember
    # On plain-http localhost the cookie cannot be Secure; on https it must be (below).
    assert "Secure" not in cookie


def test_cookie_is_secure_on_https(settings, session_factory, login_as, personas):
    from fastapi.testclient import TestClient

    from app.main import create_app
    from tests.conftest import make_settings

    https_app = create_app(make_settings(settings.database_url, base_url="https://stapwijzer.example"),
                           session_factory=session_factory)
    with TestClient(https_app, base_url="https://stapwijzer.example") as https_client:
        response = _enrol_browser(https_client, login_as, personas)
        assert "Secure" in response.headers["set-cookie"]
        home = https_client.get("/")
        assert home.headers["Strict-Transport-Security"].startswith("max-age=")


def test_cookie_writes_need_the_csrf_token(client, login_as, personas):
    _enrol_browser(client, login_as, personas)
    assert client.get("/api/v1/me").status_code == 200
    body = {"display_name": "Oma", "areas": ["steps"]}
    url = f"/api/v1/candidates/{personas.candidate}/network"
    refused = client.post(url, json=body)
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    page = client.get("/settings")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    allowed = client.post(url, json=body, headers={"X-CSRF-Token": token})
    assert allowed.status_code == 201


def test_signing_out_in_the_browser_ends_the_session(client, login_as, personas):
    _enrol_browser(client, login_as, personas)
    page = client.get("/settings")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    without_token = client.post("/logout", follow_redirects=False)
    assert without_token.status_code == 403
    response = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/signed-out"
    assert client.get("/api/v1/me").status_code == 401


def test_cross_site_posts_to_sign_in_forms_are_refused(client):
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}):
        response = client.post("/code", data={"code": "AAAA-BBB-CCC"}, headers=headers)
        assert response.status_code == 403
    # A same-origin form post (Origin: null under no-referrer) is fine: the code is just wrong.
    ok = client.post("/code", data={"code": "AAAA-BBB-CCC"},
                     headers={"Sec-Fetch-Site": "same-origin", "Origin": "null"})
    assert ok.status_code == 401
