"""The settings page: notifications explained before the button that asks the browser, and
the choices (channels, reminders, quiet hours) for candidates, their network and staff."""

from __future__ import annotations

from sqlalchemy import select

from app.outbox.models import NotificationPreference
from tests.conftest import csrf_from

FORM = {"email_enabled": "on", "push_enabled": "on", "remind_hours_before": "1",
        "quiet_from": "20:00", "quiet_until": "09:00"}


def _choice(db, person_id):
    db.expire_all()
    return db.scalar(select(NotificationPreference).where(
        NotificationPreference.person_id == person_id))


def test_the_page_explains_notifications_before_the_button(browser_as, personas):
    page = browser_as(personas.candidate).get("/settings", headers={"Accept-Language": "nl"})
    assert page.status_code == 200
    html = page.text
    explained = html.index("Een melding is een kort bericht")
    button = html.index("Meldingen aanzetten")
    assert explained < html.index("zegt niet wat het nieuws is") < button
    # The button only works with the script (no inline handler under the CSP); nothing asks
    # on load: the script waits for the press.
    assert 'data-push-action="on"' in html and "onclick" not in html
    assert "Rustige tijd" in html and 'value="21:00"' in html and 'value="08:00"' in html


def test_everybody_saves_their_own_choices_on_the_page(browser_as, personas, db):
    for person_id in (personas.candidate, personas.parent, personas.consultant, personas.admin):
        client = browser_as(person_id)
        page = client.get("/settings")
        saved = client.post("/settings/notifications", data={
            **FORM, "version": "0", "csrf_token": csrf_from(page.text)}, follow_redirects=False)
        assert saved.status_code == 303, person_id
        choice = _choice(db, person_id)
        assert choice.push_enabled and choice.email_enabled and not choice.remind_day_before
        assert choice.remind_hours_before == 1 and choice.quiet_from.hour == 20
    # Nobody else's choices changed.
    assert _choice(db, personas.backup_consultant) is None


def test_bad_quiet_hours_show_the_form_again_in_dutch_and_store_nothing(browser_as, personas,
                                                                         db):
    client = browser_as(personas.candidate)
    page = client.get("/settings")
    response = client.post("/settings/notifications", headers={"Accept-Language": "nl"}, data={
        **FORM, "quiet_until": "", "version": "0", "csrf_token": csrf_from(page.text)})
    assert response.status_code == 422
    assert "Vul allebei de tijden in." in response.text
    assert _choice(db, personas.candidate) is None


def test_a_stale_form_does_not_overwrite_newer_choices(browser_as, personas, db):
    client = browser_as(personas.candidate)
    token = csrf_from(client.get("/settings").text)
    first = client.post("/settings/notifications", data={**FORM, "version": "0",
                                                         "csrf_token": token})
    assert first.status_code == 200  # followed to the page
    stale = client.post("/settings/notifications", data={
        **FORM, "push_enabled": "", "version": "0", "csrf_token": token})
    assert stale.status_code in (409, 412)
    assert _choice(db, personas.candidate).push_enabled is True


def test_without_sign_in_nothing_is_saved(client, personas, db):
    response = client.post("/settings/notifications", data={**FORM, "version": "0"},
                           follow_redirects=False)
    assert response.status_code in (303, 401, 403)
    assert db.scalar(select(NotificationPreference.id)) is None


def test_staff_find_their_choices_from_the_back_office(browser_as, personas):
    caseload = browser_as(personas.consultant).get("/office", headers={"Accept-Language": "nl"})
    assert caseload.status_code == 200
    assert 'href="/settings#notifications"' in caseload.text
