"""When a browser session ends (signed out, revoked, expired) the answer tells the browser to
forget the site's saved pages and queued writes: `Clear-Site-Data: "cache", "storage"`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.auth.models import AuthSession
from app.db import utcnow
from app.deps import SESSION_COOKIE
from app.network.models import NetworkGrant
from tests.conftest import csrf_from

CLEARED = '"cache", "storage"'


def _session_cookie_dropped(response) -> bool:
    return any(value.startswith(f"{SESSION_COOKIE}=") and "max-age=0" in value.lower()
               for value in response.headers.get_list("set-cookie"))


def test_signing_out_clears_the_site(browser_as, personas):
    guy = browser_as(personas.candidate)
    page = guy.get("/settings")
    assert "clear-site-data" not in page.headers  # a live session keeps everything
    answer = guy.post("/logout", data={"csrf_token": csrf_from(page.text)},
                      follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["clear-site-data"] == CLEARED
    assert _session_cookie_dropped(answer)


def test_signing_out_everywhere_clears_the_site(browser_as, personas):
    guy = browser_as(personas.candidate)
    page = guy.get("/settings")
    answer = guy.post("/settings/devices/sign-out-all", data={"csrf_token": csrf_from(page.text)},
                      follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["clear-site-data"] == CLEARED


def test_a_revoked_family_member_is_told_to_forget_the_pages(browser_as, login_as, personas,
                                                              db):
    marja = browser_as(personas.parent)
    steps = f"/c/{personas.candidate}/steps"
    assert marja.get(steps).status_code == 200
    grant = db.scalar(select(NetworkGrant).where(NetworkGrant.member_id == personas.parent,
                                                 NetworkGrant.revoked_at.is_(None)))
    revoked = login_as(personas.candidate).delete(
        f"/api/v1/candidates/{personas.candidate}/network/{grant.id}")
    assert revoked.status_code in (200, 204)

    # Her phone's first request once online may be a queued write, sent by the page's script
    # before she opens a page: it is refused and tells the phone to forget, like the page.
    queued = marja.post(f"/api/v1/candidates/{personas.candidate}/messages",
                        json={"body": "Nog een vraag van Marja"})
    assert queued.status_code == 403 and queued.json()["code"] == "access_ended"
    assert queued.headers["clear-site-data"] == CLEARED
    # The dead cookie stays (it grants nothing), so every page she opens still says why.
    for answer in (queued, marja.get(steps), marja.get(steps)):
        assert answer.headers["clear-site-data"] == CLEARED
        assert not _session_cookie_dropped(answer)
    answer = marja.get(steps)
    assert answer.status_code == 403
    assert "Guy heeft besloten dat je niet meer meekijkt." in answer.text
    assert "Mijn stappen" not in answer.text and "Guy Visser" not in answer.text
    # The API says it too, for a page's script that still holds the old cookie.
    api = marja.get("/api/v1/me")
    assert api.status_code == 403 and api.headers["clear-site-data"] == CLEARED


def test_a_revoked_session_of_someone_still_granted_is_dropped(browser_as, personas, db):
    """Only the access-ended explanation keeps a dead cookie: a session revoked for any other
    reason (here "sign out everywhere" while still looking along) is dropped at once."""
    marja = browser_as(personas.parent)
    for auth_session in db.scalars(select(AuthSession).where(
            AuthSession.person_id == personas.parent, AuthSession.revoked_at.is_(None))):
        auth_session.revoked_at = utcnow()
    db.commit()
    answer = marja.get(f"/c/{personas.candidate}/steps", follow_redirects=False)
    assert answer.headers["clear-site-data"] == CLEARED
    assert _session_cookie_dropped(answer)


def test_an_expired_session_cookie_is_cleared_once(browser_as, personas, db):
    guy = browser_as(personas.candidate)
    token = guy.cookies.get(SESSION_COOKIE)
    for auth_session in db.scalars(select(AuthSession).where(
            AuthSession.person_id == personas.candidate, AuthSession.revoked_at.is_(None))):
        auth_session.expires_at = utcnow() - timedelta(minutes=1)
    db.commit()
    answer = guy.get(f"/c/{personas.candidate}", follow_redirects=False)
    assert answer.headers["clear-site-data"] == CLEARED
    assert _session_cookie_dropped(answer)
    # Once the browser dropped the cookie, pages are simply anonymous: nothing more to clear.
    guy.cookies.clear()
    assert token and "clear-site-data" not in guy.get("/login").headers


def test_no_clearing_for_visitors_without_a_session(client):
    assert "clear-site-data" not in client.get("/login").headers
    assert "clear-site-data" not in client.get("/api/v1/me").headers
