"""The consultants part of the organisation page: invite (link shown once), new link, switch
off, move a caseload; and the welcome page of the invited consultant."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.contacts.models import ContactAssignment
from app.people.models import Person
from tests.conftest import csrf_from

URL = "/office/organisation"


def _link(html: str) -> str:
    return re.search(r"<code>(http://testserver/welcome/[^<]+)</code>", html).group(1)


def test_invite_shows_the_link_once_and_the_welcome_page_sets_the_password(browser_as, client,
                                                                          personas, db):
    anouk = browser_as(personas.admin)
    csrf = csrf_from(anouk.get(URL).text)
    invited = anouk.post(f"{URL}/consultants", data={
        "csrf_token": csrf, "display_name": "Noor Aydin", "email": "noor@almere.test"})
    assert invited.status_code == 201
    link = _link(invited.text)
    assert "welcome/" not in anouk.get(URL).text  # shown only once
    path = link.removeprefix("http://testserver")
    welcome = client.get(path)
    assert welcome.status_code == 200 and 'autocomplete="new-password"' in welcome.text
    done = client.post(path, data={"password": "een lange nieuwe zin",
                                   "password_again": "een lange nieuwe zin"})
    assert done.status_code == 200
    assert client.post("/api/v1/auth/login", json={
        "email": "noor@almere.test", "password": "een lange nieuwe zin"}).status_code == 200


def test_a_taken_email_address_comes_back_in_the_form(browser_as, personas):
    anouk = browser_as(personas.admin)
    csrf = csrf_from(anouk.get(URL).text)
    taken = anouk.post(f"{URL}/consultants", headers={"Accept-Language": "en"}, data={
        "csrf_token": csrf, "display_name": "Floor 2", "email": "floor@almere.demo"})
    assert taken.status_code == 409
    assert "E-mail address: This e-mail address is already in use." in taken.text
    assert 'value="Floor 2"' in taken.text


def test_switch_off_and_move_a_caseload(browser_as, personas, db):
    anouk = browser_as(personas.admin)
    csrf = csrf_from(anouk.get(URL).text)
    sander = browser_as(personas.backup_consultant)
    assert sander.get("/office/team").status_code == 200
    off = anouk.post(f"{URL}/consultants/{personas.backup_consultant}/deactivate",
                     data={"csrf_token": csrf}, follow_redirects=False)
    assert off.status_code == 303
    assert sander.get("/office/team").status_code == 401
    db.expire_all()
    assert db.get(Person, personas.backup_consultant).is_active is False
    self_off = anouk.post(f"{URL}/consultants/{personas.admin}/deactivate",
                          data={"csrf_token": csrf})
    assert self_off.status_code == 409
    moved = anouk.post(f"{URL}/reassign", data={
        "csrf_token": csrf, "from_id": str(personas.consultant),
        "to_consultant_id": str(personas.colleague)}, follow_redirects=False)
    assert moved.status_code == 303 and "moved=1" in moved.headers["location"]
    page = anouk.get(moved.headers["location"], headers={"Accept-Language": "en"})
    assert "1 candidate has a new contact person." in page.text
    assignment = db.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == personas.candidate))
    db.refresh(assignment)
    assert assignment.primary_id == personas.colleague
    refused = anouk.post(f"{URL}/reassign", data={
        "csrf_token": csrf, "from_id": str(personas.colleague), "to_consultant_id": ""})
    assert refused.status_code == 422


def test_consultants_do_not_manage_colleagues(browser_as, personas):
    floor = browser_as(personas.consultant)
    csrf = csrf_from(floor.get("/office/team").text)
    response = floor.post(f"{URL}/consultants/{personas.colleague}/deactivate",
                          data={"csrf_token": csrf})
    assert response.status_code == 403


def test_an_unknown_welcome_link(client):
    response = client.get("/welcome/" + "x" * 43)
    assert response.status_code == 404
