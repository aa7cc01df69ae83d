"""The candidate app's pages: who may open them, what they show, and their forms."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.messages.models import Message
from app.network.models import NetworkGrant
from tests.conftest import csrf_from

PAGES = ["", "/steps", "/appointments", "/messages", "/more", "/guarantee", "/network"]


@pytest.mark.parametrize("path", PAGES)
def test_candidate_opens_every_page_of_their_file(path, browser_as, personas):
    response = browser_as(personas.candidate).get(f"/c/{personas.candidate}{path}")
    assert response.status_code == 200
    assert 'aria-label="Hoofdmenu"' in response.text or "tabbar" in response.text
    assert "data-read-root" in response.text


@pytest.mark.parametrize(("path", "status"), [
    ("", 200), ("/steps", 200), ("/appointments", 404), ("/messages", 200), ("/more", 200),
    ("/guarantee", 404), ("/network", 404),
])
def test_network_member_sees_only_consented_areas(path, status, browser_as, personas):
    """Jan the mentor may see the steps only."""
    response = browser_as(personas.steps_only_member).get(f"/c/{personas.candidate}{path}")
    assert response.status_code == status
    if status == 200:
        assert "Je kijkt mee met Guy" in response.text


def test_network_menu_lists_only_consented_areas(browser_as, personas):
    html = browser_as(personas.steps_only_member).get(f"/c/{personas.candidate}").text
    nav = html.split('class="tabbar"', 1)[1]
    assert f"/c/{personas.candidate}/steps" in nav
    assert f"/c/{personas.candidate}/appointments" not in nav


@pytest.mark.parametrize("who", ["consultant", "admin", "other_candidate", "other_consultant"])
def test_others_cannot_open_the_candidate_pages(who, browser_as, personas):
    response = browser_as(getattr(personas, who)).get(f"/c/{personas.candidate}/steps")
    assert response.status_code == 404
    assert "We kunnen dit niet vinden" in response.text


def test_anonymous_gets_the_sign_in_explanation(client, personas):
    response = client.get(f"/c/{personas.candidate}/steps")
    assert response.status_code == 401 and "/code" in response.text


def test_home_shows_step_appointment_contact_and_trial_week(browser_as, personas):
    html = browser_as(personas.candidate).get("/").text
    assert "Hallo Guy" in html
    assert "Week 3 van 8" in html
    assert "Floor de Vries" in html and 'href="tel:0365399999"' in html
    assert "Gesprek over je proefplaatsing" in html
    assert "Als het niet lukt" in html


def test_steps_timeline_marks_done_now_and_later(browser_as, personas):
    html = browser_as(personas.candidate).get(f"/c/{personas.candidate}/steps").text
    # Guy is past his positive advice, on trial, with his day activities kept beside it.
    assert html.count("timeline-step is-done") == 6
    assert html.count("timeline-step is-current") == 2
    assert "timeline-step is-todo" in html
    assert "Je dagbesteding blijft" in html
    assert "De hele route duurt ongeveer 5 maanden" in html  # said up front


def test_asking_a_question_from_the_page(browser_as, personas, db):
    browser = browser_as(personas.candidate)
    page = browser.get(f"/c/{personas.candidate}/messages")
    response = browser.post(f"/c/{personas.candidate}/messages",
                            data={"csrf_token": csrf_from(page.text),
                                  "body": "Mag ik vrij op vrijdag?"},
                            follow_redirects=True)
    assert response.status_code == 200
    assert "Mag ik vrij op vrijdag?" in response.text and "Je vraag is verstuurd" in response.text


def test_an_empty_question_shows_an_error_and_stores_nothing(browser_as, personas, db):
    browser = browser_as(personas.candidate)
    before = db.scalar(select(func.count()).select_from(Message))
    page = browser.get(f"/c/{personas.candidate}/messages")
    response = browser.post(f"/c/{personas.candidate}/messages",
                            data={"csrf_token": csrf_from(page.text), "body": "   "})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert db.scalar(select(func.count()).select_from(Message)) == before


def test_invite_change_and_revoke_from_the_network_page(browser_as, personas, db):
    browser = browser_as(personas.candidate)
    page = browser.get(f"/c/{personas.candidate}/network")
    token = csrf_from(page.text)
    invited = browser.post(f"/c/{personas.candidate}/network", data={
        "csrf_token": token, "display_name": "Papa", "relation": "vader",
        "areas": ["steps", "guarantee"]})
    assert invited.status_code == 201
    assert "<svg" in invited.text and "/i/" in invited.text
    grant = db.scalar(select(NetworkGrant).order_by(NetworkGrant.id.desc()))
    assert grant.areas == ["steps", "guarantee"] and grant.consent_method == "in_app"
    changed = browser.post(f"/c/{personas.candidate}/network/{grant.id}/areas", data={
        "csrf_token": token, "version": grant.version, "areas": ["steps"]}, follow_redirects=False)
    assert changed.status_code == 303
    stale = browser.post(f"/c/{personas.candidate}/network/{grant.id}/areas", data={
        "csrf_token": token, "version": grant.version, "areas": ["money"]})
    assert stale.status_code == 412 and 'role="alert"' in stale.text
    revoked = browser.post(f"/c/{personas.candidate}/network/{grant.id}/revoke",
                           data={"csrf_token": token}, follow_redirects=False)
    assert revoked.status_code == 303
    db.expire_all()
    assert db.get(NetworkGrant, grant.id).revoked_at is not None


def test_invite_without_areas_shows_the_error(browser_as, personas, db):
    browser = browser_as(personas.candidate)
    before = db.scalar(select(func.count()).select_from(NetworkGrant))
    token = csrf_from(browser.get(f"/c/{personas.candidate}/network").text)
    response = browser.post(f"/c/{personas.candidate}/network",
                            data={"csrf_token": token, "display_name": "Papa"})
    assert response.status_code == 422 and 'role="alert"' in response.text
    assert db.scalar(select(func.count()).select_from(NetworkGrant)) == before


def test_settings_change_language_and_text_size(browser_as, personas):
    browser = browser_as(personas.candidate)
    page = browser.get("/settings")
    version = page.text.split('name="version" value="', 1)[1].split('"', 1)[0]
    response = browser.post("/settings/preferences", data={
        "csrf_token": csrf_from(page.text), "version": version, "locale": "en",
        "text_size": "larger", "read_aloud": "on"}, follow_redirects=False)
    assert response.status_code == 303
    assert "sw_lang=en" in response.headers["set-cookie"]
    after = browser.get("/settings")
    assert '<html lang="en"' in after.text and "text-larger" in after.text


def test_who_viewed_my_data_in_plain_words(browser_as, login_as, personas):
    login_as(personas.consultant).get(f"/api/v1/candidates/{personas.candidate}/journey")
    html = browser_as(personas.candidate).get("/settings").text
    assert "Floor de Vries (je contactpersoon) keek vandaag naar je stappen." in html


def test_cannot_come_form_sends_a_message(browser_as, personas, db):
    from app.appointments.models import Appointment

    appointment = db.scalar(
        select(Appointment)
        .where(Appointment.candidate_id == personas.candidate)
        .order_by(Appointment.starts_at.desc())
    )
    browser = browser_as(personas.candidate)
    page = browser.get(f"/c/{personas.candidate}/appointments/{appointment.id}")
    assert "Ik kan niet komen" in page.text
    response = browser.post(f"/c/{personas.candidate}/appointments/{appointment.id}/cannot-come",
                            data={"csrf_token": csrf_from(page.text), "note": "Ziek"},
                            follow_redirects=True)
    assert response.status_code == 200 and 'role="status"' in response.text
    message = db.scalar(select(Message).order_by(Message.id.desc()))
    assert message.about_appointment_id == appointment.id and message.body == "Ziek"


@pytest.mark.parametrize("note", ["", "   "])
def test_cannot_come_without_a_note_is_refused_and_stores_nothing(note, browser_as, personas, db):
    from app.appointments.models import Appointment

    appointment = db.scalar(select(Appointment).where(
        Appointment.candidate_id == personas.candidate).order_by(Appointment.starts_at.desc()))
    before = db.scalar(select(func.count()).select_from(Message))
    browser = browser_as(personas.candidate)
    page = browser.get(f"/c/{personas.candidate}/appointments/{appointment.id}")
    response = browser.post(f"/c/{personas.candidate}/appointments/{appointment.id}/cannot-come",
                            data={"csrf_token": csrf_from(page.text), "note": note})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "Schrijf waarom je niet kunt komen, of wat beter past." in response.text
    assert re.search(r'<textarea id="note"[^>]*aria-invalid="true"', response.text)
    assert "Je bericht is verstuurd." not in response.text
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Message)) == before
